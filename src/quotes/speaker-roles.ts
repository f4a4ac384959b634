/**
 * A name inside a source phrase that is not the speaker: the entity a role belongs to ("a
 * spokeswoman for Sen. Alan Pruitt", "an aide to the mayor", "lawyers for Acme", "sources close to
 * Acme", "Mr Blair's spokesman", "an Acme spokesman"). The speaker is the role-holder, an unnamed
 * source; the entity is who they speak for, not who spoke.
 */

/** A word and a preposition that make what follows the entity a role belongs to. */
const ROLE_BEFORE =
  /(?:^|[\s,(—–-])[\p{L}’'-]+\s+(?:for|of|to|with|at|from|in|inside|within|representing|behalf\s+of)\s+(?:(?:the|a|an|[\p{Lu}][\p{L}]{0,4}\.|Mayor|Senator|Governor|President|Premier|Minister|Secretary|General|Judge|Justice|Chancellor|Commissioner|Director|Chairman|Chairwoman|Professor|Sir|Lord|Lady|Dame|King|Queen|Prince|Princess|Pope|Mr|Mrs|Ms|Dr|Prime\s+Minister)\s+)*$/u;

/** Lower-case words that may follow a name that is still the head: coordination, reflexives, adverbs. */
const NOT_A_ROLE: ReadonlySet<string> = new Set([
  'and',
  'or',
  'but',
  'nor',
  'himself',
  'herself',
  'itself',
  'themselves',
  'too',
  'also',
  'alone',
  'both',
  'all',
  'on',
  'in',
  'at',
  'last',
  'this',
  'yesterday',
  'today',
  'earlier',
  'later',
  'now',
  'then',
  'who',
  'which',
  'that',
  'whose',
  'as',
  'has',
  'have',
  'had',
  'is',
  'was',
  'were',
  'are',
  'will',
  'would',
  // Prepositions: "Mike Powell of Dresdner" is still Mike Powell.
  'of',
  'for',
  'from',
  'with',
  'to',
  'by',
  'about',
  'after',
  'before',
  'over',
  'under',
  'against',
  'during',
  'into',
  'near',
  'via',
  // Particles inside names: "Nick Van den Brul", "Ursula von der Leyen".
  'de',
  'den',
  'der',
  'van',
  'von',
  'da',
  'das',
  'dos',
  'del',
  'della',
  'di',
  'du',
  'la',
  'le',
  'bin',
  'ibn',
  'al',
  'ter',
  'ten',
]);

/** What follows a name when a role is its head: "'s spokesman" or "spokesman". */
const ROLE_AFTER = /^(?:['’]s?\s+|\s+)([\p{Ll}][\p{L}-]*)/u;

/**
 * Whether the mention [start, end) inside the phrase [phraseStart, headEnd) names whom a role
 * belongs to rather than the speaker: governed by a role and a preposition before it, or followed
 * by a possessive or a lower-case noun that heads the phrase.
 */
export function governedByRole(
  text: string,
  phraseStart: number,
  headEnd: number,
  start: number,
  end: number,
): boolean {
  if (start > phraseStart && ROLE_BEFORE.test(text.slice(Math.max(phraseStart, start - 80), start)))
    return true;
  if (end >= headEnd) return false;
  const after = ROLE_AFTER.exec(text.slice(end, Math.min(headEnd, end + 40)));
  if (!after) return false;
  // A possessive always makes what follows the head ("Blair's spokesman"); a bare word only when it is not a function word.
  if (/^['’]/u.test(text.slice(end, end + 1))) return true;
  return !NOT_A_ROLE.has(after[1]!.toLowerCase());
}
