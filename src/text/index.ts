/**
 * text: sentence and token boundaries, news-aware.
 *
 * The stage writes `sentences`. With blocks (from layout) it segments each block
 * of the chosen kinds (default: title and body, options.ts) on its own, so that
 * no sentence crosses a block boundary, and each sentence carries the index of
 * its block. Without blocks it segments the whole text; a blank line always
 * ends a sentence. Either way the sentences are ordered, non-overlapping and
 * trimmed. Tokens are not stored in the Article: stages compute them on demand
 * with `tokenSpans` / `tokenOffsets` (./tokens.ts), per sentence or per span.
 */
import type { Article, Sentence } from '../article/types.js';
import type { DigestOptions } from '../digest-options.js';
import type { Stage } from '../pipeline.js';
import { BODY_BLOCK_KINDS, type TextOptions } from './options.js';
import { looksLowercased, sentenceOffsets } from './sentences.js';

export type { TextOptions } from './options.js';
export { BODY_BLOCK_KINDS } from './options.js';
export { looksLowercased, type SentenceOptions, sentenceOffsets, sentenceSpans } from './sentences.js';
export { tokenArray, tokenOffsets, tokenSpans } from './tokens.js';

/** The sentences layer of an Article's text and blocks. */
export function articleSentences(article: Article, options: TextOptions = {}): Sentence[] {
  const { text, blocks } = article;
  const lc = options.lowercase ?? 'auto';
  const lowercase = lc === 'auto' ? looksLowercased(text) : lc;
  const flat: number[] = [];
  const sentences: Sentence[] = [];
  if (!blocks) {
    sentenceOffsets(text, 0, text.length, { lowercase }, flat);
    for (let k = 0; k < flat.length; k += 2) sentences.push({ start: flat[k]!, end: flat[k + 1]! });
    return sentences;
  }
  const kinds = new Set(options.blockKinds ?? BODY_BLOCK_KINDS);
  // Blocks in text order (they should already be), each segmented within its bounds.
  const order = blocks.map((_, k) => k).sort((a, b) => blocks[a]!.start - blocks[b]!.start || a - b);
  let last = 0;
  for (const k of order) {
    const b = blocks[k]!;
    if (!kinds.has(b.kind)) continue;
    // Overlapping blocks would give overlapping sentences: start after the last one.
    const from = Math.max(b.start, last);
    if (from >= b.end) continue;
    flat.length = 0;
    sentenceOffsets(text, from, b.end, { lowercase }, flat);
    for (let i = 0; i < flat.length; i += 2) sentences.push({ start: flat[i]!, end: flat[i + 1]!, block: k });
    if (flat.length) last = flat[flat.length - 1]!;
  }
  return sentences;
}

export const textStage: Stage = {
  name: 'text',
  reads: ['text', 'blocks'],
  writes: ['sentences'],
  run(article: Article, options: DigestOptions): Article {
    if (options.text?.skip) return article;
    return { ...article, sentences: articleSentences(article, options.text) };
  },
};
