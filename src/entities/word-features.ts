/**
 * What the tagger knows about a word by itself, before context: its forms, shape,
 * affixes, capitalisation and cluster. Pure string functions; the tagger caches
 * their results per word form.
 */

/** The key a word has in the cluster table: lowercased, digits folded to 0. */
export function clusterWordKey(word: string): string {
  return word.toLowerCase().replace(/\d/g, '0');
}

/**
 * The shape class of one character: X upper-case letter, x other letter, d digit, else itself.
 * ASCII first: the Unicode tests give the same classes, at many times the cost.
 */
function shapeClass(ch: string): string {
  if (ch >= 'a' && ch <= 'z') return 'x';
  if (ch >= 'A' && ch <= 'Z') return 'X';
  if (ch >= '0' && ch <= '9') return 'd';
  if (/\p{Lu}/u.test(ch)) return 'X';
  if (/\p{L}/u.test(ch)) return 'x';
  if (/\p{N}/u.test(ch)) return 'd';
  return ch;
}

/** Whether every code unit of `word` is ASCII: the fast paths below read such words by code. */
function isAscii(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) > 127) return false;
  return true;
}

/** shapeClass of an ASCII code: 0 upper-case letter, 1 other letter, 2 digit, 3 anything else. */
function asciiClass(c: number): number {
  if (c >= 97 && c <= 122) return 1;
  if (c >= 65 && c <= 90) return 0;
  if (c >= 48 && c <= 57) return 2;
  return 3;
}
const CLASS_CHARS = ['X', 'x', 'd'];

/**
 * wordShape (runs collapsed, `keep` 1) or shortRunShape (`keep` 2) of an ASCII word, read by
 * code: the same string, without a string per character or the Unicode tests.
 */
function asciiShape(word: string, keep: number): string {
  let out = '';
  let prev = -1;
  let prevCode = -1;
  let run = 0;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    const k = asciiClass(code);
    // Other characters are their own class: the same class only when the same character. Both
    // comparisons on every character: the second, reached only after two such characters in a
    // row, had no type feedback when V8 compiled the callers, and deoptimised them when met.
    const sameCode = code === prevCode;
    const same = k === prev && (k !== 3 || sameCode);
    run = same ? run + 1 : 1;
    if (run <= keep) out += k === 3 ? word[i]! : CLASS_CHARS[k]!;
    prev = k;
    prevCode = code;
  }
  return out;
}

/** Word shape with runs collapsed: "Dunford" → "Xx", "U.S." → "X.X.", "1996-08-22" → "d-d-d". */
export function wordShape(word: string): string {
  if (isAscii(word)) return asciiShape(word, 1);
  let out = '';
  let prev = '';
  for (const ch of word) {
    const c = shapeClass(ch);
    if (c !== prev) out += c;
    prev = c;
  }
  return out;
}

/** Word shape keeping runs of up to 2: "Dunford" → "Xxx", "USA" → "XX", "1996" → "dd". */
export function shortRunShape(word: string): string {
  if (isAscii(word)) return asciiShape(word, 2);
  let out = '';
  let prev = '';
  let run = 0;
  for (const ch of word) {
    const c = shapeClass(ch);
    run = c === prev ? run + 1 : 1;
    if (run <= 2) out += c;
    prev = c;
  }
  return out;
}

/** A compact description of the word's capitalisation and character classes. */
export function caseFlags(word: string): string {
  if (isAscii(word)) return asciiCaseFlags(word);
  const hasUpper = /\p{Lu}/u.test(word);
  const hasLower = /\p{Ll}/u.test(word);
  const initUpper = /^\p{Lu}/u.test(word);
  const hasDigit = /\d/.test(word);
  const hasLetter = /\p{L}/u.test(word);
  // A capital, then another later: one test for every word (`initUpper && test(slice(1))` left
  // the second test to the first non-ASCII capitalised word, which deoptimised the compiled caller).
  const upperAfterFirst = /^\p{Lu}.*\p{Lu}/su.test(word);
  return caseCode(word, hasLetter, hasUpper, hasLower, initUpper, upperAfterFirst, hasDigit);
}

/** The caseFlags string from a word's character-class facts (shared by the Unicode and ASCII readings). */
function caseCode(
  word: string,
  hasLetter: boolean,
  hasUpper: boolean,
  hasLower: boolean,
  initUpper: boolean,
  upperAfterFirst: boolean,
  hasDigit: boolean,
): string {
  let c = 'o';
  if (hasLetter && hasUpper && !hasLower) c = word.length === 1 ? 'U1' : 'UU';
  else if (initUpper) c = upperAfterFirst ? 'Um' : 'Ux';
  else if (hasLower && hasUpper) c = 'xU';
  else if (hasLower) c = 'xx';
  if (hasDigit) c += hasLetter ? 'dl' : 'd';
  if (word.includes('-')) c += '-';
  if (word.includes('.')) c += '.';
  return c;
}

/** caseFlags of an ASCII word, read by code: the same flags without five Unicode tests. */
function asciiCaseFlags(word: string): string {
  let hasUpper = false;
  let hasLower = false;
  let hasDigit = false;
  let upperAfterFirst = false;
  for (let i = 0; i < word.length; i++) {
    const k = asciiClass(word.charCodeAt(i));
    if (k === 0) {
      hasUpper = true;
      if (i > 0) upperAfterFirst = true;
    } else if (k === 1) hasLower = true;
    else if (k === 2) hasDigit = true;
  }
  const hasLetter = hasUpper || hasLower;
  const initUpper = word.length > 0 && asciiClass(word.charCodeAt(0)) === 0;
  return caseCode(word, hasLetter, hasUpper, hasLower, initUpper, upperAfterFirst, hasDigit);
}

/** True when the word has a letter and no lower-case letter ("NATO", "U.S."). */
export function isAllCaps(word: string): boolean {
  if (isAscii(word)) {
    let letter = false;
    for (let i = 0; i < word.length; i++) {
      const k = asciiClass(word.charCodeAt(i));
      if (k === 1) return false;
      if (k === 0) letter = true;
    }
    return letter;
  }
  return /\p{L}/u.test(word) && !/\p{Ll}/u.test(word);
}

/** True when the word starts with an upper-case letter. */
export function isCapitalised(word: string): boolean {
  const c = word.charCodeAt(0);
  // An ASCII first character decides alone (a surrogate or other non-ASCII one goes to the test).
  if (c < 128) return c >= 65 && c <= 90;
  return /^\p{Lu}/u.test(word);
}

/** Whether the word has a letter (any script). */
export function hasLetter(word: string): boolean {
  if (isAscii(word)) {
    for (let i = 0; i < word.length; i++) if (asciiClass(word.charCodeAt(i)) < 2) return true;
    return false;
  }
  return /\p{L}/u.test(word);
}
