import { describe, expect, it } from 'vitest';
import {
  addRole,
  emptyCounts,
  maxMatching,
  sameSpanTrimmed,
  scoresOf,
  shareWord,
  trimForScoring,
} from '../../src/quotes/score-attributions.js';

const span = (start: number, end: number) => ({ start, end });
/** The span of the first occurrence of `part` in `text`. */
const at = (text: string, part: string, from = 0) => {
  const start = text.indexOf(part, from);
  if (start < 0) throw new Error(`"${part}" not in text`);
  return span(start, start + part.length);
};

describe('trimForScoring', () => {
  it('drops surrounding spaces, punctuation and quotation marks, keeping inner ones', () => {
    const text = ' \u201cWe will not wait, not now.\u201d ';
    const t = trimForScoring(text, span(0, text.length));
    expect(text.slice(t.start, t.end)).toBe('We will not wait, not now');
  });
  it('leaves an all-punctuation span empty', () => {
    const t = trimForScoring('a: b', span(1, 2));
    expect(t.end - t.start).toBe(0);
  });
});

describe('sameSpanTrimmed', () => {
  const text = 'The mayor said: \u201cThe bridge opens in May.\u201d';
  it('treats a span with its quotation marks and the same span without them as the same', () => {
    expect(
      sameSpanTrimmed(
        text,
        at(text, '\u201cThe bridge opens in May.\u201d'),
        at(text, 'The bridge opens in May'),
      ),
    ).toBe(true);
  });
  it('tells apart spans that differ by one word', () => {
    expect(sameSpanTrimmed(text, at(text, 'The bridge opens in May'), at(text, 'bridge opens in May'))).toBe(
      false,
    );
  });
  it('never counts two empty spans as equal', () => {
    expect(sameSpanTrimmed(text, span(3, 3), span(3, 3))).toBe(false);
  });
});

describe('shareWord', () => {
  const text = 'Officials said the road, closed since June, would reopen.';
  it('is true when the common range holds a letter', () => {
    expect(shareWord(text, at(text, 'the road, closed'), at(text, 'closed since June'))).toBe(true);
  });
  it('is false when the spans only share a comma or a space', () => {
    expect(shareWord(text, at(text, 'the road,'), at(text, ', closed'))).toBe(false);
  });
  it('is false for disjoint spans', () => {
    expect(shareWord(text, at(text, 'Officials'), at(text, 'reopen'))).toBe(false);
  });
});

describe('maxMatching', () => {
  it('finds the maximum, not the greedy, matching', () => {
    // Greedy in order would pair p0 with g0 and leave p1 unmatched; the maximum pairs p0-g1, p1-g0.
    const edges = new Set(['0-0', '0-1', '1-0']);
    expect(maxMatching([0, 1], [0, 1], (p, g) => edges.has(`${p}-${g}`))).toBe(2);
  });
  it('matches each gold span at most once', () => {
    expect(maxMatching([0, 1, 2], [0], () => true)).toBe(1);
  });
  it('is zero with nothing on one side', () => {
    expect(maxMatching([], [0, 1], () => true)).toBe(0);
  });
});

describe('addRole and scoresOf, worked by hand', () => {
  // Gold: two contents. Predicted: one equal after trimming, one overlapping only, one spurious.
  const text = '\u201cTaxes will fall,\u201d she said. He said the plan was late and costly. Nobody knew.';
  const gold = [at(text, 'Taxes will fall'), at(text, 'the plan was late and costly')];
  const predicted = [
    at(text, '\u201cTaxes will fall,\u201d'),
    at(text, 'the plan was late'),
    at(text, 'Nobody knew'),
  ];
  const counts = { exact: emptyCounts(), overlap: emptyCounts() };
  addRole(counts, text, predicted, gold);
  it('counts one exact match out of three predicted and two gold', () => {
    expect(counts.exact).toEqual({ matched: 1, predicted: 3, gold: 2 });
    const s = scoresOf(counts.exact);
    expect(s.precision).toBeCloseTo(1 / 3, 10);
    expect(s.recall).toBeCloseTo(1 / 2, 10);
    expect(s.f1).toBeCloseTo(0.4, 10);
  });
  it('counts two overlap matches', () => {
    expect(counts.overlap).toEqual({ matched: 2, predicted: 3, gold: 2 });
    const s = scoresOf(counts.overlap);
    expect(s.precision).toBeCloseTo(2 / 3, 10);
    expect(s.recall).toBe(1);
    expect(s.f1).toBeCloseTo(0.8, 10);
  });
  it('does not let one long prediction match two gold spans', () => {
    const c = { exact: emptyCounts(), overlap: emptyCounts() };
    addRole(c, text, [span(0, text.length)], gold);
    expect(c.overlap.matched).toBe(1);
  });
});
