import { describe, expect, it } from 'vitest';
import { normalizeLine } from '../../../src/layout/html/render.js';

// Characters normalizeLine treats specially: white space of every kind, invisibles, C0 controls, NEL.
const ALPHABET = [
  'a',
  'B',
  'é',
  ' ',
  '\t',
  '\n',
  '\r',
  '\f',
  '\v',
  '\u00a0',
  '\u2003',
  '\u2028',
  '\u3000',
  '\ufeff',
  '\u200b',
  '\u200d',
  '\u2060',
  '\u00ad',
  '\u0001',
  '\u001f',
  '\u007f',
  '\u0085',
];

describe('normalizeLine', () => {
  it('gives the same line whether or not the raw text is trimmed first (render trims before it)', () => {
    // A fixed linear congruential sequence: the same 20,000 strings on every run.
    let seed = 12345;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    for (let k = 0; k < 20_000; k++) {
      let s = '';
      const n = next() % 12;
      for (let i = 0; i < n; i++) s += ALPHABET[next() % ALPHABET.length];
      expect(normalizeLine(s.trim())).toBe(normalizeLine(s));
    }
  });

  it('collapses white space and drops invisibles and control characters', () => {
    expect(normalizeLine('\n  The\u00a0bridge\u200b  reopened\t\u0001today. \n')).toBe(
      'The bridge reopened today.',
    );
  });
});
