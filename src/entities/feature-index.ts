/**
 * Feature key → weight row, as an open-addressing hash table over typed arrays.
 * Feature keys are integers below 2^53 held in doubles; a JS Map boxes them on
 * every lookup, which made it the tagger's bottleneck. Built once, read-only after.
 * Each slot holds its key and its row side by side, so that a lookup (most of
 * them miss the CPU cache: the table is a few MB) touches one cache line, not two.
 */
/** A 32-bit hash of a feature key (an integer below 2^53). */
export function hashKey(key: number): number {
  const lo = (key % 4294967296) | 0;
  const hi = (key / 4294967296) | 0;
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/**
 * A one-hash Bloom filter over features made of a template and two attribute ids:
 * 2^20 bits (128 KB), small enough to stay in the CPU's cache, where the feature
 * table (a few MB) does not. On new text most word-pair features are not in the
 * model; the filter answers "no" for almost all of them without touching the table,
 * from a hash of three small integers (cheaper than the feature key's). "Maybe" is
 * checked in the table.
 */
export class PairFilter {
  private readonly bits: Int32Array;

  constructor(features: Iterable<readonly [template: number, a: number, b: number]> = [], bits?: Int32Array) {
    this.bits = bits ?? new Int32Array(1 << 15);
    for (const [t, a, b] of features) this.add(t, a, b);
  }

  /** The filter's bits as stored (a compiled model file holds them; `new PairFilter([], bits)` reads them back). */
  get storedBits(): Int32Array {
    return this.bits;
  }

  /** Puts feature (t, a, b) in the set (model loading adds them one by one, without a tuple each). */
  add(t: number, a: number, b: number): void {
    const h = PairFilter.hash(t, a, b);
    this.bits[h >>> 5]! |= 1 << (h & 31);
  }

  private static hash(t: number, a: number, b: number): number {
    let h = Math.imul(a ^ Math.imul(t, 0x27d4eb2d), 0x9e3779b1) ^ b;
    h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
    h ^= h >>> 13;
    return h >>> 12;
  }

  /** False when the feature (t, a, b) is certainly not in the set. */
  mayHave(t: number, a: number, b: number): boolean {
    const h = PairFilter.hash(t, a, b);
    return (this.bits[h >>> 5]! & (1 << (h & 31))) !== 0;
  }
}

export class FeatureIndex {
  /** Slot i: key at 2i (-1 when empty), row at 2i + 1. */
  private table: Float64Array;
  private mask: number;
  readonly size: number;

  constructor(entries: Iterable<[number, number]> & { size?: number }, size: number) {
    this.table = FeatureIndex.emptyTable(size);
    this.mask = this.table.length / 2 - 1;
    this.size = size;
    for (const [k, v] of entries) this.set(k, v);
  }

  private static emptyTable(size: number): Float64Array {
    let cap = 16;
    while (cap < size * 2) cap *= 2;
    return new Float64Array(2 * cap).fill(-1);
  }

  static fromMap(map: Map<number, number>): FeatureIndex {
    return new FeatureIndex(map, map.size);
  }

  /** keys[i] → values[i], built from typed arrays (no tuple per entry). */
  static fromArrays(keys: Float64Array, values: Float64Array): FeatureIndex {
    const index = new FeatureIndex([], keys.length);
    for (let i = 0; i < keys.length; i++) index.set(keys[i]!, values[i]!);
    return index;
  }

  /**
   * An index over a table as `table` gives it (a compiled model file's copy of one
   * built here): no hashing at load.
   */
  static fromTable(table: Float64Array, size: number): FeatureIndex {
    const index = new FeatureIndex([], 0);
    index.table = table;
    index.mask = table.length / 2 - 1;
    (index as { size: number }).size = size;
    return index;
  }

  /** The hash table as stored: slot i holds its key at 2i (-1 when empty) and its value at 2i + 1. */
  get storedTable(): Float64Array {
    return this.table;
  }

  /** keys[i] → i, hashed only when first looked up (see DeferredFeatureIndex). */
  static deferred(keys: Float64Array): FeatureIndex {
    return new DeferredFeatureIndex(keys);
  }

  /** Hashes keys[i] → i into a fresh table (the deferred index's first lookup). */
  protected fill(keys: Float64Array): void {
    this.table = FeatureIndex.emptyTable(keys.length);
    this.mask = this.table.length / 2 - 1;
    for (let i = 0; i < keys.length; i++) this.set(keys[i]!, i);
  }

  private slot(key: number): number {
    return hashKey(key) & this.mask;
  }

  private set(key: number, value: number): void {
    let i = this.slot(key);
    while (this.table[2 * i] !== -1 && this.table[2 * i] !== key) i = (i + 1) & this.mask;
    this.table[2 * i] = key;
    this.table[2 * i + 1] = value;
  }

  /** The row of a feature key, or -1. */
  get(key: number): number {
    let i = this.slot(key);
    for (;;) {
      const k = this.table[2 * i]!;
      if (k === key) return this.table[2 * i + 1]!;
      if (k === -1) return -1;
      i = (i + 1) & this.mask;
    }
  }

  /** Calls fn(key, row) on every entry. */
  forEach(fn: (key: number, row: number) => void): void {
    for (let i = 0; i < this.table.length; i += 2)
      if (this.table[i] !== -1) fn(this.table[i]!, this.table[i + 1]!);
  }

  *entries(): IterableIterator<[number, number]> {
    for (let i = 0; i < this.table.length; i += 2)
      if (this.table[i] !== -1) yield [this.table[i]!, this.table[i + 1]!];
  }
}

/**
 * A loaded model's key → row index (row i for key i), hashed only at its first
 * lookup: the tagger walks it once at load to re-index the non-zero rows, so
 * hashing every key then was wasted work (issue #8). A subclass, so that the
 * scoring's lookups (always on a built FeatureIndex) pay no check for it.
 */
class DeferredFeatureIndex extends FeatureIndex {
  private pending: Float64Array | undefined;

  constructor(keys: Float64Array) {
    super([], 0);
    (this as { size: number }).size = keys.length;
    this.pending = keys;
  }

  override get(key: number): number {
    if (this.pending) {
      this.fill(this.pending);
      this.pending = undefined;
    }
    return super.get(key);
  }

  override forEach(fn: (key: number, row: number) => void): void {
    const keys = this.pending;
    if (!keys) super.forEach(fn);
    else for (let i = 0; i < keys.length; i++) fn(keys[i]!, i);
  }

  override *entries(): IterableIterator<[number, number]> {
    const keys = this.pending;
    if (!keys) {
      yield* super.entries();
      return;
    }
    for (let i = 0; i < keys.length; i++) yield [keys[i]!, i];
  }
}
