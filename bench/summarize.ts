/**
 * `bench summarize`: the summarize stage (learned extractive highlights) on
 * CNN/DailyMail-style records `{id, article}` with their sentences given (split by
 * the text stage beforehand, outside the timing) and, for the model, the quotes layer it
 * reads (found by the quotes stage beforehand, also outside the timing), side by side with the peers
 * `summarize-lead3` and `summarize-textrank` fed the same articles in the same run.
 * `--method` times another of our methods; `--peers a,b` picks the peers.
 */

import { SCHEMA_VERSION } from '../src/article/schema.js';
import type { Article } from '../src/article/types.js';
import { readJsonl } from '../src/eval/data.js';
import { bodyOfRecord } from '../src/summarize/article-body.js';
import { quotesOf } from '../src/summarize/eval-summarize.js';
import { parseMethod } from '../src/summarize/extract.js';
import { summarizeStage } from '../src/summarize/index.js';
import { loadSummarizer } from '../src/summarize/model.js';
import { sentenceSpans } from '../src/text/sentences.js';
import { peerAvailable, runPeer, speedReport, type Timing, timeOurs } from './harness.js';
import type { BenchTask } from './registry.js';

const DEFAULT_LIMIT = 2000;
const DEFAULT_PEERS = ['summarize-lead3', 'summarize-textrank'];

export const summarizeBench: BenchTask = {
  name: 'summarize',
  summary:
    'summarize stage (sentences given) vs summarize-lead3 and summarize-textrank, articles/s on one core',
  defaultData: 'cnndm/validation.jsonl.gz',
  flags: {
    method: 'model (default) | lead3 | textrank | lexrank',
    peers: `comma-separated peer wrappers (default ${DEFAULT_PEERS.join(',')}; "none" for none)`,
  },
  async run(args) {
    const method = parseMethod(args.flags['method']);
    const limit = args.limit ?? DEFAULT_LIMIT;
    const withQuotes = method === 'model';
    const articles: Article[] = [];
    const records: { id: string; article: string }[] = [];
    for await (const rec of readJsonl<{ id?: unknown; article?: unknown; text?: unknown }>(
      args.data,
      limit,
    )) {
      const body = bodyOfRecord(rec);
      if (body === undefined) continue;
      const id = String(rec.id ?? articles.length);
      records.push({ id, article: body });
      const sentences = sentenceSpans(body);
      articles.push({
        schemaVersion: SCHEMA_VERSION,
        id,
        text: body,
        source: { format: 'text' },
        sentences,
        // The quotes layer, which the model reads, as digest() has it (found beforehand, not timed).
        ...(withQuotes ? { quotes: await quotesOf(body, sentences) } : {}),
      });
    }
    if (method === 'model') loadSummarizer(); // loaded once, as a long-running process would
    const options = { summarize: { highlights: 'extractive' as const, method } };
    const bytes = (a: Article) => Buffer.byteLength(a.text);
    const ours = timeOurs(`newsdigest summarize (${method})`, articles, bytes, (a) =>
      summarizeStage.run(a, options),
    );
    // One more pass timed in CPU time of this process: on a shared machine wall time
    // also counts other jobs' turns on the core.
    const cpu0 = process.cpuUsage();
    for (const a of articles) summarizeStage.run(a, options);
    const cpu = process.cpuUsage(cpu0);
    const cpuRate = articles.length / ((cpu.user + cpu.system) / 1e6);
    const totalBytes = articles.reduce((s, a) => s + bytes(a), 0);
    const peerFlag = typeof args.flags['peers'] === 'string' ? args.flags['peers'] : undefined;
    const peerNames = peerFlag === 'none' ? [] : peerFlag ? peerFlag.split(',') : DEFAULT_PEERS;
    const peers: Timing[] = [];
    const notes: string[] = [];
    for (const name of peerNames) {
      if (!peerAvailable(name)) {
        notes.push(`peer ${name} is not installed: skipped`);
        continue;
      }
      peers.push((await runPeer(name, records, totalBytes)).timing);
    }
    const report = speedReport('summarize', ours, peers, {
      method,
      sentencesGiven: true,
      quotesGiven: withQuotes,
      cpuRate: Math.round(cpuRate),
    });
    report.notes = [
      ...(report.notes ?? []),
      `${articles.length} articles of ${args.data}; ours: sentences${withQuotes ? ' and quotes' : ''} given (found beforehand, not timed); peers split their own`,
      `ours per CPU-second of this process: ${Math.round(cpuRate)} articles/s`,
      ...notes,
    ];
    return report;
  },
};
