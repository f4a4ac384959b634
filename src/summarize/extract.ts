/**
 * Extractive summarization of one article given its sentences: which sentences to
 * show as highlights, by one of the methods: `model` (the learned scorer, default),
 * `lead3`, `textrank`, `lexrank`.
 */
import type { Span } from '../article/types.js';
import { NewsdigestError } from '../errors.js';
import { lexRankScores, textRankScores } from './graph-rank.js';
import { loadSummarizer, type SummarizerModel, scoreSentences } from './model.js';
import { leadK, selectByScore } from './select.js';
import { type ArticleWords, articleWords } from './sentence-words.js';

export const METHODS = ['model', 'lead3', 'textrank', 'lexrank'] as const;
export type Method = (typeof METHODS)[number];

export function parseMethod(value: unknown, input = '--method'): Method {
  if (value === undefined) return 'model';
  if (typeof value === 'string' && (METHODS as readonly string[]).includes(value)) return value as Method;
  throw new NewsdigestError(
    'E_BAD_OPTION',
    input,
    `expecting one of ${METHODS.join(', ')}, instead found "${String(value)}"`,
  );
}

/** The graph baselines choose 3 sentences with the same redundancy control as the model. */
const BASELINE_K = 3;

/**
 * Indices (in document order) of the sentences chosen, given the words of each
 * sentence and its raw text (for the model's punctuation cues).
 */
export function chooseSentences(
  words: ArticleWords,
  texts: readonly string[],
  method: Method,
  model?: SummarizerModel,
): number[] {
  const tokens = words.tokens;
  switch (method) {
    case 'lead3':
      return leadK(tokens, 3);
    case 'textrank':
      return selectByScore(textRankScores(tokens), tokens, { k: BASELINE_K, blockTrigrams: true });
    case 'lexrank':
      return selectByScore(lexRankScores(tokens), tokens, { k: BASELINE_K, blockTrigrams: true });
    case 'model': {
      const m = model ?? loadSummarizer();
      return selectByScore(scoreSentences(m, words, texts), tokens, m.select);
    }
  }
}

/** The sentence spans a method looks at: the model only scores the first `maxSentences`. */
export function consideredSpans(
  spans: readonly Span[],
  method: Method,
  model?: SummarizerModel,
): readonly Span[] {
  if (method !== 'model') return spans;
  const m = model ?? loadSummarizer();
  return spans.length > m.maxSentences ? spans.slice(0, m.maxSentences) : spans;
}

/** Chooses among the sentences `spans` of `text`; indices into `spans`, in document order. */
export function summarizeSpans(
  text: string,
  spans: readonly Span[],
  method: Method,
  model?: SummarizerModel,
): number[] {
  const considered = consideredSpans(spans, method, model);
  const words = articleWords(text, considered);
  const texts = considered.map((s) => text.slice(s.start, s.end));
  return chooseSentences(words, texts, method, model);
}
