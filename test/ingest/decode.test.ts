import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  charsetOfContentType,
  charsetOfDocument,
  decodeBytes,
  decodeChecked,
  resolveEncoding,
  sniffBom,
} from '../../src/ingest/decode.js';

// Curly quotes, a dash and accented names: the characters a wrong guess mangles.
const SENTENCE =
  '\u201cWe will rebuild the caf\u00e9,\u201d said Zo\u00eb Bront\u00eb, mayor of Saint-\u00c9tienne. Se\u00f1or Mu\u00f1oz agreed \u2014 it\u2019s the town\u2019s pride.';

const html = (head: string, body: Buffer): Buffer =>
  Buffer.concat([
    Buffer.from(`<html><head>${head}</head><body><p>`),
    body,
    Buffer.from('</p></body></html>'),
  ]);

describe('decodeBytes', () => {
  it('reads a windows-1252 page without any declaration (detected)', () => {
    const d = decodeBytes(iconv.encode(SENTENCE, 'windows-1252'), 'old.txt');
    expect(d).toEqual({ text: SENTENCE, encoding: 'windows-1252', encodingFrom: 'detected' });
  });

  it('reads a UTF-8 page without any declaration (detected)', () => {
    const d = decodeBytes(Buffer.from(SENTENCE), 'new.txt');
    expect(d).toEqual({ text: SENTENCE, encoding: 'utf-8', encodingFrom: 'detected' });
  });

  it('calls pure ASCII UTF-8 by default', () => {
    expect(decodeBytes(Buffer.from('Plain words.'), 'a.txt').encodingFrom).toBe('default');
  });

  it('follows <meta charset> and <meta http-equiv>', () => {
    const bytes = iconv.encode(SENTENCE, 'windows-1252');
    const meta = decodeBytes(html('<meta charset="windows-1252">', bytes), 'a.html');
    expect(meta.text).toContain(SENTENCE);
    expect([meta.encoding, meta.encodingFrom]).toEqual(['windows-1252', 'meta']);
    const equiv = decodeBytes(
      html('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', bytes),
      'b.html',
    );
    // ISO-8859-1 means windows-1252 on the web: the curly quotes survive.
    expect(equiv.text).toContain(SENTENCE);
    expect([equiv.encoding, equiv.encodingFrom]).toEqual(['windows-1252', 'meta']);
  });

  it('lets the header charset win over the document, and the BOM over both', () => {
    const bytes = html('<meta charset="utf-8">', iconv.encode(SENTENCE, 'windows-1252'));
    const d = decodeBytes(bytes, 'a.html', { contentType: 'text/html; charset="windows-1252"' });
    expect([d.encoding, d.encodingFrom]).toEqual(['windows-1252', 'header']);
    const bom = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      html('<meta charset="windows-1252">', Buffer.from(SENTENCE)),
    ]);
    const b = decodeBytes(bom, 'b.html', { contentType: 'text/html; charset=windows-1252' });
    expect([b.encoding, b.encodingFrom]).toEqual(['utf-8', 'bom']);
    expect(b.text.startsWith('<html>')).toBe(true);
    expect(b.text).toContain(SENTENCE);
  });

  it('reads UTF-16 with a byte-order mark', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(SENTENCE, 'utf-16le')]);
    expect(decodeBytes(le, 'le.txt')).toEqual({ text: SENTENCE, encoding: 'utf-16le', encodingFrom: 'bom' });
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(SENTENCE, 'utf-16be')]);
    expect(decodeBytes(be, 'be.txt').text).toBe(SENTENCE);
  });

  it('does not trust a UTF-8 label on bytes that are not UTF-8', () => {
    const d = decodeBytes(iconv.encode(SENTENCE, 'windows-1252'), 'a.html', {
      contentType: 'text/html; charset=utf-8',
    });
    expect(d).toEqual({ text: SENTENCE, encoding: 'windows-1252', encodingFrom: 'detected' });
  });

  it('skips an unknown label and looks further', () => {
    const d = decodeBytes(
      html('<meta charset="windows-1252">', iconv.encode(SENTENCE, 'windows-1252')),
      'a.html',
      {
        contentType: 'text/html; charset=x-no-such-thing',
      },
    );
    expect([d.encoding, d.encodingFrom]).toEqual(['windows-1252', 'meta']);
  });

  it('gives a clear error for a page that cannot be read in its declared encoding', () => {
    const bytes = iconv.encode(SENTENCE.repeat(3), 'windows-1252');
    expect(() =>
      decodeBytes(bytes, 'pages/mislabelled.html', { contentType: 'text/html; charset=euc-kr' }),
    ).toThrow(/cannot be decoded as euc-kr \(declared in its header\): \d+% of its characters are invalid/);
    try {
      decodeBytes(bytes, 'pages/mislabelled.html', { contentType: 'text/html; charset=euc-kr' });
    } catch (e) {
      expect(String(e)).toMatch(/^pages\/mislabelled\.html: cannot be decoded as euc-kr/);
      expect((e as { code: string }).code).toBe('E_DECODE');
    }
  });
});

describe('decodeChecked', () => {
  const valid = (bytes: Buffer, options = {}) => decodeChecked(bytes, 'p.html', options).wholeValidUtf8;

  it('says when the bytes themselves are the text as UTF-8, and decodes as decodeBytes does', () => {
    const utf8 = Buffer.from(SENTENCE);
    expect(decodeChecked(utf8, 'p.html').decoded).toEqual(decodeBytes(utf8, 'p.html'));
    expect(valid(utf8)).toBe(true);
    expect(valid(Buffer.from('Plain words.'))).toBe(true);
    expect(valid(html('<meta charset="utf-8">', utf8))).toBe(true);
    expect(valid(utf8, { contentType: 'text/html; charset=utf-8' })).toBe(true);
    // A byte-order mark is taken off (the bytes are not the text's UTF-8), other encodings
    // decode to other bytes, and invalid UTF-8 is never taken as UTF-8.
    expect(valid(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]))).toBe(false);
    expect(valid(iconv.encode(SENTENCE, 'windows-1252'))).toBe(false);
    expect(valid(html('<meta charset="windows-1252">', Buffer.from('plain ascii')))).toBe(false);
    expect(valid(html('<meta charset="utf-8">', iconv.encode(SENTENCE, 'windows-1252')))).toBe(false);
  });
});

describe('charset helpers', () => {
  it('parse Content-Type, document declarations, BOMs and labels', () => {
    expect(charsetOfContentType('text/html; charset="Shift_JIS"')).toBe('Shift_JIS');
    expect(charsetOfContentType('text/html;charset=utf-8; foo=bar')).toBe('utf-8');
    expect(charsetOfContentType('text/html')).toBeUndefined();
    expect(charsetOfDocument(Buffer.from('<?xml version="1.0" encoding="ISO-8859-15"?><rss/>'))).toBe(
      'ISO-8859-15',
    );
    expect(charsetOfDocument(Buffer.from('<head><meta charset=utf-16></head>'))).toBe('utf-8');
    expect(
      charsetOfDocument(Buffer.from(`<head>${' '.repeat(5000)}<meta charset="koi8-r">`)),
    ).toBeUndefined();
    expect(sniffBom(Buffer.from([0xef, 0xbb, 0xbf, 0x41]))).toEqual({ encoding: 'utf-8', length: 3 });
    expect(sniffBom(Buffer.from('A'))).toBeUndefined();
    expect(resolveEncoding('latin1')).toBe('windows-1252');
    expect(resolveEncoding('no-such-charset')).toBeUndefined();
  });
});
