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

/** The code at `i`, reading past the end (and a NUL) as a space: the edges of a text open and close. */
function codeOrSpace(text: string, i: number): number {
  return (i < text.length ? text.charCodeAt(i) : 0) || 32;
}

/** Characters a straight mark opens after: an opening bracket, a dash, a slash or a colon. */
function opensAfter(c: number): boolean {
  return (
    c === 0x28 ||
    c === 0x5b ||
    c === 0x7b ||
    c === 0x2014 ||
    c === 0x2013 ||
    c === 0x2d ||
    c === 0x2f ||
    c === 0x3a
  );
}

/** A straight mark opens when what precedes it is a start, a space or an opening bracket or dash. */
function straightOpens(text: string, i: number): boolean {
  if (i === 0) return true;
  const before = text.charCodeAt(i - 1);
  if (isSpaceCode(before)) return !isSpaceCode(codeOrSpace(text, i + 1));
  return opensAfter(before);
}

/** True when a double apostrophe ('') stands at `i`. */
function doubleApostropheAt(text: string, i: number): boolean {
  return i + 1 < text.length && text.charCodeAt(i) === APOSTROPHE && text.charCodeAt(i + 1) === APOSTROPHE;
}

/** True when a straight double mark (" or '') at `i` could open a passage. */
function straightMarkAt(text: string, i: number): boolean {
  return i < text.length && (text.charCodeAt(i) === STRAIGHT || doubleApostropheAt(text, i));
}

/** Index of the first character of the next paragraph after the line break at `i`, skipping blank lines. */
function nextLineStart(text: string, i: number): number {
  let j = i;
  while (j < text.length && isSpaceCode(text.charCodeAt(j))) j++;
  return j;
}

/**
 * The characters the scan stops at: double marks, apostrophes (two are a double mark) and line
 * breaks. Found by the regular expression engine rather than a loop over every character: its
 * compiled matcher reads one-byte and two-byte texts alike, where a JavaScript loop over
 * `charCodeAt` was compiled by V8 for the first kind of string it met and thrown away (nine
 * times in one pass over PolNeAR) as the other kinds and the rarer marks came.
 */
const STOPS = /["'\n\u201c\u201d\u201e]/g;

/**
 * The scan's state. Only marks and line breaks are looked at one by one (the loop over the
 * other characters stays small, and V8 compiles it once instead of recompiling it for every
 * rare kind of mark it meets later); where an unclosed passage's content ends is read back
 * from the break that ends it.
 */
class QuoteScan {
  readonly regions: QuoteRegion[] = [];
  /** Where the open passage starts (-1: none open). */
  open = -1;
  /** The passage's content starts here: after its opening mark, or after the mark that reopened it. */
  floor = 0;
  constructor(readonly text: string) {}

  /** End of the last non-space character of the open passage before `at` (at least `floor`). */
  contentEnd(at: number): number {
    let j = at;
    while (j > this.floor && isSpaceCode(this.text.charCodeAt(j - 1))) j--;
    return j;
  }

  /** Ends the open passage as unclosed, before `at`. */
  endUnclosed(at: number): void {
    this.regions.push({ start: this.open, end: this.contentEnd(at), closed: false });
    this.open = -1;
  }

  /** Handles the stop character `c` at `i`; returns the index of the last character consumed. */
  step(i: number, c: number): number {
    return this.open < 0 ? this.whileClosed(i, c) : this.whileOpen(i, c);
  }

  private whileClosed(i: number, c: number): number {
    const text = this.text;
    if (doubleApostropheAt(text, i)) {
      // '' opens like a straight mark: after a start, a space or an opening bracket.
      if (straightOpens(text, i) && !isSpaceCode(codeOrSpace(text, i + 2))) {
        this.open = i;
        this.floor = i + 2;
      }
      return i + 1;
    }
    if (c === OPEN_CURLY || c === LOW_OPEN || (c === STRAIGHT && straightOpens(text, i))) {
      this.open = i;
      this.floor = i + 1;
    }
    return i;
  }

  private whileOpen(i: number, c: number): number {
    const text = this.text;
    if (c === CLOSE_CURLY || c === STRAIGHT || doubleApostropheAt(text, i)) {
      const end = c === APOSTROPHE ? i + 2 : i + 1;
      this.regions.push({ start: this.open, end, closed: true });
      this.open = -1;
      return end - 1;
    }
    if (c === NEWLINE) return this.lineBreak(i);
    if (c === OPEN_CURLY) {
      // A new opening mark while open on the same line: the earlier one was never closed.
      this.endUnclosed(i);
      this.open = i;
      this.floor = i + 1;
    }
    // A lone apostrophe or a low opening mark inside a passage is part of its content.
    return i;
  }

  /** A line break inside a passage: the reopened-quote convention, or the end of an unclosed passage. */
  private lineBreak(i: number): number {
    const text = this.text;
    const next = nextLineStart(text, i);
    const nc = next < text.length ? text.charCodeAt(next) : -1;
    if (nc === OPEN_CURLY || nc === LOW_OPEN || straightMarkAt(text, next)) {
      // Reopened-quote convention: the passage goes on in the next paragraph.
      const width = doubleApostropheAt(text, next) ? 2 : 1;
      this.floor = next + width;
      return next + width - 1;
    }
    this.endUnclosed(i);
    return i;
  }
}

/** The quoted passages of `text`, in order, not overlapping. Each includes its marks. */
export function findQuoteRegions(text: string): QuoteRegion[] {
  const scan = new QuoteScan(text);
  const n = text.length;
  const stops = STOPS;
  stops.lastIndex = 0;
  // Each stop character in turn, resuming after the last character a step consumed.
  while (stops.test(text)) {
    const i = stops.lastIndex - 1;
    stops.lastIndex = scan.step(i, text.charCodeAt(i)) + 1;
  }
  if (scan.open >= 0) scan.endUnclosed(n);
  return scan.regions;
}
