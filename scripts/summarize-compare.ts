/**
 * Two builds' highlights side by side on summarization records: for each article both
 * builds' summarize stages choose (extractive, the learned model) from the same sentences;
 * the quotes layer each reads is the quotes stage's of the `--quotes` build (`base` or
 * `new`, default `new`), or each build's own (`own`: to compare a change in the quotes
 * stage). Prints ROUGE of each (mean F, as `eval summarize`), how many articles' and
 * highlights' choices differ, and up to `--show` differing articles.
 *
 *   node dist/scripts/summarize-compare.js --base /tmp/base/dist --new dist [--data FILE] [--limit N] [--quotes base|new|own] [--show N]
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { SCHEMA_VERSION } from '../src/article/schema.js';
import type { Article, HighlightItem, Quote, Span } from '../src/article/types.js';
import type { DigestOptions } from '../src/digest-options.js';
import { readJsonl } from '../src/eval/data.js';
import type { Stage } from '../src/pipeline.js';
import { bodyOfRecord } from '../src/summarize/article-body.js';
import { ROUGE_TYPES, rougeScores } from '../src/summarize/rouge.js';
import { sentenceSpans } from '../src/text/sentences.js';

const { values } = parseArgs({
  options: {
    base: { type: 'string' },
    new: { type: 'string' },
    data: { type: 'string', default: '../shared/data/cnndm/validation.jsonl.gz' },
    limit: { type: 'string' },
    quotes: { type: 'string', default: 'new' },
    show: { type: 'string', default: '0' },
  },
});
if (!values.base || !values.new || !['base', 'new', 'own'].includes(values.quotes!)) {
  console.error('--base DIST and --new DIST are required; --quotes is base, new or own');
  process.exit(2);
}

interface Build {
  name: string;
  summarize: Stage;
  quotesOf: (text: string, sentences: readonly Span[]) => Promise<Quote[]>;
}

async function buildOf(name: string, dist: string): Promise<Build> {
  const load = (p: string) => import(pathToFileURL(resolve(dist, p)).href);
  const { summarizeStage } = (await load('src/summarize/index.js')) as { summarizeStage: Stage };
  const { quotesOf } = (await load('src/summarize/eval-summarize.js')) as Pick<Build, 'quotesOf'>;
  return { name, summarize: summarizeStage, quotesOf };
}

const builds = [await buildOf('base', values.base), await buildOf('new', values.new)];
const options: DigestOptions = { summarize: { highlights: 'extractive' } };
const sums = builds.map(() => Object.fromEntries(ROUGE_TYPES.map((t) => [t, 0])) as Record<string, number>);
const sentencesShown = [0, 0];
let articles = 0;
let changed = 0;
let itemsChanged = 0;
let shown = 0;
const show = Number(values.show);
const itemKey = (i: HighlightItem) => `${i.span?.start}-${i.span?.end}`;

for await (const rec of readJsonl<{ id?: unknown; article?: unknown; text?: unknown; highlights?: unknown }>(
  values.data!,
  values.limit ? Number(values.limit) : undefined,
)) {
  const text = bodyOfRecord(rec);
  if (text === undefined || typeof rec.highlights !== 'string') continue;
  const sentences = sentenceSpans(text);
  const shared =
    values.quotes === 'own'
      ? undefined
      : await builds[values.quotes === 'base' ? 0 : 1]!.quotesOf(text, sentences);
  const chosen: HighlightItem[][] = [];
  for (const [k, b] of builds.entries()) {
    const article: Article = {
      schemaVersion: SCHEMA_VERSION,
      id: String(rec.id ?? articles),
      text,
      source: { format: 'text' },
      sentences,
      quotes: shared ?? (await b.quotesOf(text, sentences)),
    };
    const items = ((await b.summarize.run(article, options)) as Article).highlights?.items ?? [];
    chosen.push(items);
    const scores = rougeScores(rec.highlights, items.map((i) => i.text).join('\n'));
    for (const t of ROUGE_TYPES) sums[k]![t]! += scores[t].fmeasure;
    for (const i of items) {
      const s = i.span!;
      sentencesShown[k]! += sentences.filter((x) => x.start >= s.start && x.end <= s.end).length;
    }
  }
  const [a, b] = chosen as [HighlightItem[], HighlightItem[]];
  const baseKeys = new Set(a.map(itemKey));
  const fresh = b.filter((i) => !baseKeys.has(itemKey(i)));
  if (fresh.length || a.length !== b.length) {
    changed++;
    itemsChanged += fresh.length;
    if (shown < show) {
      shown++;
      console.log(`--- ${String(rec.id ?? articles)}`);
      for (const i of a) if (!b.some((j) => itemKey(j) === itemKey(i))) console.log(`  base: ${i.text}`);
      for (const i of fresh) console.log(`  new:  ${i.text}`);
    }
  }
  articles++;
}
const pct = (x: number) => Math.round((x / Math.max(articles, 1)) * 10000) / 100;
for (const [k, b] of builds.entries()) {
  const s = sums[k]!;
  console.log(
    `${b.name}: R-1 ${pct(s['rouge1']!)} R-2 ${pct(s['rouge2']!)} R-L ${pct(s['rougeL']!)} R-Lsum ${pct(s['rougeLsum']!)}; ${(sentencesShown[k]! / Math.max(articles, 1)).toFixed(2)} sentences an article`,
  );
}
console.log(
  JSON.stringify({
    task: 'summarize-compare',
    data: values.data,
    quotes: values.quotes,
    articles,
    articlesChanged: changed,
    highlightsChanged: itemsChanged,
    base: Object.fromEntries(ROUGE_TYPES.map((t) => [t, Math.round((sums[0]![t]! / articles) * 1e6) / 1e6])),
    new: Object.fromEntries(ROUGE_TYPES.map((t) => [t, Math.round((sums[1]![t]! / articles) * 1e6) / 1e6])),
  }),
);
