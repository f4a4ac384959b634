/**
 * Where the quoted passages of a text are: the ranges between double quotation
 * marks, straight or curly, following the news conventions:
 * - a quote that runs over several paragraphs leaves each paragraph but the last
 *   unclosed and reopens the next one with an opening mark (the reopened-quote
 *   convention): that is one passage;
 * - a quote opened and never closed ends with its paragraph (never swallows the
 *   rest of the article);
 * - single marks (‘ ’ and ') are left alone: they are apostrophes, or quotes
 *   inside a quote, or headline quotes, and so never start a passage.
 */
import type { Span } from '../article/types.js';

export interface QuoteRegion extends Span {
  /** False when the passage was opened and never closed (it ends with its paragraph). */
  closed: boolean;
}

const OPEN_CURLY = 0x201c; // “
const CLOSE_CURLY = 0x201d; // ”
const LOW_OPEN = 0x201e; // „
const STRAIGHT = 0x22; // "
const NEWLINE = 0x0a;

function isSpaceCode(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0;
}

/** A straight mark opens when what precedes it is a start, a space or an opening bracket or dash. */
function straightOpens(text: string, i: number): boolean {
  if (i === 0) return true;
  const before = text.charCodeAt(i - 1);
  if (isSpaceCode(before)) return !isSpaceCode(text.charCodeAt(i + 1) || 32);
  return '([{\u2014\u2013-/:'.includes(text[i - 1]!);
}

/** Index of the first character of the next paragraph after the line break at `i`, skipping blank lines. */
function nextLineStart(text: string, i: number): number {
  let j = i;
  while (j < text.length && isSpaceCode(text.charCodeAt(j))) j++;
  return j;
}

/** The quoted passages of `text`, in order, not overlapping. Each includes its marks. */
export function findQuoteRegions(text: string): QuoteRegion[] {
  const regions: QuoteRegion[] = [];
  let open = -1;
  let lastContent = -1; // end of the last non-space character seen inside the open passage
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (open < 0) {
      if (c === OPEN_CURLY || c === LOW_OPEN || (c === STRAIGHT && straightOpens(text, i))) {
        open = i;
        lastContent = i + 1;
      }
      continue;
    }
    if (c === CLOSE_CURLY || c === STRAIGHT) {
      regions.push({ start: open, end: i + 1, closed: true });
      open = -1;
      continue;
    }
    if (c === NEWLINE) {
      const next = nextLineStart(text, i);
      const nc = text.charCodeAt(next);
      if (nc === OPEN_CURLY || nc === STRAIGHT || nc === LOW_OPEN) {
        // Reopened-quote convention: the passage goes on in the next paragraph.
        i = next;
        lastContent = next + 1;
        continue;
      }
      regions.push({ start: open, end: lastContent, closed: false });
      open = -1;
      continue;
    }
    if (c === OPEN_CURLY) {
      // A new opening mark while open on the same line: the earlier one was never closed.
      regions.push({ start: open, end: lastContent, closed: false });
      open = i;
      lastContent = i + 1;
      continue;
    }
    if (!isSpaceCode(c)) lastContent = i + 1;
  }
  if (open >= 0) regions.push({ start: open, end: lastContent, closed: false });
  return regions;
}
