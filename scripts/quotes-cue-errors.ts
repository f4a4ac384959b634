/**
 * Error analysis of cue detection on PolNeAR train, by k-fold: for each fold of train
 * (by SHA-1 of the id), the lexicon and the cue tagger are learnt on the other folds and
 * the held-out fold's cues are compared with gold. Prints missed gold cues, boundary
 * mismatches and false positives by phrase, with counts. Dev is never read.
 *
 *   node dist/scripts/quotes-cue-errors.js [--data DIR] [--folds 0,1,2,3,4] [--rules] [--top N]
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readJsonl } from '../src/eval/data.js';
import { countCues, prepare } from '../src/quotes/cue-counts.js';
import { type CueLexiconFile, lexiconFrom, withCues } from '../src/quotes/cue-lexicon.js';
import { stemOf, taggerFrom } from '../src/quotes/cue-tagger.js';
import { fold, trainTagger } from '../src/quotes/cue-train.js';
import { type GoldArticle, parseGoldArticle } from '../src/quotes/eval-quotes.js';
import { extractAttributions } from '../src/quotes/extract-attributions.js';
import { findQuoteRegions } from '../src/quotes/quote-marks.js';
import { trimForScoring } from '../src/quotes/score-attributions.js';
import { sentenceSpans } from '../src/text/sentences.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    folds: { type: 'string' },
    rules: { type: 'boolean' },
    top: { type: 'string' },
    epochs: { type: 'string' },
    show: { type: 'boolean' },
  },
});
const dataDir = resolve(values.data ?? '../shared/data');
const top = Number(values.top ?? 40);
const folds = (values.folds ?? '0,1,2,3,4').split(',').map(Number);
const path = join(dataDir, 'quotes-polnear', 'polnear.jsonl');
const all: GoldArticle[] = [];
let n = 0;
for await (const r of readJsonl(path)) all.push(parseGoldArticle(r, `${path}: record ${++n}`));
const trainSet = all.filter((a) => a.split === 'train');
const lexFile = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', '..', 'models', 'quotes', 'cues.json'), 'utf8'),
) as CueLexiconFile;

const missed = new Map<string, number>();
const missedInQuote = new Map<string, number>();
const boundary = new Map<string, number>();
const falsePos = new Map<string, number>();
const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
let gold = 0;
let exact = 0;
let overlap = 0;
let predicted = 0;
let inQuote = 0;
const samples: string[] = [];
const fpSamples: string[] = [];
let missedCandidate = 0;
let punctPredicted = 0;
let punctExact = 0;
const norm = (text: string, s: { start: number; end: number }) => {
  const t = trimForScoring(text, s);
  return text.slice(t.start, t.end).toLowerCase().replace(/\s+/g, ' ');
};

for (const f of folds) {
  const fit = trainSet.filter((a) => fold(a.id) !== f);
  const held = trainSet.filter((a) => fold(a.id) === f);
  const prepared = fit.map(prepare);
  const lexicon = lexiconFrom(withCues(lexFile, countCues(prepared)));
  const tagger = values.rules
    ? undefined
    : taggerFrom(trainTagger(prepared, lexicon, lexFile, Number(values.epochs ?? 6)));
  for (const g of held) {
    const text = g.text;
    const regions = findQuoteRegions(text);
    const found = extractAttributions({ text, sentences: sentenceSpans(text), lexicon, tagger }).map((a) =>
      trimForScoring(text, a.cue),
    );
    predicted += found.length;
    punctPredicted += found.filter((p) => !/[\p{L}\p{N}]/u.test(text.slice(p.start, p.end))).length;
    const golds = g.attributions.flatMap((a) => (a.cue ? [trimForScoring(text, a.cue)] : []));
    const usedP = new Set<number>();
    for (const c of golds) {
      gold++;
      const quoted = regions.some((r) => r.start <= c.start && c.end <= r.end);
      if (quoted) inQuote++;
      const e = found.findIndex((p, k) => !usedP.has(k) && p.start === c.start && p.end === c.end);
      if (e >= 0) {
        if (!/[\p{L}\p{N}]/u.test(text.slice(c.start, c.end))) punctExact++;
        usedP.add(e);
        exact++;
        overlap++;
        continue;
      }
      const o = found.findIndex((p, k) => !usedP.has(k) && p.start < c.end && c.start < p.end);
      if (o >= 0) {
        usedP.add(o);
        overlap++;
        bump(boundary, `${norm(text, found[o]!)} → ${norm(text, c)}`);
        continue;
      }
      bump(missed, norm(text, c));
      if (values.show && samples.length < 400) {
        const a = Math.max(0, c.start - 90);
        samples.push(
          `${text.slice(a, c.start)}[[${text.slice(c.start, c.end)}]]${text.slice(c.end, c.end + 60)}`.replace(
            /\s+/g,
            ' ',
          ),
        );
      }
      if (tagger) {
        const words = norm(text, c)
          .split(/[^\p{L}\p{N}]+/u)
          .filter(Boolean);
        if (words.some((w) => tagger.candidates.has(w) || tagger.candidates.has(stemOf(w))))
          missedCandidate++;
      }
      if (quoted) bump(missedInQuote, norm(text, c));
    }
    for (const [k, p] of found.entries()) {
      if (usedP.has(k)) continue;
      if (golds.some((c) => p.start < c.end && c.start < p.end)) continue;
      bump(falsePos, norm(text, p));
      if (values.show && fpSamples.length < 400) {
        const a = Math.max(0, p.start - 90);
        fpSamples.push(
          `${text.slice(a, p.start)}[[${text.slice(p.start, p.end)}]]${text.slice(p.end, p.end + 60)}`.replace(
            /\s+/g,
            ' ',
          ),
        );
      }
    }
  }
}
const list = (m: Map<string, number>) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, v]) => `${v}\t${k}`)
    .join('\n');
const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
console.log(
  `gold ${gold} (in quotes ${inQuote}), predicted ${predicted}, exact ${exact} (R ${(exact / gold).toFixed(3)}, P ${(exact / predicted).toFixed(3)}), overlap ${overlap}`,
);
console.log(
  `punctuation cues: predicted ${punctPredicted}, exact ${punctExact}; missed with a candidate word ${missedCandidate}`,
);
console.log(`\n## missed (${total(missed)}; inside quotes ${total(missedInQuote)})\n${list(missed)}`);
console.log(`\n## boundary (${total(boundary)})\n${list(boundary)}`);
console.log(`\n## false positives (${total(falsePos)})\n${list(falsePos)}`);
if (values.show) console.log(`\n## missed, in context\n${samples.filter((_, k) => k % 5 === 0).join('\n')}`);
if (values.show)
  console.log(`\n## false positives, in context\n${fpSamples.filter((_, k) => k % 4 === 0).join('\n')}`);
