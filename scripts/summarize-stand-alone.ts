/**
 * Measures treatments of highlights that do not stand alone (src/summarize/stand-alone.ts)
 * on summarization records (choose on validation): for each article the quotes stage is
 * run on the text stage's sentences (as digest() does before summarize), the learned
 * model scores the sentences, and each treatment chooses; ROUGE of each, how many
 * articles' highlights change, and how many of the baseline's highlights were flagged,
 * by kind.
 *
 *   node dist/scripts/summarize-stand-alone.js --data FILE [--limit N] [--show N]
 */
import { parseArgs } from 'node:util';
import { SCHEMA_VERSION } from '../src/article/schema.js';
import type { Article, Quote, Span } from '../src/article/types.js';
import { readJsonl } from '../src/eval/data.js';
import { quotesStage } from '../src/quotes/index.js';
import { bodyOfRecord } from '../src/summarize/article-body.js';
import { consideredSpans } from '../src/summarize/extract.js';
import { loadSummarizer, scoreSentences } from '../src/summarize/model.js';
import { ROUGE_TYPES, rougeScores } from '../src/summarize/rouge.js';
import { selectByScore } from '../src/summarize/select.js';
import { selectItems } from '../src/summarize/select-items.js';
import { type ArticleWords, articleWords, sentenceTokens } from '../src/summarize/sentence-words.js';
import {
  COLON_LEAD_IN,
  PRONOUN_AFTER_SPEAKER,
  QUOTE_CONTINUATION,
  type StandAlone,
  standAlone,
} from '../src/summarize/stand-alone.js';
import { sentenceSpans } from '../src/text/sentences.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data/cnndm/validation.jsonl.gz' },
    limit: { type: 'string' },
    show: { type: 'string', default: '0' },
  },
});
const limit = values.limit ? Number(values.limit) : undefined;
const show = Number(values.show);
const model = loadSummarizer();
const sel = model.select;

type Range = [number, number];

/** Penalised or excluded (Infinity) flagged sentences, one item per sentence. */
function penalised(
  scores: Float64Array,
  tokens: readonly (readonly string[])[],
  flags: Uint8Array,
  mask: number,
  lambda: number,
): Range[] {
  const s = Float64Array.from(scores);
  const t = tokens.slice();
  for (let i = 0; i < s.length; i++) {
    if (!(flags[i]! & mask)) continue;
    if (lambda === Number.POSITIVE_INFINITY) t[i] = [];
    else s[i]! -= lambda;
  }
  return selectByScore(s, t, sel).map((i) => [i, i]);
}

/** The shipped treatment (../src/summarize/select-items.ts) over the flags of `mask` only. */
function extended(
  scores: Float64Array,
  words: ArticleWords,
  sa: StandAlone,
  mask: number,
  maxGap: number,
  maxSentences: number,
): Range[] {
  const flags = sa.flags.map((f) => f & mask);
  return selectItems(
    scores,
    words,
    { flags, first: sa.first, last: sa.last },
    { ...sel, maxGap, maxSentences },
  ).map((r) => [r.first, r.last] as Range);
}

const ALL = QUOTE_CONTINUATION | PRONOUN_AFTER_SPEAKER | COLON_LEAD_IN;
type Variant = (
  scores: Float64Array,
  words: ArticleWords,
  tokens: readonly (readonly string[])[],
  sa: StandAlone,
) => Range[];
const variants: Record<string, Variant> = {
  base: (s, _w, t) => selectByScore(s, t, sel).map((i) => [i, i]),
  'skip quote': (s, _w, t, sa) => penalised(s, t, sa.flags, QUOTE_CONTINUATION, Number.POSITIVE_INFINITY),
  'skip quote+pronoun': (s, _w, t, sa) =>
    penalised(s, t, sa.flags, QUOTE_CONTINUATION | PRONOUN_AFTER_SPEAKER, Number.POSITIVE_INFINITY),
  'skip all': (s, _w, t, sa) => penalised(s, t, sa.flags, ALL, Number.POSITIVE_INFINITY),
  'skip pronoun': (s, _w, t, sa) =>
    penalised(s, t, sa.flags, PRONOUN_AFTER_SPEAKER, Number.POSITIVE_INFINITY),
  'skip colon': (s, _w, t, sa) => penalised(s, t, sa.flags, COLON_LEAD_IN, Number.POSITIVE_INFINITY),
  'penalty 0.5 all': (s, _w, t, sa) => penalised(s, t, sa.flags, ALL, 0.5),
  'penalty 1 all': (s, _w, t, sa) => penalised(s, t, sa.flags, ALL, 1),
  'penalty 2 all': (s, _w, t, sa) => penalised(s, t, sa.flags, ALL, 2),
  'extend quote gap1 max4': (s, w, _t, sa) => extended(s, w, sa, QUOTE_CONTINUATION, 1, 4),
  'extend quote gap2 max4': (s, w, _t, sa) => extended(s, w, sa, QUOTE_CONTINUATION, 2, 4),
  'extend all gap1 max4': (s, w, _t, sa) => extended(s, w, sa, ALL, 1, 4),
  'extend all gap2 max4': (s, w, _t, sa) => extended(s, w, sa, ALL, 2, 4),
  'extend all gap2 max5': (s, w, _t, sa) => extended(s, w, sa, ALL, 2, 5),
  'extend all gap2 max9': (s, w, _t, sa) => extended(s, w, sa, ALL, 2, 9),
  'extend all gap3 max5': (s, w, _t, sa) => extended(s, w, sa, ALL, 3, 5),
};

const names = Object.keys(variants);
const sums = new Map(
  names.map((n) => [n, { r1: 0, r2: 0, rl: 0, rlsum: 0, changed: 0, itemsChanged: 0, items: 0, sents: 0 }]),
);
const flaggedInBase = { quote: 0, pronoun: 0, colon: 0, any: 0, highlights: 0, articlesWithAny: 0 };
const flaggedAll = { quote: 0, pronoun: 0, colon: 0, sentences: 0, quotes: 0 };
let articles = 0;
let shown = 0;
const t0 = process.hrtime.bigint();
for await (const rec of readJsonl<{ id?: unknown; article?: unknown; text?: unknown; highlights?: unknown }>(
  values.data!,
  limit,
)) {
  const body = bodyOfRecord(rec);
  if (body === undefined || typeof rec.highlights !== 'string') continue;
  const sentences = sentenceSpans(body);
  const article: Article = {
    schemaVersion: SCHEMA_VERSION,
    id: String(rec.id ?? articles),
    text: body,
    source: { format: 'text' },
    sentences,
  };
  const quotes: Quote[] = (quotesStage.run(article, {}) as Article).quotes ?? [];
  const spans: readonly Span[] = consideredSpans(sentences, 'model', model);
  const words = articleWords(body, spans);
  const texts = spans.map((s) => body.slice(s.start, s.end));
  const tokens = sentenceTokens(words);
  const scores = scoreSentences(model, words, body, spans);
  const sa = standAlone(body, spans, quotes);
  flaggedAll.sentences += spans.length;
  flaggedAll.quotes += quotes.length;
  for (const f of sa.flags) {
    if (f & QUOTE_CONTINUATION) flaggedAll.quote++;
    if (f & PRONOUN_AFTER_SPEAKER) flaggedAll.pronoun++;
    if (f & COLON_LEAD_IN) flaggedAll.colon++;
  }
  let baseKey = '';
  let baseItems = new Set<string>();
  for (const name of names) {
    const ranges = variants[name]!(scores, words, tokens, sa);
    const key = JSON.stringify(ranges);
    if (name === 'base') {
      baseKey = key;
      baseItems = new Set(ranges.map((r) => `${r[0]}-${r[1]}`));
      let any = false;
      for (const [i] of ranges) {
        const f = sa.flags[i]!;
        flaggedInBase.highlights++;
        if (f & QUOTE_CONTINUATION) flaggedInBase.quote++;
        if (f & PRONOUN_AFTER_SPEAKER) flaggedInBase.pronoun++;
        if (f & COLON_LEAD_IN) flaggedInBase.colon++;
        if (f) {
          flaggedInBase.any++;
          any = true;
          if (shown < show) {
            shown++;
            const a = sa.first[i]! < 0 ? -1 : sa.first[i] === i ? sa.last[i]! : sa.first[i]!;
            console.log(`[${f}] ${texts[i]}\n    needs: ${a >= 0 ? texts[a] : '(none)'}`);
          }
        }
      }
      if (any) flaggedInBase.articlesWithAny++;
    }
    const prediction = ranges
      .map(([lo, hi]) => body.slice(spans[lo]!.start, spans[hi]!.end).replace(/\s*\n\s*/g, ' '))
      .join('\n');
    const r = rougeScores(rec.highlights, prediction);
    const acc = sums.get(name)!;
    acc.r1 += r.rouge1.fmeasure;
    acc.r2 += r.rouge2.fmeasure;
    acc.rl += r.rougeL.fmeasure;
    acc.rlsum += r.rougeLsum.fmeasure;
    acc.items += ranges.length;
    for (const [lo, hi] of ranges) acc.sents += hi - lo + 1;
    if (key !== baseKey) acc.changed++;
    for (const r of ranges) if (!baseItems.has(`${r[0]}-${r[1]}`)) acc.itemsChanged++;
  }
  articles++;
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const pct = (x: number) => Math.round((x / articles) * 10000) / 100;
console.log(`${articles} articles of ${values.data} (${seconds.toFixed(1)} s)`);
console.log(
  'variant | R-1 | R-2 | R-L | R-Lsum | articles changed | highlights changed | items/article | sentences/article',
);
for (const name of names) {
  const a = sums.get(name)!;
  console.log(
    `${name} | ${pct(a.r1)} | ${pct(a.r2)} | ${pct(a.rl)} | ${pct(a.rlsum)} | ${a.changed} | ${a.itemsChanged} | ${(a.items / articles).toFixed(2)} | ${(a.sents / articles).toFixed(2)}`,
  );
}
console.log(JSON.stringify({ task: 'summarize-stand-alone', articles, flaggedInBase, flaggedAll }));
void ROUGE_TYPES;
