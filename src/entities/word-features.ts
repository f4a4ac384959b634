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

/** Word shape with runs collapsed: "Dunford" → "Xx", "U.S." → "X.X.", "1996-08-22" → "d-d-d". */
export function wordShape(word: string): string {
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
  const hasUpper = /\p{Lu}/u.test(word);
  const hasLower = /\p{Ll}/u.test(word);
  const initUpper = /^\p{Lu}/u.test(word);
  const hasDigit = /\d/.test(word);
  const hasLetter = /\p{L}/u.test(word);
  let c = 'o';
  if (hasLetter && hasUpper && !hasLower) c = word.length === 1 ? 'U1' : 'UU';
  else if (initUpper) c = /\p{Lu}/u.test(word.slice(1)) ? 'Um' : 'Ux';
  else if (hasLower && hasUpper) c = 'xU';
  else if (hasLower) c = 'xx';
  if (hasDigit) c += hasLetter ? 'dl' : 'd';
  if (word.includes('-')) c += '-';
  if (word.includes('.')) c += '.';
  return c;
}

/** True when the word has a letter and no lower-case letter ("NATO", "U.S."). */
export function isAllCaps(word: string): boolean {
  return /\p{L}/u.test(word) && !/\p{Ll}/u.test(word);
}

/** True when the word starts with an upper-case letter. */
export function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word);
}
