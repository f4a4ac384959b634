/**
 * Character classes by UTF-16 code, for the scanners: ASCII by comparison, the
 * rest through a small cache (news text is mostly ASCII, so the cache stays tiny).
 */

export function isSpace(c: number): boolean {
  return (
    c === 32 ||
    c === 10 ||
    c === 9 ||
    c === 13 ||
    c === 12 ||
    c === 11 ||
    c === 0xa0 ||
    c === 0x2028 ||
    c === 0x2029 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x202f ||
    c === 0x3000
  );
}

/** `\s`: ECMAScript white space and line terminators. */
export function isRegexSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

// 0: not a letter, 1: lower, 2: upper, 3: letter without case.
const caseCache = new Map<number, number>();

function letterCase(c: number): number {
  let k = caseCache.get(c);
  if (k === undefined) {
    const ch = String.fromCharCode(c);
    const lo = ch.toLowerCase();
    const up = ch.toUpperCase();
    if (lo !== up) k = ch === lo ? 1 : 2;
    else k = /\p{L}|\p{M}/u.test(ch) ? 3 : 0;
    caseCache.set(c, k);
  }
  return k;
}

export function isUpper(c: number): boolean {
  if (c < 128) return c >= 65 && c <= 90;
  return letterCase(c) === 2;
}

export function isLower(c: number): boolean {
  if (c < 128) return c >= 97 && c <= 122;
  return letterCase(c) === 1;
}

export function isLetter(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  return letterCase(c) !== 0;
}

export function isAlnum(c: number): boolean {
  return isDigit(c) || isLetter(c);
}

/** Marks that close a quotation or a bracket and stay with the sentence they end. */
export function isCloser(c: number): boolean {
  return (
    c === 34 || // "
    c === 39 || // '
    c === 41 || // )
    c === 93 || // ]
    c === 125 || // }
    c === 0x201d || // ”
    c === 0x2019 || // ’
    c === 0xbb || // »
    c === 0x203a // ›
  );
}

/** Marks that open a quotation or a bracket. */
export function isOpener(c: number): boolean {
  return (
    c === 34 ||
    c === 39 ||
    c === 40 || // (
    c === 91 || // [
    c === 123 || // {
    c === 96 || // `
    c === 0x201c || // “
    c === 0x2018 || // ‘
    c === 0xab || // «
    c === 0x2039 || // ‹
    c === 0x201e // „
  );
}

/** List bullets: a bullet inside running text starts a new item. */
export function isBullet(c: number): boolean {
  return (
    c === 0x2022 || // •
    c === 0x25e6 || // ◦
    c === 0x25aa || // ▪
    c === 0x25cf || // ●
    c === 0x2023 || // ‣
    c === 0x2043 || // ⁃
    c === 0x25a0 || // ■
    c === 0x25ba || // ►
    c === 0x25b8 // ▸
  );
}

/** Signs that stand before a number ("$3", "£5", "#1"): a sentence may begin with them. */
export function isNumberSign(c: number): boolean {
  return c === 36 || c === 0xa3 || c === 0x20ac || c === 0xa5 || c === 35;
}
