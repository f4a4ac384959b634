/**
 * `newsdigest bench text`: our sentences + tokens against the sentence splitters a
 * user would otherwise pick (npm `sbd`, the fastest, and wink-nlp), on the same
 * articles in the same run. Ours runs in this process on one thread, in the
 * allocation-light form the stages use (flat offsets into reused arrays); each
 * peer runs as one process fed JSONL (start-up included, as the harness does).
 *
 * Data: JSONL (plain or .gz) with the text in `article` (CNN/DM) or `text`.
 */
import { performance } from 'node:perf_hooks';
import { NewsdigestError } from '../src/errors.js';
import { readJsonl } from '../src/eval/data.js';
import type { EvalReport } from '../src/eval/report.js';
import { round } from '../src/eval/report.js';
import { sbdPeerPath } from '../src/text/sbd-peers.js';
import { sentenceOffsets } from '../src/text/sentences.js';
import { tokenOffsets } from '../src/text/tokens.js';
import { runPeer, speedReport, type Timing, timeOurs } from './harness.js';
import type { BenchTask } from './registry.js';

const DEFAULT_PEERS = ['sbd', 'wink'];
const ROUNDS = 3;

/** The timing with the median rate. */
function median(timings: readonly Timing[]): Timing {
  const sorted = [...timings].sort((a, b) => a.rate - b.rate);
  return sorted[(sorted.length - 1) >> 1]!;
}

async function readTexts(path: string, limit: number | undefined): Promise<string[]> {
  const texts: string[] = [];
  for await (const r of readJsonl(path, limit)) {
    const t = typeof r['article'] === 'string' ? r['article'] : r['text'];
    if (typeof t === 'string' && t.trim() !== '') texts.push(t);
  }
  if (texts.length === 0)
    throw new NewsdigestError('E_EMPTY', path, 'has no records with an "article" or "text" string');
  return texts;
}

export const textBench: BenchTask = {
  name: 'text',
  summary: 'sentences + tokens vs npm sbd and wink-nlp (articles/s, MB/s, ratio)',
  defaultData: 'cnndm/test.jsonl.gz',
  flags: { peers: 'NAMES: peers to run (comma-separated sbd wrappers; default sbd,wink)' },
  async run({ data, limit, flags }): Promise<EvalReport> {
    const texts = await readTexts(data, limit);
    const bytesOf = (t: string) => Buffer.byteLength(t, 'utf8');
    const bytes = texts.reduce((n, t) => n + bytesOf(t), 0);
    const sentences: number[] = [];
    const tokens: number[] = [];
    let sentenceCount = 0;
    let tokenCount = 0;
    for (const t of texts) {
      sentences.length = 0;
      tokens.length = 0;
      sentenceCount += sentenceOffsets(t, 0, t.length, {}, sentences).length / 2;
      tokenCount += tokenOffsets(t, 0, t.length, tokens).length / 2;
    }
    const both = (t: string) => {
      sentences.length = 0;
      tokens.length = 0;
      sentenceOffsets(t, 0, t.length, {}, sentences);
      tokenOffsets(t, 0, t.length, tokens);
      return sentences.length + tokens.length;
    };
    const onlySentences = timeOurs('newsdigest sentences', texts, bytesOf, (t) => {
      sentences.length = 0;
      return sentenceOffsets(t, 0, t.length, {}, sentences).length;
    });
    const onlyTokens = timeOurs('newsdigest tokens', texts, bytesOf, (t) => {
      tokens.length = 0;
      return tokenOffsets(t, 0, t.length, tokens).length;
    });
    const names =
      typeof flags['peers'] === 'string'
        ? flags['peers'].split(',').map((s) => s.trim().replace(/^sbd-/, ''))
        : DEFAULT_PEERS;
    const notes: string[] = [];
    const paths = new Map<string, string>();
    for (const name of names) {
      const path = sbdPeerPath(name);
      if (path) paths.set(name, path);
      else notes.push(`peer sbd-${name} not installed (bash ../shared/peers/setup): skipped`);
    }
    // The machine is shared, so load changes during a run: ours and the fastest
    // peer are timed in alternating rounds and each figure is the median round.
    // Slower peers (far from the ratio in question) run once.
    const records = texts.map((text, k) => ({ id: String(k), text }));
    const oursRounds: Timing[] = [];
    const peerRounds = new Map<string, Timing[]>();
    for (let r = 0; r < ROUNDS; r++) {
      oursRounds.push(timeOurs('newsdigest sentences+tokens', texts, bytesOf, both, 1));
      for (const [name, path] of paths) {
        if (r > 0 && name !== names[0]) continue;
        const run = await runPeer(path, records, bytes);
        run.timing.label = `sbd-${name}`;
        peerRounds.set(name, [...(peerRounds.get(name) ?? []), run.timing]);
      }
    }
    // CPU time of our passes as well as wall time: on a shared machine a process also
    // waits for a core, and bytes per CPU-second is what one core does when it has it.
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    let passes = 0;
    do {
      for (const t of texts) both(t);
      passes++;
    } while (performance.now() - wall0 < 1000);
    const cpu = process.cpuUsage(cpu0);
    const cpuMbPerSecond = (bytes * passes) / 1e6 / ((cpu.user + cpu.system) / 1e6);
    notes.push(
      `ours per CPU-second (user + system time of this process, ${passes} passes): ${cpuMbPerSecond.toFixed(1)} MB/s`,
    );
    const ours = median(oursRounds);
    const peers = [...peerRounds.values()].map(median);
    notes.push(
      `ours and sbd-${names[0]} timed in ${ROUNDS} alternating rounds (median shown); ours per round: ${oursRounds
        .map((t) => t.mbPerSecond.toFixed(1))
        .join(', ')} MB/s; sbd-${names[0]} per round: ${(peerRounds.get(names[0]!) ?? [])
        .map((t) => t.rate.toFixed(0))
        .join(', ')} articles/s`,
    );
    const report = speedReport('text', ours, peers, {
      cpuMbPerSecond: round(cpuMbPerSecond, 3),
      sentences: sentenceCount,
      tokens: tokenCount,
      sentencesOnly: { rate: round(onlySentences.rate, 1), mbPerSecond: round(onlySentences.mbPerSecond, 3) },
      tokensOnly: { rate: round(onlyTokens.rate, 1), mbPerSecond: round(onlyTokens.mbPerSecond, 3) },
    });
    report.rows.splice(
      1,
      0,
      ...[onlySentences, onlyTokens].map((t) => [
        t.label,
        t.items,
        round(t.rate, 1),
        round(t.mbPerSecond, 2),
        '-',
      ]),
    );
    report.notes = [
      ...(report.notes ?? []),
      `data: ${data} (${texts.length} articles, ${bytes} bytes)`,
      ...notes,
    ];
    return report;
  },
};
