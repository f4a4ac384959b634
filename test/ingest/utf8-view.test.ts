import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { digestArticle } from '../../src/digest.js';
import { setLazyUtf8Html, utf8HtmlView } from '../../src/ingest/lazy-html.js';
import { contentId, type PageInput, pageToArticle } from '../../src/ingest/page.js';
import { type PageResult, readPages } from '../../src/ingest/read.js';
import {
  decodeUtf8View,
  hasReplacementChar,
  isBlankUtf8View,
  latin1View,
} from '../../src/ingest/utf8-view.js';

const view = (text: string): string => latin1View(Buffer.from(text, 'utf8'));

const STORY =
  '<!doctype html><html lang="fr"><head><title>L\u2019\u00e9t\u00e9 \u2014 \u201cvite\u201d</title>' +
  '<script type="application/ld+json">{"@type":"NewsArticle","headline":"\u00c9t\u00e9 \u00e0 Lyon",' +
  '"author":{"@type":"Person","name":"Zo\u00e9 Marchand"},"datePublished":"2026-07-02"}</script></head>' +
  '<body><article class="r\u00e9cit"><h1>L\u2019\u00e9t\u00e9 \u00e0 Lyon</h1>' +
  '<p class="byline">Par Zo\u00e9 Marchand</p>' +
  '<p>Les quais du Rh\u00f4ne se remplissent d\u00e8s le matin \u2014 \u201cc\u2019est la saison\u201d, dit un vendeur de glaces pr\u00e8s du pont.</p>' +
  '<p>Le soir, les terrasses restent ouvertes jusqu\u2019\u00e0 minuit, et les bateaux \ud83d\udea4 partent toutes les heures vers l\u2019\u00eele.</p>' +
  '</article><footer>\u00a9 2026 Journal</footer></body></html>';

describe('UTF-8 views', () => {
  it('decodes a view, or a piece of it cut at ASCII characters, to the characters of the bytes', () => {
    const text = 'a\u00e9 \u2014 \u4e2d\ud83d\ude00 <b>\u00df</b> z';
    expect(decodeUtf8View(view(text))).toBe(text);
    const v = view(text);
    const lt = v.indexOf('<');
    expect(decodeUtf8View(v.slice(0, lt))).toBe(text.slice(0, text.indexOf('<')));
    // A piece longer than the scratch buffer is decoded on its own.
    const long = '\u00e9\u2014x'.repeat(200_000);
    expect(decodeUtf8View(view(long))).toBe(long);
  });

  it('tells a blank page as trim() does, without decoding the page', () => {
    for (const [text, blank] of [
      [' \t\n\r\f\v', true],
      ['', true],
      ['  \u00a0 \u3000\ufeff\u2028 ', true],
      ['\u00a0\u00e9', false],
      [' \u3000<p>', false],
      ['x', false],
      ['\u00a0 \u00a0 x', false],
    ] as const)
      expect([text, isBlankUtf8View(view(text))]).toEqual([text, blank]);
  });

  it('finds a U+FFFD character in a view', () => {
    expect(hasReplacementChar(view('a\ufffdb'))).toBe(true);
    expect(hasReplacementChar(view('a\u00ef\u00bf\u00bdb'))).toBe(false);
  });
});

describe('a lazily decoded html', () => {
  it('reads as the decoded string everywhere: property, JSON, spread and structured clone', () => {
    const page: PageInput = { origin: 'x' };
    setLazyUtf8Html(page, view(STORY));
    page.url = 'https://example.org/a';
    expect(utf8HtmlView(page)).toBe(view(STORY));
    expect(JSON.stringify(page)).toBe(
      JSON.stringify({ origin: 'x', html: STORY, url: 'https://example.org/a' }),
    );
    expect({ ...page }).toEqual({ origin: 'x', html: STORY, url: 'https://example.org/a' });
    expect(structuredClone(page)).toEqual({ origin: 'x', html: STORY, url: 'https://example.org/a' });
    expect(page.html).toBe(STORY);
    // Still the view's after being read; an assignment replaces it.
    expect(utf8HtmlView(page)).toBe(view(STORY));
    page.html = '<p>Other</p>';
    expect(utf8HtmlView(page)).toBeUndefined();
    expect(page.html).toBe('<p>Other</p>');
    expect(JSON.stringify(page)).toBe(
      JSON.stringify({ origin: 'x', html: '<p>Other</p>', url: 'https://example.org/a' }),
    );
  });

  it('gives the same Article, id included, as the decoded page; digest the same JSON with and without keepHtml', async () => {
    const lazy: PageInput = { origin: 'p.html', fetchedAt: '2026-07-03' };
    setLazyUtf8Html(lazy, view(STORY));
    const plain: PageInput = { origin: 'p.html', html: STORY, fetchedAt: '2026-07-03' };
    const a = pageToArticle(lazy);
    const b = pageToArticle(plain);
    expect(a.id).toBe(contentId(STORY));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    for (const keepHtml of [false, true]) {
      const fromLazy = await digestArticle(pageToArticle(lazy), { keepHtml });
      const fromPlain = await digestArticle(pageToArticle(plain), { keepHtml });
      expect(JSON.stringify(fromLazy)).toBe(JSON.stringify(fromPlain));
      expect(fromLazy.source.html).toBe(keepHtml ? STORY : undefined);
    }
    expect(a.meta?.authors).toBeUndefined();
    const laidOut = await digestArticle(pageToArticle(lazy));
    expect(laidOut.meta?.authors).toEqual(['Zo\u00e9 Marchand']);
    expect(laidOut.text).toContain('\u201cc\u2019est la saison\u201d');
  });

  it('is what readPages gives an HTML page of valid UTF-8, and only such a page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nd-view-'));
    const files: Record<string, Buffer> = {
      'a-utf8.html': Buffer.from(STORY),
      'b-bom.html': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(STORY)]),
      'c-latin.html': Buffer.concat([
        Buffer.from('<html><head><meta charset="windows-1252"></head><body><p>Caf'),
        Buffer.from([0xe9, 0x93]),
        Buffer.from(' owners.</p></body></html>'),
      ]),
      'd-text.txt': Buffer.from('Caf\u00e9 owners.'),
      // Valid UTF-8 whose U+FFFD characters are more than 1 % of it: refused, as before.
      'e-replacement.html': Buffer.from(`<p>${'\ufffd'.repeat(5)} a few words</p>`),
      'f-blank.html': Buffer.from(' \u00a0\n\u3000 '),
    };
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
    const results: PageResult[] = [];
    for await (const r of readPages([dir])) results.push(r);
    const byName = new Map(
      results.map((r) => [(r.ok ? r.page.origin : r.error.input)!.split('/').pop()!, r]),
    );
    const page = (name: string) => {
      const r = byName.get(name)!;
      if (!r.ok) throw new Error(r.error.toString());
      return r.page;
    };
    expect(utf8HtmlView(page('a-utf8.html'))).toBe(view(STORY));
    expect(page('a-utf8.html').html).toBe(STORY);
    expect(page('a-utf8.html').id).toBe(contentId(STORY));
    expect(page('a-utf8.html').encoding).toBe('utf-8');
    for (const name of ['b-bom.html', 'c-latin.html', 'd-text.txt'])
      expect(utf8HtmlView(page(name))).toBeUndefined();
    expect(page('b-bom.html').html).toBe(STORY);
    expect(page('c-latin.html').html).toContain('Caf\u00e9\u201c owners.');
    const refused = byName.get('e-replacement.html')!;
    expect(!refused.ok && refused.error.message).toMatch(/cannot be decoded as utf-8/);
    const blank = byName.get('f-blank.html')!;
    expect(!blank.ok && blank.error.message).toBe('holds only white space');
  });
});
