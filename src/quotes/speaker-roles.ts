/**
 * A name inside a source phrase that is not the speaker: the entity a role belongs to ("a
 * spokeswoman for Sen. Alan Pruitt", "an aide to the mayor", "lawyers for Acme", "sources close to
 * Acme", "Mr Blair's spokesman", "an Acme spokesman"). The speaker is the role-holder, an unnamed
 * source; the entity is who they speak for, not who spoke.
 */

/** A word and a preposition that make what follows the entity a role belongs to. */
const ROLE_BEFORE =
  /(?:^|[\s,(—–-])([\p{L}’'-]+)\s+(?:for|of|to|with|at|from|in|inside|within|representing|behalf\s+of)\s+(?:(?:the|a|an|[\p{Lu}][\p{L}]{0,4}\.|Mayor|Senator|Governor|President|Premier|Minister|Secretary|General|Judge|Justice|Chancellor|Commissioner|Director|Chairman|Chairwoman|Professor|Sir|Lord|Lady|Dame|King|Queen|Prince|Princess|Pope|Mr|Mrs|Ms|Dr|Prime\s+Minister)\s+)*$/u;

/** Words of time before a preposition: "a report earlier this week from the BRC" is the BRC's report, not a role. */
const TIME_WORDS: ReadonlySet<string> = new Set(
  'week weeks month months year years day days today yesterday earlier later ago morning evening night'.split(
    ' ',
  ),
);

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

/**
 * What a person or an organisation writes or issues speaks for them: "a report from the British Retail
 * Consortium", "United's statement", "Labor Department figures" are that organisation's words.
 */
const DOCUMENTS: ReadonlySet<string> = new Set(
  (
    'statement statements report reports figures data survey surveys study studies comments remarks findings ' +
    'letter letters book books announcement website filing filings estimates estimate forecast forecasts ' +
    'research analysis poll polls paper papers document documents release memo blog'
  ).split(' '),
);

/**
 * After a person's name a bare lower-case word is far more often a verb that a source phrase took in
 * ("Elena Dementieva swept", "Mr Kennedy used a speech") than a role; these are the roles.
 */
const PERSON_ROLES: ReadonlySet<string> = new Set(
  (
    'administration government aide aides adviser advisers allies ally camp campaign team spokesman spokeswoman ' +
    'spokesperson spokespeople lawyer lawyers attorney attorneys supporters officials staff office family'
  ).split(' '),
);

/** What follows a name when a role is its head: "'s spokesman" (" 's spokesman" in tokenised text) or "spokesman". */
const ROLE_AFTER = /^(?: ?['’]s?\s+|\s+)([\p{Ll}][\p{L}-]*)/u;

/**
 * Whether the mention [start, end) inside the phrase [phraseStart, headEnd) names whom a role
 * belongs to rather than the speaker: governed by a role and a preposition before it, or followed
 * by a possessive or a lower-case noun that heads the phrase. `author`: the mention is a person or an
 * organisation, whose documents speak for it; `person`: a person, after whose name a bare word is a role only from a short list ("the BRC's report" is the BRC's words; "reports from Russia" are not Russia's).
 */
export function governedByRole(
  text: string,
  phraseStart: number,
  headEnd: number,
  start: number,
  end: number,
  author = false,
  person = false,
): boolean {
  if (start > phraseStart) {
    const before = ROLE_BEFORE.exec(text.slice(Math.max(phraseStart, start - 80), start));
    const word = before?.[1]?.toLowerCase();
    if (word !== undefined && !TIME_WORDS.has(word) && !(author && DOCUMENTS.has(word))) return true;
  }
  if (end >= headEnd) return false;
  const after = ROLE_AFTER.exec(text.slice(end, Math.min(headEnd, end + 40)));
  if (!after) return false;
  const word = after[1]!.toLowerCase();
  if (author && DOCUMENTS.has(word)) return false;
  // A possessive always makes what follows the head ("Blair's spokesman"); a bare word only when it is not a function word.
  // The possessive may stand apart from the name in tokenised text ("russia 's defense minister").
  if (/^ ?['’]/u.test(text.slice(end, end + 2))) return true;
  return person ? PERSON_ROLES.has(word) : !NOT_A_ROLE.has(word);
}
