/** The learning-curve script's subsets and fit (scripts/quotes-learning-curve.ts, curve-16). */
import { describe, expect, it } from 'vitest';
import { leastSquares, powerFit, subsetOf } from '../../scripts/quotes-learning-curve.js';

describe('subsetOf', () => {
  const pool = Array.from({ length: 40 }, (_, i) => `article-${i}`);

  it('takes the share asked for, in the pool order, the same every run', () => {
    const a = subsetOf(pool, 0.25, 1);
    expect(a).toHaveLength(10);
    expect(a).toEqual([...a].sort((x, y) => pool.indexOf(x) - pool.indexOf(y)));
    expect(subsetOf(pool, 0.25, 1)).toEqual(a);
  });

  it('nests the sizes of one seed, and other seeds draw other articles', () => {
    const small = subsetOf(pool, 0.25, 2);
    const large = subsetOf(pool, 0.75, 2);
    expect(large).toHaveLength(30);
    for (const x of small) expect(large).toContain(x);
    expect(subsetOf(pool, 0.25, 3)).not.toEqual(small);
  });

  it('is the whole pool at size 1, whatever the seed', () => {
    expect(subsetOf(pool, 1, 7)).toEqual(pool);
  });
});

describe('leastSquares', () => {
  it('finds the line through points on it, with no residual', () => {
    const xs = [6, 7, 8, 9];
    const fit = leastSquares(
      xs,
      xs.map((x) => 0.5 + 0.02 * x),
    );
    expect(fit.a).toBeCloseTo(0.5, 10);
    expect(fit.b).toBeCloseTo(0.02, 10);
    expect(fit.sd).toBeCloseTo(0, 10);
    expect(fit.se).toBeCloseTo(0, 10);
  });

  it('gives the slope of noisy points and a standard error above zero', () => {
    const fit = leastSquares([1, 1, 2, 2, 3, 3], [0.1, 0.3, 0.4, 0.6, 0.7, 0.9]);
    expect(fit.b).toBeCloseTo(0.3, 10);
    expect(fit.a).toBeCloseTo(-0.1, 10);
    expect(fit.se).toBeGreaterThan(0);
  });
});

describe('powerFit', () => {
  it('recovers the ceiling, scale and exponent of points on such a curve', () => {
    const ns = [64, 128, 256, 512, 1024];
    const fit = powerFit(
      ns,
      ns.map((n) => 0.75 - 0.6 * n ** -0.5),
    );
    expect(fit.alpha).toBeCloseTo(0.5, 10);
    expect(fit.c).toBeCloseTo(0.75, 10);
    expect(fit.k).toBeCloseTo(0.6, 10);
  });
});
