/**
 * What the cue re-scorer's training scripts (quotes-cue-rescore.ts, quotes-source-folds.ts) learn
 * from the articles a fold fits on, and how they label a proposed span: kept in one place so that
 * the fold cues quotes-source-folds.ts writes are those quotes-cue-rescore.ts's recipe makes.
 */
import { countCues, type Prepared } from '../src/quotes/cue-counts.js';
import { cueWordCounts } from '../src/quotes/cue-train.js';

const WORD = /[\p{L}\p{N}]/u;

/** A token range without punctuation at either end (the eval's exact match trims it), as a key. */
export function trimmed(lower: readonly string[], a: number, b: number): string {
  let x = a;
  let y = b;
  while (x < y && !WORD.test(lower[x]!)) x++;
  while (y > x && !WORD.test(lower[y - 1]!)) y--;
  return `${x}:${y}`;
}

/**
 * Per word and stem: the share of its occurrences outside quotes that were in a gold cue (seen in a
 * cue twice or more). A record, as the re-scorer's model file stores it.
 */
export function cueRates(articles: readonly Prepared[]): Record<string, number> {
  const { inCue, seen } = cueWordCounts(articles);
  const out: Record<string, number> = {};
  for (const [w, c] of [...inCue].sort((x, y) => (x[0] < y[0] ? -1 : 1)))
    if (c >= 2) out[w] = Math.round((c / Math.max(c, seen.get(w) ?? 0)) * 1000) / 1000;
  return out;
}

/** Per cue phrase seen at least twice as a gold cue: its cue rate (countCues' counts). */
export function phraseRates(articles: readonly Prepared[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [phrase, [cue, seen]] of Object.entries(countCues(articles)))
    if (cue >= 2) out[phrase] = Math.round((cue / Math.max(cue, seen)) * 1000) / 1000;
  return out;
}
