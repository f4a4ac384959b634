/**
 * Mentions in an Article: the spans to tag (body sentences and the title), our
 * tokens inside them, and the tagger's chunks mapped back to character spans.
 */
import type { Article, EntityType, Span } from '../article/types.js';
import { sentenceSpans } from '../text/sentences.js';
import { tokenOffsets } from '../text/tokens.js';
import type { Mention } from './merge.js';
import { isPartyState, retypedChunk } from './name-types.js';
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
  // Appended one by one, never `push(...spans)`: a page of 125,000 sentences overflows the call stack
  // when every span is passed as an argument.
  const out: Span[] = [];
  const append = (spans: readonly Span[]) => {
    for (const s of spans) out.push({ start: s.start, end: s.end });
  };
  if (article.sentences?.length) {
    append(article.sentences);
    for (const b of blocks) {
      if (b.kind !== 'title') continue;
      const covered = article.sentences.some((s) => s.start < b.end && s.end > b.start);
      if (!covered) append(sentenceSpans(text, b.start, b.end));
    }
  } else if (blocks.some((b) => TEXT_BLOCKS.has(b.kind))) {
    for (const b of blocks) if (TEXT_BLOCKS.has(b.kind)) append(sentenceSpans(text, b.start, b.end));
  } else {
    append(sentenceSpans(text));
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
  for (let k = 0; k < offsets.length; k++) {
    const o = offsets[k]!;
    const w = words[k]!;
    for (const c of chunksOfTagIds(tags[k]!)) {
      const end = endWithoutTitles(w, c.start, c.end);
      const type = retypedChunk(w, c.start, end, c.type) as EntityType;
      // "R-Maine": the state is the mention (its party letter and hyphen are not).
      const start = o[2 * c.start]! + (type === 'LOC' && isPartyState(w, c.start, end) ? 2 : 0);
      mentions.push({ start, end: o[2 * end - 1]!, type });
    }
  }
  return mentions;
}

/**
 * The end of chunk [start, end) of `words` without the titles at its end: a title the tagger
 * took into a name's end belongs to the next name, not this one. The subtraction runs for every
 * chunk (by 0 when the last word is no title): a decrement reached only at the first such title
 * had no type feedback when V8 compiled findMentions, and deoptimised it in every fresh thread.
 */
function endWithoutTitles(words: readonly string[], start: number, end: number): number {
  let drop = 0;
  do {
    drop = end - 1 > start && isTitle(words[end - 1]!) ? 1 : 0;
    end -= drop;
  } while (drop === 1);
  return end;
}
