/**
 * The tagger's fast emission scores (weights read from per-word and small-code caches) are
 * the sums featuresAt's buckets give, in template order, to the last bit.
 */
import { describe, expect, it } from 'vitest';
import { shippedLexicon } from '../../src/quotes/cue-lexicon.js';
import {
  type CueTagger,
  emissionsOf,
  FEATURES,
  featureIds,
  shippedTagger,
  taggerFrom,
  unitContext,
} from '../../src/quotes/cue-tagger.js';
import { findCues, tokenTable, unitsOf } from '../../src/quotes/extract-attributions.js';
import { findQuoteRegions } from '../../src/quotes/quote-marks.js';
import { sentenceSpans } from '../../src/text/sentences.js';

const TEXT = [
  'The harbour master, Jane Okafor, said on Tuesday that the port would close for repairs.',
  '\u201cWe have no choice,\u201d she told reporters. \u201cThe quay is unsafe.\u201d',
  'According to the council, the works will cost $3.2m, a figure Mr. Roe disputed.',
  'Officials believe that it reportedly warned residents, but they deny it.',
  'Short.',
].join('\n\n');

/** featuresAt's buckets summed in template order: the reference the fast path must match. */
function reference(tagger: CueTagger, ids: number[]): [number, number, number] {
  let eo = 0;
  let eb = tagger.bias;
  let ei = 0;
  for (const b of ids) {
    eo += tagger.weights[b * 3]!;
    eb += tagger.weights[b * 3 + 1]!;
    ei += tagger.weights[b * 3 + 2]!;
  }
  return [eo, eb, ei];
}

/** A tagger whose weight is non-zero at every bucket the text's tokens use (fixed pseudo-random values). */
function denseTagger(): CueTagger {
  const table = tokenTable(TEXT, findQuoteRegions(TEXT));
  const weights: number[] = [];
  let seed = 12345;
  const next = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return Math.round(((seed / 2 ** 32) * 40 - 20) * 1000) / 1000;
  };
  const seen = new Set<number>();
  for (const [ts, te] of unitsOf(sentenceSpans(TEXT), findQuoteRegions(TEXT), table)) {
    const ctx = unitContext(table, ts, te, findCues(table, ts, te, shippedLexicon()));
    for (let i = ts; i < te; i++)
      for (const b of featureIds(table, i, ts, te, ctx))
        if (!seen.has(b)) {
          seen.add(b);
          weights.push(b, next(), next(), next());
        }
  }
  return taggerFrom({
    format: 'newsdigest-quotes-cue-tagger/3',
    candidates: ['said'],
    weights,
    transitions: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    bias: 1.5,
  });
}

describe('emissionsOf', () => {
  const taggers: [string, CueTagger][] = [['dense hand-made', denseTagger()]];
  const shipped = shippedTagger();
  if (shipped) taggers.push(['shipped', shipped]);
  for (const [name, tagger] of taggers) {
    it(`equals the sum of featuresAt's weights at every token (${name} tagger)`, () => {
      const regions = findQuoteRegions(TEXT);
      const table = tokenTable(TEXT, regions);
      let checked = 0;
      let nonZero = 0;
      for (const [ts, te] of unitsOf(sentenceSpans(TEXT), regions, table)) {
        const ctx = unitContext(table, ts, te, findCues(table, ts, te, shippedLexicon()));
        for (let i = ts; i < te; i++) {
          const ids = featureIds(table, i, ts, te, ctx);
          expect(ids).toHaveLength(FEATURES);
          const want = reference(tagger, ids);
          expect(emissionsOf(table, i, ts, te, ctx, tagger)).toEqual(want);
          checked++;
          if (want[0] !== 0) nonZero++;
        }
      }
      expect(checked).toBeGreaterThan(60);
      expect(nonZero).toBeGreaterThan(checked / 2);
    });
  }
});
