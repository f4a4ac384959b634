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
 *   quotation mark that way;
 * - a straight mark with blanks on both sides faces neither way (PTB-tokenised text, such
 *   as the lower-cased CNN/DailyMail copy, writes every mark so: `said " we will go . "`):
 *   it is read by its place among its paragraph's straight marks, opening when no passage
 *   is open and closing when one is, provided the paragraph's marks pair up (an even
 *   count, or an odd one whose last passage runs on into a next paragraph that reopens it);
 *   otherwise (a lone mark, a stray one) it opens nothing, and a passage it opens that no
 *   mark closes is no passage (it was a stray among ill-paired marks). A spaced mark after a number and
 *   before another (`5 " 9`) or after feet (`5 ' 1 "`) is an inch mark: no quotation mark.
 *   After a colon (`he said : " we …`) a spaced mark opens whatever the count, as an
 *   unspaced one does;
 * - inside a passage, an opening curly mark shaped as a closing one (no blank before, a blank
 *   after: `“It's unusual,“ said X`) closes it;
 * - inside a passage, a mark shaped as an opening one (a blank before, a word after) right
 *   after a sentence's end (`… for them. "England …`) reopens the passage instead of closing
 *   it: the reopened-quote convention on pages whose paragraph breaks were lost.
 */
import type { Span } from '../article/types.js';

export interface QuoteRegion extends Span {
  /** False when the passage was opened and never closed (it ends with its paragraph). */
  closed: boolean;
  /** A passage in single marks (singleQuoteRegions). */
  single?: boolean;
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

const isDigit = (c: number) => c >= 48 && c <= 57;

/** Whether the double mark at `i` (`width` characters) has blanks (or an edge of the text) on both sides. */
function spacedAt(text: string, i: number, width: number): boolean {
  return (i === 0 || isSpaceCode(text.charCodeAt(i - 1))) && isSpaceCode(codeOrSpace(text, i + width));
}

/**
 * Whether the spaced straight mark at `i` is an inch mark: a number before it and another
 * after it (`5 " 9`), or a number of inches after feet (`5 ' 1 "`).
 */
function inchMarkAt(text: string, i: number): boolean {
  if (i < 2 || !isDigit(text.charCodeAt(i - 2)) || !spacedAt(text, i, 1)) return false;
  if (isDigit(codeOrSpace(text, i + 2))) return true;
  let k = i - 2;
  while (k > 0 && isDigit(text.charCodeAt(k - 1))) k--;
  return k >= 2 && isSpaceCode(text.charCodeAt(k - 1)) && text.charCodeAt(k - 2) === APOSTROPHE;
}

/** The last character before `i` that is not a blank (-1: none). */
function previousNonBlank(text: string, i: number): number {
  let j = i - 1;
  while (j >= 0 && isSpaceCode(text.charCodeAt(j))) j--;
  return j >= 0 ? text.charCodeAt(j) : -1;
}

/** Whether a colon announces the mark at `i` (`he said : " we …`): it opens, as an unspaced mark after a colon does. */
function afterColon(text: string, i: number): boolean {
  return previousNonBlank(text, i) === 0x3a;
}

/**
 * Whether the straight mark at `i`, met inside a passage, reopens it rather than closing it:
 * shaped as an opening mark (a blank before, a word after) and right after the end of a
 * sentence (`… for them. "England have …`). Where the paragraph breaks of a page were lost,
 * the reopened-quote convention leaves such marks inside one speaker's quote.
 */
function reopensAt(text: string, i: number): boolean {
  if (i === 0 || !isSpaceCode(text.charCodeAt(i - 1)) || isSpaceCode(codeOrSpace(text, i + 1))) return false;
  const before = previousNonBlank(text, i);
  return before === 0x2e || before === 0x3f || before === 0x21;
}

/**
 * Whether the opening curly mark at `i`, met inside a passage, is a closing one written the wrong
 * way (`“It's unusual,“ said Roe`): shaped as a closing mark, no blank before and a blank (or the
 * text's end) after. Read as an opening mark, it started a passage that ran to the paragraph's end
 * and hid the cue after it.
 */
function closesAt(text: string, i: number): boolean {
  return i > 0 && !isSpaceCode(text.charCodeAt(i - 1)) && isSpaceCode(codeOrSpace(text, i + 1));
}

/** Straight double marks (" and '') in text[from, to), inch marks left out. */
function straightMarkCount(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf('"', from); at >= 0 && at < to; at = text.indexOf('"', at + 1)) {
    if (!inchMarkAt(text, at)) count++;
  }
  for (let at = text.indexOf("''", from); at >= 0 && at + 1 < to; at = text.indexOf("''", at + 2)) count++;
  return count;
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
  /** Whether a mark facing neither way opened the passage: then it must close to be one. */
  openedSpaced = false;
  /** The paragraph last judged by `marksPairUp` (its end; -1: none yet) and the verdict. */
  private paragraphEnd = -1;
  private pairs = false;
  constructor(readonly text: string) {}

  /**
   * Whether the straight marks of the paragraph holding `i` pair up, so that a mark facing
   * neither way can be read by its place: an even count, or an odd one when the next
   * paragraph opens with a mark (the paragraph's last passage runs on into it). Judged once
   * a paragraph, and only when a spaced mark is met outside a passage.
   */
  marksPairUp(i: number): boolean {
    const text = this.text;
    if (i < this.paragraphEnd) return this.pairs;
    const start = text.lastIndexOf('\n', i) + 1;
    const newline = text.indexOf('\n', i);
    const end = newline < 0 ? text.length : newline;
    const count = straightMarkCount(text, start, end);
    this.paragraphEnd = end;
    this.pairs = count % 2 === 0 || (newline >= 0 && straightMarkAt(text, nextLineStart(text, newline)));
    return this.pairs;
  }

  /** End of the last non-space character of the open passage before `at` (at least `floor`). */
  contentEnd(at: number): number {
    let j = at;
    while (j > this.floor && isSpaceCode(this.text.charCodeAt(j - 1))) j--;
    return j;
  }

  /**
   * Ends the open passage as unclosed, before `at`. One that a mark facing neither way opened
   * is no passage: that mark was read by its place among marks that pair up, and a passage
   * left open shows it was a stray one.
   */
  endUnclosed(at: number): void {
    if (!this.openedSpaced) this.regions.push({ start: this.open, end: this.contentEnd(at), closed: false });
    this.open = -1;
  }

  /** Handles the stop character `c` at `i`; returns the index of the last character consumed. */
  step(i: number, c: number): number {
    return this.open < 0 ? this.whileClosed(i, c) : this.whileOpen(i, c);
  }

  private whileClosed(i: number, c: number): number {
    const text = this.text;
    if (doubleApostropheAt(text, i)) {
      // '' opens like a straight mark: after a start, a space or an opening bracket; or
      // between blanks, by its place among the paragraph's marks.
      const opens = straightOpens(text, i) && !isSpaceCode(codeOrSpace(text, i + 2));
      if (opens || (spacedAt(text, i, 2) && this.marksPairUp(i))) {
        this.open = i;
        this.floor = i + 2;
        this.openedSpaced = !opens;
      }
      return i + 1;
    }
    if (c === OPEN_CURLY || c === LOW_OPEN || (c === STRAIGHT && straightOpens(text, i))) {
      this.open = i;
      this.floor = i + 1;
      this.openedSpaced = false;
    } else if (
      c === STRAIGHT &&
      spacedAt(text, i, 1) &&
      !inchMarkAt(text, i) &&
      (afterColon(text, i) || this.marksPairUp(i))
    ) {
      this.open = i;
      this.floor = i + 1;
      this.openedSpaced = true;
    }
    return i;
  }

  private whileOpen(i: number, c: number): number {
    const text = this.text;
    if (c === STRAIGHT && reopensAt(text, i)) {
      // The reopened-quote convention where the paragraph breaks were lost: the passage goes on.
      this.floor = i + 1;
      return i;
    }
    if (
      c === CLOSE_CURLY ||
      (c === STRAIGHT && !inchMarkAt(text, i)) ||
      doubleApostropheAt(text, i) ||
      (c === OPEN_CURLY && closesAt(text, i))
    ) {
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
      this.openedSpaced = false;
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

const OPEN_SINGLE = 0x2018; // ‘
const CLOSE_SINGLE = 0x2019; // ’ (also the curly apostrophe)
const SINGLES = /[\u2018\u2019']/g;

/** What a quoted sentence ends with before its closing single mark: `,’` `.’` `?’` `!’`. */
function endsQuotedSentence(c: number): boolean {
  return c === 0x2c || c === 0x2e || c === 0x3f || c === 0x21;
}

/**
 * Passages in single quotation marks (British style: `‘It was a hard night,’ said X`, `'We are
 * aware of it,' X said`), outside the double-marked passages. Single marks are apostrophes far
 * more often, so a passage is read only where the marks cannot be one: it opens with ‘ or ' at a
 * word's start (after a blank, a bracket, a dash or a colon, or at the text's start, a letter or
 * digit after it) and closes with ’ or ' right after a comma, full stop, question or exclamation
 * mark, before a blank or the end, in the same paragraph; it holds two words or more. A quoted
 * phrase closed after a letter (`‘a farce’`) is not read (`players’` is written the same way).
 * Each passage carries `single: true`; `doubles` are findQuoteRegions' passages.
 */
export function singleQuoteRegions(text: string, doubles: readonly QuoteRegion[]): QuoteRegion[] {
  const out: QuoteRegion[] = [];
  let open = -1;
  let d = 0;
  SINGLES.lastIndex = 0;
  for (let m = SINGLES.exec(text); m; m = SINGLES.exec(text)) {
    const i = m.index;
    while (d < doubles.length && doubles[d]!.end <= i) d++;
    if (d < doubles.length && doubles[d]!.start <= i) {
      // Inside a double-marked passage: a quote inside a quote, already read.
      open = -1;
      continue;
    }
    const c = text.charCodeAt(i);
    // Two apostrophes are a double mark (findQuoteRegions reads them).
    if (
      c === APOSTROPHE &&
      (text.charCodeAt(i + 1) === APOSTROPHE || text.charCodeAt(i - 1) === APOSTROPHE)
    ) {
      if (text.charCodeAt(i + 1) === APOSTROPHE) SINGLES.lastIndex = i + 2;
      open = -1;
      continue;
    }
    const before = i > 0 ? text.charCodeAt(i - 1) : 32;
    const after = codeOrSpace(text, i + 1);
    if (open >= 0 && text.indexOf('\n', open) >= 0 && text.indexOf('\n', open) < i) open = -1;
    if (
      open >= 0 &&
      c !== OPEN_SINGLE &&
      endsQuotedSentence(before) &&
      (isSpaceCode(after) || after === 0x2014)
    ) {
      const passage = text.slice(open, i);
      if (/[\p{L}\p{N}]+[^\p{L}\p{N}]+[\p{L}\p{N}]/u.test(passage))
        out.push({ start: open, end: i + 1, closed: true, single: true });
      open = -1;
      continue;
    }
    if (
      open < 0 &&
      c !== CLOSE_SINGLE &&
      (isSpaceCode(before) || i === 0 || opensAfter(before) || before === 0x28) &&
      /[\p{L}\p{N}]/u.test(text[i + 1] ?? '')
    )
      open = i;
  }
  return out;
}

/** The double-marked passages and the single-marked ones between them, in text order. */
export function quoteRegionsWithSingles(text: string): QuoteRegion[] {
  const doubles = findQuoteRegions(text);
  if (text.indexOf("'") < 0 && text.indexOf('\u2018') < 0) return doubles;
  const singles = singleQuoteRegions(text, doubles);
  if (!singles.length) return doubles;
  return [...doubles, ...singles].sort((a, b) => a.start - b.start);
}
