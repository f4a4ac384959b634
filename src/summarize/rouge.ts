/**
 * ROUGE-1, ROUGE-2, ROUGE-L and ROUGE-Lsum, computed as Google's rouge-score does
 * with `use_stemmer=True` (Lin 2004 for the measures; rouge-score for the exact
 * tokenizer and the summary-level LCS):
 * - tokens: lower-case, every run of characters outside [a-z0-9] is a separator,
 *   tokens longer than 3 characters are Porter-stemmed (NLTK's default mode);
 * - ROUGE-N: clipped n-gram overlap; ROUGE-L: longest common subsequence;
 * - ROUGE-Lsum: both texts split on "\n" (empty lines dropped), each reference
 *   line matched against the union of its LCS with every predicted line, hits
 *   counted at most as often as the token occurs in each text.
 * Precision and recall are 0 when undefined, F is their harmonic mean.
 */
import { porterStem } from './porter-stemmer.js';

export interface RougeScore {
  precision: number;
  recall: number;
  fmeasure: number;
}

export interface RougeScores {
  rouge1: RougeScore;
  rouge2: RougeScore;
  rougeL: RougeScore;
  rougeLsum: RougeScore;
}

export const ROUGE_TYPES = ['rouge1', 'rouge2', 'rougeL', 'rougeLsum'] as const;

const stemCache = new Map<string, string>();

/** Stems with a bounded cache: the same words recur across a corpus. */
function stem(token: string): string {
  let s = stemCache.get(token);
  if (s === undefined) {
    s = porterStem(token);
    if (stemCache.size > 200_000) stemCache.clear();
    stemCache.set(token, s);
  }
  return s;
}

/** The rouge-score tokens of a text. */
export function rougeTokens(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.toLowerCase().split(/[^a-z0-9]+/)) {
    if (raw === '') continue;
    out.push(raw.length > 3 ? stem(raw) : raw);
  }
  return out;
}

function score(hits: number, predicted: number, reference: number): RougeScore {
  const precision = hits / Math.max(predicted, 1);
  const recall = hits / Math.max(reference, 1);
  const fmeasure = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, fmeasure };
}

function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = n === 1 ? tokens[i]! : tokens.slice(i, i + n).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** ROUGE-N between token lists. */
export function rougeN(reference: readonly string[], prediction: readonly string[], n: number): RougeScore {
  const ref = ngramCounts(reference, n);
  const pred = ngramCounts(prediction, n);
  let hits = 0;
  let refTotal = 0;
  let predTotal = 0;
  for (const c of ref.values()) refTotal += c;
  for (const [k, c] of pred) {
    predTotal += c;
    const r = ref.get(k);
    if (r !== undefined) hits += Math.min(r, c);
  }
  return score(hits, predTotal, refTotal);
}

/** The LCS dynamic-programming table, (|a|+1) × (|b|+1), row-major. */
function lcsTable(a: readonly string[], b: readonly string[]): Int32Array {
  const cols = b.length + 1;
  const t = new Int32Array((a.length + 1) * cols);
  for (let i = 1; i <= a.length; i++) {
    const ai = a[i - 1];
    for (let j = 1; j <= b.length; j++) {
      const k = i * cols + j;
      if (ai === b[j - 1]) t[k] = t[k - cols - 1]! + 1;
      else {
        const up = t[k - cols]!;
        const left = t[k - 1]!;
        t[k] = Math.max(up, left);
      }
    }
  }
  return t;
}

export function lcsLength(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  return lcsTable(a, b)[(a.length + 1) * (b.length + 1) - 1]!;
}

/** ROUGE-L between token lists. */
export function rougeL(reference: readonly string[], prediction: readonly string[]): RougeScore {
  if (reference.length === 0 || prediction.length === 0) return { precision: 0, recall: 0, fmeasure: 0 };
  const lcs = lcsLength(reference, prediction);
  return score(lcs, prediction.length, reference.length);
}

/**
 * Indices into `ref` of one LCS with `can`, walking back from the end and, on a tie
 * between moving left and up, moving up (the choice rouge-score makes).
 */
function lcsIndices(ref: readonly string[], can: readonly string[]): number[] {
  const t = lcsTable(ref, can);
  const cols = can.length + 1;
  const out: number[] = [];
  let i = ref.length;
  let j = can.length;
  while (i > 0 && j > 0) {
    if (ref[i - 1] === can[j - 1]) {
      out.push(i - 1);
      i--;
      j--;
    } else if (t[i * cols + j - 1]! > t[(i - 1) * cols + j]!) j--;
    else i--;
  }
  return out;
}

function countTokens(lines: readonly (readonly string[])[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of lines) for (const t of line) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

/** Summary-level ROUGE-L (ROUGE-Lsum) between texts already split into token lines. */
export function rougeLsum(
  referenceLines: readonly (readonly string[])[],
  predictionLines: readonly (readonly string[])[],
): RougeScore {
  const zero = { precision: 0, recall: 0, fmeasure: 0 };
  const m = referenceLines.reduce((s, l) => s + l.length, 0);
  const n = predictionLines.reduce((s, l) => s + l.length, 0);
  if (m === 0 || n === 0) return zero;
  const refCounts = countTokens(referenceLines);
  const predCounts = countTokens(predictionLines);
  let hits = 0;
  for (const ref of referenceLines) {
    const union = new Set<number>();
    for (const can of predictionLines) for (const i of lcsIndices(ref, can)) union.add(i);
    for (const i of [...union].sort((a, b) => a - b)) {
      const tok = ref[i]!;
      const c = predCounts.get(tok) ?? 0;
      const r = refCounts.get(tok) ?? 0;
      if (c > 0 && r > 0) {
        hits++;
        predCounts.set(tok, c - 1);
        refCounts.set(tok, r - 1);
      }
    }
  }
  return score(hits, n, m);
}

/** The non-empty lines of a text, as rouge-score splits summaries for ROUGE-Lsum. */
export function summaryLines(text: string): string[] {
  return text.split('\n').filter((l) => l.length > 0);
}

/** All four scores of a prediction against a reference (target), both plain texts. */
export function rougeScores(target: string, prediction: string): RougeScores {
  const ref = rougeTokens(target);
  const pred = rougeTokens(prediction);
  return {
    rouge1: rougeN(ref, pred, 1),
    rouge2: rougeN(ref, pred, 2),
    rougeL: rougeL(ref, pred),
    rougeLsum: rougeLsum(summaryLines(target).map(rougeTokens), summaryLines(prediction).map(rougeTokens)),
  };
}
