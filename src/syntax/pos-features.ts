/**
 * The features of the part-of-speech tagger, shared by its training (scripts/pos-train.ts)
 * and its run time (pos-tagger.ts) so that the two cannot drift apart. A token's features
 * are 32-bit keys, each a hash of a template number and one or two values (word hashes,
 * suffix hashes, shapes, previous tags): no strings are built per token.
 *
 * Templates (after the greedy averaged-perceptron taggers of Collins 2002 and Honnibal's
 * 2013 write-up, cut to eleven): bias; the word; its last three letters; the two previous
 * tags together; the word with the previous tag; the previous word and its last three
 * letters; the next word and its last three letters; the word's shape; its last three
 * letters with the previous tag. The tagger is bound by one table probe per feature: the
 * five dropped templates (first letter, the tag two back alone, the words two away) cost
 * 0.2 points of dev accuracy and halved the speed (models/pos/CARD.md).
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 16777619;

/** How many features a token has. */
export const POS_FEATURES = 11;

/**
 * The template numbers, as they enter the keys (posFeatures writes them in this order; the
 * tagger adds their rows in the same order). The bias, shape and two-tag rows are looked up
 * once per model (pos-model.ts).
 */
export const BIAS_TEMPLATE = 0;
export const WORD_TEMPLATE = 1;
export const SUFFIX_TEMPLATE = 2;
export const PREV_TAGS_TEMPLATE = 6;
export const WORD_PREV_TAG_TEMPLATE = 7;
export const PREV_WORD_TEMPLATE = 8;
export const PREV_SUFFIX_TEMPLATE = 9;
export const NEXT_WORD_TEMPLATE = 11;
export const NEXT_SUFFIX_TEMPLATE = 12;
export const SHAPE_TEMPLATE = 14;
export const SUFFIX_PREV_TAG_TEMPLATE = 15;

/** Tag codes standing for "before the sequence". */
export const START = 60;
export const START2 = 61;
/** Hash values standing for positions outside the sequence. */
export const BEFORE = 1;
export const AFTER = 2;

/** The lower-case code of a character, digits folded to "0" (so that years and amounts share features). */
function foldCode(c: number): number {
  if (c < 128) {
    if (c >= 65 && c <= 90) return c | 32;
    if (c >= 48 && c <= 57) return 48;
    return c;
  }
  const lower = String.fromCharCode(c).toLowerCase();
  return lower.length === 1 ? lower.charCodeAt(0) : c;
}

/** FNV-1a of text[from, to) folded (lower case, digits as 0); unsigned. */
export function foldedHash(text: string, from: number, to: number): number {
  let h = FNV_OFFSET;
  for (let k = from; k < to; k++) h = Math.imul(h ^ foldCode(text.charCodeAt(k)), FNV_PRIME);
  return h >>> 0;
}

/** The shape of text[from, to): bits for capitalised, all capitals, a digit, a hyphen, a period, first of the sequence. */
export function shapeOf(text: string, from: number, to: number, first: boolean): number {
  const c0 = text.charCodeAt(from);
  let s = c0 >= 65 && c0 <= 90 ? 1 : c0 > 127 && String.fromCharCode(c0).toLowerCase() !== text[from] ? 1 : 0;
  let upper = true;
  let letters = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c >= 97 && c <= 122) upper = false;
    else if (c >= 65 && c <= 90) letters++;
    else if (c >= 48 && c <= 57) s |= 4;
    else if (c === 45) s |= 8;
    else if (c === 46) s |= 16;
  }
  if (upper && letters > 1) s |= 2;
  if (first) s |= 32;
  return s;
}

/** A feature key from a template and two values. */
export function featureKey(template: number, a: number, b: number): number {
  let h = Math.imul(0x9747b28c ^ template, FNV_PRIME);
  h = Math.imul(h ^ a, FNV_PRIME);
  h ^= h >>> 15;
  h = Math.imul(h ^ b, 0x2c1b3c6d);
  h ^= h >>> 13;
  h = Math.imul(h, 0x297a2d39);
  h ^= h >>> 16;
  return h | 0;
}

/** Per-token values of a sequence, computed once: folded word hash, suffix hash, shape. */
export class TokenValues {
  word = new Int32Array(64);
  suffix = new Int32Array(64);
  shape = new Uint8Array(64);

  /** Fills the values of the n tokens of `off` from token `from` (flat offsets: token i is [off[2i], off[2i+1])). */
  fill(text: string, off: ArrayLike<number>, from: number, to: number): void {
    const n = to - from;
    if (this.word.length < n) {
      let size = this.word.length;
      while (size < n) size *= 2;
      this.word = new Int32Array(size);
      this.suffix = new Int32Array(size);
      this.shape = new Uint8Array(size);
    }
    for (let t = 0; t < n; t++) {
      const a = off[2 * (from + t)]!;
      const b = off[2 * (from + t) + 1]!;
      // foldedHash and shapeOf in one pass over the characters (the same values: the
      // tests compare them); the suffix's three characters are hashed again.
      let h = FNV_OFFSET;
      const c0 = text.charCodeAt(a);
      let s =
        c0 >= 65 && c0 <= 90 ? 1 : c0 > 127 && String.fromCharCode(c0).toLowerCase() !== text[a] ? 1 : 0;
      let upper = true;
      let letters = 0;
      for (let k = a; k < b; k++) {
        const c = text.charCodeAt(k);
        let f = c;
        if (c >= 97 && c <= 122) upper = false;
        else if (c >= 65 && c <= 90) {
          letters++;
          f = c | 32;
        } else if (c >= 48 && c <= 57) {
          s |= 4;
          f = 48;
        } else if (c === 45) s |= 8;
        else if (c === 46) s |= 16;
        else if (c >= 128) f = foldCode(c);
        h = Math.imul(h ^ f, FNV_PRIME);
      }
      if (upper && letters > 1) s |= 2;
      if (t === 0) s |= 32;
      this.word[t] = h;
      this.suffix[t] = b - a > 3 ? foldedHash(text, b - 3, b) : h;
      this.shape[t] = s;
    }
  }
}

/** The feature keys of token t of a sequence of n tokens, given the two previous tags; written to out[0 … POS_FEATURES). */
export function posFeatures(
  v: TokenValues,
  t: number,
  n: number,
  prev: number,
  prev2: number,
  out: Int32Array,
): void {
  const w = v.word[t]!;
  const suf = v.suffix[t]!;
  const p1 = t > 0 ? v.word[t - 1]! : BEFORE;
  const p1s = t > 0 ? v.suffix[t - 1]! : BEFORE;
  const n1 = t + 1 < n ? v.word[t + 1]! : AFTER;
  const n1s = t + 1 < n ? v.suffix[t + 1]! : AFTER;
  out[0] = featureKey(BIAS_TEMPLATE, 0, 0);
  out[1] = featureKey(WORD_TEMPLATE, w, 0);
  out[2] = featureKey(SUFFIX_TEMPLATE, suf, 0);
  out[3] = featureKey(PREV_TAGS_TEMPLATE, prev, prev2);
  out[4] = featureKey(WORD_PREV_TAG_TEMPLATE, w, prev);
  out[5] = featureKey(PREV_WORD_TEMPLATE, p1, 0);
  out[6] = featureKey(PREV_SUFFIX_TEMPLATE, p1s, 0);
  out[7] = featureKey(NEXT_WORD_TEMPLATE, n1, 0);
  out[8] = featureKey(NEXT_SUFFIX_TEMPLATE, n1s, 0);
  out[9] = featureKey(SHAPE_TEMPLATE, v.shape[t]!, 0);
  out[10] = featureKey(SUFFIX_PREV_TAG_TEMPLATE, suf, prev);
}
