/**
 * Word hashes for the cue tagger, computed from the characters of the text without
 * making a string per token, and a small open-addressing table keyed by them. The
 * tagger looks up every token of a unit (is it a candidate, a function word, which
 * class): with string-keyed Maps those lookups were most of its time.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 16777619;

/** FNV-1a over text[from, to); unsigned. */
export function hashRange(text: string, from: number, to: number): number {
  let h = FNV_OFFSET;
  for (let k = from; k < to; k++) h = Math.imul(h ^ text.charCodeAt(k), FNV_PRIME);
  return h >>> 0;
}

/**
 * FNV-1a over text[from, to) and then the character code `extra`; unsigned. Its own function
 * (not an optional argument of hashRange): every call of the hot one passes the same three numbers.
 */
function hashRangeThen(text: string, from: number, to: number, extra: number): number {
  let h = FNV_OFFSET;
  for (let k = from; k < to; k++) h = Math.imul(h ^ text.charCodeAt(k), FNV_PRIME);
  return Math.imul(h ^ extra, FNV_PRIME) >>> 0;
}

/** A 32-bit FNV-1a hash of a string. */
export function stringHash(text: string): number {
  return hashRange(text, 0, text.length);
}

const Y = 121;

/**
 * The hash of stemOf(w) (cue-tagger.ts) without building the stem: the same endings
 * stripped ("warned" → "warn", "denied" → "deny", "claims" → "claim").
 */
export function stemHash(w: string): number {
  const n = w.length;
  // Every ending below needs a word of four letters or more; shorter words are not read past their start.
  if (n <= 3) return hashRange(w, 0, n);
  const c1 = w.charCodeAt(n - 1);
  const c2 = w.charCodeAt(n - 2);
  const c3 = w.charCodeAt(n - 3);
  // "ing"
  if (n > 5 && c1 === 103 && c2 === 110 && c3 === 105) return hashRange(w, 0, n - 3);
  if (n > 4 && c1 === 100 && c2 === 101)
    return c3 === 105 ? hashRangeThen(w, 0, n - 3, Y) : hashRange(w, 0, n - 2);
  if (n > 4 && c1 === 115 && c2 === 101 && c3 === 105) return hashRangeThen(w, 0, n - 3, Y);
  if (n > 3 && c1 === 115 && c2 !== 115) return hashRange(w, 0, n - 1);
  return hashRange(w, 0, n);
}

/** The hash of the last three characters of a word of five or more (else 0). */
export function suffixHash(w: string): number {
  return w.length >= 5 ? hashRange(w, w.length - 3, w.length) : 0;
}

/** A set of 32-bit keys with a small value each (open addressing, linear probing). */
export class HashTable {
  private keys: Int32Array;
  private used: Uint8Array;
  private vals: Int8Array;
  private mask: number;
  constructor(entries: Iterable<[number, number]>) {
    const list = [...entries];
    let size = 16;
    while (size < list.length * 4) size *= 2;
    this.keys = new Int32Array(size);
    this.used = new Uint8Array(size);
    this.vals = new Int8Array(size);
    this.mask = size - 1;
    for (const [k, v] of list) this.set(k, v);
  }
  private slot(key: number): number {
    let i = Math.imul(key | 0, 0x9e3779b1) >>> 0;
    i = (i ^ (i >>> 16)) & this.mask;
    while (this.used[i] && this.keys[i] !== (key | 0)) i = (i + 1) & this.mask;
    return i;
  }
  private set(key: number, value: number): void {
    const i = this.slot(key);
    this.used[i] = 1;
    this.keys[i] = key | 0;
    this.vals[i] = value;
  }
  /** The value of `key`, or `missing`. */
  get(key: number, missing: number): number {
    const i = this.slot(key);
    return this.used[i] ? this.vals[i]! : missing;
  }
}
