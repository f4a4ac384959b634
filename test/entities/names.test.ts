import { describe, expect, it } from 'vitest';
import {
  canonicalKey,
  cleanName,
  initials,
  isAcronym,
  nameKey,
  stripPossessive,
} from '../../src/entities/names.js';

describe('names', () => {
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
  });
});
