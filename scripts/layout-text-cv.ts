/**
 * 5-fold cross-validation of the knobs of the text path's rules alone, without the
 * line model (src/layout/text/classify-lines.ts; the line model has its own
 * page-fold CV in scripts/layout-text-train.ts), on an extraction benchmark folder: each page is rendered as a whole-page text
 * dump (as `eval extract --method text` does), the text path runs on it with each
 * knob setting; for each fold the setting best on the other four folds is scored
 * on the held-out fold, and the held-out figures are pooled.
 *
 *   node dist/scripts/layout-text-cv.js [--data ../shared/data/extraction] [--pages]
 *
 * --pages also prints per-page precision/recall of the default knobs, worst first.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bodyText } from '../src/article/render.js';
import type { Article } from '../src/article/types.js';
import { decodeBytes } from '../src/ingest/decode.js';
import { pageToArticle } from '../src/ingest/page.js';
import { aggregateScores, type PageScore, scorePage } from '../src/layout/extraction-score.js';
import { htmlToTextDump } from '../src/layout/html/text-dump.js';
import { textBlocks } from '../src/layout/index.js';
import { DEFAULT_TEXT_PARAMS, type TextParams } from '../src/layout/text/classify-lines.js';
import { crossValidate, readGroundTruth } from './layout-folds.js';

const FOLDS = 5;
const GRID: TextParams[] = [];
for (const chromeCost of [10, 15, 20, 30])
  for (const sectionBreak of [30, 50, 100])
    for (const shortWordValue of [0, 1, 2, 3])
      GRID.push({ chromeCost, sectionBreak, shortWordValue, model: null });

const { values } = parseArgs({ options: { data: { type: 'string' }, pages: { type: 'boolean' } } });
const data = resolve(values.data ?? join(process.env['NEWSDIGEST_DATA'] ?? '../shared/data', 'extraction'));
const truths = readGroundTruth(data);

const scores: PageScore[][] = GRID.map(() => []);
const defaults: PageScore[] = [];
for (const t of truths) {
  const path = join(data, 'html', `${t.id}.html`);
  const dump = htmlToTextDump(decodeBytes(readFileSync(path), path).text);
  const text = pageToArticle({ id: t.id, text: dump }).text;
  const body = (p: TextParams) => bodyText({ text, blocks: textBlocks(text, p) } as Article);
  for (const [c, params] of GRID.entries()) scores[c]!.push(scorePage(t.articleBody, body(params)));
  defaults.push(scorePage(t.articleBody, body({ ...DEFAULT_TEXT_PARAMS, model: null })));
}

if (values.pages) {
  const rows = truths.map((t, i) => {
    const s = defaults[i]!;
    const p = s.tp + s.fp > 0 ? s.tp / (s.tp + s.fp) : 0;
    const r = s.tp + s.fn > 0 ? s.tp / (s.tp + s.fn) : 0;
    return { id: t.id, p, r, loss: 2 - p - r };
  });
  rows.sort((a, b) => b.loss - a.loss);
  for (const r of rows.slice(0, 40)) console.log(`${r.id}\tP ${r.p.toFixed(3)}\tR ${r.r.toFixed(3)}`);
}

const { heldOut, chosen: chosenParams } = crossValidate(
  truths.map((t) => t.id),
  scores,
  GRID,
  FOLDS,
);
const chosen = chosenParams.map((g) => JSON.stringify(g));
const cv = aggregateScores(heldOut);
console.log('chosen per fold:');
for (const c of chosen) console.log(`  ${c}`);
const all = GRID.map((g, c) => ({ ...g, f1: Number(aggregateScores(scores[c]!).f1.toFixed(4)) }));
console.log(JSON.stringify(all));
console.log(
  JSON.stringify({
    task: 'layout-text-cv',
    pages: truths.length,
    folds: FOLDS,
    configs: GRID.length,
    cv: { precision: cv.precision, recall: cv.recall, f1: cv.f1, accuracy: cv.accuracy },
    defaults: DEFAULT_TEXT_PARAMS,
    defaultsAllPages: aggregateScores(defaults),
  }),
);
