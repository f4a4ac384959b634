import { describe, expect, it } from 'vitest';
import { decodeEntitiesInText, normalizeText } from '../../src/ingest/normalize.js';
import { seededRandom } from '../../src/seeded-random.js';

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

describe('normalizeText, more', () => {
  it('drops bidi marks and C1 controls but keeps ZWJ and ZWNJ, which carry meaning', () => {
    expect(normalizeText('Tel\u200e Aviv\u202a\u202c said \u0093no\u0094')).toBe('Tel Aviv said no');
    expect(
      normalizeText('\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 \ud83d\udc68\u200d\ud83d\udc69'),
    ).toBe('\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 \ud83d\udc68\u200d\ud83d\udc69');
  });

  it('leaves text that is already normal exactly as it is', () => {
    const text =
      'WASHINGTON (CNN) \u2014 \u201cWe\u2019re ready,\u201d said Sen. Ana P\u00e9rez.\n\nThe vote is on Jan. 15\u2026';
    expect(normalizeText(text)).toBe(text);
  });

  it('never leaves double spaces, spaces at line edges, two blank lines or outer white space', () => {
    // Deterministic pseudo-random strings over the characters that matter.
    const alphabet = [
      'a',
      'b',
      ' ',
      ' ',
      '\n',
      '\r',
      '\r\n',
      '\t',
      '\u00a0',
      '\u200b',
      '\u2028',
      '\u0085',
      '\u3000',
      '\u0007',
    ];
    // The project's seeded generator (integer ops: a float LCG loses its low bits past
    // 2^53, and then `% alphabet.length` never draws the characters at odd positions).
    const random = seededRandom(42);
    const next = () => Math.floor(random() * 4294967296);
    for (let i = 0; i < 500; i++) {
      let s = '';
      const len = next() % 40;
      for (let j = 0; j < len; j++) s += alphabet[next() % alphabet.length];
      const out = normalizeText(s);
      expect(out).not.toMatch(/ {2}| \n|\n |\n{3}|^\s|\s$|[\r\t\u00a0\u200b\u2028\u0085\u3000\u0007]/);
      expect(out.replace(/\s+/g, '')).toBe(s.replace(/[^ab]/g, ''));
      expect(normalizeText(out)).toBe(out);
    }
  });
});

describe('decodeEntitiesInText, strictly', () => {
  it('only decodes references closed by a semicolon', () => {
    expect(decodeEntitiesInText('Barnes &notables &amp; R&D;')).toBe('Barnes &notables & R&D;');
    expect(decodeEntitiesInText('caf&eacute; &#x2014; &#233;')).toBe('caf\u00e9 \u2014 \u00e9');
  });
});
