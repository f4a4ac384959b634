/**
 * Abstractive highlights from an OpenAI-compatible LLM: the article's body is sent
 * with a short instruction, the reply is read as one highlight a line (bullets and
 * numbering stripped, at most four), and each item is checked against the article
 * (./support-check.ts). Generated items carry no span: they are not in the text.
 */
import type { HighlightItem } from '../article/types.js';
import { type ChatMessage, chatCompletion, type ResolvedLlmOptions } from './llm-client.js';
import { unsupportedClaims } from './support-check.js';

export const MAX_LLM_ITEMS = 4;

const INSTRUCTION =
  'You write the highlights of a news article: 3 or 4 short, factual sentences, one per line, ' +
  'no numbering or bullets, in the language of the article. Use only facts stated in the article; ' +
  'keep names and numbers exactly as the article gives them.';

export function highlightMessages(body: string, maxChars: number): ChatMessage[] {
  const text = body.length > maxChars ? `${body.slice(0, maxChars)} …` : body;
  return [
    { role: 'system', content: INSTRUCTION },
    { role: 'user', content: `Article:\n${text}\n\nHighlights:` },
  ];
}

/** The items of a reply: non-empty lines, without list markers, at most four. */
export function parseHighlightLines(reply: string): string[] {
  return reply
    .split(/\r?\n/)
    .map((l) =>
      l
        .replace(/^\s*(?:[-*\u2022\u2013]|\d{1,2}[.)])\s+/, '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((l) => l !== '' && !/^highlights:?$/i.test(l))
    .slice(0, MAX_LLM_ITEMS);
}

/** Generated, checked items for an article body (`articleText` is what claims are checked against). */
export async function llmHighlightItems(
  body: string,
  articleText: string,
  options: ResolvedLlmOptions,
): Promise<HighlightItem[]> {
  const reply = await chatCompletion(options, highlightMessages(body, options.maxInputChars));
  const lines = parseHighlightLines(reply);
  return lines.map((text) => {
    const problems = unsupportedClaims(text, articleText);
    return problems.length ? { text, unsupported: problems } : { text };
  });
}
