/**
 * How much of a line a reference text (the page's own JSON-LD articleBody) holds:
 * the share of the line's word trigrams found in it. A signal, never the answer:
 * the reference may be truncated, stale or a teaser.
 */
const WORD = /[\p{L}\p{N}]+/gu;

const words = (s: string): string[] => s.toLowerCase().match(WORD) ?? [];

export interface ReferenceMatcher {
  /** Share (0..1) of the line's word trigrams found in the reference; NaN for lines under 3 words. */
  share(line: string): number;
}

export function referenceMatcher(reference: string): ReferenceMatcher {
  const w = words(reference);
  const grams = new Set<string>();
  for (let i = 0; i + 2 < w.length; i++) grams.add(`${w[i]} ${w[i + 1]} ${w[i + 2]}`);
  return {
    share(line: string): number {
      const lw = words(line);
      if (lw.length < 3) return Number.NaN;
      let hit = 0;
      for (let i = 0; i + 2 < lw.length; i++) if (grams.has(`${lw[i]} ${lw[i + 1]} ${lw[i + 2]}`)) hit++;
      return hit / (lw.length - 2);
    },
  };
}
