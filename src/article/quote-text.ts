/** A quote's words and its speaker's name as a reader should see them. */
import type { Article, Quote } from './types.js';

const CLOSING_MARKS = '"\u201d';
const OPENING_MARKS = '"\u201c';

/**
 * What a quote says, for a reader: its content, but where the attribution sits inside it
 * ("“A,” said X. “B.”", one quote broken by its cue) the words between the two passages
 * become an ellipsis.
 */
export function quotedWords(text: string, q: Quote): string {
  const content = text.slice(q.start, q.end);
  if (q.cue.start < q.start || q.cue.end > q.end) return content;
  const speaker = q.speaker && q.speaker.start >= q.start && q.speaker.end <= q.end ? q.speaker : q.cue;
  const attributionStart = Math.min(q.cue.start, speaker.start);
  const attributionEnd = Math.max(q.cue.end, speaker.end);
  let close = attributionStart - 1;
  while (close >= q.start && !CLOSING_MARKS.includes(text[close]!)) close--;
  let open = attributionEnd;
  while (open < q.end && !OPENING_MARKS.includes(text[open]!)) open++;
  if (close < q.start || open >= q.end) return content;
  return `${text.slice(q.start, close + 1)} … ${text.slice(open, q.end)}`;
}

/** Pronouns that can stand as a speaker's whole span and name no one by themselves. */
const PRONOUNS: ReadonlySet<string> = new Set(
  (
    'he she they it its who which that i we you him her them one whom this these those someone somebody ' +
    'everyone everybody nobody anyone some many others both all'
  ).split(' '),
);

/**
 * Whether a speaker's text is a pronoun alone ("It", "who", "they"): when such a speaker has no
 * entity, it is an unnamed source, not a name to list or search.
 */
export function isPronounSpeaker(speakerText: string): boolean {
  return PRONOUNS.has(speakerText.trim().toLowerCase());
}

/**
 * The name a quote's speaker is listed and searched under: its entity's name when it resolved to
 * one, else the words of its span, unless those are a pronoun alone (then none: the quote is
 * shown as not attributed to a name). `entityNames` maps the Article's entity ids to names.
 */
export function listedSpeakerName(
  article: Pick<Article, 'text'>,
  q: Quote,
  entityNames: ReadonlyMap<string, string>,
): string | undefined {
  if (!q.speaker) return undefined;
  const resolved = q.speaker.entity ? entityNames.get(q.speaker.entity) : undefined;
  if (resolved?.trim()) return resolved.replace(/\s+/g, ' ').trim();
  const words = article.text.slice(q.speaker.start, q.speaker.end).replace(/\s+/g, ' ').trim();
  return words && !isPronounSpeaker(words) ? words : undefined;
}
