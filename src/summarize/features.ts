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
import type { Span } from '../article/types.js';
import { isRegexSpace } from '../text/chars.js';
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

/**
 * Hashes of the features that take a few small values, computed once: the feature code
 * looks them up instead of hashing the same integers for every sentence.
 */
function table(kind: number, a: number, b = 1): Int32Array {
  const out = new Int32Array(a * b);
  for (let x = 0; x < a; x++) for (let y = 0; y < b; y++) out[x * b + y] = hashInts(kind, x, b > 1 ? y : 0);
  return out;
}
const H = {
  bias: hashInts(F.bias),
  pos: table(F.pos, 16),
  rpos: table(F.rpos, 10),
  len: table(F.len, 9),
  posLen: table(F.posLen, 7, 9),
  posDoc: table(F.posDoc, 7, 5),
  cent: hashInts(F.cent),
  centRank: table(F.centRank, 11),
  centRankPos: table(F.centRankPos, 6, 6),
  centBucket: table(F.centBucket, 10),
  firstOverlap: table(F.firstOverlap, 10),
  quote: hashInts(F.quote),
  quotePos: table(F.quotePos, 6),
  quoteStart: hashInts(F.quoteStart),
  question: hashInts(F.question),
  noFinalMark: hashInts(F.noFinalMark),
  digits: table(F.digits, 4),
};

const QUOTE = 0x22;
const OPEN_CURLY = 0x201c;
const CLOSE_CURLY = 0x201d;
const APOSTROPHE = 0x27;
const BACKTICK = 0x60;

/** Whether text[start, end) holds a double quotation mark: " “ ” or two apostrophes or backticks. */
function hasQuote(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE || c === OPEN_CURLY || c === CLOSE_CURLY) return true;
    if ((c === APOSTROPHE || c === BACKTICK) && i + 1 < end && text.charCodeAt(i + 1) === c) return true;
  }
  return false;
}

/** Whether text[start, end) opens (after blanks) with " “ '' or ``. */
function opensWithQuote(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && isRegexSpace(text.charCodeAt(i))) i++;
  if (i >= end) return false;
  const c = text.charCodeAt(i);
  if (c === QUOTE || c === OPEN_CURLY) return true;
  return (c === APOSTROPHE || c === BACKTICK) && i + 1 < end && text.charCodeAt(i + 1) === c;
}

/**
 * The last character of text[start, end) before its closing quotation marks (" ” ') and
 * the blanks around them (-1: none): the sentence's final mark, where it has one.
 */
function finalMark(text: string, start: number, end: number): number {
  // Each loop steps back once before its first test (so i starts one after): the step then
  // runs for every sentence, and optimised code has seen it, where a loop whose body runs only
  // for the rare sentence ending in blanks or marks deoptimised sentenceFeatures when one came.
  let i = end;
  do i--;
  while (i >= start && isRegexSpace(text.charCodeAt(i)));
  i++;
  do i--;
  while (i >= start && isClosingMark(text.charCodeAt(i)));
  i++;
  do i--;
  while (i >= start && isRegexSpace(text.charCodeAt(i)));
  return i >= start ? text.charCodeAt(i) : -1;
}

const isClosingMark = (c: number) => c === QUOTE || c === CLOSE_CURLY || c === APOSTROPHE;

/**
 * Scratch arrays, one per vocabulary word or sentence, reused from article to article
 * (grown when an article needs more): a fresh typed array of a few hundred entries
 * costs an allocation outside V8's heap, and an article needed a dozen of them.
 */
let scratchSize = 0;
let df = new Int32Array(0);
let mark = new Int32Array(0);
let tf = new Float64Array(0);
let idf = new Float64Array(0);
let centroid = new Float64Array(0);
let firstVector = new Float64Array(0);

function scratchFor(v: number): void {
  if (v <= scratchSize) return;
  scratchSize = Math.max(v, scratchSize * 2, 1024);
  df = new Int32Array(scratchSize);
  mark = new Int32Array(scratchSize);
  tf = new Float64Array(scratchSize);
  idf = new Float64Array(scratchSize);
  centroid = new Float64Array(scratchSize);
  firstVector = new Float64Array(scratchSize);
}

/**
 * TF-IDF (IDF over the article's sentences) of each sentence, unit length: sentence i's
 * distinct content words are `ids[starts[i]]` to `ids[starts[i + 1] - 1]`, with their weights.
 */
interface Vectors {
  starts: Int32Array;
  ids: Int32Array;
  weights: Float64Array;
}

function tfidf(words: ArticleWords): Vectors {
  const { flat, starts: wordStarts, content, vocabulary, count: n } = words;
  scratchFor(vocabulary);
  df.fill(0, 0, vocabulary);
  mark.fill(-1, 0, vocabulary);
  for (let i = 0; i < n; i++) {
    for (let o = wordStarts[i]!; o < wordStarts[i + 1]!; o++) {
      const w = flat[o]!;
      if (content[w] && mark[w] !== i) {
        mark[w] = i;
        df[w]!++;
      }
    }
  }
  // Each word's IDF once (the same double as computing it at each of its occurrences).
  for (let w = 0; w < vocabulary; w++) if (df[w]) idf[w] = Math.log((n + 1) / df[w]!);
  mark.fill(-1, 0, vocabulary);
  const starts = new Int32Array(n + 1);
  const ids = new Int32Array(wordStarts[n]!);
  const weights = new Float64Array(ids.length);
  let o = 0;
  for (let i = 0; i < n; i++) {
    starts[i] = o;
    for (let p = wordStarts[i]!; p < wordStarts[i + 1]!; p++) {
      const w = flat[p]!;
      if (!content[w]) continue;
      if (mark[w] !== i) {
        mark[w] = i;
        tf[w] = 0;
        ids[o++] = w;
      }
      tf[w]!++;
    }
    let norm = 0;
    for (let k = starts[i]!; k < o; k++) {
      const w = ids[k]!;
      const x = tf[w]! * idf[w]!;
      weights[k] = x;
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (let k = starts[i]!; k < o; k++) weights[k]! /= norm;
  }
  starts[n] = o;
  return { starts, ids, weights };
}

/**
 * Features of the sentences `spans` of `text` (`words`: their words), for the scorer:
 * sentence i's are `indices[offsets[i]]` to `indices[offsets[i + 1] - 1]`, with their values.
 */
export function sentenceFeatures(
  words: ArticleWords,
  text: string,
  spans: readonly Span[],
  mask: number,
): SentenceFeatures {
  const n = words.count;
  const v = words.vocabulary;
  const vec = tfidf(words);
  const vIds = vec.ids;
  const vW = vec.weights;
  const vStarts = vec.starts;
  centroid.fill(0, 0, v);
  for (let i = 0; i < n; i++) {
    for (let k = vStarts[i]!; k < vStarts[i + 1]!; k++) centroid[vIds[k]!]! += vW[k]!;
  }
  let centroidNorm2 = 0;
  for (let k = 0; k < v; k++) centroidNorm2 += centroid[k]! * centroid[k]!;
  const central = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let dot = 0;
    let self = 0;
    for (let k = vStarts[i]!; k < vStarts[i + 1]!; k++) {
      const w = vW[k]!;
      dot += w * centroid[vIds[k]!]!;
      self += w * w;
    }
    // The sentence against the centroid of the others: |C - v|^2 = |C|^2 - 2 C.v + |v|^2.
    const norm2 = centroidNorm2 - 2 * dot + self;
    central[i] = norm2 > 1e-12 ? (dot - self) / Math.sqrt(norm2) : 0;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => central[b]! - central[a]!);
  const centralRank = new Int32Array(n);
  for (let r = 0; r < n; r++) centralRank[order[r]!] = r;
  firstVector.fill(0, 0, v);
  if (n > 0) for (let k = vStarts[0]!; k < vStarts[1]!; k++) firstVector[vIds[k]!] = vW[k]!;

  const { flat, starts } = words;
  // Upper bound of entries: 24 fixed + one per token.
  const cap = 24 * n + starts[n]!;
  const indices = new Int32Array(cap);
  const values = new Float32Array(cap);
  const offsets = new Int32Array(n + 1);
  let o = 0;
  const db = docBucket(n);
  mark.fill(-1, 0, v);
  for (let i = 0; i < n; i++) {
    offsets[i] = o;
    const from = starts[i]!;
    const to = starts[i + 1]!;
    const len = to - from;
    const lb = lengthBucket(len);
    const p6 = Math.min(i, 6);
    const cr = centralRank[i]!;
    const c = central[i]!;
    indices[o] = H.bias & mask;
    values[o++] = 1;
    indices[o] = H.pos[Math.min(i, 15)]! & mask;
    values[o++] = 1;
    indices[o] = H.rpos[Math.min(9, Math.floor((10 * i) / n))]! & mask;
    values[o++] = 1;
    indices[o] = H.len[lb]! & mask;
    values[o++] = 1;
    indices[o] = H.posLen[p6 * 9 + lb]! & mask;
    values[o++] = 1;
    indices[o] = H.posDoc[p6 * 5 + db]! & mask;
    values[o++] = 1;
    indices[o] = H.cent & mask;
    values[o++] = c;
    indices[o] = H.centRank[Math.min(cr, 10)]! & mask;
    values[o++] = 1;
    indices[o] = H.centRankPos[Math.min(cr, 5) * 6 + Math.min(i, 5)]! & mask;
    values[o++] = 1;
    indices[o] = H.centBucket[Math.max(0, Math.min(9, Math.floor(c * 20)))]! & mask;
    values[o++] = 1;
    if (i > 0) {
      let ov = 0;
      for (let k = vStarts[i]!; k < vStarts[i + 1]!; k++) ov += vW[k]! * firstVector[vIds[k]!]!;
      indices[o] = H.firstOverlap[Math.min(9, Math.floor(ov * 10))]! & mask;
      values[o++] = 1;
    }
    const start = spans[i]!.start;
    const end = spans[i]!.end;
    if (hasQuote(text, start, end)) {
      indices[o] = H.quote & mask;
      values[o++] = 1;
      indices[o] = H.quotePos[Math.min(i, 5)]! & mask;
      values[o++] = 1;
      if (opensWithQuote(text, start, end)) {
        indices[o] = H.quoteStart & mask;
        values[o++] = 1;
      }
    }
    const final = finalMark(text, start, end);
    // Written for every sentence and kept (o moves on) only for a question: a read first met
    // in optimised code, at the first question after a run of statements, would deoptimise.
    // The slot is inside the sentence's room whether kept or not.
    indices[o] = H.question & mask;
    values[o] = 1;
    o += final === 0x3f ? 1 : 0;
    // Every comparison is made for every sentence (no short cut), for the same reason.
    if (((final === 0x2e ? 1 : 0) | (final === 0x21 ? 1 : 0) | (final === 0x3f ? 1 : 0)) === 0) {
      indices[o] = H.noFinalMark & mask;
      values[o++] = 1;
    }
    let digits = 0;
    for (let p = from; p < to; p++) if (words.numeric[flat[p]!]) digits++;
    if (digits) {
      indices[o] = H.digits[Math.min(digits, 3)]! & mask;
      values[o++] = 1;
    }
    if (len > 0) {
      const h0 = words.hashes[flat[from]!]!;
      indices[o] = hashInts(F.firstWord, h0) & mask;
      values[o++] = 1;
      if (len > 1) {
        indices[o] = hashInts(F.firstTwo, h0, words.hashes[flat[from + 1]!]!) & mask;
        values[o++] = 1;
      }
      indices[o] = hashInts(F.lastWord, words.hashes[flat[to - 1]!]!) & mask;
      values[o++] = 1;
    }
    let distinct = 0;
    for (let p = from; p < to; p++) {
      const w = flat[p]!;
      if (mark[w] !== i) {
        mark[w] = i;
        distinct++;
      }
    }
    const wv = 1 / Math.sqrt(Math.max(distinct, 1));
    for (let p = from; p < to; p++) {
      const w = flat[p]!;
      if (mark[w] === i) {
        mark[w] = -2 - i; // each word once
        indices[o] = words.hashes[w]! & mask;
        values[o++] = wv;
      }
    }
  }
  offsets[n] = o;
  return { offsets, indices, values };
}

export { articleWords };
