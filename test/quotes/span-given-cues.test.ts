import { describe, expect, it } from 'vitest';
import { cueRanges, cuesInUnit } from '../../src/quotes/span-given-cues.js';
import { tokenOffsets } from '../../src/text/tokens.js';

const tokensOf = (text: string) => {
  const off = tokenOffsets(text);
  return { off, count: off.length >> 1 };
};

describe('cueRanges', () => {
  const text = 'The mayor told reporters on Friday that the bridge will reopen.';
  const t = tokensOf(text);
  const span = (phrase: string) => ({
    start: text.indexOf(phrase),
    end: text.indexOf(phrase) + phrase.length,
  });

  it('turns character spans into token ranges, in text order', () => {
    expect(cueRanges(t, [span('on Friday'), span('told reporters')])).toEqual([
      [2, 4],
      [4, 6],
    ]);
  });

  it('takes the whole token a span starts or ends inside', () => {
    const s = span('told');
    expect(cueRanges(t, [{ start: s.start + 1, end: s.end - 1 }])).toEqual([[2, 3]]);
  });

  it('drops a span that overlaps an earlier one', () => {
    expect(cueRanges(t, [span('told reporters'), span('reporters')])).toEqual([[2, 4]]);
  });

  it('keeps the ranges that start in a unit', () => {
    expect(
      cuesInUnit(
        [
          [1, 2],
          [5, 7],
        ],
        3,
        9,
      ),
    ).toEqual([[5, 7]]);
  });
});
