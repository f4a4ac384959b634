import { describe, expect, it } from 'vitest';
import { greedyOracle } from '../../src/summarize/oracle.js';

const words = (s: string) => s.split(' ');

describe('greedyOracle', () => {
  it('picks the sentences that cover the reference and stops when nothing helps', () => {
    const sentences = [
      words('officials met on monday'),
      words('the ferry will carry 120 passengers'),
      words('weather was mild'),
      words('fares will rise next spring'),
    ];
    const reference = words('the ferry will carry 120 passengers and fares will rise');
    expect(greedyOracle(sentences, reference, 3)).toEqual([1, 3]);
  });

  it('respects the maximum and never repeats a sentence', () => {
    const sentences = [words('a b'), words('a b'), words('c d'), words('e f')];
    const chosen = greedyOracle(sentences, words('a b c d e f'), 2);
    expect(chosen.length).toBe(2);
    expect(new Set(chosen).size).toBe(2);
  });
});
