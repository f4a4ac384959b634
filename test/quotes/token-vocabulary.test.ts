import { describe, expect, it } from 'vitest';
import { stringHash } from '../../src/quotes/cue-word-hashes.js';
import { tokenTable } from '../../src/quotes/extract-attributions.js';
import { findQuoteRegions } from '../../src/quotes/quote-marks.js';
import { Vocabulary } from '../../src/quotes/token-vocabulary.js';

describe('Vocabulary', () => {
  it('gives one id per word, the same string back, and the FNV hash of the word', () => {
    const v = new Vocabulary();
    const text = 'said told said Said';
    const a = v.intern(text, 0, 4);
    const b = v.intern(text, 5, 9);
    const c = v.intern(text, 10, 14);
    expect(c).toBe(a);
    expect(b).not.toBe(a);
    expect(v.words[a]).toBe('said');
    expect(v.hashes[b]).toBe(stringHash('told') | 0);
    expect(v.intern(text, 15, 19)).not.toBe(a);
  });

  it('keeps every word apart as it grows past its first table', () => {
    const v = new Vocabulary();
    const words = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}`);
    const ids = words.map((w) => v.intern(w, 0, w.length));
    expect(new Set(ids).size).toBe(words.length);
    for (const [i, w] of words.entries()) expect(v.intern(w, 0, w.length)).toBe(ids[i]);
    expect(v.words.slice(0, 3)).toEqual(words.slice(0, 3));
  });

  it('holds long words as strings of their own, equal to the slice', () => {
    const v = new Vocabulary();
    const text = 'the internationalisation-related word';
    const id = v.intern(text, 4, 32);
    expect(v.words[id]).toBe(text.slice(4, 32));
  });
});

describe('tokenTable ids', () => {
  it('maps each token to its lower-cased text, its id and its hash', () => {
    const text = 'Officials SAID the plan, officials said, was "dead".';
    const t = tokenTable(text, findQuoteRegions(text));
    for (let i = 0; i < t.count; i++) {
      const lower = text.slice(t.off[2 * i]!, t.off[2 * i + 1]!).toLowerCase();
      expect(t.lower[i]).toBe(lower);
      expect(t.vocab.words[t.id[i]!]).toBe(lower);
      expect(t.hash[i]).toBe(stringHash(lower) | 0);
    }
    expect(t.id[0]).toBe(t.id[5]);
    expect(t.id[1]).toBe(t.id[6]);
  });
});
