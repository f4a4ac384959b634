/**
 * The furniture a single line can be recognised as from its wording alone (the
 * same on HTML pages and in text dumps): byline, dateline, credit, related-story
 * link, boilerplate. Returns undefined for a line that reads like body text.
 *
 * Every line of a page goes through here, and most are prose that no pattern
 * matches; some patterns backtrack a long way before they fail (a dateline's
 * optional place name, a date line's optional parts). So before a pattern runs, a
 * character test it implies must hold: the character a pattern's every match
 * starts or ends with, or one it cannot match without. Each test is a necessary
 * condition read off the pattern, never a guess: the result is the patterns'
 * (test/layout/line-kinds.test.ts checks both ways agree).
 */
import type { BlockKind } from '../article/types.js';
import {
  BOILERPLATE_LINE,
  BYLINE,
  CREDIT,
  DATE_LINE,
  DATELINE_ONLY,
  isDateLine,
  isRegexSpace,
  PHOTO_CREDIT,
  PROMO_LINE,
  RELATED_HEADING,
  RELATED_PREFIX,
  RELATIVE_DATE,
} from './patterns.js';

/** Lines longer than this are never taken for a byline or a date. */
const MAX_BYLINE = 120;

/** The first character of the line, ASCII letters folded to lower case (as `/i` without `u` folds them). */
function firstFolded(line: string): number {
  const c = line.charCodeAt(0);
  return c >= 65 && c <= 90 ? c | 0x20 : c;
}

/** The last character that is not `\s`, ASCII letters folded to lower case; -1 when there is none. */
function lastFolded(line: string): number {
  let i = line.length - 1;
  while (i >= 0 && isRegexSpace(line.charCodeAt(i))) i--;
  if (i < 0) return -1;
  const c = line.charCodeAt(i);
  return c >= 65 && c <= 90 ? c | 0x20 : c;
}

function hasDigit(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

const isDash = (c: number): boolean => c === 45 || c === 0x2013 || c === 0x2014;

/** DATELINE_ONLY ends with a dash (—, –, -- or -) and nothing but white space after it. */
const mayBeDatelineOnly = (line: string): boolean => isDash(lastFolded(line));

/**
 * BYLINE starts with "by" or with written/reported/posted/words/story/text/photo(s); `c` is the
 * line's first character folded (firstFolded). The tests below take the character, not the line:
 * one read of it in furnitureKind, not one per test in its optimised code.
 */
function mayBeByline(c: number): boolean {
  return c === 98 || c === 119 || c === 114 || c === 112 || c === 115 || c === 116; // b w r p s t
}

/** RELATIVE_DATE starts with updated/posted/published, a number, yesterday, today or "just now". */
function mayBeRelativeDate(c: number): boolean {
  return c === 117 || c === 112 || (c >= 48 && c <= 57) || c === 121 || c === 116 || c === 106; // u p 0-9 y t j
}

/**
 * PHOTO_CREDIT needs "(" (a parenthesised credit), ":" ("Photograph: AP"), "/"
 * ("/ Getty Images") or a line ending in "getty images".
 */
function mayBePhotoCredit(line: string): boolean {
  return line.includes('(') || line.includes(':') || line.includes('/') || lastFolded(line) === 115; // s
}

export function furnitureKind(line: string): BlockKind | undefined {
  const len = line.length;
  if (len <= 60 && mayBeDatelineOnly(line) && DATELINE_ONLY.test(line)) return 'dateline';
  if (len <= MAX_BYLINE) {
    // DATE_LINE and isDateLine need a digit (a day, a year or a time).
    const digit = hasDigit(line);
    const first = firstFolded(line);
    if (
      (mayBeByline(first) && BYLINE.test(line)) ||
      (digit && (DATE_LINE.test(line) || isDateLine(line))) ||
      (mayBeRelativeDate(first) && RELATIVE_DATE.test(line))
    )
      return 'byline';
  }
  if (len <= 60 && BOILERPLATE_LINE.test(line)) return 'boilerplate';
  if (len <= 250 && mayBePhotoCredit(line) && PHOTO_CREDIT.test(line)) return 'caption';
  if (len <= 250 && PROMO_LINE.test(line)) return 'boilerplate';
  if (len <= 300 && CREDIT.test(line)) return 'credit';
  if (len <= 200 && RELATED_PREFIX.test(line)) return 'related';
  if (len <= 60 && RELATED_HEADING.test(line)) return 'related';
  return undefined;
}
