/**
 * Extractive summarization of one article given its sentences: which sentences to
 * show as highlights, by one of the methods: `model` (the learned scorer, default),
 * `lead3`, `textrank`, `lexrank`.
 */
import type { Quote, Span } from '../article/types.js';
import { NewsdigestError } from '../errors.js';
import { lexRankScores, textRankScores } from './graph-rank.js';
import { loadSummarizer, type SummarizerModel, scoreSentences } from './model.js';
import { leadK, selectByScore } from './select.js';
import { type ItemRange, selectItems } from './select-items.js';
import { type ArticleWords, articleWords, sentenceTokens } from './sentence-words.js';
import { standAlone } from './stand-alone.js';

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
 * How far a highlight may reach for the sentence that carries its attribution (a quote's
 * cue, the speaker a pronoun points back to): chosen on CNN/DM validation and BBC with
 * scripts/summarize-stand-alone.ts (1 and 2 tie; 2 reaches over a quote's middle
 * sentence). Sentences shown stay within the model's maxK.
 */
const MAX_ANCHOR_GAP = 2;

/**
 * The items chosen (ranges of sentences, in document order) among the sentences `spans`
 * of `text`, given their words and the article's quotes.
 * The model's items stand alone: a sentence that is only part of a quote (or opens with
 * a pronoun for the previous sentence's speaker, or leads in with a colon) comes with the
 * sentence holding its attribution, or is passed over (./select-items.ts). The
 * baselines choose single sentences, as their papers do.
 */
export function chooseItems(
  text: string,
  spans: readonly Span[],
  words: ArticleWords,
  method: Method,
  model?: SummarizerModel,
  quotes?: readonly Quote[],
): ItemRange[] {
  const single = (chosen: number[]) => chosen.map((i) => ({ first: i, last: i }));
  switch (method) {
    case 'lead3':
      return single(leadK(sentenceTokens(words), 3));
    case 'textrank': {
      const tokens = sentenceTokens(words);
      return single(selectByScore(textRankScores(tokens), tokens, { k: BASELINE_K, blockTrigrams: true }));
    }
    case 'lexrank': {
      const tokens = sentenceTokens(words);
      return single(selectByScore(lexRankScores(tokens), tokens, { k: BASELINE_K, blockTrigrams: true }));
    }
    case 'model': {
      const m = model ?? loadSummarizer();
      const sa = standAlone(text, spans, quotes);
      return selectItems(scoreSentences(m, words, text, spans), words, sa, {
        ...m.select,
        maxGap: MAX_ANCHOR_GAP,
        maxSentences: m.select.maxK,
      });
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

/**
 * Chooses among the sentences `spans` of `text` (with the article's quotes, when the
 * quotes stage ran); items as ranges of indices into `spans`, in document order.
 */
export function summarizeSpans(
  text: string,
  spans: readonly Span[],
  method: Method,
  model?: SummarizerModel,
  quotes?: readonly Quote[],
): ItemRange[] {
  const considered = consideredSpans(spans, method, model);
  return chooseItems(text, considered, articleWords(text, considered), method, model, quotes);
}
