import { decodeHTML, decodeHTMLAttribute, decodeHTMLStrict } from 'entities/decode';
import { describe, expect, it } from 'vitest';
import { decodeHtmlAttribute, decodeHtmlStrict, decodeHtmlText } from '../../src/ingest/char-refs.js';
import { seededRandom } from '../../src/seeded-random.js';

// Pieces that make references of every kind: common and rare names, legacy names without
// ";", numeric references (decimal, hex, invalid, C1, surrogates, too long), and what may
// follow them ("=", letters, digits, the end of the string).
const PIECES = [
  '&',
  '#',
  'x',
  'X',
  ';',
  '=',
  ' ',
  'a',
  'Z',
  '0',
  '9',
  'amp',
  'AMP',
  'lt',
  'gt',
  'quot',
  'apos',
  'nbsp',
  'copy',
  'reg',
  'rsquo',
  'hellip',
  'mdash',
  'eacute',
  'not',
  'notin',
  'sup2',
  'frac12',
  'ampx',
  'T',
  '65',
  '8217',
  '128',
  '150',
  '0',
  '55296',
  '1114112',
  '99999999',
  'x41',
  'X2019',
  'xD800',
  'x110000',
  'fffd',
  '&amp;',
  '&#',
  '&#x',
  'é',
  '’',
];

describe('HTML character references', () => {
  it('decodes every common name as the entities package does', () => {
    for (const name of [
      'amp',
      'lt',
      'gt',
      'quot',
      'apos',
      'nbsp',
      'shy',
      'copy',
      'reg',
      'trade',
      'hellip',
      'mdash',
      'ndash',
      'lsquo',
      'rsquo',
      'sbquo',
      'ldquo',
      'rdquo',
      'bdquo',
      'laquo',
      'raquo',
      'lsaquo',
      'rsaquo',
      'middot',
      'bull',
      'deg',
      'times',
      'euro',
      'pound',
      'yen',
      'cent',
      'sect',
      'para',
      'iexcl',
      'iquest',
      'thinsp',
      'ensp',
      'emsp',
      'zwnj',
      'zwj',
      'lrm',
      'rlm',
      'aacute',
      'eacute',
      'iacute',
      'oacute',
      'uacute',
      'agrave',
      'egrave',
      'ccedil',
      'ntilde',
      'auml',
      'ouml',
      'uuml',
      'szlig',
    ]) {
      const s = `a &${name}; b`;
      expect(decodeHtmlText(s)).toBe(decodeHTML(s));
      expect(decodeHtmlText(s)).not.toBe(s);
    }
  });

  it('gives the package’s result in text, attribute and strict modes on generated strings', () => {
    const random = seededRandom(2026);
    for (let k = 0; k < 25_000; k++) {
      let s = '';
      const n = 1 + Math.floor(random() * 7);
      for (let i = 0; i < n; i++) s += PIECES[Math.floor(random() * PIECES.length)];
      expect(decodeHtmlText(s)).toBe(decodeHTML(s));
      expect(decodeHtmlAttribute(s)).toBe(decodeHTMLAttribute(s));
      expect(decodeHtmlStrict(s)).toBe(decodeHTMLStrict(s));
    }
  });

  it('reads the usual forms: names, numbers, legacy "&amp" and query strings', () => {
    expect(decodeHtmlText('Fish &amp; chips &#8217;s &#x2014; &hellip;')).toBe('Fish & chips ’s — …');
    expect(decodeHtmlText('AT&amp T')).toBe('AT& T');
    expect(decodeHtmlAttribute('/p?a=1&b=2&amp;c=3')).toBe('/p?a=1&b=2&c=3');
    expect(decodeHtmlStrict('R&D; &amp fish &amp; chips')).toBe('R&D; &amp fish & chips');
    expect(decodeHtmlText('no references here')).toBe('no references here');
  });
});
