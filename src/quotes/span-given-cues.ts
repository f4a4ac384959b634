/**
 * Cue spans given from outside (gold cues in the `gold-cues` diagnostic of `eval quotes`)
 * turned into the token ranges the extractor reads, so that source and content choice can
 * be measured apart from cue finding.
 */
import type { Span } from '../article/types.js';

/** What this module needs of the extractor's token table. */
interface Tokens {
  off: number[];
  count: number;
}

/** Index of the first token that starts at or after `offset`. */
function firstTokenFrom(t: Tokens, offset: number): number {
  let lo = 0;
  let hi = t.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t.off[2 * mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The token ranges of the given cue spans, in order, none empty and none overlapping: a
 * cue covers every token that starts inside it (and the token it starts in).
 */
export function cueRanges(t: Tokens, spans: readonly Span[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    let a = firstTokenFrom(t, s.start);
    // A cue starting inside a token takes that token.
    if (a > 0 && t.off[2 * (a - 1) + 1]! > s.start) a--;
    const b = Math.max(a + 1, firstTokenFrom(t, s.end));
    if (a >= t.count) continue;
    const last = ranges[ranges.length - 1];
    if (last && a < last[1]) continue;
    ranges.push([a, Math.min(b, t.count)]);
  }
  return ranges;
}

/** The ranges that start in tokens [from, to). */
export function cuesInUnit(
  ranges: readonly [number, number][],
  from: number,
  to: number,
): [number, number][] {
  return ranges.filter(([a]) => a >= from && a < to);
}
