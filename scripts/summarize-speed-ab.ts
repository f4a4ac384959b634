/**
 * Two builds' summarize stage side by side in one process: the same Article objects
 * (sentences and quotes found beforehand by this build, not timed), passes over them in
 * alternating order, CPU time of the process per pass. On a shared machine the load moves
 * both builds' passes alike, so their medians compare where separate runs cannot.
 *
 *   node dist/scripts/summarize-speed-ab.js --base /tmp/base/dist --new dist [--data FILE] [--limit 2000] [--rounds 12]
 *
 * `--base` and `--new` are `dist` folders of two builds (`git archive` + `npx tsc -p tsconfig.build.json`).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { SCHEMA_VERSION } from '../src/article/schema.js';
import type { Article } from '../src/article/types.js';
import type { DigestOptions } from '../src/digest-options.js';
import { readJsonl } from '../src/eval/data.js';
import type { Stage } from '../src/pipeline.js';
import { bodyOfRecord } from '../src/summarize/article-body.js';
import { quotesOf } from '../src/summarize/eval-summarize.js';
import { sentenceSpans } from '../src/text/sentences.js';

const { values } = parseArgs({
  options: {
    base: { type: 'string' },
    new: { type: 'string' },
    data: { type: 'string', default: '../shared/data/cnndm/test.jsonl.gz' },
    limit: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '12' },
  },
});
if (!values.base || !values.new) {
  console.error('--base DIST and --new DIST are required');
  process.exit(2);
}

async function stageOf(dist: string): Promise<Stage> {
  const url = pathToFileURL(resolve(dist, 'src/summarize/index.js')).href;
  return ((await import(url)) as { summarizeStage: Stage }).summarizeStage;
}

const builds: [string, Stage][] = [
  ['base', await stageOf(values.base)],
  ['new', await stageOf(values.new)],
];
const articles: Article[] = [];
for await (const rec of readJsonl<{ id?: unknown; article?: unknown; text?: unknown }>(
  values.data!,
  Number(values.limit),
)) {
  const text = bodyOfRecord(rec);
  if (text === undefined) continue;
  const sentences = sentenceSpans(text);
  articles.push({
    schemaVersion: SCHEMA_VERSION,
    id: String(rec.id ?? articles.length),
    text,
    source: { format: 'text' },
    sentences,
    quotes: await quotesOf(text, sentences),
  });
}
const options: DigestOptions = { summarize: { highlights: 'extractive' } };
const rates = new Map<string, number[]>(builds.map(([name]) => [name, []]));
const rounds = Number(values.rounds);
for (let r = 0; r < rounds; r++) {
  // Alternate which build goes first, so that neither always runs after the other's garbage.
  const order = r % 2 ? [builds[1]!, builds[0]!] : builds;
  for (const [name, stage] of order) {
    const c0 = process.cpuUsage();
    for (const a of articles) stage.run(a, options);
    const c = process.cpuUsage(c0);
    rates.get(name)!.push(Math.round(articles.length / ((c.user + c.system) / 1e6)));
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
for (const [name, xs] of rates) {
  console.log(`${name}: articles per CPU-second, passes ${xs.join(' ')}; median ${median(xs)}`);
}
const b = rates.get('base')!;
const n = rates.get('new')!;
console.log(
  JSON.stringify({
    task: 'summarize-speed-ab',
    articles: articles.length,
    rounds,
    baseMedian: median(b),
    newMedian: median(n),
    newAheadInPairs: n.filter((x, i) => x > b[i]!).length,
  }),
);
