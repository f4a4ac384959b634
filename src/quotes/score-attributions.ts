/**
 * Scoring of attribution spans (source, cue, content) against gold, role by role.
 *
 * For each role, the predicted spans of an article are matched one-to-one to the
 * gold spans of that role in the same article by a maximum bipartite matching
 * (Kuhn's augmenting paths), so the score does not depend on the order in which
 * spans are listed. Two criteria:
 * - exact: the two spans are equal once surrounding whitespace, punctuation and
 *   quotation marks are trimmed from both;
 * - overlap: the two spans share at least one word, i.e. their common range holds
 *   at least one letter or digit.
 */
import type { Span } from '../article/types.js';
import { prf } from '../eval/report.js';

/** Whitespace, punctuation (quotation marks included) and symbols are trimmed for the exact criterion. */
const TRIMMABLE = /[\s\p{P}\p{S}]/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** The span without surrounding whitespace, punctuation and quotation marks (empty spans stay where they are). */
export function trimForScoring(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && TRIMMABLE.test(text[start]!)) start++;
  while (end > start && TRIMMABLE.test(text[end - 1]!)) end--;
  return { start, end };
}

export function sameSpanTrimmed(text: string, a: Span, b: Span): boolean {
  const x = trimForScoring(text, a);
  const y = trimForScoring(text, b);
  return x.start === y.start && x.end === y.end && x.end > x.start;
}

/** True when the two spans have a letter or digit in common (they share at least one word). */
export function shareWord(text: string, a: Span, b: Span): boolean {
  const from = Math.max(a.start, b.start);
  const to = Math.min(a.end, b.end);
  for (let i = from; i < to; i++) if (WORD_CHAR.test(text[i]!)) return true;
  return false;
}

/** Size of a maximum one-to-one matching between `left` and `right` under `compatible`. */
export function maxMatching<A, B>(
  left: readonly A[],
  right: readonly B[],
  compatible: (a: A, b: B) => boolean,
): number {
  const edges = left.map((a) => right.flatMap((b, j) => (compatible(a, b) ? [j] : [])));
  const matchOfRight = new Array<number>(right.length).fill(-1);
  const tryAugment = (i: number, seen: boolean[]): boolean => {
    for (const j of edges[i]!) {
      if (seen[j]) continue;
      seen[j] = true;
      if (matchOfRight[j] === -1 || tryAugment(matchOfRight[j]!, seen)) {
        matchOfRight[j] = i;
        return true;
      }
    }
    return false;
  };
  let size = 0;
  for (let i = 0; i < left.length; i++) {
    if (edges[i]!.length && tryAugment(i, new Array<boolean>(right.length).fill(false))) size++;
  }
  return size;
}

/** Counts for one role and one criterion, summed over articles (micro-average). */
export interface MatchCounts {
  matched: number;
  predicted: number;
  gold: number;
}

export function emptyCounts(): MatchCounts {
  return { matched: 0, predicted: 0, gold: 0 };
}

export type Criterion = 'exact' | 'overlap';

/** Adds one article's spans of one role to `counts`. */
export function addRole(
  counts: Record<Criterion, MatchCounts>,
  text: string,
  predicted: readonly Span[],
  gold: readonly Span[],
): void {
  const exact = maxMatching(predicted, gold, (p, g) => sameSpanTrimmed(text, p, g));
  const overlap = maxMatching(predicted, gold, (p, g) => shareWord(text, p, g));
  for (const [c, m] of [
    ['exact', exact],
    ['overlap', overlap],
  ] as const) {
    counts[c].matched += m;
    counts[c].predicted += predicted.length;
    counts[c].gold += gold.length;
  }
}

export function scoresOf(counts: MatchCounts) {
  return prf(counts.matched, counts.predicted, counts.gold);
}
