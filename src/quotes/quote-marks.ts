/**
 * Where the quoted passages of a text are: the ranges between double quotation
 * marks, straight or curly, following the news conventions:
 * - a quote that runs over several paragraphs leaves each paragraph but the last
 *   unclosed and reopens the next one with an opening mark (the reopened-quote
 *   convention): that is one passage;
 * - a quote opened and never closed ends with its paragraph (never swallows the
 *   rest of the article);
 * - single marks (‘ ’ and ') are left alone: they are apostrophes, or quotes
 *   inside a quote, or headline quotes, and so never start a passage;
 * - two apostrophes ('') are a double mark, opening or closing by position like a
 *   straight ": some archives (The New York Times' among them) write every double
 *   quotation mark that way.
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
const APOSTROPHE = 0x27; // ' (two in a row are a double mark)
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

/** True when a double apostrophe ('') stands at `i`. */
function doubleApostropheAt(text: string, i: number): boolean {
  return text.charCodeAt(i) === APOSTROPHE && text.charCodeAt(i + 1) === APOSTROPHE;
}

/** True when a straight double mark (" or '') at `i` could open a passage. */
function straightMarkAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === STRAIGHT || doubleApostropheAt(text, i);
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
      if (doubleApostropheAt(text, i)) {
        // '' opens like a straight mark: after a start, a space or an opening bracket.
        if (straightOpens(text, i) && !isSpaceCode(text.charCodeAt(i + 2) || 32)) {
          open = i;
          lastContent = i + 2;
        }
        i++;
        continue;
      }
      if (c === OPEN_CURLY || c === LOW_OPEN || (c === STRAIGHT && straightOpens(text, i))) {
        open = i;
        lastContent = i + 1;
      }
      continue;
    }
    if (c === CLOSE_CURLY || c === STRAIGHT || doubleApostropheAt(text, i)) {
      const end = c === APOSTROPHE ? i + 2 : i + 1;
      regions.push({ start: open, end, closed: true });
      open = -1;
      i = end - 1;
      continue;
    }
    if (c === NEWLINE) {
      const next = nextLineStart(text, i);
      const nc = text.charCodeAt(next);
      if (nc === OPEN_CURLY || nc === LOW_OPEN || straightMarkAt(text, next)) {
        // Reopened-quote convention: the passage goes on in the next paragraph.
        const width = doubleApostropheAt(text, next) ? 2 : 1;
        i = next + width - 1;
        lastContent = next + width;
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
