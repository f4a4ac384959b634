/**
 * Counting cue phrases in gold articles (used by the training scripts, never at run time):
 * the gold cues as token ranges, and how often each phrase was a cue and occurred at all.
 */

import type { GoldArticle } from './eval-quotes.js';
import { type TokenTable, tokenTable } from './extract-attributions.js';
import { findQuoteRegions } from './quote-marks.js';

const MAX_PHRASE_TOKENS = 4;
const WORD = /[\p{L}\p{N}]/u;

/** The lower-cased token phrase of a gold cue, without surrounding punctuation unless it is all punctuation. */
function cuePhrase(lower: readonly string[], from: number, to: number): string | undefined {
  let a = from;
  let b = to;
  while (a < b && !WORD.test(lower[a]!)) a++;
  while (b > a && !WORD.test(lower[b - 1]!)) b--;
  if (a === b) {
    a = from;
    b = to;
  }
  if (b - a < 1 || b - a > MAX_PHRASE_TOKENS) return undefined;
  return lower.slice(a, b).join(' ');
}

export interface Prepared {
  gold: GoldArticle;
  lower: string[];
  region: Int32Array;
  table: TokenTable;
  /** The gold cues as token ranges. */
  cues: [number, number][];
}

export function prepare(gold: GoldArticle): Prepared {
  const table = tokenTable(gold.text, findQuoteRegions(gold.text));
  const startIdx = new Map<number, number>();
  const endIdx = new Map<number, number>();
  for (let i = 0; i < table.count; i++) {
    startIdx.set(table.off[2 * i]!, i);
    endIdx.set(table.off[2 * i + 1]!, i + 1);
  }
  const cues: [number, number][] = [];
  for (const a of gold.attributions) {
    if (!a.cue) continue;
    // Trim spaces so that a cue span with a trailing space still aligns with tokens.
    let { start, end } = a.cue;
    while (start < end && /\s/.test(gold.text[start]!)) start++;
    while (end > start && /\s/.test(gold.text[end - 1]!)) end--;
    const i = startIdx.get(start);
    const j = endIdx.get(end);
    if (i !== undefined && j !== undefined && j > i) cues.push([i, j]);
  }
  return { gold, table, lower: table.lower, region: table.region, cues };
}

/** Counts, over the given articles, how often each phrase was a cue and how often it occurred outside quotes. */
export function countCues(articles: readonly Prepared[]): Record<string, [number, number]> {
  const counts = new Map<string, [number, number]>();
  for (const p of articles) {
    for (const [i, j] of p.cues) {
      if (p.region[i] !== -1) continue;
      const phrase = cuePhrase(p.lower, i, j);
      if (!phrase) continue;
      const c = counts.get(phrase) ?? [0, 0];
      c[0]++;
      counts.set(phrase, c);
    }
  }
  // Occurrences: longest match over the known phrases, as the extractor reads the text.
  for (const p of articles) {
    for (let i = 0; i < p.lower.length; i++) {
      if (p.region[i] !== -1) continue;
      for (let n = MAX_PHRASE_TOKENS; n >= 1; n--) {
        if (i + n > p.lower.length) continue;
        let inside = false;
        for (let k = 0; k < n; k++) if (p.region[i + k] !== -1) inside = true;
        if (inside) continue;
        const c = counts.get(p.lower.slice(i, i + n).join(' '));
        if (c) {
          c[1]++;
          i += n - 1;
          break;
        }
      }
    }
  }
  return Object.fromEntries([...counts].sort((a, b) => b[1][0] - a[1][0] || (a[0] < b[0] ? -1 : 1)));
}
