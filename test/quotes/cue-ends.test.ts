/** Cue ends by train's word pairs: counted from gold cues, then followed where the majority is clear. */
import { describe, expect, it } from 'vitest';
import { countCueEnds, cueEnd, cueEndsOf } from '../../src/quotes/cue-ends.js';
import { tokenTable } from '../../src/quotes/extract-attributions.js';
import { findQuoteRegions } from '../../src/quotes/quote-marks.js';

function tableOf(text: string) {
  return tokenTable(text, findQuoteRegions(text));
}

/** The token range of the first occurrence of `phrase` (whole tokens) in the table. */
function rangeOf(table: ReturnType<typeof tableOf>, phrase: string): [number, number] {
  const words = phrase.split(' ');
  for (let i = 0; i + words.length <= table.count; i++)
    if (words.every((w, k) => table.lower[i + k] === w)) return [i, i + words.length];
  throw new Error(`no "${phrase}"`);
}

describe('countCueEnds', () => {
  it('counts the pairs inside a cue as running on and the pair at its end as stopping', () => {
    const table = tableOf('The mayor said in a statement that the bridge would reopen.');
    const pairs = countCueEnds([{ table, cues: [rangeOf(table, 'said in a statement')] }]);
    expect(pairs['said in']).toEqual([1, 0]);
    expect(pairs['in a']).toEqual([1, 0]);
    expect(pairs['a statement']).toEqual([1, 0]);
    expect(pairs['statement that']).toEqual([0, 1]);
    expect(pairs['mayor said']).toBeUndefined();
  });

  it('trims punctuation around a gold cue and never counts a pair into a quotation', () => {
    const table = tableOf('Ruiz said, "We are ready."');
    const [a, b] = rangeOf(table, 'said');
    const pairs = countCueEnds([{ table, cues: [[a, b + 1]] }]);
    expect(Object.keys(pairs)).toEqual([]);
  });
});

describe('cueEnd', () => {
  const ends = cueEndsOf({
    min: 3,
    share: 0.7,
    pairs: {
      'said in': [8, 2],
      'in a': [9, 0],
      'a statement': [9, 0],
      'statement that': [0, 9],
      'said tuesday': [1, 9],
      // Too few cases to follow, and no clear majority.
      'said of': [1, 1],
      'declined to': [5, 5],
    },
  });

  it('runs a cue on over the words train continues it with', () => {
    const table = tableOf('The mayor said in a statement that the bridge would reopen.');
    const [a, b] = rangeOf(table, 'said');
    expect(table.lower.slice(a, cueEnd(table, ends, a, b, table.count)).join(' ')).toBe(
      'said in a statement',
    );
  });

  it('cuts a cue at an inner boundary where train stops', () => {
    const table = tableOf('The mayor said Tuesday that the bridge would reopen.');
    const [a, b] = rangeOf(table, 'said tuesday');
    expect(cueEnd(table, ends, a, b, table.count)).toBe(a + 1);
  });

  it('leaves the end where the pair is rare or split, and never runs past the limit', () => {
    const split = tableOf('She declined to comment on the report.');
    const [a, b] = rangeOf(split, 'declined');
    expect(cueEnd(split, ends, a, b, split.count)).toBe(b);
    const table = tableOf('The mayor said in a statement that the bridge would reopen.');
    const [s, e] = rangeOf(table, 'said');
    expect(cueEnd(table, ends, s, e, e + 1)).toBe(e + 1);
  });
});
