/**
 * `newsdigest bench text`: our sentences + tokens against the sentence splitters a
 * user would otherwise pick (npm `sbd`, the fastest, and wink-nlp), on the same
 * articles in the same run. Ours runs in this process on one thread, in the
 * allocation-light form the stages use (flat offsets into reused arrays); each
 * peer runs as one process fed JSONL (start-up included, as the harness does).
 *
 * The machine is shared, so its load changes during a run: ours and the first
 * peer are timed in alternating rounds, each round pairing the two, and the round
 * with the median ratio is the one shown. Slower peers (far from the ratio in
 * question) run once. Beside wall time, CPU seconds (ours: this process; peers:
 * under /usr/bin/time) give per-core figures, since on a loaded machine a process
 * also waits for a core.
 *
 * Data: JSONL (plain or .gz) with the text in `article` (CNN/DM) or `text`.
 */
import { performance } from 'node:perf_hooks';
import { NewsdigestError } from '../src/errors.js';
import { readJsonl } from '../src/eval/data.js';
import type { EvalReport } from '../src/eval/report.js';
import { round } from '../src/eval/report.js';
import { cpuTimedCommand, sbdPeerPath } from '../src/text/sbd-peers.js';
import { sentenceOffsets } from '../src/text/sentences.js';
import { tokenOffsets } from '../src/text/tokens.js';
import { makeTiming, runPeer, speedReport, type Timing, timeOurs } from './harness.js';
import type { BenchTask } from './registry.js';

const DEFAULT_PEERS = ['sbd', 'wink'];
const ROUNDS = 3;

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

interface Measured {
  timing: Timing;
  /** MB per CPU-second, when the CPU time is known. */
  cpuMbPerSecond: number | undefined;
}

/** Whole passes over the texts for at least `minSeconds`, wall and CPU time both. */
function timePasses(
  label: string,
  texts: readonly string[],
  bytes: number,
  fn: (t: string) => unknown,
  minSeconds: number,
): Measured {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let passes = 0;
  let sink = 0;
  do {
    for (const t of texts) sink += fn(t) ? 1 : 0;
    passes++;
  } while ((performance.now() - t0) / 1000 < minSeconds);
  const seconds = (performance.now() - t0) / 1000 / passes;
  const cpu = process.cpuUsage(cpu0);
  if (sink < 0) console.log(sink);
  const timing = makeTiming(label, texts.length, bytes, seconds);
  return { timing, cpuMbPerSecond: (bytes * passes) / 1e6 / ((cpu.user + cpu.system) / 1e6) };
}

function medianBy<T>(items: readonly T[], key: (t: T) => number): T {
  const sorted = [...items].sort((a, b) => key(a) - key(b));
  return sorted[(sorted.length - 1) >> 1]!;
}

function median(xs: readonly number[]): number {
  return medianBy(xs, (x) => x);
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
    const first = [...paths.keys()][0];
    const records = texts.map((text, k) => ({ id: String(k), text }));
    interface Round {
      ours: Measured;
      peers: Map<string, Measured>;
    }
    const rounds: Round[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const ours = timePasses('newsdigest sentences+tokens', texts, bytes, both, 1);
      const peers = new Map<string, Measured>();
      for (const [name, path] of paths) {
        if (r > 0 && name !== first) continue;
        const timed = cpuTimedCommand(path, `sbd-${name}`);
        const run = await runPeer(timed?.command ?? path, records, bytes);
        run.timing.label = `sbd-${name}`;
        const cpu = timed?.cpuSeconds();
        peers.set(name, { timing: run.timing, cpuMbPerSecond: cpu ? bytes / 1e6 / cpu : undefined });
      }
      rounds.push({ ours, peers });
    }
    const wallRatio = (r: Round) =>
      first ? r.ours.timing.rate / r.peers.get(first)!.timing.rate : r.ours.timing.rate;
    const shown = medianBy(rounds, wallRatio);
    const peerTimings = [...paths.keys()].map(
      (name) => (shown.peers.get(name) ?? rounds[0]!.peers.get(name))!.timing,
    );
    const cpuRatios = rounds
      .map((r) => {
        const p = first ? r.peers.get(first)?.cpuMbPerSecond : undefined;
        return p && r.ours.cpuMbPerSecond ? r.ours.cpuMbPerSecond / p : undefined;
      })
      .filter((x): x is number => x !== undefined);
    const oursCpu = median(rounds.map((r) => r.ours.cpuMbPerSecond ?? 0));
    const peerCpu: Record<string, number> = {};
    for (const name of paths.keys()) {
      const values = rounds
        .map((r) => r.peers.get(name)?.cpuMbPerSecond)
        .filter((x): x is number => x !== undefined);
      if (values.length) peerCpu[name] = round(median(values), 3);
    }
    notes.push(
      `${ROUNDS} alternating rounds, the median-ratio round shown; ours per round: ${rounds
        .map((r) => r.ours.timing.mbPerSecond.toFixed(1))
        .join(', ')} MB/s wall` +
        (first
          ? `; sbd-${first} per round: ${rounds.map((r) => r.peers.get(first)!.timing.rate.toFixed(0)).join(', ')} articles/s; ratio per round: ${rounds
              .map((r) => wallRatio(r).toFixed(2))
              .join(', ')}`
          : ''),
      `per CPU-second (median round): ours ${oursCpu.toFixed(1)} MB/s` +
        Object.entries(peerCpu)
          .map(([n, v]) => `, sbd-${n} ${v.toFixed(2)} MB/s`)
          .join('') +
        (cpuRatios.length ? `; CPU ratio vs sbd-${first}: ${median(cpuRatios).toFixed(2)}x` : ''),
    );
    const report = speedReport('text', shown.ours.timing, peerTimings, {
      cpuMbPerSecond: round(oursCpu, 3),
      ...(cpuRatios.length ? { cpuRatio: round(median(cpuRatios), 2), peersCpuMbPerSecond: peerCpu } : {}),
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
