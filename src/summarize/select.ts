/**
 * Choosing highlights from sentence scores: best first, skipping a sentence that
 * repeats a word trigram of one already chosen (trigram blocking, Paulus et al. 2018,
 * as BertSumExt uses it) and sentences too short to stand alone; `k` sentences, and
 * a further one up to `maxK` when its score clears `extraThreshold`. Never a
 * sentence twice; returned in document order.
 */
import { trigrams } from './sentence-words.js';

export interface SelectOptions {
  k: number;
  /** Up to this many when the extra sentences score at least `extraThreshold`. */
  maxK?: number;
  extraThreshold?: number;
  /** Skip a sentence sharing a word trigram with one already chosen. */
  blockTrigrams?: boolean;
  /** Sentences with fewer words are not chosen while longer ones remain. */
  minWords?: number;
}

/** Whether any of `tri` (a sentence's word trigrams) was seen in a sentence already chosen. */
export function repeatsAny(tri: ReadonlySet<string>, seen: ReadonlySet<string>): boolean {
  for (const t of tri) if (seen.has(t)) return true;
  return false;
}

export function selectByScore(
  scores: ArrayLike<number>,
  tokens: readonly (readonly string[])[],
  options: SelectOptions,
): number[] {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  const maxK = Math.max(options.k, options.maxK ?? options.k);
  const minWords = options.minWords ?? 0;
  const chosen: number[] = [];
  const seen = new Set<string>();
  const passes = minWords > 0 ? [true, false] : [false];
  for (const strict of passes) {
    for (const i of order) {
      if (chosen.length >= maxK) break;
      if (chosen.includes(i)) continue;
      const toks = tokens[i]!;
      if (toks.length === 0) continue;
      if (strict && toks.length < minWords) continue;
      if (chosen.length >= options.k && scores[i]! < (options.extraThreshold ?? Number.POSITIVE_INFINITY))
        break;
      if (options.blockTrigrams) {
        const tri = trigrams(toks);
        if (repeatsAny(tri, seen)) continue;
        for (const t of tri) seen.add(t);
      }
      chosen.push(i);
    }
    if (chosen.length >= options.k) break;
  }
  return chosen.sort((a, b) => a - b);
}

/** The first k sentences that have words. */
export function leadK(tokens: readonly (readonly string[])[], k: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < tokens.length && out.length < k; i++) if (tokens[i]!.length) out.push(i);
  return out;
}
