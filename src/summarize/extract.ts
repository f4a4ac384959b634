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
import { sentenceWords } from './sentence-words.js';

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
 * Indices (in document order) of the sentences chosen from `tokens` (per sentence,
 * ROUGE tokens) and `texts` (per sentence, raw text).
 */
export function chooseSentences(
  tokens: readonly (readonly string[])[],
  texts: readonly string[],
  method: Method,
  model?: SummarizerModel,
): number[] {
  switch (method) {
    case 'lead3':
      return leadK(tokens, 3);
    case 'textrank':
      return selectByScore(textRankScores(tokens), tokens, { k: BASELINE_K, blockTrigrams: true });
    case 'lexrank':
      return selectByScore(lexRankScores(tokens), tokens, { k: BASELINE_K, blockTrigrams: true });
    case 'model': {
      const m = model ?? loadSummarizer();
      const n = Math.min(tokens.length, m.maxSentences);
      const t = tokens.slice(0, n);
      return selectByScore(scoreSentences(m, t, texts.slice(0, n)), t, m.select);
    }
  }
}

/** Chooses among the sentences `spans` of `text`. */
export function summarizeSpans(
  text: string,
  spans: readonly Span[],
  method: Method,
  model?: SummarizerModel,
): number[] {
  const { tokens, texts } = sentenceWords(text, spans);
  return chooseSentences(tokens, texts, method, model);
}
