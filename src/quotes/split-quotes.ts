/**
 * Quotes broken by their attribution: `“A,” said X. “B.”`. The quote goes on after the
 * "said X" sentence, and the second passage has no cue of its own: it is the same speaker
 * still talking. News style relies on it, and PolNeAR marks such a quote as one content span
 * from the first passage's opening mark to the second's closing one (the attribution inside
 * it included), so that is the span we give.
 */
import type { Span } from '../article/types.js';
import type { QuoteRegion } from './quote-marks.js';

/** The part of an attribution this pass reads and extends. */
export interface SplitQuoteCandidate {
  kind: string;
  content: Span;
  cue: Span;
  source?: Span;
}

/** True when `text[from, to)` is the tail of one sentence: no paragraph break, ending in . ! or ? and spaces. */
function endsSentenceBefore(text: string, from: number, to: number): boolean {
  let i = to - 1;
  while (i >= from && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 0xa0)) i--;
  if (i < from || i === to - 1) return false; // nothing between, or no space before the next mark
  const last = text.charCodeAt(i);
  if (last !== 46 && last !== 33 && last !== 63) return false;
  for (let j = from; j < i; j++) if (text.charCodeAt(j) === 10) return false;
  return true;
}

/** True when the span ending at `end` ends with a closing quotation mark (” or ", or '' ). */
function closesQuote(text: string, end: number): boolean {
  const c = text.charCodeAt(end - 1);
  return c === 0x201d || c === 34 || (c === 39 && text.charCodeAt(end - 2) === 39);
}

/** The first region that starts at or after `from`, by binary search over regions in text order. */
function regionFrom(regions: readonly QuoteRegion[], from: number): number {
  let lo = 0;
  let hi = regions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (regions[mid]!.start < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Extends, in place, each direct attribution whose quote ends before its cue ("“A,” said X.")
 * over the quoted passage that opens the next sentence of the same paragraph, when nothing
 * else claims that passage (no attribution's content or cue overlaps it).
 */
export function joinSplitQuotes(
  text: string,
  regions: readonly QuoteRegion[],
  attributions: SplitQuoteCandidate[],
): void {
  for (let k = 0; k < attributions.length; k++) {
    const a = attributions[k]!;
    if (a.kind !== 'direct' || a.content.end > a.cue.start || !closesQuote(text, a.content.end)) continue;
    const clauseEnd = Math.max(a.cue.end, a.source?.end ?? 0);
    const r = regionFrom(regions, clauseEnd);
    const region = regions[r];
    if (!region || !endsSentenceBefore(text, clauseEnd, region.start)) continue;
    const claimed = attributions.some(
      (b, j) =>
        j !== k &&
        ((b.content.start < region.end && region.start < b.content.end) ||
          (b.cue.start < region.end && clauseEnd <= b.cue.start)),
    );
    if (claimed) continue;
    a.content = { start: a.content.start, end: region.end };
  }
}
