/**
 * The article-extraction benchmark's own metric (scrapinghub/article-extraction-
 * benchmark; ../shared/peers/eval/extraction-f1.py is the reference we check
 * against): per page, multisets of word 4-gram shingles of the truth and of the
 * prediction, true/false positives and false negatives normalised by their sum;
 * precision and recall averaged over the pages where they are defined; F1 from
 * the two means; accuracy = share of pages whose word sequence is identical.
 */

/** Words as Python's `\w+` (Unicode): letters, digits, underscore. */
const WORD = /[\p{L}\p{N}_]+/gu;
const N = 4;

export function benchmarkWords(text: string): string[] {
  return text.match(WORD) ?? [];
}

function shingles(words: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  if (words.length === 0) return out;
  // As the reference: a text shorter than N words is one shingle of all its words.
  const count = Math.max(1, words.length - N + 1);
  for (let i = 0; i < count; i++) {
    const key = words.slice(i, i + N).join('\u0001');
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

export interface PageScore {
  /** tp, fp, fn, each as a share of their sum (all 0 when both texts are empty). */
  tp: number;
  fp: number;
  fn: number;
  /** The word sequences are identical. */
  exact: boolean;
}

export function scorePage(truth: string, prediction: string): PageScore {
  const tw = benchmarkWords(truth);
  const pw = benchmarkWords(prediction);
  const t = shingles(tw);
  const p = shingles(pw);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [k, c] of p) {
    const g = t.get(k) ?? 0;
    tp += Math.min(c, g);
    fp += Math.max(0, c - g);
  }
  for (const [k, g] of t) fn += Math.max(0, g - (p.get(k) ?? 0));
  const exact = tw.length === pw.length && tw.every((w, i) => w === pw[i]);
  const s = tp + fp + fn;
  return s ? { tp: tp / s, fp: fp / s, fn: fn / s, exact } : { tp: 0, fp: 0, fn: 0, exact };
}

const pagePrecision = (r: PageScore): number =>
  r.fp === 0 && r.fn === 0 ? 1 : r.tp === 0 && r.fp === 0 ? 0 : r.tp / (r.tp + r.fp);
const pageRecall = (r: PageScore): number =>
  r.fp === 0 && r.fn === 0 ? 1 : r.tp === 0 && r.fn === 0 ? 0 : r.tp / (r.tp + r.fn);

export interface ExtractionFigures {
  pages: number;
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
}

export function aggregateScores(rows: readonly PageScore[]): ExtractionFigures {
  const ps = rows.filter((r) => r.tp + r.fp > 0).map(pagePrecision);
  const rs = rows.filter((r) => r.tp + r.fn > 0).map(pageRecall);
  const precision = ps.length ? ps.reduce((a, b) => a + b, 0) / ps.length : 0;
  const recall = rs.length ? rs.reduce((a, b) => a + b, 0) / rs.length : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  const accuracy = rows.length ? rows.filter((r) => r.exact).length / rows.length : 0;
  return { pages: rows.length, precision, recall, f1, accuracy };
}
