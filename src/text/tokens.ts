/**
 * Token boundaries for NER and the other stages, CoNLL/PTB-style, in one scan
 * over char codes. Tokens are half-open offsets into the text; the text is never
 * rewritten (PTB's `` and '' are recognised, not produced).
 *
 * Rules:
 * - Whitespace separates tokens and is never part of one.
 * - A word is a run of letters and digits joined by connectors that stay inside
 *   it when a letter or digit follows: `-` (D-Calif, 2014-15, Bosnian-Serb),
 *   `.` (3.2, U.S.A, example.com), `'` `’` (O'Brien), `@` `_` (e-mail addresses,
 *   handles), `,` `:` `/` between digits only (1,000 10:30 3/4) and `&` between
 *   capitals (AT&T, S&P).
 * - A currency sign, `#` or `@` directly before a word stays with it: "$3.2",
 *   "£5", "#1", "@user". `%` is its own token ("22" "%").
 * - A final period stays on the word when the word is a known abbreviation
 *   (./abbreviations.ts: "Gen.", "U.S.", "a.m.", "Inc.", "D-Calif.", "No.") or a
 *   single capital letter (an initial: "E."); otherwise it is its own token, also
 *   at the end of a sentence ("U.S." at a sentence end stays one token, as CoNLL).
 * - Clitics are split as in the PTB: "he's" → "he" "'s", "don't" → "do" "n't",
 *   "can't" → "ca" "n't", also 're 've 'll 'd 'm; a clitic already standing alone
 *   ("it 's" in tokenized text) is one token. A trailing apostrophe ("players'")
 *   is its own token.
 * - URLs (http://, https://, www.) are one token, minus trailing punctuation.
 * - Punctuation is one token per mark, except runs of periods ("...", ". . ." is
 *   three), of dashes ("--"), of "!"/"?" ("?!"), and PTB quotes `` and ''.
 * - A character outside the BMP (emoji) is one token of two code units.
 */
import type { Span } from '../article/types.js';
import { abbreviationClass } from './abbreviations.js';
import { isAlnum, isDigit, isLetter, isSpace, isUpper } from './chars.js';

// ASCII classes by table (1: letter or digit, 2: whitespace, 4: a connector inside words): the hot loop reads one byte per character.
const ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) ASCII[c] = 1;
  else if (c === 32 || (c >= 9 && c <= 13)) ASCII[c] = 2;
}
for (const ch of "-_@.',:/&") ASCII[ch.charCodeAt(0)] = 4;

function isWordChar(c: number): boolean {
  if (c < 128) return ASCII[c] === 1;
  if (c >= 0xd800 && c <= 0xdfff) return false;
  return isAlnum(c);
}

function isBlank(c: number): boolean {
  return c < 128 ? ASCII[c] === 2 : isSpace(c);
}

function isCurrency(c: number): boolean {
  return c === 36 || c === 0xa3 || c === 0x20ac || c === 0xa5 || c === 35 || c === 64; // $ £ € ¥ # @
}

// Clitics by the letters after the apostrophe, lower-cased: (first << 7) | second, 0 for none.
const CLITICS = new Uint8Array(128 * 128);
for (const c of ['s', 'd', 'm', 're', 've', 'll'])
  CLITICS[(c.charCodeAt(0) << 7) | (c.length > 1 ? c.charCodeAt(1) : 0)] = 1;

/**
 * Whether a clitic ('s 're 've 'll 'd 'm) starts at the apostrophe `a` and ends at `e`. One table
 * read for all six: a chain of comparisons had sites only a rarer clitic reaches ('d, 'll), which
 * had no type feedback when V8 compiled tokenOffsets and deoptimised it when first met.
 */
function cliticAt(t: string, a: number, e: number): boolean {
  const n = e - a - 1;
  if (n < 1 || n > 2) return false;
  const c1 = t.charCodeAt(a + 1) | 32;
  const c2 = n === 2 ? t.charCodeAt(a + 2) | 32 : 0;
  return c1 < 128 && c2 < 128 && CLITICS[(c1 << 7) | c2] === 1;
}

// How a punctuation mark's token goes on: alone; runs of the same "." or "-"; runs of "!" and "?";
// PTB `` and '' (two at most); a character outside the BMP (a surrogate pair).
const RUN_NONE = 0;
const RUN_SURROGATE = 7;
const RUN_KIND = new Uint8Array(128);
const RUN_LONGEST = new Int32Array([1, 0x7fffffff, 0x7fffffff, 0x7fffffff, 0x7fffffff, 2, 2, 2]);
// CONTINUES[kind * 128 + d]: a mark d continues a run of that kind.
const CONTINUES = new Uint8Array(8 * 128);
for (const [mark, kind, next] of [
  ['.', 1, '.'],
  ['-', 2, '-'],
  ['!', 3, '!?'],
  ['?', 4, '!?'],
  ['`', 5, '`'],
  ["'", 6, "'"],
] as const) {
  RUN_KIND[mark.charCodeAt(0)] = kind;
  for (const d of next) CONTINUES[kind * 128 + d.charCodeAt(0)] = 1;
}

function continuesRun(kind: number, d: number): boolean {
  return d < 128 && CONTINUES[kind * 128 + d] === 1;
}

function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019;
}

function startsUrl(t: string, i: number): boolean {
  const c = t.charCodeAt(i) | 32;
  const c1 = t.charCodeAt(i + 1) | 32;
  if (c === 104) return c1 === 116 && (t.startsWith('http://', i) || t.startsWith('https://', i));
  if (c === 119) return c1 === 119 && t.startsWith('www.', i);
  return false;
}

function isUrlTrail(c: number): boolean {
  return (
    c === 46 ||
    c === 44 ||
    c === 59 ||
    c === 58 ||
    c === 33 ||
    c === 63 ||
    c === 41 ||
    c === 93 ||
    c === 34 ||
    c === 39 ||
    c === 0x201d ||
    c === 0x2019 ||
    c === 125
  );
}

/**
 * Tokens of `text[start, end)` as flat [start, end, start, end, ...] offsets,
 * appended to `out`: the allocation-light form for hot paths.
 */
export function tokenOffsets(text: string, start = 0, end?: number, out: number[] = []): number[] {
  const t = text;
  // The length is read on every call, not only as the default's: callers that pass `end`
  // come first in a digest, and a read first met in optimised code deoptimised this.
  const length = t.length;
  const stop = end === undefined ? length : end;
  let i = start;
  while (i < stop) {
    const c = t.charCodeAt(i);
    if (isBlank(c)) {
      i++;
      continue;
    }
    const s = i;
    if (isWordChar(c) || (isCurrency(c) && i + 1 < stop && isWordChar(t.charCodeAt(i + 1)))) {
      if ((c === 104 || c === 119 || c === 72 || c === 87) && startsUrl(t, i)) {
        let j = i;
        while (j < stop && !isBlank(t.charCodeAt(j))) j++;
        while (j > i + 4 && isUrlTrail(t.charCodeAt(j - 1))) j--;
        out.push(s, j);
        i = j;
        continue;
      }
      let j = i + 1;
      let apos = -1;
      let dots = false;
      while (j < stop) {
        const d = t.charCodeAt(j);
        if (isWordChar(d)) {
          j++;
          continue;
        }
        // Only - _ @ . ' ’ , : / & can join two parts of a word.
        if (d < 128 ? ASCII[d] !== 4 : d !== 0x2019) break;
        if (j + 1 >= stop) break;
        const n = t.charCodeAt(j + 1);
        if (!isWordChar(n)) break;
        const p = t.charCodeAt(j - 1);
        if (d === 45 || d === 95 || d === 64) j += 2;
        else if (d === 46) {
          dots = true;
          j += 2;
        } else if (isApostrophe(d) && isLetter(p) && isLetter(n)) {
          apos = j;
          j += 2;
        } else if ((d === 44 || d === 58 || d === 47) && isDigit(p) && isDigit(n)) j += 2;
        else if (d === 38 && isUpper(p) && isUpper(n)) j += 2;
        else break;
      }
      // A final period stays on abbreviations and initials.
      if (j < stop && t.charCodeAt(j) === 46 && (j + 1 >= stop || t.charCodeAt(j + 1) !== 46)) {
        const len = j - s;
        if (
          (len === 1 && isUpper(c)) ||
          ((len <= 12 || dots) && abbreviationClass(t.slice(s, j)) !== undefined)
        )
          j++;
      }
      // Clitics: "he's" → he 's; "don't" → do n't.
      if (apos > s) {
        const e = j;
        if (cliticAt(t, apos, e)) {
          out.push(s, apos, apos, e);
          i = e;
          continue;
        }
        if (e - apos === 2 && (t.charCodeAt(e - 1) | 32) === 116 && (t.charCodeAt(apos - 1) | 32) === 110) {
          if (apos - 1 > s) out.push(s, apos - 1);
          out.push(apos - 1, e);
          i = e;
          continue;
        }
      }
      out.push(s, j);
      i = j;
      continue;
    }
    // A standing clitic ("it 's", "we 're") is one token; else punctuation: runs of . - ! ? and
    // PTB `` '' stay together, anything else is one mark. Both end at the one push below: a push
    // of its own, first reached by a rare standing clitic, had no type feedback when V8 first
    // compiled this function, and that clitic deoptimised it.
    let j = i + 1;
    let clitic = -1;
    if (isApostrophe(c) && j < stop && isLetter(t.charCodeAt(j))) {
      let k = j;
      while (k < stop && isLetter(t.charCodeAt(k))) k++;
      const alone = k >= stop || !isWordChar(t.charCodeAt(k));
      if (alone && cliticAt(t, i, k)) clitic = k;
    }
    if (clitic > 0) j = clitic;
    else {
      // One loop for every mark, its rule read from tables: each kind of run had a loop of its
      // own, whose first use ("--", "?!", "``") deoptimised the compiled function.
      const kind = c < 128 ? RUN_KIND[c]! : (c & 0xfc00) === 0xd800 ? RUN_SURROGATE : RUN_NONE;
      const longest = RUN_LONGEST[kind]!;
      j = i;
      do j++;
      while (j < stop && j - i < longest && (kind === RUN_SURROGATE || continuesRun(kind, t.charCodeAt(j))));
    }
    out.push(s, j);
    i = j;
  }
  return out;
}

/** Tokens of `text[start, end)` as an Int32Array of [start, end] pairs. */
export function tokenArray(text: string, start = 0, end = text.length): Int32Array {
  return Int32Array.from(tokenOffsets(text, start, end));
}

/** Tokens of `text[start, end)`: ordered, non-overlapping spans into `text`. */
export function tokenSpans(text: string, start = 0, end = text.length): Span[] {
  const flat = tokenOffsets(text, start, end);
  const spans: Span[] = [];
  for (let k = 0; k < flat.length; k += 2) spans.push({ start: flat[k]!, end: flat[k + 1]! });
  return spans;
}
