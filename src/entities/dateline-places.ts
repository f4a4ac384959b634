/**
 * The dateline names a place. "ASHFORD — The market reopened…" opens a story with its
 * place in capitals, which the tagger, trained on cased sentences, often reads as an
 * organisation (an acronym shape). The layout stage has already found the dateline
 * (`meta.dateline`), so a mention that opens a block and spells one of the dateline's
 * comma-separated parts is a place, whatever the tagger said.
 */
import type { Article } from '../article/types.js';
import type { Mention } from './merge.js';

/** The dateline's parts, lower-cased: "PORTWELL, Maine" → portwell, maine. */
function datelineParts(dateline: string): Set<string> {
  const parts = new Set<string>();
  for (const part of dateline.split(',')) {
    const p = part.replace(/\s+/g, ' ').trim().toLowerCase();
    if (p) parts.add(p);
  }
  return parts;
}

/** The mentions, with those that spell the dateline at the start of a block typed LOC. */
export function typeDatelinePlaces(article: Article, mentions: Mention[]): Mention[] {
  const dateline = article.meta?.dateline;
  const blocks = article.blocks;
  if (!dateline || !blocks?.length || !mentions.length) return mentions;
  const parts = datelineParts(dateline);
  // Where a dateline can sit: a dateline block, or the opening words of the story's first paragraph.
  const opens = new Set<number>();
  for (const b of blocks) if (b.kind === 'dateline') opens.add(b.start);
  const first = blocks.find((b) => b.kind === 'paragraph');
  if (first) opens.add(first.start);
  const text = article.text;
  return mentions.map((m) => {
    if (m.type === 'LOC' || !opens.has(m.start)) return m;
    return parts.has(text.slice(m.start, m.end).replace(/\s+/g, ' ').toLowerCase())
      ? { ...m, type: 'LOC' }
      : m;
  });
}
