/**
 * A small seeded generator of floats in [0, 1) (the mulberry32 construction): the
 * same seed gives the same sequence on every run and machine, so training scripts,
 * generated test cases and load tests are reproducible. Integer operations only: a
 * float linear congruential generator loses its low bits past 2^53, and `% n` on it
 * then never draws some values.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
