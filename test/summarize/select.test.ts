import { describe, expect, it } from 'vitest';
import { leadK, selectByScore } from '../../src/summarize/select.js';

const words = (s: string) => s.split(' ');

describe('selectByScore', () => {
  const tokens = [
    words('the mayor opened the new bridge on monday'),
    words('the new bridge on monday was opened by the mayor'),
    words('traffic fell by a third in the first week'),
    words('ok'),
    words('critics said the cost of the bridge was too high'),
    words('the bridge took four years to build'),
  ];
  const scores = [0.9, 0.8, 0.7, 0.95, 0.6, 0.1];

  it('returns k distinct sentences in document order', () => {
    const chosen = selectByScore(scores, tokens, { k: 3 });
    expect(chosen).toEqual([0, 1, 3]);
    expect(new Set(chosen).size).toBe(chosen.length);
  });

  it('skips a sentence repeating a trigram of one already chosen', () => {
    // Sentence 1 repeats "new bridge on" / "bridge on monday" of sentence 0.
    expect(selectByScore(scores, tokens, { k: 3, blockTrigrams: true })).toEqual([0, 2, 3]);
  });

  it('passes over short sentences while longer ones remain', () => {
    expect(selectByScore(scores, tokens, { k: 3, blockTrigrams: true, minWords: 3 })).toEqual([0, 2, 4]);
  });

  it('adds a further sentence only when its score clears the threshold', () => {
    const opts = { k: 3, maxK: 4, blockTrigrams: true, minWords: 3 };
    expect(selectByScore(scores, tokens, { ...opts, extraThreshold: 0.5 })).toEqual([0, 2, 4]);
    expect(selectByScore(scores, tokens, { ...opts, extraThreshold: 0.05 })).toEqual([0, 2, 4, 5]);
  });

  it('never chooses more sentences than there are, nor empty ones', () => {
    const t = [words('one two three'), [], words('four five six')];
    expect(selectByScore([1, 2, 3], t, { k: 4, maxK: 4 })).toEqual([0, 2]);
    expect(selectByScore([], [], { k: 3 })).toEqual([]);
  });
});

describe('leadK', () => {
  it('takes the first k sentences that have words', () => {
    expect(leadK([[], ['a'], ['b'], ['c'], ['d']], 3)).toEqual([1, 2, 3]);
  });
});
