/** Helpers for the quotes tests: run the quotes layer on a text and read it back as strings. */
import { SCHEMA_VERSION } from '../../src/article/schema.js';
import type { Article, Entity } from '../../src/article/types.js';
import { shippedLexicon } from '../../src/quotes/cue-lexicon.js';
import { extractAttributions } from '../../src/quotes/extract-attributions.js';
import { findQuotes } from '../../src/quotes/index.js';
import { sentenceSpans } from '../../src/text/sentences.js';

export interface ReadableQuote {
  kind: string;
  content: string;
  cue: string;
  speaker?: string;
  entity?: string;
}

export function articleOf(text: string, entities?: Entity[]): Article {
  return {
    schemaVersion: SCHEMA_VERSION,
    id: 'test',
    text,
    source: { format: 'text' },
    ...(entities ? { entities } : {}),
  };
}

export function readQuotes(text: string, entities?: Entity[]): ReadableQuote[] {
  return findQuotes(articleOf(text, entities)).map((q) => ({
    kind: q.kind,
    content: text.slice(q.start, q.end),
    cue: text.slice(q.cue.start, q.cue.end),
    ...(q.speaker ? { speaker: text.slice(q.speaker.start, q.speaker.end) } : {}),
    ...(q.speaker?.entity ? { entity: q.speaker.entity } : {}),
  }));
}

/** An entity with its mentions found as every occurrence of each given surface form. */
export function entity(text: string, id: string, type: Entity['type'], forms: string[]): Entity {
  const mentions = forms.flatMap((f) => {
    const out: { start: number; end: number }[] = [];
    for (let i = text.indexOf(f); i >= 0; i = text.indexOf(f, i + 1))
      out.push({ start: i, end: i + f.length });
    return out;
  });
  mentions.sort((a, b) => a.start - b.start);
  return { id, type, name: forms[0]!, aliases: forms.slice(1), mentions };
}

/** The attributions read for the given cues (the first occurrence of each) in `text`: source, cue and content as strings. */
export function readGivenCues(
  text: string,
  cues: string[],
): { source?: string; cue: string; content: string }[] {
  return extractAttributions({
    text,
    sentences: sentenceSpans(text),
    lexicon: shippedLexicon(),
    givenCues: cues.map((cue) => ({ start: text.indexOf(cue), end: text.indexOf(cue) + cue.length })),
  }).map((a) => ({
    ...(a.source ? { source: text.slice(a.source.start, a.source.end) } : {}),
    cue: text.slice(a.cue.start, a.cue.end),
    content: text.slice(a.content.start, a.content.end),
  }));
}
