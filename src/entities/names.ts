/**
 * Names from mention text: titles and possessives stripped, a normal form for
 * comparison, initials for acronyms, and a few well-known alternative names of
 * places and bodies that share no letters ("U.S." = "United States").
 */
import { isRegexSpace } from '../text/chars.js';

/** Titles and honorifics that precede a name and are not part of it (lower case, without the final period). */
const TITLES = new Set(
  (
    'mr mrs ms miss mx dr prof sir dame lord lady gen general lt lieutenant col colonel maj major capt captain cmdr ' +
    'commander adm admiral sgt sergeant cpl corporal pvt gov governor sen senator rep representative pres president ' +
    'vice prime minister secretary chancellor king queen prince princess pope rev reverend fr father sister brother ' +
    'judge justice chief officer mayor ambassador sheikh ayatollah imam rabbi coach det detective insp inspector supt ' +
    'st saint hon honourable honorable mme mlle herr frau sr jr'
  ).split(' '),
);

const LONGEST_TITLE = Math.max(...[...TITLES].map((t) => t.length));

/** Words skipped when forming initials ("Department of Homeland Security" → DHS). */
const INITIAL_SKIP = new Set([
  'of',
  'the',
  'and',
  'for',
  'on',
  'in',
  'at',
  'de',
  'du',
  'des',
  'la',
  'le',
  '&',
  'to',
]);

/**
 * Well-known names whose short forms share nothing usable with the long ones:
 * each group is one place or body. Facts, not data from any corpus.
 */
const EQUIVALENT: string[][] = [
  ['united states', 'us', 'usa', 'united states of america', 'america'],
  ['united kingdom', 'uk', 'britain', 'great britain'],
  ['united nations', 'un'],
  ['european union', 'eu'],
  ['soviet union', 'ussr'],
  ['united arab emirates', 'uae'],
];
const CANONICAL = new Map<string, string>(
  EQUIVALENT.flatMap((g) => g.map((n) => [n, g[0]!] as [string, string])),
);

/** Tokens of a mention's text: words with their trailing punctuation kept ("Gen.", "U.S."). */
export function nameTokens(text: string): string[] {
  // The runs between white space (`\s`), as text.split(/\s+/).filter(Boolean) gives them, by one
  // scan of the character codes: no regular expression and no array of empty strings to filter.
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    if (isRegexSpace(text.charCodeAt(i))) {
      if (start >= 0) out.push(text.slice(start, i));
      start = -1;
    } else if (start < 0) start = i;
  }
  if (start >= 0) out.push(text.slice(start));
  return out;
}

/** Strips a final possessive: "Dunford's" → "Dunford", "Forces'" → "Forces". */
export function stripPossessive(word: string): string {
  return word.replace(/['\u2019]s$/i, '').replace(/(?<=s)['\u2019]$/i, '');
}

/** Whether a word is a title or honorific ("Gen.", "President"). */
export function isTitle(word: string): boolean {
  // Longer than any title and its period: ruled out before any new string is made.
  if (word.length > LONGEST_TITLE + 1) return false;
  const lower = word.toLowerCase();
  // The final period cut by one slice that every word runs (the whole word when there is none):
  // a slice reached only at the first title with a period ("Gen.") had no type feedback when
  // V8 compiled findMentions, and deoptimised it.
  return TITLES.has(lower.slice(0, lower.length - (lower.charCodeAt(lower.length - 1) === 46 ? 1 : 0)));
}

/**
 * The name a mention stands for: possessive and leading titles removed, a
 * leading "the" removed ("the Pentagon" → "Pentagon"), and titles at the end
 * dropped. Never empty: a mention
 * that is all title ("President") keeps its text.
 */
export function cleanName(text: string): string {
  let tokens = nameTokens(text);
  if (tokens.length === 0) return text;
  const last = tokens.length - 1;
  tokens[last] = stripPossessive(tokens[last]!);
  if (tokens[last] === '' || tokens[last] === "'s") tokens = tokens.slice(0, last);
  let i = 0;
  while (i < tokens.length - 1 && (isTitle(tokens[i]!) || tokens[i]!.toLowerCase() === 'the')) i++;
  // A title at the end belongs to the next name ("US Joint Chiefs of Staff Gen. | Joseph Dunford").
  let j = tokens.length;
  while (j - 1 > i && isTitle(tokens[j - 1]!)) j--;
  const out = tokens.slice(i, j).join(' ');
  return out || text;
}

/** Comparison key: lower case, periods and possessive marks removed, spaces single. */
export function nameKey(name: string): string {
  const lower = name.toLowerCase();
  // Most names have no period, apostrophe or space to squeeze: the lower-case form as it is,
  // without the three replacements (which would leave it unchanged).
  if (isPlainKey(lower)) return lower;
  return lower
    .replace(/[.\u2019']/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Whether nameKey's replacements leave `s` unchanged: no period or apostrophe, and no white
 * space but single ASCII spaces between other characters.
 */
function isPlainKey(s: string): boolean {
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 46 || c === 39 || c === 0x2019) return false;
    if (c === 32) {
      if (i === 0 || i === n - 1 || s.charCodeAt(i + 1) === 32) return false;
    } else if (isRegexSpace(c)) return false;
  }
  return true;
}

/** The canonical key of a name: its equivalence group's first member, or the key itself. */
export function canonicalKey(name: string): string {
  return canonicalOfKey(nameKey(name));
}

/** canonicalKey of a name whose nameKey is `key`. */
export function canonicalOfKey(key: string): string {
  return CANONICAL.get(key) ?? key;
}

/** Whether a name reads as an acronym: one token of 2–6 capitals, periods allowed ("SDF", "U.N."). */
export function isAcronym(name: string): boolean {
  return /^(?:[A-Z]\.?){2,6}$|^[A-Z][A-Z&]{1,5}$/.test(name);
}

/** Initials of a multi-word name's significant words: "Syrian Democratic Forces" → "SDF". */
export function initials(name: string): string {
  return initialsOf(nameTokens(name));
}

/** initials() of a name whose nameTokens are `tokens`. */
export function initialsOf(tokens: readonly string[]): string {
  // One loop and one string, not a filtered array and a mapped one (the same initials).
  let out = '';
  let words = 0;
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i]!;
    if (INITIAL_SKIP.has(w.toLowerCase())) continue;
    out += w[0]!.toUpperCase();
    words++;
  }
  return words < 2 ? '' : out;
}

/** Corporate suffixes that end a company's full name (lower case, without periods). */
const CORPORATE = new Set(
  'co company corp corporation inc incorporated ltd limited llc llp lp plc ag sa se nv bv gmbh spa holdings group'.split(
    ' ',
  ),
);

const NO_COMPANY = { key: '', first: '' } as const;

/**
 * A company's short names from its full name's tokens: the key of the name without its
 * corporate suffix ("Halvard Construction Co." → "halvard construction"; "Tarn & Co." →
 * "tarn"), and the key of that name's first word ("halvard") unless it is a title or "the".
 * Both '' when the name does not end in a suffix.
 */
export function companyShortNames(tokens: readonly string[]): { key: string; first: string } {
  let end = tokens.length;
  if (end < 2) return NO_COMPANY;
  while (end > 1 && CORPORATE.has(tokens[end - 1]!.replace(/[.,]/g, '').toLowerCase())) end--;
  if (end === tokens.length) return NO_COMPANY;
  while (end > 0 && (tokens[end - 1] === '&' || tokens[end - 1]!.toLowerCase() === 'and')) end--;
  if (end === 0) return NO_COMPANY;
  const base = tokens.slice(0, end);
  base[end - 1] = base[end - 1]!.replace(/,$/, '');
  if (base[end - 1] === '') return NO_COMPANY;
  const head = base[0]!;
  const c = head.charCodeAt(0);
  const capital = (c >= 65 && c <= 90) || (c > 127 && head[0] !== head[0]!.toLowerCase());
  const first =
    capital && !isTitle(head) && head.toLowerCase() !== 'the' ? nameKey(stripPossessive(head)) : '';
  return { key: nameKey(base.join(' ')), first };
}
