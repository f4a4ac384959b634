/**
 * People's names from author fields and bylines. A name is kept only when it
 * looks like a person's: two to five words, each capitalised (or a particle such
 * as "de", "van", "bin"), no digits, and not a site, a date, or a navigation word.
 */

const PARTICLES = new Set([
  'de',
  'da',
  'del',
  'della',
  'der',
  'di',
  'du',
  'la',
  'le',
  'van',
  'von',
  'bin',
  'ibn',
  'al',
  'el',
  'y',
  'dos',
  'das',
  'st.',
]);
// Words that are never part of a person's name in a byline: roles, navigation, dates, sites.
const NOT_NAME =
  /^(?:staff|admin|administrator|editor|editors|editorial|team|desk|news|newsroom|reporter|correspondent|contributor|guest|author|home|menu|search|login|log|sign|subscribe|share|comments?|reply|more|posted|published|updated|by|and|the|for|with|at|in|on|of|from|via|photo|photos|video|associated|press|reuters|agency|wire|services?|today|yesterday|ago|hours?|minutes?|days?|am|pm|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|inc|llc|ltd|media|group|times|post|daily|journal|herald|tribune|gazette|magazine|online|com|net|org|cnn|bbc|ap|afp)$/i;

/**
 * Page furniture's words, never in a person's name: a category ("Kit Reviews"), a feed link ("Entries
 * feed"), a footer. A set, not more alternatives of NOT_NAME: there they cost a fresh layout process
 * ~5 M instructions over the 121 extraction pages (valgrind), here next to nothing.
 */
const FURNITURE_WORDS = new Set(
  (
    'review reviews feed feeds rss entries archive archives categories category tags privacy cookies ' +
    'newsletter newsletters podcast podcasts website sponsored all'
  ).split(' '),
);

/**
 * The section words of a desk's byline ("Mail Sport", "Express Politics", "Mirror Money"): with a
 * word of the site's name and nothing else, a desk, not a person.
 */
const SECTION_WORDS = new Set(
  (
    'sport sports politics business money travel health science tech technology showbiz entertainment ' +
    'culture lifestyle style opinion foreign world city finance motoring property football cricket rugby ' +
    'racing golf tennis weather food fashion books film music arts reporters reporter writers staff ' +
    'desk team online digital wire investigations investigation weekend'
  ).split(' '),
);

/** Whether one of the first `n` characters is an ASCII digit. */
function digitWithin(s: string, n: number): boolean {
  for (let i = 0; i < s.length && i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/**
 * A piece's leading year or numeric date before a name: "2019 Jane Doe" (of "November 20, 2019 Jane Doe"),
 * "21/06/2014 Jane Doe", "2019-11-20 Jane Doe" → "Jane Doe". By characters: a date pattern run on every
 * byline cost a fresh layout process ~10 M instructions over the 121 extraction pages (valgrind).
 */
function dropLeadingNumber(piece: string): string {
  let i = 0;
  let digits = 0;
  for (; i < piece.length; i++) {
    const c = piece.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c !== 47 && c !== 46 && c !== 45) break; // "/", ".", "-"
  }
  return digits >= 2 && i < piece.length && piece.charCodeAt(i) === 32 ? piece.slice(i + 1).trim() : piece;
}

/** "October 9, 2018 | by Jane Doe" → "Jane Doe": the name after a dated bar; else the line as it is. */
function afterDatedBar(line: string): string {
  let k = line.indexOf('|');
  for (const bar of ['·', '•']) {
    const j = line.indexOf(bar);
    if (j >= 0 && (k < 0 || j < k)) k = j;
  }
  if (k <= 0 || !digitWithin(line, k)) return line;
  const rest = line.slice(k + 1).trimStart();
  return /^by\s/i.test(rest) ? rest.slice(2).trimStart() : line;
}

/** Splits a byline into candidate names: "By Jane Doe and John Roe, CNN" → ["Jane Doe", "John Roe", "CNN"]. */
export function namesFromByline(line: string): string[] {
  let s = afterDatedBar(line).replace(
    /^\s*(?:(?:written|reported|posted|story|words|text)\s+)?by\s*[.:]?\s*/i,
    '',
  );
  s = s
    .replace(/\s*[|·•]\s*.*$/, '') // "Jane Doe | November 3, 2019"
    .replace(/\s+[-–—]\s+.*$/, '') // "Jane Doe - 11/18/19 11:04 PM EST"
    .replace(/\s*\.\s*(?:published|updated|last updated)\b.*$/i, '') // "jane doe . published : ..."
    .replace(/\s+(?:on|at)\s+\w+\s+\d.*$/i, ''); // "Jane Doe on November 3, 2019"
  s = s.replace(/\s*\.\s*$/, '');
  return s
    .split(/\s*(?:,|;|\band\b|&)\s*/i)
    .map(dropLeadingNumber)
    .filter(Boolean);
}

// Greek, Cyrillic, Hebrew, Arabic, Devanagari, Thai, kana, CJK and Hangul by code range: a Unicode
// property class (\p{Script=…}) costs a fresh process its compilation; this runs on candidate names.
const MIXED_SCRIPT =
  /[\u0370-\u03ff\u0400-\u04ff\u0590-\u06ff\u0900-\u097f\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;
const LATIN = /[A-Za-z]/;

function isPersonName(name: string): boolean {
  if (/\d|@|https?:|www\.|\.com\b/i.test(name)) return false;
  const words = name.split(/\s+/).filter(Boolean);
  if (words.length < 2 || words.length > 5) return false;
  let capitalised = 0;
  let lower = 0;
  for (const w of words) {
    const bare = w.replace(/[.,]$/, '');
    if (NOT_NAME.test(bare) || FURNITURE_WORDS.has(bare.toLowerCase())) return false;
    if (PARTICLES.has(w.toLowerCase())) continue;
    // A word in two scripts ("WordPressの記事更新にWindows") is a phrase run together, not a name.
    if (MIXED_SCRIPT.test(w) && LATIN.test(w)) return false;
    if (/^[\p{Lu}][\p{L}'’.-]*$/u.test(w)) capitalised++;
    else if (/^[\p{Ll}][\p{L}'’.-]*$/u.test(w)) {
      // "al-Assad", "d'Alembert": a lower-case prefix before a capital is part of a name.
      if (w === w.toLowerCase()) lower++;
    } else return false;
  }
  // Capitalised words beside lower-case ones ("Save my name", "Entries feed", "Publish date") are
  // wording: a name's words are all capitalised (particles aside), or all lower case (lowercased text).
  if (capitalised >= 1 && lower >= 1) return false;
  return capitalised >= 1 || words.every((w) => /^[\p{Ll}'’.-]+$/u.test(w));
}

/** Letters and digits only, lower case: "The Hill", "TheHill" and "thehill.com"'s label compare equal. */
export function compact(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Whether a name opens with one of the site's names, compacted to lower-case letters and digits
 * ("Telegraph Sport" on The Telegraph, "Coast Daily Staff"), or is the start of one: the site's
 * desk or section, or the site itself, not a person.
 */
export function isSiteDesk(
  name: string,
  sites: ReadonlySet<string>,
  siteWordSet?: ReadonlySet<string>,
): boolean {
  if (!sites.size) return false;
  const words = name.trim().split(/\s+/).map(compact);
  // A distinctive word of the site's name and section words, nothing else ("Mail Sport" on "Daily Mail").
  if (siteWordSet?.size && words.length >= 2 && words.length <= 4) {
    let site = 0;
    let section = 0;
    for (const c of words) {
      if (SECTION_WORDS.has(c)) section++;
      else if (siteWordSet.has(c)) site++;
      else {
        site = -1;
        break;
      }
    }
    if (site >= 1 && section >= 1) return true;
  }
  let prefix = '';
  for (let i = 0; i < words.length; i++) {
    prefix += words[i]!;
    if (i < words.length - 1 && prefix.length >= 3 && sites.has(prefix)) return true;
  }
  // The site's name, whole or cut short ("Harbour Post" on "Harbour Post Weekend"): not a person.
  if (words.length >= 2) for (const site of sites) if (site.startsWith(prefix)) return true;
  return false;
}

/**
 * The distinctive words of the site's names, compacted: three letters or more, not a word no name has
 * ("The Daily Mail" → "mail"; "daily" and "the" are refused in any name already).
 */
export function siteWords(names: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const n of names)
    for (const w of n.split(/[\s.\-–—]+/)) {
      const c = compact(w);
      if (c.length >= 3 && !NOT_NAME.test(c) && !SECTION_WORDS.has(c)) out.add(c);
    }
  return out;
}

/**
 * Cleans, de-duplicates and filters names; `refuse` holds names that are not people (the publisher),
 * `isDesk` tells a name that is the site's desk or section (see `isSiteDesk`).
 */
export function cleanAuthors(
  names: readonly string[],
  refuse: readonly string[] = [],
  isDesk?: (name: string) => boolean,
): string[] {
  const refused = new Set(refuse.map((r) => r.toLowerCase()));
  const out: string[] = [];
  for (const raw of names) {
    const name = raw.replace(/\s+/g, ' ').replace(/^[\s,.;:]+|[\s,.;:]+$/g, '');
    if (!name || refused.has(name.toLowerCase())) continue;
    if (!isPersonName(name)) continue;
    if (isDesk?.(name)) continue;
    if (!out.some((o) => o.toLowerCase() === name.toLowerCase())) out.push(name);
  }
  return out.slice(0, 10);
}
