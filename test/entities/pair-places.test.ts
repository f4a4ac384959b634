/**
 * The places of the lower-case word-pair features by pair (src/entities/pair-places.ts):
 * for every feature of templates 60, 61, 68 and 69 of the shipped model, the place the
 * feature table gives; for pairs the model lacks, none.
 */
import { describe, expect, it } from 'vitest';
import { FeatureIndex } from '../../src/entities/feature-index.js';
import { firstId, pairKey, secondId, templateOf } from '../../src/entities/features.js';
import { LL_TEMPLATES, WordPairPlaces } from '../../src/entities/pair-places.js';
import { shippedTagger } from '../../src/entities/shipped-tagger.js';

/** The place `table` gives pair (a, b) at template `tpl`, or -1. */
function placeOf(table: WordPairPlaces, tpl: number, a: number, b: number): number {
  const at = table.find(a, b);
  return at < 0 ? -1 : table.places[at + LL_TEMPLATES.indexOf(tpl)]!;
}

describe('word-pair places', () => {
  it('gives each lower-case pair feature the place the feature table gives it', () => {
    const derived = shippedTagger().derived;
    const rows = derived.sparseRows;
    let checked = 0;
    // Differences collected, then one expect: an expect per feature made this test slow.
    const wrong: number[][] = [];
    rows.forEach((key) => {
      const tpl = templateOf(key);
      if (!LL_TEMPLATES.includes(tpl)) return;
      const a = firstId(key);
      const b = secondId(key);
      // All four templates of the pair, present or not.
      for (const t of LL_TEMPLATES)
        if (placeOf(derived.wordPairs, t, a, b) !== rows.get(pairKey(t, a, b))) wrong.push([t, a, b]);
      checked++;
    });
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(10_000);
  });

  it('finds nothing for pairs the model lacks, and the same places when built again', () => {
    const derived = shippedTagger().derived;
    const rebuilt = WordPairPlaces.fromFeatures(derived.sparseRows);
    const wrong: number[][] = [];
    let found = 0;
    let seed = 11;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let i = 0; i < 20_000; i++) {
      const a = next(30_000);
      const b = next(30_000);
      for (const t of LL_TEMPLATES) {
        const expected = derived.sparseRows.get(pairKey(t, a, b));
        if (expected >= 0) found++;
        if (placeOf(derived.wordPairs, t, a, b) !== expected || placeOf(rebuilt, t, a, b) !== expected)
          wrong.push([t, a, b]);
      }
    }
    expect(wrong).toEqual([]);
    // Random pairs are almost never in the model: this part checks the misses.
    expect(found).toBeLessThan(100);
  });

  it('builds from a small feature table', () => {
    const keys = [pairKey(60, 5, 7), pairKey(69, 5, 7), pairKey(61, 7, 5), pairKey(62, 5, 7)];
    const table = WordPairPlaces.fromFeatures(
      FeatureIndex.fromArrays(Float64Array.from(keys), Float64Array.of(32, 64, 96, 128)),
    );
    expect(placeOf(table, 60, 5, 7)).toBe(32);
    expect(placeOf(table, 61, 5, 7)).toBe(-1);
    expect(placeOf(table, 68, 5, 7)).toBe(-1);
    expect(placeOf(table, 69, 5, 7)).toBe(64);
    expect(placeOf(table, 61, 7, 5)).toBe(96);
    expect(table.find(7, 7)).toBe(-1);
  });
});
