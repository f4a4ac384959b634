/**
 * The features of each sentence for the learned scorer, hashed into one weight table
 * (Weinberger et al. 2009, "feature hashing"), so that dense cues and a learned
 * weight per word live in one linear model:
 * - position: absolute (0..15+), relative (tenths), and crossed with length and with
 *   the article's length, since the lead matters less in long stories;
 * - length in words (buckets), which ROUGE-F rewards near the highlights' length;
 * - centrality: TF-IDF cosine to the rest of the article, as a value, a bucket and
 *   a rank (crossed with position);
 * - overlap with the first sentence (the news lead);
 * - marks: a quote (and where), a question, no final mark, digits, the first word,
 *   the first two words, the last word (cues such as "but", "by", "published");
 * - every word of the sentence (its learned weight: topical and boilerplate words).
 * All of it is computed on lower-cased, stemmed words and punctuation marks, so that
 * a model trained on the lower-cased CNN/DailyMail copy reads cased pages alike.
 *
 * Speed matters (thousands of articles a second): words are interned per article to
 * small integers, vectors are typed arrays, and feature indices are integer hashes
 * of (feature kind, values), never strings.
 */
import { type ArticleWords, articleWords } from './sentence-words.js';

/** FNV-1a, 32 bits, over a string's UTF-16 code units. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mixes integers into a 32-bit hash (murmur3's finaliser after each step). */
export function hashInts(a: number, b = 0, c = 0): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h ^ b, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h ^ c, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// Feature kinds: the first argument of hashInts.
const F = {
  bias: 1,
  pos: 2,
  rpos: 3,
  len: 4,
  posLen: 5,
  posDoc: 6,
  cent: 7,
  centRank: 8,
  centRankPos: 9,
  centBucket: 10,
  firstOverlap: 11,
  quote: 12,
  quoteStart: 13,
  question: 14,
  noFinalMark: 15,
  digits: 16,
  firstWord: 17,
  firstTwo: 18,
  lastWord: 19,
  quotePos: 20,
} as const;

/** Features of every sentence of an article, flat: sentence i owns [offsets[i], offsets[i+1]). */
export interface SentenceFeatures {
  offsets: Int32Array;
  indices: Int32Array;
  values: Float32Array;
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
const QUOTE_START_RE = /^\s*(?:["\u201c]|''|``)/;
const QUESTION_RE = /\?\s*["\u201d']*\s*$/;
const FINAL_MARK_RE = /[.!?]\s*["\u201d']*\s*$/;

/** TF-IDF (IDF over the article's sentences) of each sentence, unit length, as (word id, weight) lists. */
function tfidf(words: ArticleWords): { ids: Int32Array[]; weights: Float64Array[] } {
  const { ids, content, vocabulary } = words;
  const n = ids.length;
  const df = new Int32Array(vocabulary);
  const lastSeen = new Int32Array(vocabulary).fill(-1);
  for (let i = 0; i < n; i++) {
    for (const w of ids[i]!) {
      if (content[w] && lastSeen[w] !== i) {
        lastSeen[w] = i;
        df[w]!++;
      }
    }
  }
  const tf = new Float64Array(vocabulary);
  const outIds: Int32Array[] = [];
  const outW: Float64Array[] = [];
  const seenAt = new Int32Array(vocabulary).fill(-1);
  for (let i = 0; i < n; i++) {
    const distinct: number[] = [];
    for (const w of ids[i]!) {
      if (!content[w]) continue;
      if (seenAt[w] !== i) {
        seenAt[w] = i;
        tf[w] = 0;
        distinct.push(w);
      }
      tf[w]!++;
    }
    const vid = new Int32Array(distinct);
    const vw = new Float64Array(distinct.length);
    let norm = 0;
    for (let k = 0; k < distinct.length; k++) {
      const w = distinct[k]!;
      const x = tf[w]! * Math.log((n + 1) / df[w]!);
      vw[k] = x;
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (let k = 0; k < vw.length; k++) vw[k]! /= norm;
    outIds.push(vid);
    outW.push(vw);
  }
  return { ids: outIds, weights: outW };
}

/** Features of the sentences of one article (`texts`: each sentence's raw text). */
export function sentenceFeatures(
  words: ArticleWords,
  texts: readonly string[],
  mask: number,
): SentenceFeatures {
  const n = words.ids.length;
  const { ids: vIds, weights: vW } = tfidf(words);
  const centroid = new Float64Array(words.vocabulary);
  for (let i = 0; i < n; i++) {
    const id = vIds[i]!;
    const w = vW[i]!;
    for (let k = 0; k < id.length; k++) centroid[id[k]!]! += w[k]!;
  }
  let centroidNorm2 = 0;
  for (let k = 0; k < centroid.length; k++) centroidNorm2 += centroid[k]! * centroid[k]!;
  const central = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const id = vIds[i]!;
    const w = vW[i]!;
    let dot = 0;
    let self = 0;
    for (let k = 0; k < id.length; k++) {
      dot += w[k]! * centroid[id[k]!]!;
      self += w[k]! * w[k]!;
    }
    // The sentence against the centroid of the others: |C - v|^2 = |C|^2 - 2 C.v + |v|^2.
    const norm2 = centroidNorm2 - 2 * dot + self;
    central[i] = norm2 > 1e-12 ? (dot - self) / Math.sqrt(norm2) : 0;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => central[b]! - central[a]!);
  const centralRank = new Int32Array(n);
  for (let r = 0; r < n; r++) centralRank[order[r]!] = r;
  const first = new Float64Array(n > 0 ? words.vocabulary : 0);
  if (n > 0) for (let k = 0; k < vIds[0]!.length; k++) first[vIds[0]![k]!] = vW[0]![k]!;

  // Upper bound of entries: 24 fixed + one per token.
  let cap = 0;
  for (let i = 0; i < n; i++) cap += 24 + words.ids[i]!.length;
  const indices = new Int32Array(cap);
  const values = new Float32Array(cap);
  const offsets = new Int32Array(n + 1);
  let o = 0;
  const put = (h: number, v: number) => {
    indices[o] = h & mask;
    values[o] = v;
    o++;
  };
  const db = docBucket(n);
  const seen = new Int32Array(words.vocabulary).fill(-1);
  for (let i = 0; i < n; i++) {
    offsets[i] = o;
    const toks = words.ids[i]!;
    const text = texts[i]!;
    const len = toks.length;
    const lb = lengthBucket(len);
    const pos = Math.min(i, 15);
    const p6 = Math.min(i, 6);
    const cr = centralRank[i]!;
    put(hashInts(F.bias), 1);
    put(hashInts(F.pos, pos), 1);
    put(hashInts(F.rpos, Math.min(9, Math.floor((10 * i) / n))), 1);
    put(hashInts(F.len, lb), 1);
    put(hashInts(F.posLen, p6, lb), 1);
    put(hashInts(F.posDoc, p6, db), 1);
    put(hashInts(F.cent), central[i]!);
    put(hashInts(F.centRank, Math.min(cr, 10)), 1);
    put(hashInts(F.centRankPos, Math.min(cr, 5), Math.min(i, 5)), 1);
    put(hashInts(F.centBucket, Math.max(0, Math.min(9, Math.floor(central[i]! * 20)))), 1);
    if (i > 0) {
      let ov = 0;
      const id = vIds[i]!;
      const w = vW[i]!;
      for (let k = 0; k < id.length; k++) ov += w[k]! * first[id[k]!]!;
      put(hashInts(F.firstOverlap, Math.min(9, Math.floor(ov * 10))), 1);
    }
    if (QUOTE_RE.test(text)) {
      put(hashInts(F.quote), 1);
      put(hashInts(F.quotePos, Math.min(i, 5)), 1);
      if (QUOTE_START_RE.test(text)) put(hashInts(F.quoteStart), 1);
    }
    if (QUESTION_RE.test(text)) put(hashInts(F.question), 1);
    if (!FINAL_MARK_RE.test(text)) put(hashInts(F.noFinalMark), 1);
    let digits = 0;
    for (const w of toks) if (words.numeric[w]) digits++;
    if (digits) put(hashInts(F.digits, Math.min(digits, 3)), 1);
    if (len > 0) {
      const h0 = words.hashes[toks[0]!]!;
      put(hashInts(F.firstWord, h0), 1);
      if (len > 1) put(hashInts(F.firstTwo, h0, words.hashes[toks[1]!]!), 1);
      put(hashInts(F.lastWord, words.hashes[toks[len - 1]!]!), 1);
    }
    let distinct = 0;
    for (const w of toks) {
      if (seen[w] !== i) {
        seen[w] = i;
        distinct++;
      }
    }
    const wv = 1 / Math.sqrt(Math.max(distinct, 1));
    for (const w of toks) {
      if (seen[w] === i) {
        seen[w] = -2 - i; // each word once
        put(words.hashes[w]!, wv);
      }
    }
  }
  offsets[n] = o;
  return { offsets, indices, values };
}

export { articleWords };
