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
  private readonly bits = new Int32Array(1 << 15);

  constructor(features: Iterable<readonly [template: number, a: number, b: number]>) {
    for (const [t, a, b] of features) {
      const h = PairFilter.hash(t, a, b);
      this.bits[h >>> 5]! |= 1 << (h & 31);
    }
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
  private readonly table: Float64Array;
  private readonly mask: number;
  readonly size: number;

  constructor(entries: Iterable<[number, number]> & { size?: number }, size: number) {
    let cap = 16;
    while (cap < size * 2) cap *= 2;
    this.table = new Float64Array(2 * cap);
    for (let i = 0; i < cap; i++) this.table[2 * i] = -1;
    this.mask = cap - 1;
    this.size = size;
    for (const [k, v] of entries) this.set(k, v);
  }

  static fromMap(map: Map<number, number>): FeatureIndex {
    return new FeatureIndex(map, map.size);
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

  *entries(): IterableIterator<[number, number]> {
    for (let i = 0; i < this.table.length; i += 2)
      if (this.table[i] !== -1) yield [this.table[i]!, this.table[i + 1]!];
  }
}
