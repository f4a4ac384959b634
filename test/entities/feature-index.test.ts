import { describe, expect, it } from 'vitest';
import { FeatureIndex, PairFilter } from '../../src/entities/feature-index.js';

// Keys shaped like feature keys: large integers held in doubles, some colliding in the low bits.
const keys = new Float64Array([3, 131, 2 ** 40 + 7, 2 ** 52 + 1, 4096, 12345678901, 17]);

describe('FeatureIndex', () => {
  it('fromArrays maps each key to its value, like the tuple constructor', () => {
    const values = new Float64Array(keys.length).map((_, i) => i * 10 + 1);
    const fromArrays = FeatureIndex.fromArrays(keys, values);
    const fromTuples = new FeatureIndex(
      [...keys].map((k, i) => [k, values[i]!] as [number, number]),
      keys.length,
    );
    for (const k of keys) expect(fromArrays.get(k)).toBe(fromTuples.get(k));
    expect(fromArrays.get(99)).toBe(-1);
    expect(fromArrays.size).toBe(keys.length);
  });

  it('deferred walks keys in order before its first lookup, and finds them after', () => {
    const index = FeatureIndex.deferred(keys);
    expect(index.size).toBe(keys.length);
    const walked: [number, number][] = [];
    index.forEach((k, r) => {
      walked.push([k, r]);
    });
    expect(walked).toEqual([...keys].map((k, i) => [k, i]));
    expect([...index.entries()]).toEqual(walked);
    for (let i = 0; i < keys.length; i++) expect(index.get(keys[i]!)).toBe(i);
    expect(index.get(5)).toBe(-1);
    // Once hashed, the walk gives the same pairs (in table order).
    const after: [number, number][] = [];
    index.forEach((k, r) => {
      after.push([k, r]);
    });
    expect(after.sort((a, b) => a[1] - b[1])).toEqual(walked);
  });
});

describe('PairFilter', () => {
  it('add() keeps what the constructor would, and answers yes for every added triple', () => {
    const triples: [number, number, number][] = [
      [64, 10, 20],
      [65, 3, 4],
      [68, 70000, 12],
    ];
    const built = new PairFilter(triples);
    const added = new PairFilter();
    for (const [t, a, b] of triples) added.add(t, a, b);
    for (const [t, a, b] of triples) {
      expect(built.mayHave(t, a, b)).toBe(true);
      expect(added.mayHave(t, a, b)).toBe(true);
    }
    for (let a = 0; a < 200; a++) expect(added.mayHave(64, a, 7)).toBe(built.mayHave(64, a, 7));
  });
});
