/** The cue lexicon's phrase index (a trie by token) as the rules' cue finder reads it. */
import { describe, expect, it } from 'vitest';
import { lexiconFrom } from '../../src/quotes/cue-lexicon.js';
import { findCues, tokenTable } from '../../src/quotes/extract-attributions.js';
import { findQuoteRegions } from '../../src/quotes/quote-marks.js';

const lexicon = lexiconFrom({
  format: 'newsdigest-quotes-cues/1',
  threshold: 0.3,
  minCount: 1,
  core: false,
  cues: {
    said: [10, 10],
    'said in a statement': [5, 5],
    'said in': [0, 9],
    'according to': [4, 4],
    'told reporters': [3, 3],
  },
});

function cuesOf(text: string): string[] {
  const table = tokenTable(text, findQuoteRegions(text));
  return findCues(table, 0, table.count, lexicon).map(([a, b]) => table.lower.slice(a, b).join(' '));
}

describe('the lexicon trie', () => {
  it('takes the longest accepted phrase, not a rejected prefix of it', () => {
    expect(cuesOf('The mayor said in a statement that the road is shut.')).toEqual(['said in a statement']);
    // "said in" is below the threshold: "said" alone matches.
    expect(cuesOf('The mayor said in May that the road is shut.')).toEqual(['said']);
  });

  it('needs every token of a phrase, and none inside quotation marks', () => {
    expect(cuesOf('According to the mayor, the road is shut.')).toEqual(['according to']);
    expect(cuesOf('He told reporters the road is shut.')).toEqual(['told reporters']);
    expect(cuesOf('He told \u201creporters lie\u201d often.')).toEqual([]);
  });
});
