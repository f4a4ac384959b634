/**
 * The words of each sentence as the summarizer sees them: lower-cased runs of
 * [a-z0-9], Porter-stemmed when longer than 3 characters (the ROUGE tokens), so that
 * what the summarizer learns and what ROUGE rewards are counted in the same units,
 * and so that cased pages and the lower-cased CNN/DailyMail copy look alike.
 */
import type { Span } from '../article/types.js';
import { rougeTokens } from './rouge.js';

/** Words that carry little content: not counted for overlap and centrality. */
const STOPWORDS = new Set(
  (
    'a an the and or but if of to in on at by for with from as is are was were be been being it its ' +
    'he she they we you i his her their our your my him them us me that this these those there here ' +
    'what which who whom whose when where why how not no so than then too very can could will would ' +
    'shall should may might must do doe did has have had s t said say sai about into over after before ' +
    'up down out off also just more most some such only own same all any both each few other'
  ).split(' '),
);

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

export interface SentenceWords {
  /** ROUGE tokens of each sentence. */
  tokens: string[][];
  /** The raw text of each sentence (for marks such as quotes and question marks). */
  texts: string[];
}

export function sentenceWords(text: string, spans: readonly Span[]): SentenceWords {
  const texts = spans.map((s) => text.slice(s.start, s.end));
  return { texts, tokens: texts.map(rougeTokens) };
}

/** The word trigrams of a token list, as strings (for trigram blocking). */
export function trigrams(tokens: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 3 <= tokens.length; i++) out.add(`${tokens[i]} ${tokens[i + 1]} ${tokens[i + 2]}`);
  return out;
}
