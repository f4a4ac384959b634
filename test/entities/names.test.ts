import { describe, expect, it } from 'vitest';
import {
  canonicalKey,
  cleanName,
  initials,
  isAcronym,
  isTitle,
  nameKey,
  nameTokens,
  stripPossessive,
} from '../../src/entities/names.js';

/** nameKey as three replacements, the definition its fast path must agree with. */
const referenceKey = (name: string) =>
  name
    .toLowerCase()
    .replace(/[.\u2019']/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** 2,000 strings of 0 to 8 characters drawn from `alphabet` by a fixed-seed generator. */
function randomStrings(alphabet: readonly string[], seed: number): string[] {
  const out: string[] = [];
  let state = seed;
  for (let n = 0; n < 2000; n++) {
    let s = '';
    for (let i = 0; i < n % 9; i++) {
      state = (state * 1103515245 + 12345) % 2147483648;
      s += alphabet[state % alphabet.length];
    }
    out.push(s);
  }
  return out;
}
describe('names', () => {
  it('gives the keys of the three replacements, with or without anything to replace', () => {
    const names = [
      'Ines Valdor',
      'ines valdor',
      ' Ines Valdor',
      'Ines Valdor ',
      'Ines  Valdor',
      'Ines\tValdor',
      'Ines\u00a0Valdor',
      'Ines\u2009Valdor',
      'Ines\u3000Valdor',
      'Ines\nValdor',
      "O'Brien",
      'O\u2019Brien',
      'J. R. Okafor',
      'Zürich',
      'İstanbul',
      'ΣΟΦΙΑ',
      '',
      ' ',
    ];
    for (const name of names) expect(nameKey(name), JSON.stringify(name)).toBe(referenceKey(name));
    // Random strings over letters, spaces of several kinds, periods and apostrophes (fixed seed).
    const alphabet = ['a', 'B', ' ', '\t', '\u00a0', '\u2028', '\ufeff', '.', "'", '\u2019', 'É', '-'];
    for (const s of randomStrings(alphabet, 7)) expect(nameKey(s), JSON.stringify(s)).toBe(referenceKey(s));
  });

  it('splits names at white space as split(/\\s+/) without empty parts does', () => {
    const reference = (text: string) => text.split(/\s+/).filter(Boolean);
    const names = [
      'Ines Valdor',
      '  Gen.  Ines\u00a0Valdor ',
      'Ines\u2009\u3000Valdor\n',
      'Valdor',
      '',
      ' \t ',
    ];
    for (const name of names) expect(nameTokens(name), JSON.stringify(name)).toEqual(reference(name));
    // Random strings over letters, spaces of several kinds and other marks (fixed seed).
    const alphabet = ['a', 'B', ' ', '\t', '\u00a0', '\u2028', '\ufeff', '\u200b', '.', "'", 'É', '\u3000'];
    for (const s of randomStrings(alphabet, 11))
      expect(nameTokens(s), JSON.stringify(s)).toEqual(reference(s));
  });

  it('knows titles with and without their period, whatever the case', () => {
    expect(isTitle('Gen.')).toBe(true);
    expect(isTitle('PRESIDENT')).toBe(true);
    expect(isTitle('Representative.')).toBe(true);
    expect(isTitle('Representatives')).toBe(false);
    expect(isTitle('Gen..')).toBe(false);
    expect(isTitle('Dunford')).toBe(false);
    expect(isTitle('')).toBe(false);
    expect(isTitle('.')).toBe(false);
    expect(isTitle('Dr')).toBe(true);
  });

  it('strips titles, possessives and a leading "the"', () => {
    expect(cleanName('Gen. Joseph Dunford')).toBe('Joseph Dunford');
    expect(cleanName("Dunford's")).toBe('Dunford');
    expect(cleanName('Prime Minister Ines Valdor')).toBe('Ines Valdor');
    expect(cleanName('the Pentagon')).toBe('Pentagon');
    expect(cleanName("Forces'")).toBe('Forces');
    expect(cleanName('President')).toBe('President');
    expect(cleanName('US Joint Chiefs of Staff Gen.')).toBe('US Joint Chiefs of Staff');
    expect(stripPossessive('Britain\u2019s')).toBe('Britain');
  });

  it('compares names without case or periods, with known equivalents', () => {
    expect(nameKey('U.S.')).toBe('us');
    expect(canonicalKey('U.S.')).toBe(canonicalKey('United States'));
    expect(canonicalKey('US')).toBe(canonicalKey('USA'));
    expect(canonicalKey('Britain')).toBe(canonicalKey('U.K.'));
    expect(canonicalKey('Syria')).toBe('syria');
  });

  it('recognises acronyms and forms initials', () => {
    expect(isAcronym('SDF')).toBe(true);
    expect(isAcronym('U.N.')).toBe(true);
    expect(isAcronym('AT&T')).toBe(true);
    expect(isAcronym('Dunford')).toBe(false);
    expect(isAcronym('A')).toBe(false);
    expect(initials('Syrian Democratic Forces')).toBe('SDF');
    expect(initials('Department of Homeland Security')).toBe('DHS');
    expect(initials('Reuters')).toBe('');
    expect(initials('Bank of the North')).toBe('BN');
    expect(initials('the Calder Street market')).toBe('CSM');
  });
});
