/**
 * Speed of the quotes stage with the rules' cues and with cue taggers, in the same
 * process, interleaved (A, B, A, B, …) so that load on the shared machine hits every
 * variant alike. CPU time of this process and wall time, per article; sentences are
 * split beforehand (as the text stage would have). Used to compare candidate models
 * before one is shipped; `bench quotes` is the project's figure.
 *
 *   node dist/scripts/quotes-cue-speed.js [--data FILE] [--rounds 5] [MODEL.json …]
 *
 * Without a model path, the shipped tagger (models/quotes/cue-tagger.json) is timed, alone and with
 * the shipped re-scorer (the stage as shipped).
 */
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { SCHEMA_VERSION } from '../src/article/schema.js';
import type { Article } from '../src/article/types.js';
import { readJsonl } from '../src/eval/data.js';
import { shippedLexicon } from '../src/quotes/cue-lexicon.js';
import { type CueRescorer, shippedRescorer } from '../src/quotes/cue-rescorer.js';
import { type CueTagger, loadTagger, shippedTagger } from '../src/quotes/cue-tagger.js';
import { findQuotes } from '../src/quotes/index.js';
import { sentenceSpans } from '../src/text/sentences.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { data: { type: 'string' }, rounds: { type: 'string' } },
});
const data = resolve(values.data ?? '../shared/data/quotes-polnear/polnear.jsonl');
const rounds = Number(values.rounds ?? 5);
const articles: Article[] = [];
for await (const r of readJsonl(data)) {
  if (typeof r['text'] !== 'string') continue;
  const text = r['text'];
  articles.push({
    schemaVersion: SCHEMA_VERSION,
    id: String(articles.length),
    text,
    source: { format: 'text' },
    sentences: sentenceSpans(text),
  });
}
const lexicon = shippedLexicon();
const variants: { label: string; tagger?: CueTagger; rescorer?: CueRescorer }[] = [{ label: 'rules' }];
if (positionals.length) for (const p of positionals) variants.push({ label: p, tagger: loadTagger(p) });
else {
  variants.push({ label: 'shipped tagger', tagger: shippedTagger() });
  // The stage as shipped: the tagger's spans judged by the re-scorer.
  variants.push({
    label: 'shipped tagger + re-scorer',
    tagger: shippedTagger(),
    rescorer: shippedRescorer(),
  });
}
const cpu = variants.map(() => 0);
const wall = variants.map(() => 0);
let sink = 0;
for (const v of variants)
  for (const a of articles.slice(0, 100)) sink += findQuotes(a, lexicon, v.tagger, v.rescorer).length;
for (let r = 0; r < rounds; r++) {
  for (const [k, v] of variants.entries()) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (const a of articles) sink += findQuotes(a, lexicon, v.tagger, v.rescorer).length;
    wall[k]! += performance.now() - t0;
    const c = process.cpuUsage(c0);
    cpu[k]! += (c.user + c.system) / 1000;
  }
}
const n = articles.length * rounds;
console.log(`${articles.length} articles × ${rounds} rounds (${sink > 0 ? 'ok' : 'none found'})`);
console.log('| cues | CPU ms/article | articles/CPU-s | wall ms/article | vs rules (CPU) |');
console.log('| --- | --- | --- | --- | --- |');
for (const [k, v] of variants.entries()) {
  console.log(
    `| ${v.label} | ${(cpu[k]! / n).toFixed(3)} | ${Math.round((n * 1000) / cpu[k]!)} | ${(wall[k]! / n).toFixed(3)} | ${(cpu[k]! / cpu[0]!).toFixed(2)} |`,
  );
}
