/**
 * Lower-cased token strings interned across articles, each with an id, so that what the
 * quotes stage knows of a word (its trie node in the cue lexicon, its class, whether the
 * cue tagger takes it as a candidate, its stem's hash) is worked out once per word and
 * read back by id for every later token of it. Making a new string per token and hashing
 * it again in every Map and Set lookup was a large part of the stage's time (issue #8).
 *
 * A word is found by the FNV-1a hash of its characters (the tagger's word hash, which the
 * table keeps for each id), then its characters are compared: two words never share an id.
 */
import { hashRange } from './cue-word-hashes.js';

/** Beyond this many words the vocabulary starts afresh (a long batch meets new words forever). */
const MAX_WORDS = 1 << 17;

export class Vocabulary {
  /** The words by id. */
  readonly words: string[] = [];
  /** FNV-1a hash of each word (signed 32 bits), by id. */
  hashes = new Int32Array(1024);
  /** The words' characters one after the other (compared there: one array, not a string per word). */
  private chars = new Uint16Array(8192);
  private used = 0;
  private starts = new Int32Array(1024);
  /**
   * Open-addressing slots, four numbers each: the word's hash, its id + 1 (0 when empty), where
   * its characters start in `chars` and how many: a lookup reads one slot and the characters.
   */
  private slots = new Int32Array(8192);
  /** The hash of the text last looked up (so that a caller need not read `hashes` again). */
  lastHash = 0;
  private mask = 2047;

  get size(): number {
    return this.words.length;
  }

  /** True when `more` new words may not fit: the caller takes a fresh vocabulary. */
  isFull(more: number): boolean {
    return this.words.length + more > MAX_WORDS;
  }

  /** The id of text[from, to) as a word, or -1 when it is not one of the vocabulary's. */
  find(text: string, from = 0, to = text.length): number {
    return this.lookup(text, from, to, hashRange(text, from, to) | 0, false);
  }

  /** The id of text[from, to) as a word, added when new. */
  intern(text: string, from: number, to: number): number {
    return this.lookup(text, from, to, hashRange(text, from, to) | 0, true);
  }

  private lookup(text: string, from: number, to: number, h: number, add: boolean): number {
    const slots = this.slots;
    const mask = this.mask;
    const len = to - from;
    this.lastHash = h;
    let i = slotOf(h, mask);
    for (;;) {
      const s = slots[4 * i + 1]!;
      if (s === 0) break;
      if (
        slots[4 * i] === h &&
        slots[4 * i + 3] === len &&
        this.sameChars(slots[4 * i + 2]!, text, from, len)
      )
        return s - 1;
      i = (i + 1) & mask;
    }
    if (!add) return -1;
    const id = this.words.length;
    this.words.push(ownString(text, from, to));
    if (id + 2 >= this.hashes.length) {
      this.hashes = grownInt32(this.hashes, this.hashes.length * 2);
      this.starts = grownInt32(this.starts, this.hashes.length);
    }
    this.hashes[id] = h;
    if (this.used + len > this.chars.length) {
      const chars = new Uint16Array(Math.max(this.chars.length * 2, this.used + len));
      chars.set(this.chars);
      this.chars = chars;
    }
    for (let k = 0; k < len; k++) this.chars[this.used + k] = text.charCodeAt(from + k);
    this.starts[id] = this.used;
    this.used += len;
    this.starts[id + 1] = this.used;
    slots[4 * i] = h;
    slots[4 * i + 1] = id + 1;
    slots[4 * i + 2] = this.starts[id]!;
    slots[4 * i + 3] = len;
    if (this.words.length * 2 > mask) this.rehash();
    return id;
  }

  private sameChars(at: number, text: string, from: number, len: number): boolean {
    const chars = this.chars;
    for (let k = 0; k < len; k++) if (chars[at + k] !== text.charCodeAt(from + k)) return false;
    return true;
  }

  private rehash(): void {
    const size = (this.mask + 1) * 2;
    const slots = new Int32Array(size * 4);
    const mask = size - 1;
    for (let id = 0; id < this.words.length; id++) {
      const h = this.hashes[id]!;
      let i = slotOf(h, mask);
      while (slots[4 * i + 1] !== 0) i = (i + 1) & mask;
      slots[4 * i] = h;
      slots[4 * i + 1] = id + 1;
      slots[4 * i + 2] = this.starts[id]!;
      slots[4 * i + 3] = this.starts[id + 1]! - this.starts[id]!;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

function grownInt32(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

function slotOf(h: number, mask: number): number {
  const i = Math.imul(h, 0x9e3779b1) >>> 0;
  return (i ^ (i >>> 16)) & mask;
}

/**
 * text[from, to) as a string of its own: a long slice may be a view that keeps the whole
 * article alive, which a vocabulary kept across articles must not do.
 */
function ownString(text: string, from: number, to: number): string {
  const s = text.slice(from, to);
  if (s.length < 13) return s;
  let out = '';
  for (let k = 0; k < s.length; k += 4096) {
    const codes: number[] = [];
    for (let j = k; j < Math.min(s.length, k + 4096); j++) codes.push(s.charCodeAt(j));
    out += String.fromCharCode(...codes);
  }
  return out;
}

let current = new Vocabulary();

/** The shared vocabulary, made afresh first when `more` new words might not fit. */
export function vocabularyFor(more: number): Vocabulary {
  if (current.isFull(more)) current = new Vocabulary();
  return current;
}

/**
 * A per-word cache of small numbers that belongs to one vocabulary (and, through the
 * caller's WeakMap, to one lexicon or tagger): `UNSET` until computed.
 */
export class WordFacts {
  values: Uint8Array;
  constructor(readonly vocabulary: Vocabulary) {
    this.values = new Uint8Array(Math.max(1024, vocabulary.hashes.length)).fill(UNSET);
  }
  /** The value of word `id`, growing the array first when the vocabulary grew. */
  get(id: number): number {
    if (id >= this.values.length) {
      const grown = new Uint8Array(this.vocabulary.hashes.length).fill(UNSET);
      grown.set(this.values);
      this.values = grown;
    }
    return this.values[id]!;
  }
}

export const UNSET = 255;
