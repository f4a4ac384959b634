import { describe, expect, it } from 'vitest';
import { seededRandom } from '../src/seeded-random.js';

describe('seededRandom', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const c = seededRandom(8);
    const xs = Array.from({ length: 100 }, () => a());
    expect(Array.from({ length: 100 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 100 }, () => c())).not.toEqual(xs);
  });

  it('draws floats in [0, 1) that reach every residue, odd ones included', () => {
    const random = seededRandom(42);
    const counts = new Array<number>(32).fill(0);
    for (let i = 0; i < 32_000; i++) {
      const x = random();
      expect(x >= 0 && x < 1).toBe(true);
      counts[Math.floor(x * 4294967296) % 32]! += 1;
    }
    // 1,000 expected in each; a float LCG's low bits left the odd residues nearly empty.
    for (const n of counts) expect(n).toBeGreaterThan(800);
  });
});
