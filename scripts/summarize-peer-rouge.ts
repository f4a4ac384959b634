/**
 * Scores a peer summarizer (../shared/peers/bin/summarize-*) with our ROUGE on the same
 * records `eval summarize` reads, so that peers' figures can be quoted from the same run
 * as ours. Its sentences are joined by newlines, as ours are.
 *
 *   node dist/scripts/summarize-peer-rouge.js --peer summarize-lead3 --data FILE [--limit N]
 */
import { parseArgs } from 'node:util';
import { peerAvailable, runPeer } from '../bench/harness.js';
import { readJsonl } from '../src/eval/data.js';
import { bodyOfRecord } from '../src/summarize/article-body.js';
import { ROUGE_TYPES, rougeScores } from '../src/summarize/rouge.js';

const { values } = parseArgs({
  options: {
    peer: { type: 'string', default: 'summarize-lead3' },
    data: { type: 'string' },
    limit: { type: 'string' },
  },
});
if (!values.data) {
  console.error('--data FILE is required');
  process.exit(2);
}
const peer = values.peer!;
if (!peerAvailable(peer)) {
  console.error(`peer ${peer} is not installed`);
  process.exit(2);
}
const records: { id: string; article: string }[] = [];
const references: string[] = [];
const limit = values.limit ? Number(values.limit) : undefined;
for await (const rec of readJsonl<{ id?: unknown; article?: unknown; text?: unknown; highlights?: unknown }>(
  values.data,
  limit,
)) {
  const body = bodyOfRecord(rec);
  if (body === undefined || typeof rec.highlights !== 'string') continue;
  records.push({ id: String(rec.id ?? records.length), article: body });
  references.push(rec.highlights);
}
const { outputs, timing } = await runPeer(peer, records, 0);
const sums = Object.fromEntries(ROUGE_TYPES.map((t) => [t, 0])) as Record<
  (typeof ROUGE_TYPES)[number],
  number
>;
let failed = 0;
for (const [i, out] of outputs.entries()) {
  const sentences = Array.isArray(out['sentences']) ? (out['sentences'] as string[]) : [];
  if (!Array.isArray(out['sentences'])) failed++;
  const s = rougeScores(references[i]!, sentences.map((x) => x.replace(/\s*\n\s*/g, ' ')).join('\n'));
  for (const t of ROUGE_TYPES) sums[t] += s[t].fmeasure;
}
const n = Math.max(outputs.length, 1);
const r = (t: (typeof ROUGE_TYPES)[number]) => Math.round((sums[t] / n) * 1e6) / 1e6;
console.log(
  JSON.stringify({
    task: 'summarize-peer',
    peer,
    articles: outputs.length,
    failed,
    rouge1: r('rouge1'),
    rouge2: r('rouge2'),
    rougeL: r('rougeL'),
    rougeLsum: r('rougeLsum'),
    articlesPerSecond: Math.round(timing.rate),
  }),
);
