import { describe, expect, it } from 'vitest';
import { loadTruecase } from '../../src/entities/model-io.js';
import { shippedTagger } from '../../src/entities/shipped-tagger.js';
import { isLowerCased } from '../../src/entities/tagger.js';
import { modelFile } from '../../src/models.js';

describe('lower-cased documents', () => {
  it('are recognised only when no word of two letters or more has a capital', () => {
    expect(isLowerCased([['the', 'mayor', 'of', 'oslo', 'said', '.']])).toBe(true);
    expect(
      isLowerCased([
        ['the', 'mayor'],
        ['of', 'Oslo'],
      ]),
    ).toBe(false);
    expect(isLowerCased([['I', 'said', 'a', 'word']])).toBe(true);
    expect(isLowerCased([['.', '1996']])).toBe(false);
  });

  it('ship a truecasing table of usually capitalised words, without common words', () => {
    const table = loadTruecase(modelFile('ner', 'truecase.tsv'));
    expect(table.size).toBeGreaterThan(1000);
    expect(table.get('london')).toBe('London');
    expect(table.has('said')).toBe(false);
    expect(table.has('the')).toBe(false);
  });

  it('are tagged with the usual case restored: known names are found again', () => {
    const words = 'officials in london and paris said on monday that talks would resume .'.split(' ');
    const tags = shippedTagger().tagDocument([words])[0]!;
    const tagged = words.filter((_, i) => tags[i] !== 0);
    expect(tagged).toEqual(expect.arrayContaining(['london', 'paris']));
    expect(tagged).not.toContain('officials');
  });
});
