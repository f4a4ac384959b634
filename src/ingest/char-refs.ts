/**
 * HTML character references ("&amp;", "&#8217;", "&rsquo;") decoded as the `entities`
 * package decodes them (its HTML, attribute and strict modes), with that package
 * loaded only when a string needs it.
 *
 * Why: `entities/decode` builds its table of the 2,231 named references when it is
 * loaded, ~15 ms of a fresh process's CPU (docs/DECISIONS.md (layout-fresh-2)), while the
 * text of most pages holds only a few common references. Those are decoded here: a
 * numeric reference closed by ";" whose code point the package passes through
 * unchanged, or one of the common names below closed by ";" (what the HTML standard
 * gives each name; test/ingest/char-refs.test.ts checks every one against the
 * package). Any other "&" that may start a reference — another name, a reference
 * without ";", a code point the package replaces — sends the whole string to the
 * package, so the result is always the package's.
 */
import { createRequire } from 'node:module';
import type * as EntitiesDecode from 'entities/decode';

/** Common named references on news pages, by name: the character each stands for. */
const NAMED = new Map<string, string>([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ['nbsp', '\u00a0'],
  ['shy', '\u00ad'],
  ['copy', '\u00a9'],
  ['reg', '\u00ae'],
  ['trade', '\u2122'],
  ['hellip', '\u2026'],
  ['mdash', '\u2014'],
  ['ndash', '\u2013'],
  ['lsquo', '\u2018'],
  ['rsquo', '\u2019'],
  ['sbquo', '\u201a'],
  ['ldquo', '\u201c'],
  ['rdquo', '\u201d'],
  ['bdquo', '\u201e'],
  ['laquo', '\u00ab'],
  ['raquo', '\u00bb'],
  ['lsaquo', '\u2039'],
  ['rsaquo', '\u203a'],
  ['middot', '\u00b7'],
  ['bull', '\u2022'],
  ['deg', '\u00b0'],
  ['times', '\u00d7'],
  ['euro', '\u20ac'],
  ['pound', '\u00a3'],
  ['yen', '\u00a5'],
  ['cent', '\u00a2'],
  ['sect', '\u00a7'],
  ['para', '\u00b6'],
  ['iexcl', '\u00a1'],
  ['iquest', '\u00bf'],
  ['thinsp', '\u2009'],
  ['ensp', '\u2002'],
  ['emsp', '\u2003'],
  ['zwnj', '\u200c'],
  ['zwj', '\u200d'],
  ['lrm', '\u200e'],
  ['rlm', '\u200f'],
  ['aacute', '\u00e1'],
  ['eacute', '\u00e9'],
  ['iacute', '\u00ed'],
  ['oacute', '\u00f3'],
  ['uacute', '\u00fa'],
  ['agrave', '\u00e0'],
  ['egrave', '\u00e8'],
  ['ccedil', '\u00e7'],
  ['ntilde', '\u00f1'],
  ['auml', '\u00e4'],
  ['ouml', '\u00f6'],
  ['uuml', '\u00fc'],
  ['szlig', '\u00df'],
]);

/** The longest name above: a longer run of letters and digits is never one of them. */
const MAX_NAME = 6;

const HASH = 35;
const SEMI = 59;

function isAlpha(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

function isAlnum(c: number): boolean {
  return isAlpha(c) || (c >= 48 && c <= 57);
}

/**
 * Code points the package turns into that very character (no replacement: not NUL,
 * not C0 or C1 controls, not a surrogate, not past U+10FFFF).
 */
function passesUnchanged(cp: number): boolean {
  return (cp >= 0x20 && cp < 0x80) || (cp >= 0xa0 && cp < 0xd800) || (cp >= 0xe000 && cp <= 0x10ffff);
}

/** The value of the hexadecimal digit `c`, or -1. */
function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 0x20;
  return l >= 97 && l <= 102 ? l - 87 : -1;
}

/** How a reference not closed by ";" is read: as the package's three modes. */
const Mode = {
  /** decodeHTML: a legacy name ("&amp", "&copy") counts without ";". */
  Text: 0,
  /** decodeHTMLAttribute: the same, unless "=" or a letter or digit follows it. */
  Attribute: 1,
  /** decodeHTMLStrict: only references closed by ";". */
  Strict: 2,
} as const;
type Mode = (typeof Mode)[keyof typeof Mode];

/**
 * Names the HTML standard also reads without ";" (its "legacy" ones), among those above:
 * "&amp" before a character that continues no name is "&" in text.
 */
const LEGACY = new Set(['amp', 'lt', 'gt', 'quot', 'nbsp', 'copy', 'reg']);

/**
 * `s` with its references decoded, or undefined when one of them is not a common
 * form (then the package decodes the whole string).
 */
function decodeCommon(s: string, first: number, mode: Mode): string | undefined {
  let out = '';
  let last = 0;
  for (let at = first; at >= 0; at = s.indexOf('&', at + 1)) {
    const c = s.charCodeAt(at + 1);
    let value: string;
    let end: number;
    if (c === HASH) {
      const hex = (s.charCodeAt(at + 2) | 0x20) === 120; // "x" or "X"
      const digits = hex ? at + 3 : at + 2;
      let j = digits;
      let cp = 0;
      for (; j < digits + (hex ? 6 : 7); j++) {
        const d = hex ? hexValue(s.charCodeAt(j)) : s.charCodeAt(j) - 48;
        if (d < 0 || d > (hex ? 15 : 9)) break;
        cp = cp * (hex ? 16 : 10) + d;
      }
      if (j === digits || s.charCodeAt(j) !== SEMI || !passesUnchanged(cp)) return undefined;
      value = String.fromCodePoint(cp);
      end = j + 1;
    } else if (isAlnum(c)) {
      let j = at + 1;
      while (j <= at + MAX_NAME && isAlnum(s.charCodeAt(j))) j++;
      const next = s.charCodeAt(j); // NaN at the end of the string
      if (next === SEMI) {
        const named = NAMED.get(s.slice(at + 1, j));
        if (named === undefined) return undefined;
        value = named;
        end = j + 1;
      } else if (isAlnum(next)) {
        return undefined; // a longer run of letters and digits: may hold a legacy name
      } else if (mode === Mode.Strict || (mode === Mode.Attribute && next === 61)) {
        // Without ";": nothing in strict mode; in an attribute, never before "=" (a URL's "&b=2").
        continue;
      } else {
        const name = s.slice(at + 1, j);
        if (!LEGACY.has(name)) return undefined;
        value = NAMED.get(name)!;
        end = j;
      }
    } else continue; // "&" before a character that starts no reference stays as written
    out += s.slice(last, at) + value;
    last = end;
    at = end - 1;
  }
  return out + s.slice(last);
}

const require = createRequire(import.meta.url);
let full: typeof EntitiesDecode | undefined;

function entities(): typeof EntitiesDecode {
  full ??= require('entities/decode') as typeof EntitiesDecode;
  return full;
}

/** Text content (the package's decodeHTML: legacy references without ";" too). */
export function decodeHtmlText(s: string): string {
  const first = s.indexOf('&');
  if (first < 0) return s;
  return decodeCommon(s, first, Mode.Text) ?? entities().decodeHTML(s);
}

/** An attribute value (the package's decodeHTMLAttribute). */
export function decodeHtmlAttribute(s: string): string {
  const first = s.indexOf('&');
  if (first < 0) return s;
  return decodeCommon(s, first, Mode.Attribute) ?? entities().decodeHTMLAttribute(s);
}

/** Only references closed by ";" (the package's decodeHTMLStrict). */
export function decodeHtmlStrict(s: string): string {
  const first = s.indexOf('&');
  if (first < 0) return s;
  return decodeCommon(s, first, Mode.Strict) ?? entities().decodeHTMLStrict(s);
}
