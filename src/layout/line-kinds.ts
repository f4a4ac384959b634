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

/** BYLINE starts with "by" or with written/reported/posted/words/story/text/photo(s). */
function mayBeByline(line: string): boolean {
  const c = firstFolded(line);
  return c === 98 || c === 119 || c === 114 || c === 112 || c === 115 || c === 116; // b w r p s t
}

/** RELATIVE_DATE starts with updated/posted/published, a number, yesterday, today or "just now". */
function mayBeRelativeDate(line: string): boolean {
  const c = firstFolded(line);
  return c === 117 || c === 112 || (c >= 48 && c <= 57) || c === 121 || c === 116 || c === 106; // u p 0-9 y t j
}

/**
 * PHOTO_CREDIT needs "(" (a parenthesised credit), ":" ("Photograph: AP"), "/"
 * ("/ Getty Images") or a line ending in "getty images".
 */
function mayBePhotoCredit(line: string): boolean {
  return line.includes('(') || line.includes(':') || line.includes('/') || lastFolded(line) === 115; // s
}

/**
 * Which of the anchored patterns below may match a line, by its first two characters.
 * Each of BOILERPLATE_LINE, PROMO_LINE, RELATED_PREFIX and RELATED_HEADING starts with one
 * of the words listed for it (and CREDIT's anchored part with one of its words), and `/i`
 * without `u` folds ASCII letters only to ASCII letters, no other character to them: a line
 * whose first two characters, ASCII letters folded, start none of a pattern's words cannot
 * match it. Lines that open with anything beyond ASCII (Cyrillic, CJK, "©", "à") and, for
 * BOILERPLATE_LINE, with a digit go to the pattern whatever follows. Most lines of a page are
 * prose or names that start no such word: five regex runs a line became one table read
 * (docs/decisions/layout-8.md).
 */
const MAY_BOILERPLATE = 1;
const MAY_PROMO = 2;
const MAY_CREDIT = 4;
const MAY_RELATED_PREFIX = 8;
const MAY_RELATED_HEADING = 16;
const MAY_HIGHLIGHTS_HEADING = 32;
const MAY_ANY = 63;

const STARTS = new Uint8Array(128 * 128);
function mayStart(bit: number, words: string): void {
  for (const w of words.split(' ')) STARTS[w.charCodeAt(0) * 128 + w.charCodeAt(1)]! |= bit;
}
mayStart(
  MAY_BOILERPLATE,
  'advertisements advertising advert anzeige werbung publicidad pubblicità iklan reading tempo lesezeit ' +
    'sponsored story continue sharing enlarge view open back see image photo slide picture like share tweet ' +
    'email print comments follow sign subscribe log skip close menu search home getty ap reuters loading read ' +
    'show facebook twitter linkedin whatsapp pinterest reddit copy link all',
);
mayStart(
  MAY_PROMO,
  'filed tags topics categories category posted subscribe sign follow never this please enable get download have click more join',
);
mayStart(
  MAY_CREDIT,
  'additional reporting editing writing compiled this photo image video (photo (image (video',
);
mayStart(
  MAY_RELATED_PREFIX,
  'read also more related see watch listen opinion recommended click latest sign subscribe',
);
mayStart(
  MAY_RELATED_HEADING,
  'related don trending most more you recommended read up see also leggi lesen lire te leia baca',
);

mayStart(MAY_HIGHLIGHTS_HEADING, 'story highlights key takeaways at the in what tl');

/** The MAY_* bits of the patterns a line may match, by its first two characters. */
function mayMatch(line: string): number {
  // Every read below stays inside the line and the table: an index past either end (a short
  // line's missing character) deoptimised the compiled function the first time a page had one.
  if (line.length < 2) return line.length === 1 && line.charCodeAt(0) >= 128 ? MAY_ANY : 0; // "©"; no ASCII-led word is one character
  const c0 = line.charCodeAt(0);
  const c1 = line.charCodeAt(1);
  if (c0 >= 128 || c1 >= 128) return MAY_ANY;
  if (c0 >= 48 && c0 <= 57) return MAY_BOILERPLATE; // "3 min read", "12 comments", "5 shares"
  const f0 = c0 >= 65 && c0 <= 90 ? c0 | 0x20 : c0;
  const f1 = c1 >= 65 && c1 <= 90 ? c1 | 0x20 : c1;
  return STARTS[f0 * 128 + f1]!;
}

/**
 * Whether a line may be a highlights box's heading (HIGHLIGHTS_HEADING, which every line of an
 * HTML page is tested against): false when its first two characters start none of the words
 * the pattern starts with.
 */
export function mayBeHighlightsHeading(line: string): boolean {
  return (mayMatch(line) & MAY_HIGHLIGHTS_HEADING) !== 0;
}

/** CREDIT matches these anywhere in the line; its other alternatives are anchored (MAY_CREDIT). */
const CREDIT_ANYWHERE = /contributed|;/i;

export function furnitureKind(line: string): BlockKind | undefined {
  const len = line.length;
  if (len <= 60 && mayBeDatelineOnly(line) && DATELINE_ONLY.test(line)) return 'dateline';
  if (len <= MAX_BYLINE) {
    // DATE_LINE and isDateLine need a digit (a day, a year or a time).
    const digit = hasDigit(line);
    if (
      (mayBeByline(line) && BYLINE.test(line)) ||
      (digit && (DATE_LINE.test(line) || isDateLine(line))) ||
      (mayBeRelativeDate(line) && RELATIVE_DATE.test(line))
    )
      return 'byline';
  }
  const may = mayMatch(line);
  if (len <= 60 && may & MAY_BOILERPLATE && BOILERPLATE_LINE.test(line)) return 'boilerplate';
  if (len <= 250 && mayBePhotoCredit(line) && PHOTO_CREDIT.test(line)) return 'caption';
  if (len <= 250 && may & MAY_PROMO && PROMO_LINE.test(line)) return 'boilerplate';
  if (len <= 300 && (may & MAY_CREDIT || CREDIT_ANYWHERE.test(line)) && CREDIT.test(line)) return 'credit';
  if (len <= 200 && may & MAY_RELATED_PREFIX && RELATED_PREFIX.test(line)) return 'related';
  if (len <= 60 && may & MAY_RELATED_HEADING && RELATED_HEADING.test(line)) return 'related';
  return undefined;
}
