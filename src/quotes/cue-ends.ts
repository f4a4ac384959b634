/**
 * Where a cue ends, by PolNeAR's convention as train's gold cues show it: for each pair of words
 * (h, w), w right after h, with h inside a gold cue, how often the cue ran on over w ("said in a
 * statement", "declined to comment", "according to") and how often it stopped at h ("said | in
 * the statement", "said | Tuesday"). The tagger's cue ends are its own guess of the same thing;
 * where train's majority for the pair is clear (a share of at least `share` of at least `min`
 * cases), the cue's end follows it: run on over the next word, or stop at an inner boundary.
 *
 * Counted by scripts/quotes-cue-rescore.ts (on the other folds for each held-out fold; on all of
 * train for the shipped file) and carried in the re-scorer's model file.
 */
import type { TokenTable } from './extract-attributions.js';

export interface CueEndsFile {
  /** The fewest train cases of a pair before its majority is followed. */
  min: number;
  /** The share of the cases the majority must reach (above one half). */
  share: number;
  /** Per pair "h w": [ran on over w, stopped at h]. */
  pairs: Record<string, [number, number]>;
}

export interface CueEnds {
  min: number;
  share: number;
  /** Per pair "h w": 1 run on, -1 stop (only the pairs with a clear majority). */
  decide: Map<string, number>;
}

/** How far a cue may be run on past the tagger's end, in tokens. */
const MAX_RUN_ON = 4;

export function cueEndsOf(file: CueEndsFile): CueEnds {
  const decide = new Map<string, number>();
  for (const key in file.pairs) {
    const [on, stop] = file.pairs[key]!;
    const n = on + stop;
    if (n < file.min) continue;
    if (on >= file.share * n) decide.set(key, 1);
    else if (stop >= file.share * n) decide.set(key, -1);
  }
  return { min: file.min, share: file.share, decide };
}

/**
 * Counts the pairs over gold cues given as token ranges (training only): inside a cue, each
 * pair of adjacent words ran on; at its end, the last word and the word after it stopped.
 * Only word tokens outside quotations; a cue's surrounding punctuation is trimmed first.
 */
export function countCueEnds(
  articles: readonly { table: TokenTable; cues: readonly [number, number][] }[],
): Record<string, [number, number]> {
  const pairs = new Map<string, [number, number]>();
  const bump = (key: string, k: 0 | 1) => {
    let c = pairs.get(key);
    if (!c) {
      c = [0, 0];
      pairs.set(key, c);
    }
    c[k]++;
  };
  for (const { table, cues } of articles) {
    const { lower, region, word } = table;
    for (const [a0, b0] of cues) {
      let a = a0;
      let b = b0;
      while (a < b && !word[a]) a++;
      while (b > a && !word[b - 1]) b--;
      if (b <= a || region[a] !== -1) continue;
      for (let e = a + 1; e < b; e++) if (word[e - 1] && word[e]) bump(`${lower[e - 1]} ${lower[e]}`, 0);
      if (b < table.count && word[b] && region[b] === -1) bump(`${lower[b - 1]} ${lower[b]}`, 1);
    }
  }
  return Object.fromEntries([...pairs].sort((x, y) => (x[0] < y[0] ? -1 : 1)));
}

/**
 * The end of cue [c0, c1) by train's convention: cut at the first inner boundary whose pair
 * stopped, else run on over the words after it whose pair ran on (not past `limit`, a quotation
 * or punctuation, at most MAX_RUN_ON tokens).
 */
export function cueEnd(table: TokenTable, ends: CueEnds, c0: number, c1: number, limit: number): number {
  const { lower, region, word } = table;
  for (let e = c0 + 1; e < c1; e++)
    if (word[e - 1] && word[e] && ends.decide.get(`${lower[e - 1]} ${lower[e]}`) === -1) return e;
  let e = c1;
  while (
    e < limit &&
    e - c1 < MAX_RUN_ON &&
    word[e] &&
    word[e - 1] &&
    region[e] === -1 &&
    ends.decide.get(`${lower[e - 1]} ${lower[e]}`) === 1
  )
    e++;
  return e;
}
