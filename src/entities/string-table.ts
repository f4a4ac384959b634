/**
 * A read-only set of strings numbered 0 .. size - 1, held in three typed arrays
 * (the UTF-16 code units of all strings end to end, where each starts, and an
 * open-addressing hash table of string numbers), so that a compiled model file
 * can be viewed in place: loading it builds no JS string and no Map entry (each
 * Map of tens of thousands of strings cost tens of ms and a garbage collection at
 * every process start, issue #8). A lookup hashes the token's characters and
 * compares them with the stored ones; `getPrefixed` looks up "prefix" + part of a
 * token without building that string.
 */

/** FNV-1a over UTF-16 code units, then a final mix so that the low bits (the slot) depend on every unit. */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SPACE = 32;

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h;
}

function hashRange(h: number, s: string, start: number, end: number): number {
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

/** The hash of a whole string (what the table stores it under). */
export function stringHash(s: string): number {
  return mix(hashRange(FNV_OFFSET, s, 0, s.length));
}

export class StringTable {
  constructor(
    /** Code units of every string, end to end. */
    readonly chars: Uint16Array,
    /** String i is chars[starts[i] .. starts[i + 1]). */
    readonly starts: Uint32Array,
    /** Hash slots (a power of two): a string number, or -1 when empty. */
    readonly slots: Int32Array,
  ) {}

  /** A table of `strings`, numbered in their order (they must be distinct). */
  static build(strings: readonly string[]): StringTable {
    let units = 0;
    for (const s of strings) units += s.length;
    const chars = new Uint16Array(units);
    const starts = new Uint32Array(strings.length + 1);
    let at = 0;
    strings.forEach((s, i) => {
      starts[i] = at;
      for (let k = 0; k < s.length; k++) chars[at + k] = s.charCodeAt(k);
      at += s.length;
    });
    starts[strings.length] = at;
    let cap = 16;
    while (cap < strings.length * 2) cap *= 2;
    const slots = new Int32Array(cap).fill(-1);
    const table = new StringTable(chars, starts, slots);
    strings.forEach((s, i) => {
      if (table.get(s) >= 0) throw new Error(`StringTable.build: "${s}" twice`);
      let slot = stringHash(s) & (cap - 1);
      while (slots[slot] !== -1) slot = (slot + 1) & (cap - 1);
      slots[slot] = i;
    });
    return table;
  }

  get size(): number {
    return this.starts.length - 1;
  }

  /** The number of string `s`, or -1. */
  get(s: string): number {
    return this.find('', s, 0, s.length);
  }

  /** The number of prefix + s.slice(start, end), or -1 (without building that string). */
  getPrefixed(prefix: string, s: string, start = 0, end = s.length): number {
    return this.find(prefix, s, start, end);
  }

  /**
   * The number of words[from .. from + count) joined by single spaces, or -1: the same as
   * get(words.slice(from, from + count).join(' ')) without building that string (the
   * gazetteer's phrases of two words or more, looked up at many capitalised words).
   */
  getJoined(words: readonly string[], from: number, count: number): number {
    let h = FNV_OFFSET;
    let length = count - 1;
    for (let k = 0; k < count; k++) {
      const w = words[from + k]!;
      if (k > 0) h = Math.imul(h ^ SPACE, FNV_PRIME);
      h = hashRange(h, w, 0, w.length);
      length += w.length;
    }
    h = mix(h);
    const slots = this.slots;
    const mask = slots.length - 1;
    const starts = this.starts;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const i = slots[slot]!;
      if (i < 0) return -1;
      const start = starts[i]!;
      if (starts[i + 1]! - start !== length) continue;
      if (this.holdsJoined(start, words, from, count)) return i;
    }
  }

  /** Whether chars from `at` on are words[from .. from + count) joined by single spaces. */
  private holdsJoined(at: number, words: readonly string[], from: number, count: number): boolean {
    const chars = this.chars;
    for (let k = 0; k < count; k++) {
      if (k > 0 && chars[at++] !== SPACE) return false;
      const w = words[from + k]!;
      for (let j = 0; j < w.length; j++) if (chars[at++] !== w.charCodeAt(j)) return false;
    }
    return true;
  }

  /** String number i, decoded (for inspection and the rare callers that need the text). */
  at(i: number): string {
    let out = '';
    const end = this.starts[i + 1]!;
    for (let k = this.starts[i]!; k < end; k++) out += String.fromCharCode(this.chars[k]!);
    return out;
  }

  private find(prefix: string, s: string, start: number, end: number): number {
    const p = prefix.length;
    const length = p + end - start;
    const h = mix(hashRange(hashRange(FNV_OFFSET, prefix, 0, p), s, start, end));
    const slots = this.slots;
    const mask = slots.length - 1;
    const chars = this.chars;
    const starts = this.starts;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const i = slots[slot]!;
      if (i < 0) return -1;
      const from = starts[i]!;
      if (starts[i + 1]! - from !== length) continue;
      let k = 0;
      while (k < p && chars[from + k] === prefix.charCodeAt(k)) k++;
      if (k < p) continue;
      const off = from + p - start;
      let j = start;
      while (j < end && chars[off + j] === s.charCodeAt(j)) j++;
      if (j === end) return i;
    }
  }
}
