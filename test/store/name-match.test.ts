import { describe, expect, it } from 'vitest';
import { NameIndex, nameKey, nameMatches } from '../../src/store/name-match.js';

describe('name matching for --entity, --speaker and --publisher', () => {
  it('folds case, accents and punctuation into words', () => {
    expect(nameKey('  José  ÁLVAREZ-Núñez ')).toBe(' jose alvarez nunez ');
    expect(nameKey('U.S. Department')).toBe(' u s department ');
    expect(nameKey('...')).toBe('');
  });

  it('matches whole words of the name, together and in order', () => {
    expect(nameMatches('Ana Costa', 'Costa')).toBe(true);
    expect(nameMatches('Ana Costa', 'ana')).toBe(true);
    expect(nameMatches('Ana Costa', 'ANA costa')).toBe(true);
    expect(nameMatches('José Álvarez', 'jose alvarez')).toBe(true);
    expect(nameMatches('The Valley Ledger', 'valley ledger')).toBe(true);
    expect(nameMatches('Ana Costa', 'Cost')).toBe(false);
    expect(nameMatches('Ana Costa', 'Costa Ana')).toBe(false);
    expect(nameMatches('Ana Costa', '—')).toBe(false);
  });

  it('finds the values of matching names through their words (NameIndex)', () => {
    const index = new NameIndex<number>();
    index.add('Ana Costa', 1);
    index.add('Costa Rica', 2);
    index.add('José Álvarez', 3);
    index.add('...', 4);
    expect(index.find('costa').sort()).toEqual([1, 2]);
    expect(index.find('Ana  COSTA')).toEqual([1]);
    expect(index.find('rica costa')).toEqual([]);
    expect(index.find('jose')).toEqual([3]);
    expect(index.find('Álvarez')).toEqual([3]);
    expect(index.find('cost')).toEqual([]);
    expect(index.find('?')).toEqual([]);
  });
});
