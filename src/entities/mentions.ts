/**
 * Mentions in an Article: the spans to tag (body sentences and the title), our
 * tokens inside them, and the tagger's chunks mapped back to character spans.
 */
import type { Article, EntityType, Span } from '../article/types.js';
import { sentenceSpans } from '../text/sentences.js';
import { tokenOffsets } from '../text/tokens.js';
import type { Mention } from './merge.js';
import { isTitle } from './names.js';
import type { NerTagger } from './tagger.js';
import { chunksOfTagIds } from './tags.js';

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
  // Token offsets flat ([start, end] pairs) and the words, per span that has tokens.
  const offsets: number[][] = [];
  const words: string[][] = [];
  for (const s of spans) {
    const o = tokenOffsets(text, s.start, s.end);
    if (o.length === 0) continue;
    const w = new Array<string>(o.length / 2);
    for (let k = 0; k < w.length; k++) w[k] = text.slice(o[2 * k]!, o[2 * k + 1]!);
    offsets.push(o);
    words.push(w);
  }
  const tags = tagger.tagDocument(words);
  const mentions: Mention[] = [];
  offsets.forEach((o, k) => {
    for (const c of chunksOfTagIds(tags[k]!)) {
      // A title the tagger took into a name's end belongs to the next name, not this one.
      let end = c.end;
      while (end - 1 > c.start && isTitle(words[k]![end - 1]!)) end--;
      mentions.push({ start: o[2 * c.start]!, end: o[2 * end - 1]!, type: c.type as EntityType });
    }
  });
  return mentions;
}
