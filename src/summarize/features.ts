/**
 * The features of each sentence for the learned scorer, hashed into one weight table
 * (Weinberger et al. 2009, "feature hashing"), so that dense cues and a learned
 * weight per word live in one linear model:
 * - position: absolute (0..15+), relative (tenths), and crossed with length and with
 *   the article's length, since the lead matters less in long stories;
 * - length in words (buckets), which ROUGE-F rewards near the highlights' length;
 * - centrality: TF-IDF cosine to the rest of the article, as a value and as a rank;
 * - overlap with the first sentence (the news lead);
 * - marks: a quote, a question, a digit, a first word (cues such as "but", "by",
 *   "published"), the last word;
 * - every word of the sentence (its learned weight: topical and boilerplate words).
 * All of it is computed on lower-cased ROUGE tokens and punctuation marks, so that a
 * model trained on the lower-cased CNN/DailyMail copy reads cased pages the same way.
 */
import { cosine, tfidfVectors } from './graph-rank.js';
import { isStopword } from './sentence-words.js';

/** FNV-1a, 32 bits, over a string's UTF-16 code units. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface SentenceFeatures {
  /** Per sentence: the hashed feature indices (already masked to the table size). */
  indices: Int32Array[];
  values: Float32Array[];
}

function lengthBucket(n: number): number {
  if (n < 5) return 0;
  if (n < 10) return 1;
  if (n < 15) return 2;
  if (n < 20) return 3;
  if (n < 25) return 4;
  if (n < 30) return 5;
  if (n < 40) return 6;
  if (n < 55) return 7;
  return 8;
}

function docBucket(n: number): number {
  if (n < 8) return 0;
  if (n < 15) return 1;
  if (n < 25) return 2;
  if (n < 40) return 3;
  return 4;
}

const QUOTE_RE = /["\u201c\u201d]|''|``/;

/**
 * Features of the sentences of one article. `tokens` and `texts` are per sentence;
 * `mask` is the table size minus one (a power of two minus one).
 */
export function sentenceFeatures(
  tokens: readonly (readonly string[])[],
  texts: readonly string[],
  mask: number,
): SentenceFeatures {
  const n = tokens.length;
  const vecs = tfidfVectors(tokens);
  // The article's centroid; each sentence is compared with the centroid less itself.
  const centroid = new Map<string, number>();
  for (const v of vecs) for (const [k, x] of v) centroid.set(k, (centroid.get(k) ?? 0) + x);
  const central = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = vecs[i]!;
    let dot = 0;
    let self = 0;
    for (const [k, x] of v) {
      dot += x * centroid.get(k)!;
      self += x * x;
    }
    let norm2 = 0;
    for (const [k, c] of centroid) {
      const x = c - (v.get(k) ?? 0);
      norm2 += x * x;
    }
    central[i] = norm2 > 0 ? (dot - self) / Math.sqrt(norm2) : 0;
  }
  const order = [...central.keys()].sort((a, b) => central[b]! - central[a]!);
  const centralRank = new Int32Array(n);
  for (const [r, i] of order.entries()) centralRank[i] = r;
  const first = vecs[0];

  const indices: Int32Array[] = [];
  const values: Float32Array[] = [];
  const db = docBucket(n);
  for (let i = 0; i < n; i++) {
    const toks = tokens[i]!;
    const text = texts[i]!;
    const len = toks.length;
    const lb = lengthBucket(len);
    const pos = Math.min(i, 15);
    const feats: [string, number][] = [
      ['bias', 1],
      [`pos=${pos}`, 1],
      [`rpos=${Math.min(9, Math.floor((10 * i) / Math.max(n, 1)))}`, 1],
      [`len=${lb}`, 1],
      [`pos*len=${Math.min(i, 6)},${lb}`, 1],
      [`pos*doc=${Math.min(i, 6)},${db}`, 1],
      ['cent', central[i]!],
      [`centrank=${Math.min(centralRank[i]!, 10)}`, 1],
      [`centrank*pos=${Math.min(centralRank[i]!, 5)},${Math.min(i, 5)}`, 1],
      [`centq=${Math.min(9, Math.floor(central[i]! * 20))}`, 1],
    ];
    if (i > 0 && first) {
      feats.push([`firstov=${Math.min(9, Math.floor(cosine(first, vecs[i]!) * 10))}`, 1]);
    }
    if (QUOTE_RE.test(text)) feats.push(['quote', 1]);
    const trimmed = text.trimStart();
    if (/^["\u201c]|^''|^``/.test(trimmed)) feats.push(['quote-start', 1]);
    if (/\?\s*["\u201d']*\s*$/.test(text)) feats.push(['question', 1]);
    if (!/[.!?]\s*["\u201d']*\s*$/.test(text)) feats.push(['no-final-mark', 1]);
    let digits = 0;
    for (const t of toks) if (t.charCodeAt(0) >= 48 && t.charCodeAt(0) <= 57) digits++;
    if (digits) feats.push([`digits=${Math.min(digits, 3)}`, 1]);
    if (len > 0) {
      feats.push([`fw:${toks[0]}`, 1]);
      if (len > 1) feats.push([`fw2:${toks[0]} ${toks[1]}`, 1]);
      feats.push([`lw:${toks[len - 1]}`, 1]);
    }
    const distinct = new Set(toks);
    const wv = 1 / Math.sqrt(Math.max(distinct.size, 1));
    for (const t of distinct) feats.push([isStopword(t) ? `sw:${t}` : `w:${t}`, wv]);
    const idx = new Int32Array(feats.length);
    const val = new Float32Array(feats.length);
    for (const [j, [name, value]] of feats.entries()) {
      idx[j] = hashString(name) & mask;
      val[j] = value;
    }
    indices.push(idx);
    values.push(val);
  }
  return { indices, values };
}
