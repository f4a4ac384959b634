import { describe, expect, it } from 'vitest';
import { decodeEntitiesInText, normalizeText } from '../../src/ingest/normalize.js';

describe('normalizeText', () => {
  it('unifies line endings, trims lines and keeps one blank line between paragraphs', () => {
    expect(normalizeText('  Title \r\n\r\n\r\n\r\nFirst  line.\rSecond\u2028line.  \n')).toBe(
      'Title\n\nFirst line.\nSecond\nline.',
    );
  });

  it('turns no-break and odd spaces into spaces and drops zero-width characters', () => {
    expect(normalizeText('CNN\u00a0\u2014\u200b Raqqa\u2009is\ufeff here')).toBe('CNN \u2014 Raqqa is here');
  });

  it('is idempotent', () => {
    const once = normalizeText(' a\t\tb \n\n\n c\u00a0\u00a0d ');
    expect(normalizeText(once)).toBe(once);
  });
});

describe('decodeEntitiesInText', () => {
  it('decodes named and numeric references left in plain text', () => {
    expect(decodeEntitiesInText('AT&amp;T&#8217;s &quot;deal&quot;')).toBe('AT&T\u2019s "deal"');
  });

  it('leaves a bare ampersand alone', () => {
    expect(decodeEntitiesInText('Marks & Spencer')).toBe('Marks & Spencer');
  });
});
