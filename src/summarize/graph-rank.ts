/**
 * Graph-based sentence centrality, the classic unsupervised extractive methods:
 * - TextRank (Mihalcea & Tarau, EMNLP 2004): sentences are nodes, the weight of an
 *   edge the number of shared words over log|Si| + log|Sj|; weighted PageRank, d = 0.85.
 * - LexRank (Erkan & Radev, JAIR 2004): TF-IDF cosine between sentences, edges where
 *   it reaches 0.1, degree-normalised PageRank (damping 0.85). IDF is taken over the
 *   article's own sentences, so no corpus statistics are needed.
 * Words are content words (stopwords left out) of the sentence tokens.
 */
import { isStopword } from './sentence-words.js';

const DAMPING = 0.85;
const ITERATIONS = 30;
const LEXRANK_THRESHOLD = 0.1;

function contentCounts(tokens: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of tokens) if (!isStopword(t)) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

/** Weighted PageRank over a dense symmetric matrix (row i: edges out of i). */
function pageRank(weights: Float64Array, n: number): Float64Array {
  const outSum = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += weights[i * n + j]!;
    outSum[i] = s;
  }
  let score = new Float64Array(n).fill(1 / Math.max(n, 1));
  for (let it = 0; it < ITERATIONS; it++) {
    const next = new Float64Array(n).fill((1 - DAMPING) / n);
    for (let j = 0; j < n; j++) {
      if (outSum[j] === 0) {
        // A sentence with no edges spreads its score evenly (no rank sink).
        const share = (DAMPING * score[j]!) / n;
        for (let i = 0; i < n; i++) next[i]! += share;
        continue;
      }
      const f = (DAMPING * score[j]!) / outSum[j]!;
      for (let i = 0; i < n; i++) {
        const w = weights[j * n + i]!;
        if (w !== 0) next[i]! += f * w;
      }
    }
    score = next;
  }
  return score;
}

/** TextRank score of each sentence. */
export function textRankScores(tokens: readonly (readonly string[])[]): Float64Array {
  const n = tokens.length;
  const sets = tokens.map((t) => new Set([...contentCounts(t).keys()]));
  const w = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = sets[i]!;
      const b = sets[j]!;
      if (a.size < 2 || b.size < 2) continue; // log 1 = 0: the measure is undefined
      let common = 0;
      for (const x of a) if (b.has(x)) common++;
      if (common === 0) continue;
      const sim = common / (Math.log(a.size) + Math.log(b.size));
      w[i * n + j] = sim;
      w[j * n + i] = sim;
    }
  }
  return pageRank(w, n);
}

/** TF-IDF vectors of the sentences, IDF over the article's sentences, unit length. */
export function tfidfVectors(tokens: readonly (readonly string[])[]): Map<string, number>[] {
  const n = tokens.length;
  const counts = tokens.map(contentCounts);
  const df = new Map<string, number>();
  for (const c of counts) for (const k of c.keys()) df.set(k, (df.get(k) ?? 0) + 1);
  return counts.map((c) => {
    const v = new Map<string, number>();
    let norm = 0;
    for (const [k, tf] of c) {
      const x = tf * Math.log((n + 1) / df.get(k)!);
      v.set(k, x);
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (const [k, x] of v) v.set(k, x / norm);
    return v;
  });
}

export function cosine(a: Map<string, number>, b: Map<string, number>): number {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [k, x] of small) {
    const y = large.get(k);
    if (y !== undefined) s += x * y;
  }
  return s;
}

/** LexRank score of each sentence. */
export function lexRankScores(tokens: readonly (readonly string[])[]): Float64Array {
  const n = tokens.length;
  const vecs = tfidfVectors(tokens);
  const w = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    w[i * n + i] = vecs[i]!.size ? 1 : 0;
    for (let j = i + 1; j < n; j++) {
      if (cosine(vecs[i]!, vecs[j]!) >= LEXRANK_THRESHOLD) {
        w[i * n + j] = 1;
        w[j * n + i] = 1;
      }
    }
  }
  return pageRank(w, n);
}
