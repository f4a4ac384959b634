/**
 * 5-fold cross-validation of the HTML extraction knobs (src/layout/html/params.ts)
 * on an extraction benchmark folder: for each fold, the knobs that score best on
 * the other four folds are chosen and scored on the held-out fold; the held-out
 * figures, pooled over the five folds, are what the chosen defaults can be
 * expected to do on pages not seen (the benchmark also keeps 60 pages we do not
 * have).
 *
 *   node dist/scripts/layout-cv.js [--data ../shared/data/extraction]
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bodyText } from '../src/article/render.js';
import type { Article } from '../src/article/types.js';
import { decodeBytes } from '../src/ingest/decode.js';
import { linesToBlocks } from '../src/layout/blocks.js';
import { aggregateScores, type PageScore, scorePage } from '../src/layout/extraction-score.js';
import { classifyHtmlLines } from '../src/layout/html/classify-html.js';
import { readJsonLd } from '../src/layout/html/json-ld.js';
import { DEFAULT_PARAMS, type ExtractionParams } from '../src/layout/html/params.js';
import { renderHtml } from '../src/layout/html/render.js';
import { crossValidate, readGroundTruth } from './layout-folds.js';

const FOLDS = 5;
const GRID: ExtractionParams[] = [];
for (const nearLevels of [0, 2, 4, 6])
  for (const nearShare of [0.5, 0.75])
    for (const templateLevels of [0, 4])
      for (const paragraphLinkLimit of [0.5, 1.01])
        GRID.push({ nearLevels, nearShare, templateLevels, linkLimit: 0.5, paragraphLinkLimit });

const { values } = parseArgs({ options: { data: { type: 'string' } } });
const data = resolve(values.data ?? join(process.env['NEWSDIGEST_DATA'] ?? '../shared/data', 'extraction'));
const truths = readGroundTruth(data);

// scores[config][page]
const scores: PageScore[][] = GRID.map(() => []);
for (const t of truths) {
  const path = join(data, 'html', `${t.id}.html`);
  const page = renderHtml(decodeBytes(readFileSync(path), path).text);
  const ld = readJsonLd(page.meta.jsonLd);
  GRID.forEach((params, c) => {
    const blocks = linesToBlocks(page.text, classifyHtmlLines(page, ld, params), false);
    const body = bodyText({ text: page.text, blocks } as Article);
    scores[c]!.push(scorePage(t.articleBody, body));
  });
}

const { heldOut, chosen: chosenParams } = crossValidate(
  truths.map((t) => t.id),
  scores,
  GRID,
  FOLDS,
);
const chosen = chosenParams.map((g) => JSON.stringify(g));
const cv = aggregateScores(heldOut);
const defaultIndex = GRID.findIndex((g) => JSON.stringify(g) === JSON.stringify(DEFAULT_PARAMS));
console.log('chosen per fold:');
for (const c of chosen) console.log(`  ${c}`);
console.log(
  JSON.stringify({
    task: 'layout-cv',
    pages: truths.length,
    folds: FOLDS,
    configs: GRID.length,
    cv: { precision: cv.precision, recall: cv.recall, f1: cv.f1, accuracy: cv.accuracy },
    defaults: DEFAULT_PARAMS,
    defaultsAllPages: defaultIndex >= 0 ? aggregateScores(scores[defaultIndex]!) : undefined,
  }),
);
