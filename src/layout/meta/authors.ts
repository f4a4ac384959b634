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

/** Splits a byline into candidate names: "By Jane Doe and John Roe, CNN" → ["Jane Doe", "John Roe", "CNN"]. */
export function namesFromByline(line: string): string[] {
  let s = line
    .replace(/^\s*(?:(?:written|reported|posted|story|words|text)\s+)?by\s*[.:]?\s*/i, '')
    .replace(/\s*[|·•]\s*.*$/, '') // "Jane Doe | November 3, 2019"
    .replace(/\s+[-–—]\s+.*$/, '') // "Jane Doe - 11/18/19 11:04 PM EST"
    .replace(/\s*\.\s*(?:published|updated|last updated)\b.*$/i, '') // "jane doe . published : ..."
    .replace(/\s+(?:on|at)\s+\w+\s+\d.*$/i, ''); // "Jane Doe on November 3, 2019"
  s = s.replace(/\s*\.\s*$/, '');
  return s.split(/\s*(?:,|;|\band\b|&)\s*/i).filter(Boolean);
}

function isPersonName(name: string): boolean {
  if (/\d|@|https?:|www\.|\.com\b/i.test(name)) return false;
  const words = name.split(/\s+/).filter(Boolean);
  if (words.length < 2 || words.length > 5) return false;
  let capitalised = 0;
  for (const w of words) {
    if (NOT_NAME.test(w.replace(/[.,]$/, ''))) return false;
    if (PARTICLES.has(w.toLowerCase())) continue;
    if (/^[\p{Lu}][\p{L}'’.-]*$/u.test(w)) capitalised++;
    else if (/^[\p{Ll}][\p{L}'’.-]*$/u.test(w))
      continue; // lowercased text (CNN/DM): judged by the rest
    else return false;
  }
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
export function isSiteDesk(name: string, sites: ReadonlySet<string>): boolean {
  if (!sites.size) return false;
  const words = name.trim().split(/\s+/);
  let prefix = '';
  for (let i = 0; i < words.length; i++) {
    prefix += compact(words[i]!);
    if (i < words.length - 1 && prefix.length >= 3 && sites.has(prefix)) return true;
  }
  // The site's name, whole or cut short ("Harbour Post" on "Harbour Post Weekend"): not a person.
  if (words.length >= 2) for (const site of sites) if (site.startsWith(prefix)) return true;
  return false;
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
