/**
 * What the cue re-scorer's training scripts (quotes-cue-rescore.ts, quotes-source-folds.ts) learn
 * from the articles a fold fits on, and how they label a proposed span: kept in one place so that
 * the fold cues quotes-source-folds.ts writes are those quotes-cue-rescore.ts's recipe makes.
 */
import { countCues, type Prepared } from '../src/quotes/cue-counts.js';
import type { CueLexicon } from '../src/quotes/cue-lexicon.js';
import {
  type CueRescorerFile,
  cueCandidates,
  type Variants,
  wordProposerOf,
} from '../src/quotes/cue-rescorer.js';
import { type CueTagger, classAt, unitContext } from '../src/quotes/cue-tagger.js';
import { cueWordCounts } from '../src/quotes/cue-train.js';
import { cuePrefixStart, findCues, unitsOf } from '../src/quotes/extract-attributions.js';
import { findQuoteRegions } from '../src/quotes/quote-marks.js';
import { sentenceSpans } from '../src/text/sentences.js';

const WORD = /[\p{L}\p{N}]/u;

/** A token range without punctuation at either end (the eval's exact match trims it), as a key. */
export function trimmed(lower: readonly string[], a: number, b: number): string {
  let x = a;
  let y = b;
  while (x < y && !WORD.test(lower[x]!)) x++;
  while (y > x && !WORD.test(lower[y - 1]!)) y--;
  return `${x}:${y}`;
}

/**
 * Per word and stem: the share of its occurrences outside quotes that were in a gold cue (seen in a
 * cue twice or more). A record, as the re-scorer's model file stores it.
 */
export function cueRates(articles: readonly Prepared[]): Record<string, number> {
  const { inCue, seen } = cueWordCounts(articles);
  const out: Record<string, number> = {};
  for (const [w, c] of [...inCue].sort((x, y) => (x[0] < y[0] ? -1 : 1)))
    if (c >= 2) out[w] = Math.round((c / Math.max(c, seen.get(w) ?? 0)) * 1000) / 1000;
  return out;
}

/** Per cue phrase seen at least twice as a gold cue: its cue rate (countCues' counts). */
export function phraseRates(articles: readonly Prepared[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [phrase, [cue, seen]] of Object.entries(countCues(articles)))
    if (cue >= 2) out[phrase] = Math.round((cue / Math.max(cue, seen)) * 1000) / 1000;
  return out;
}

/** The re-scorer's training rows: feature values, flat, and a label per proposed span. */
export interface Rows {
  x: number[];
  y: number[];
}

/** How the re-scorer proposes spans: its extra decode, span variants and word proposals. */
export interface Proposals {
  extra: number;
  variants: Variants;
  proposeWords?: number | undefined;
}

/**
 * The re-scorer's rows on held-out articles, appended to `rows`: the spans the fold's tagger and
 * lexicon propose, each labelled 1 when it is a gold cue once cuePrefixStart takes in the
 * auxiliaries before it, as the extractor states a cue (quotes-cue-rescore.ts's rowsOf, which also
 * counts its errors, labels them the same way).
 */
export function labelledRows(
  articles: readonly Prepared[],
  lexicon: CueLexicon,
  tagger: CueTagger,
  proposals: Proposals,
  rates: Map<string, number>,
  phrases: Map<string, number>,
  rows: Rows = { x: [], y: [] },
): Rows {
  const words =
    proposals.proposeWords !== undefined ? wordProposerOf(rates, proposals.proposeWords) : undefined;
  for (const p of articles) {
    const table = p.table;
    const gold = new Set(p.cues.map(([a, b]) => trimmed(table.lower, a, b)));
    const units = unitsOf(sentenceSpans(p.gold.text), findQuoteRegions(p.gold.text), table);
    for (const [ts, te] of units) {
      if (te <= ts) continue;
      const ctx = unitContext(table, ts, te, findCues(table, ts, te, lexicon));
      const cands = cueCandidates(
        table,
        ts,
        te,
        ctx,
        tagger,
        proposals.extra,
        proposals.variants,
        rates,
        phrases,
        (k) => classAt(table, k, ts, ctx),
        undefined,
        words,
      );
      for (const c of cands) {
        const from = cuePrefixStart(table, c.from, ts);
        for (const v of c.row) rows.x.push(v);
        rows.y.push(gold.has(trimmed(table.lower, from, c.to)) ? 1 : 0);
      }
    }
  }
  return rows;
}

/** The cue-end pairs a shipped re-scorer file carries: only those whose majority the setting follows (the rest are never read). */
export function shippedEnds(
  setting: { min: number; share: number },
  pairs: Record<string, [number, number]>,
): NonNullable<CueRescorerFile['ends']> {
  const kept: Record<string, [number, number]> = {};
  for (const [key, [on, stop]] of Object.entries(pairs)) {
    const n = on + stop;
    if (n >= setting.min && (on >= setting.share * n || stop >= setting.share * n)) kept[key] = [on, stop];
  }
  return { ...setting, pairs: kept };
}
