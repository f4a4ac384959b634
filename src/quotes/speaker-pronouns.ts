/**
 * Pronouns as speakers: which words are pronouns, which entity types each can stand for, and
 * the clues that an "it" is not a speaker at all ("It emerged that …", "It is understood …").
 * Used by resolve-speakers.ts; `isPronounSpeaker` is for whoever lists speakers by name (a
 * pronoun left unresolved is an unnamed source, not a name to list or search).
 */
import type { EntityType } from '../article/types.js';

/** Personal pronouns: resolved to the nearest compatible entity before them. */
export const PERSONAL_PRONOUN_TYPES: Readonly<Record<string, readonly EntityType[]>> = {
  he: ['PER'],
  she: ['PER'],
  they: ['ORG'],
  // An organisation: a place is far more often the setting of a story ("in Portwell") than
  // a group that speaks; a country that speaks is usually named again ("the US said").
  it: ['ORG'],
  its: ['ORG'],
};

/** Relative pronouns: resolved to the name right before them ("Jane Roe, who …"). */
export const RELATIVE_PRONOUN_TYPES: Readonly<Record<string, readonly EntityType[]>> = {
  who: ['PER', 'ORG'],
  which: ['ORG', 'LOC', 'MISC'],
  that: ['PER', 'ORG', 'LOC', 'MISC'],
};

// Which pronouns name no one (and so are never listed as a speaker's name) is the Article model's
// rule, shared with the store and the web page.
export { isPronounSpeaker } from '../article/quote-text.js';

/**
 * "It" that stands for no one: an impersonal subject ("It emerged that", "It is understood",
 * "It seems"). A form of "be" followed by a verb in -ing ("it is planning") is the organisation.
 */
const IMPERSONAL_IT =
  /^(?:\s+(?:also|now|widely|generally|not|still|already|later|then))*\s+(?:emerged|emerges|emerging|transpired|seems|seemed|appears|appeared|remains|remained|(?:is|was|'s|’s|has\s+been|had\s+been|will\s+be|would\s+be|may\s+be|might\s+be|could\s+be)(?!\s+(?:also\s+|now\s+|still\s+)?[a-z]+ing\b))/iu;

/** Whether the "it" that ends at `end` is impersonal, from the words after it. */
export function impersonalIt(text: string, end: number): boolean {
  return IMPERSONAL_IT.test(text.slice(end, end + 60));
}
