/**
 * The word features' ASCII paths (read by character code) against their definitions by
 * Unicode tests, written here as the reference: the same shapes, case flags and classes
 * for every word, ASCII or not.
 */
import { describe, expect, it } from 'vitest';
import {
  caseFlags,
  hasLetter,
  isAllCaps,
  isCapitalised,
  shortRunShape,
  wordShape,
} from '../../src/entities/word-features.js';

function classOf(ch: string): string {
  if (/\p{Lu}/u.test(ch)) return 'X';
  if (/\p{L}/u.test(ch)) return 'x';
  if (/\p{N}/u.test(ch)) return 'd';
  return ch;
}

function referenceShape(word: string, keep: number): string {
  let out = '';
  let prev = '';
  let run = 0;
  for (const ch of word) {
    const c = classOf(ch);
    run = c === prev ? run + 1 : 1;
    if (run <= keep) out += c;
    prev = c;
  }
  return out;
}

function referenceCaseFlags(word: string): string {
  const hasUpper = /\p{Lu}/u.test(word);
  const hasLower = /\p{Ll}/u.test(word);
  const letter = /\p{L}/u.test(word);
  let c = 'o';
  if (letter && hasUpper && !hasLower) c = word.length === 1 ? 'U1' : 'UU';
  else if (/^\p{Lu}/u.test(word)) c = /\p{Lu}/u.test(word.slice(1)) ? 'Um' : 'Ux';
  else if (hasLower && hasUpper) c = 'xU';
  else if (hasLower) c = 'xx';
  if (/\d/.test(word)) c += letter ? 'dl' : 'd';
  if (word.includes('-')) c += '-';
  if (word.includes('.')) c += '.';
  return c;
}

/** Written for this test: names, acronyms, numbers, punctuation, other scripts. */
const words = [
  'Dunford',
  'U.S.',
  '1996-08-22',
  'NATO',
  'iPhone',
  'McDonald',
  'x',
  'X',
  '7',
  '...',
  '--',
  '.-.',
  "O'Brien",
  'co-op',
  'A4',
  'b2b',
  'Zürich',
  'ÉTÉ',
  'São',
  '東京',
  'Σοφία',
  '٣٤',
  '',
];

describe('word features', () => {
  it('gives every word the shapes, case flags and classes of the Unicode definitions', () => {
    // Random words over ASCII classes and punctuation, and a few other characters (fixed seed).
    const alphabet = ['a', 'z', 'A', 'Z', '0', '9', '.', '-', "'", ',', '@', 'é', 'É', '٣', '東'];
    let seed = 5;
    const all = [...words];
    for (let n = 0; n < 3000; n++) {
      let w = '';
      for (let i = 0; i < 1 + (n % 7); i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        // ASCII only in most words, to exercise the fast paths.
        w += alphabet[seed % (n % 4 === 0 ? alphabet.length : 10)];
      }
      all.push(w);
    }
    const wrong: string[] = [];
    for (const w of all) {
      if (wordShape(w) !== referenceShape(w, 1)) wrong.push(`wordShape ${w}`);
      if (shortRunShape(w) !== referenceShape(w, 2)) wrong.push(`shortRunShape ${w}`);
      if (caseFlags(w) !== referenceCaseFlags(w)) wrong.push(`caseFlags ${w}`);
      if (isAllCaps(w) !== (/\p{L}/u.test(w) && !/\p{Ll}/u.test(w))) wrong.push(`isAllCaps ${w}`);
      if (isCapitalised(w) !== /^\p{Lu}/u.test(w)) wrong.push(`isCapitalised ${w}`);
      if (hasLetter(w) !== /\p{L}/u.test(w)) wrong.push(`hasLetter ${w}`);
    }
    expect(wrong).toEqual([]);
    expect(wordShape('U.S.')).toBe('X.X.');
    expect(shortRunShape('Dunford')).toBe('Xxx');
    expect(caseFlags('A4')).toBe('UUdl');
  });
});
