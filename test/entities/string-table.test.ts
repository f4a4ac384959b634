/** StringTable: strings looked up in typed arrays, with and without a prefix and a slice. */
import { describe, expect, it } from 'vitest';
import { StringTable } from '../../src/entities/string-table.js';

const words = ['w:London', 'l:london', 'p2:lo', 's3:don', '', 'w:Zürich', 'w:東京', 'c0:none', 'x'];

describe('StringTable', () => {
  const table = StringTable.build(words);

  it('numbers the strings in their order and finds each', () => {
    expect(table.size).toBe(words.length);
    words.forEach((w, i) => {
      expect(table.get(w)).toBe(i);
      expect(table.at(i)).toBe(w);
    });
  });

  it('answers -1 for strings it does not hold, including prefixes and extensions of held ones', () => {
    for (const w of ['w:Londo', 'w:Londons', 'l:London', 'w:', 'y', 'w:Zurich'])
      expect(table.get(w)).toBe(-1);
  });

  it('looks up a prefix joined to a slice of a word without building the string', () => {
    expect(table.getPrefixed('w:', 'London')).toBe(0);
    expect(table.getPrefixed('p2:', 'london', 0, 2)).toBe(2);
    expect(table.getPrefixed('s3:', 'london', 3, 6)).toBe(3);
    expect(table.getPrefixed('s3:', 'london', 2, 5)).toBe(-1);
    expect(table.getPrefixed('w:', 'Zürich')).toBe(5);
    expect(table.getPrefixed('w:', '東京')).toBe(6);
    expect(table.getPrefixed('', 'x')).toBe(8);
  });

  it('gives the same answers when rebuilt from its arrays (as a model file stores them)', () => {
    const copy = new StringTable(table.chars.slice(), table.starts.slice(), table.slots.slice());
    words.forEach((w, i) => {
      expect(copy.get(w)).toBe(i);
    });
    expect(copy.get('nothing')).toBe(-1);
  });

  it('holds many strings (the table grows its slots past the strings)', () => {
    const many = Array.from({ length: 5000 }, (_, i) => `n:${i.toString(36)}`);
    const t = StringTable.build(many);
    expect(t.slots.length).toBeGreaterThanOrEqual(2 * many.length);
    for (let i = 0; i < many.length; i += 7) expect(t.getPrefixed('n:', i.toString(36))).toBe(i);
    expect(t.get('n:zzzz')).toBe(-1);
  });

  it('looks up words joined by spaces without building the phrase', () => {
    const phrases = StringTable.build(['New York', 'New', 'New York City', 'São Paulo', 'a b', 'ab']);
    const tokens = ['in', 'New', 'York', 'City', 'and', 'São', 'Paulo', 'a', 'b', 'ab', 'NewYork'];
    // Every run of up to four tokens: the same answer as the joined string's lookup.
    for (let from = 0; from < tokens.length; from++)
      for (let count = 1; count <= 4 && from + count <= tokens.length; count++)
        expect(phrases.getJoined(tokens, from, count)).toBe(
          phrases.get(tokens.slice(from, from + count).join(' ')),
        );
    expect(phrases.getJoined(tokens, 1, 2)).toBe(0);
    expect(phrases.getJoined(tokens, 1, 3)).toBe(2);
    expect(phrases.getJoined(tokens, 7, 2)).toBe(4);
    expect(phrases.getJoined(['New', 'Yorks'], 0, 2)).toBe(-1);
    expect(phrases.getJoined(['Ne', 'w York'], 0, 2)).toBe(-1);
  });

  it('refuses a string given twice', () => {
    expect(() => StringTable.build(['a', 'b', 'a'])).toThrow(/twice/);
  });
});
