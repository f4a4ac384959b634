/**
 * The dateline names a place. "ASHFORD — The market reopened…" opens a story with its
 * place in capitals, which the tagger, trained on cased sentences, often reads as an
 * organisation (an acronym shape). The layout stage has already found the dateline
 * (`meta.dateline`), so a mention that opens a block and spells one of the dateline's
 * comma-separated parts is a place, whatever the tagger said.
 *
 * The place lends its type to the story's later mentions of the same name ("GREYSTONE —
 * The Greystone ferry …": the second is the town too), possessive and "the" aside, case
 * and periods ignored. A name the article also gives as part of a person's full name
 * ("Denzel Washington" beside a WASHINGTON dateline) keeps the tagger's type.
 */
import type { Article } from '../article/types.js';
import type { Mention } from './merge.js';
import { cleanName, nameKey, nameTokens } from './names.js';

/** The dateline's parts, lower-cased: "PORTWELL, Maine" → portwell, maine. */
function datelineParts(dateline: string): Set<string> {
  const parts = new Set<string>();
  for (const part of dateline.split(',')) {
    const p = part.replace(/\s+/g, ' ').trim().toLowerCase();
    if (p) parts.add(p);
  }
  return parts;
}

/** The keys of the first and last words of the article's people named in more than one word. */
function personNameWords(text: string, mentions: readonly Mention[]): Set<string> {
  const out = new Set<string>();
  for (const m of mentions) {
    if (m.type !== 'PER') continue;
    const tokens = nameTokens(cleanName(text.slice(m.start, m.end)));
    if (tokens.length < 2) continue;
    out.add(nameKey(tokens[0]!));
    out.add(nameKey(tokens[tokens.length - 1]!));
  }
  return out;
}

/**
 * The mentions, with those that spell the dateline at the start of a block typed LOC, and
 * later mentions of a dateline part's name too.
 */
export function typeDatelinePlaces(article: Article, mentions: Mention[]): Mention[] {
  const dateline = article.meta?.dateline;
  const blocks = article.blocks;
  if (!dateline || !blocks?.length || !mentions.length) return mentions;
  const parts = datelineParts(dateline);
  const keys = new Set<string>();
  for (const p of parts) keys.add(nameKey(p));
  // Where a dateline can sit: a dateline block, or the opening words of the story's first paragraph.
  const opens = new Set<number>();
  for (const b of blocks) if (b.kind === 'dateline') opens.add(b.start);
  const first = blocks.find((b) => b.kind === 'paragraph');
  if (first) opens.add(first.start);
  const text = article.text;
  let people: Set<string> | undefined;
  return mentions.map((m) => {
    if (m.type === 'LOC') return m;
    const raw = text.slice(m.start, m.end);
    if (opens.has(m.start) && parts.has(raw.replace(/\s+/g, ' ').toLowerCase())) return { ...m, type: 'LOC' };
    const key = nameKey(cleanName(raw));
    if (!keys.has(key)) return m;
    people ??= personNameWords(text, mentions);
    return people.has(key) ? m : { ...m, type: 'LOC' };
  });
}
