/**
 * Mentions in an Article: the spans to tag (body sentences and the title), our
 * tokens inside them, and the tagger's chunks mapped back to character spans.
 */
import type { Article, EntityType, Span } from '../article/types.js';
import { sentenceSpans } from '../text/sentences.js';
import { tokenSpans } from '../text/tokens.js';
import { chunksOf } from './conll.js';
import type { Mention } from './merge.js';
import { isTitle } from './names.js';
import type { NerTagger } from './tagger.js';
import { ENTITY_TYPES, TAGS } from './tags.js';

const TEXT_BLOCKS = new Set(['title', 'paragraph', 'subheading', 'highlight', 'caption']);

/**
 * The spans to tag, in text order: the sentences layer plus any title block it
 * does not cover; without sentences, the sentences of the text blocks (or of the
 * whole text when there are no blocks either).
 */
export function spansToTag(article: Article): Span[] {
  const { text } = article;
  const blocks = article.blocks ?? [];
  const out: Span[] = [];
  if (article.sentences?.length) {
    out.push(...article.sentences.map((s) => ({ start: s.start, end: s.end })));
    for (const b of blocks) {
      if (b.kind !== 'title') continue;
      const covered = article.sentences.some((s) => s.start < b.end && s.end > b.start);
      if (!covered) out.push(...sentenceSpans(text, b.start, b.end));
    }
  } else if (blocks.some((b) => TEXT_BLOCKS.has(b.kind))) {
    for (const b of blocks) if (TEXT_BLOCKS.has(b.kind)) out.push(...sentenceSpans(text, b.start, b.end));
  } else {
    out.push(...sentenceSpans(text));
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Tags the spans as one document and returns the mentions as character spans, typed. */
export function findMentions(text: string, spans: readonly Span[], tagger: NerTagger): Mention[] {
  const tokens = spans.map((s) => tokenSpans(text, s.start, s.end)).filter((t) => t.length > 0);
  const words = tokens.map((ts) => ts.map((t) => text.slice(t.start, t.end)));
  const tags = tagger.tagDocument(words);
  const mentions: Mention[] = [];
  tokens.forEach((ts, k) => {
    for (const c of chunksOf(Array.from(tags[k]!, (t) => TAGS[t]!))) {
      if (!(ENTITY_TYPES as readonly string[]).includes(c.type)) continue;
      // A title the tagger took into a name's end belongs to the next name, not this one.
      let end = c.end;
      while (end - 1 > c.start && isTitle(text.slice(ts[end - 1]!.start, ts[end - 1]!.end))) end--;
      mentions.push({ start: ts[c.start]!.start, end: ts[end - 1]!.end, type: c.type as EntityType });
    }
  });
  return mentions;
}
