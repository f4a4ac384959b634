import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../../src/ingest/normalize.js';
import { pageToArticle } from '../../../src/ingest/page.js';
import { normalizeLine, renderHtml } from '../../../src/layout/html/render.js';
import { seededRandom } from '../../../src/seeded-random.js';

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
  // Characters ingest drops or keeps that the line rules once treated differently:
  // bidi marks and isolates, C1 controls, the Mongolian vowel separator, ZWNJ, paragraph separator.
  '\u200e',
  '\u200f',
  '\u202a',
  '\u2066',
  '\u2063',
  '\u0080',
  '\u009f',
  '\u180e',
  '\u200c',
  '\u2029',
];

/** Whole numbers from the project's seeded generator: the same strings on every run. */
function sequence(seed: number): () => number {
  const random = seededRandom(seed);
  return () => Math.floor(random() * 4294967296);
}

describe('normalizeLine', () => {
  it('gives the same line whether or not the raw text is trimmed first (render trims before it)', () => {
    const next = sequence(12345);
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

  it('leaves a line that ingest normalisation leaves unchanged, on one line', () => {
    const next = sequence(777);
    for (let k = 0; k < 20_000; k++) {
      let s = '';
      const n = next() % 12;
      for (let i = 0; i < n; i++) s += ALPHABET[next() % ALPHABET.length];
      const line = normalizeLine(s);
      expect(line.includes('\n')).toBe(false);
      expect(normalizeText(line)).toBe(line);
    }
  });

  it('renders a page whose whole text ingest normalisation leaves unchanged (pageToArticle relies on it)', () => {
    const next = sequence(4242);
    const TAGS = ['p', 'div', 'span', 'a', 'pre', 'li', 'h2', 'br', 'b', 'td'];
    for (let k = 0; k < 3_000; k++) {
      let html = '<html><body>';
      const pieces = next() % 16;
      for (let p = 0; p < pieces; p++) {
        const r = next() % 3;
        const tag = TAGS[next() % TAGS.length]!;
        if (r === 0) html += `<${tag}>`;
        else if (r === 1) html += `</${tag}>`;
        else {
          const n = next() % 10;
          for (let i = 0; i < n; i++) html += ALPHABET[next() % ALPHABET.length];
        }
      }
      const text = renderHtml(html).text;
      expect(normalizeText(text)).toBe(text);
      if (text !== '') expect(pageToArticle({ id: 'generated', html }).text).toBe(text);
    }
  });

  it('keeps the HTML reading of a page whose paragraphs carry bidi marks, C1 controls and ZWNJ', () => {
    const html =
      '<html><head><title>Bridge reopens</title></head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>' +
      '<article><h1>Bridge reopens</h1><p>The mayor\u200e said the bridge would reopen on Monday after repairs.</p>' +
      '<p>Traffic\u0080 was diverted through the old town for\u2066 three weeks.</p>' +
      '<p>The name Mehr\u200cdad was written with a joiner.</p></article></body></html>';
    const article = pageToArticle({ id: 'bidi-page', html });
    // The layout stage reads the page from its HTML only when the two texts agree.
    expect(renderHtml(html).text).toBe(article.text);
    expect(article.text).toContain('The mayor said the bridge');
    expect(article.text).toContain('Mehr\u200cdad');
  });
});
