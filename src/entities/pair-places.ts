/**
 * The places of the lower-case word-pair features, by pair: for two adjacent words'
 * lower-case ids (a, b), the rows of templates 60, 61, 68 and 69 (the same pair seen from
 * the second word, the first, the word after and the word before), found by one probe
 * where the feature table needed one per template. The four share their words: a pair
 * the model knows usually has two or more of them (18,743 pairs for 30,794 features in
 * the shipped model). Derived from the feature table with the tagger's other tables (and
 * stored in a compiled model), read-only after; each place is the one the table gives for that feature's key, so the scores are the same.
 */
import { type FeatureIndex, PairFilter } from './feature-index.js';
import { firstId, secondId, templateOf } from './features.js';

/** The templates, in the order of their places in a slot. */
export const LL_TEMPLATES: readonly number[] = [60, 61, 68, 69];
/** Ints a slot holds: a, b, then one place per template (-1: the model lacks that feature). */
const SLOT = 8;

export class WordPairPlaces {
  private readonly mask: number;

  constructor(
    /** Slot i at SLOT × i: a (-1 when empty), b, the four places, two spare ints (alignment); a power of two of slots. */
    private readonly slots: Int32Array,
    /** Pairs that may be in the table (a Bloom filter of 128 KB in front of the table). */
    private readonly filter: PairFilter,
  ) {
    this.mask = slots.length / SLOT - 1;
  }

  /** An empty table with room for `entries` pairs. */
  private static empty(entries: number): WordPairPlaces {
    // At most two thirds full (18,743 pairs in 32,768 slots, 1 MB): probes stay short.
    let cap = 16;
    while (cap < entries * 1.5) cap *= 2;
    return new WordPairPlaces(new Int32Array(cap * SLOT).fill(-1), new PairFilter());
  }

  /** The slots and the filter's bits as stored (a compiled model file holds them; the constructor reads them back). */
  get storedSlots(): Int32Array {
    return this.slots;
  }
  get storedFilter(): Int32Array {
    return this.filter.storedBits;
  }

  /** The lower-case word pairs of `rows` (a feature table of places) and their places. */
  static fromFeatures(rows: FeatureIndex): WordPairPlaces {
    const keys: number[] = [];
    const places: number[] = [];
    rows.forEach((key, place) => {
      if (LL_TEMPLATES.includes(templateOf(key))) {
        keys.push(key);
        places.push(place);
      }
    });
    // Slots for the distinct pairs, not the features: count them first.
    const pairs = new Set<number>();
    for (const key of keys) pairs.add(firstId(key) * 4194304 + secondId(key));
    const table = WordPairPlaces.empty(pairs.size);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const s = table.slotFor(firstId(key), secondId(key));
      table.slots[s + 2 + LL_TEMPLATES.indexOf(templateOf(key))] = places[i]!;
    }
    return table;
  }

  private static hash(a: number, b: number): number {
    let h = Math.imul(a, 0x9e3779b1) ^ b;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    return h ^ (h >>> 13);
  }

  /** The slot of pair (a, b), claimed when absent (building only). */
  private slotFor(a: number, b: number): number {
    const slots = this.slots;
    for (let i = WordPairPlaces.hash(a, b) & this.mask; ; i = (i + 1) & this.mask) {
      const s = i * SLOT;
      if (slots[s] === -1) {
        slots[s] = a;
        slots[s + 1] = b;
        this.filter.add(0, a, b);
        return s;
      }
      if (slots[s] === a && slots[s + 1] === b) return s;
    }
  }

  /**
   * Where pair (a, b)'s places are in `places` (find's array): at the returned index, in
   * LL_TEMPLATES order; -1 when the model has no feature of that pair.
   */
  find(a: number, b: number): number {
    if (!this.filter.mayHave(0, a, b)) return -1;
    const slots = this.slots;
    for (let i = WordPairPlaces.hash(a, b) & this.mask; ; i = (i + 1) & this.mask) {
      const s = i * SLOT;
      const x = slots[s]!;
      if (x === a && slots[s + 1] === b) return s + 2;
      if (x === -1) return -1;
    }
  }

  /** The array find's indices point into. */
  get places(): Int32Array {
    return this.slots;
  }
}
