/**
 * The labelled lines the text path's line model learns from: each page of an
 * extraction benchmark folder (html/<id>.html + ground-truth.jsonl) rendered as a
 * whole-page text dump (as `eval extract --method text` does), its lines analysed
 * as the runtime does, and each line labelled story text when most of its words
 * sit in a word 4-gram of the dump that the page's ground-truth body also has
 * (4-grams that cross line ends count, so a short subheading between two story
 * paragraphs is story text when the ground truth has it there).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeBytes } from '../src/ingest/decode.js';
import { pageToArticle } from '../src/ingest/page.js';
import { htmlToTextDump } from '../src/layout/html/text-dump.js';
import { analyseText } from '../src/layout/text/classify-lines.js';
import { LINE_FEATURE_NAMES, lineFeatures } from '../src/layout/text/line-features.js';
import { readGroundTruth } from './layout-folds.js';

export interface LabelledPage {
  id: string;
  truth: string;
  /** The dump as the pipeline's text (what the eval runs on). */
  text: string;
  x: Float64Array;
  y: Uint8Array;
  words: Float64Array;
}

const WORD = /[\p{L}\p{N}_]+/gu;
const N = 4;
/** A line is story text when at least this share of its words is covered. */
const COVERED = 0.5;

export function labelLines(lineTexts: readonly string[], truth: string): Uint8Array {
  const truthWords = truth.match(WORD) ?? [];
  const grams = new Set<string>();
  for (let i = 0; i + N <= truthWords.length; i++) grams.add(truthWords.slice(i, i + N).join('\u0001'));
  if (truthWords.length > 0 && truthWords.length < N) grams.add(truthWords.join('\u0001'));
  const words: string[] = [];
  const lineOf: number[] = [];
  for (const [k, t] of lineTexts.entries())
    for (const w of t.match(WORD) ?? []) {
      words.push(w);
      lineOf.push(k);
    }
  const covered = new Uint8Array(words.length);
  for (let i = 0; i + N <= words.length; i++)
    if (grams.has(words.slice(i, i + N).join('\u0001'))) covered.fill(1, i, i + N);
  const total = new Float64Array(lineTexts.length);
  const hit = new Float64Array(lineTexts.length);
  for (let i = 0; i < words.length; i++) {
    total[lineOf[i]!]!++;
    hit[lineOf[i]!]! += covered[i]!;
  }
  return Uint8Array.from(total, (t, k) => (t > 0 && hit[k]! / t >= COVERED ? 1 : 0));
}

export function loadPages(data: string): LabelledPage[] {
  const truths = readGroundTruth(data);
  return truths.map((t) => {
    const path = join(data, 'html', `${t.id}.html`);
    const dump = htmlToTextDump(decodeBytes(readFileSync(path), path).text);
    const text = pageToArticle({ id: t.id, text: dump }).text;
    const a = analyseText(text);
    return {
      id: t.id,
      truth: t.articleBody ?? '',
      text,
      x: lineFeatures(a),
      y: labelLines(
        a.lines.map((l) => l.text),
        t.articleBody ?? '',
      ),
      words: Float64Array.from(a.lines, (l) => l.words),
    };
  });
}

export const FEATURE_WIDTH = LINE_FEATURE_NAMES.length;
