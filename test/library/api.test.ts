import { gzipSync } from 'node:zlib';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type Article,
  checkDigestOptions,
  type DigestedArticle,
  type DigestOptions,
  digest,
  digestArticle,
  isNewsdigestError,
  NewsdigestError,
  readPages,
} from '../../src/index.js';
import { pageToArticle } from '../../src/ingest/page.js';
import { ENGLISH, htmlPage } from './fixtures/pages.js';

/** The NewsdigestError `run` throws (failing the test when it throws anything else, or nothing). */
async function thrown(run: () => Promise<unknown>): Promise<NewsdigestError> {
  try {
    await run();
  } catch (e) {
    expect(e).toBeInstanceOf(NewsdigestError);
    return e as NewsdigestError;
  }
  throw new Error('expected a NewsdigestError, and nothing was thrown');
}

describe('digest() refuses what is not a page, with a NewsdigestError naming what it got', () => {
  const cases: [string, unknown, RegExp][] = [
    ['null', null, /^is null: expecting a string \(text or HTML\), the bytes of a page/],
    ['a number', 42, /^is a number: expecting a string/],
    ['undefined', undefined, /^is a undefined: expecting/],
    ['an array', ['<p>x</p>'], /^is an array: expecting/],
    ['an empty object', {}, /^has neither "text" nor "html"$/],
    [
      'a misspelt field',
      { htlm: '<p>x</p>' },
      /^has an unknown field "htlm" \(a page has id, text, html, url/,
    ],
    ['a field of the wrong type', { text: 5 }, /^field "text" is a number: expecting a string$/],
    [
      'a bad encodingFrom',
      { text: 'x', encodingFrom: 'guess' },
      /^field "encodingFrom" is a string: expecting one of bom/,
    ],
  ];
  for (const [name, input, message] of cases) {
    it(name, async () => {
      const e = await thrown(() => digest(input as never));
      expect(e.code).toBe('E_BAD_RECORD');
      expect(e.input).toBe('input');
      expect(e.message).toMatch(message);
    });
  }

  it('names the page by its url or id when the object has one', async () => {
    const e = await thrown(() => digest({ url: 'https://example.org/a', txt: 'x' } as never));
    expect(String(e)).toBe(
      'https://example.org/a: has an unknown field "txt" (a page has id, text, html, url, fetchedAt, origin, encoding, encodingFrom, title, published, authors, publisher)',
    );
  });
});

describe('digest() checks its options before any stage runs', () => {
  const cases: [string, unknown, string][] = [
    [
      'an unknown method',
      { summarize: { method: 'bogus' } },
      'summarize.method: expecting one of model, lead3, textrank, lexrank, instead found "bogus"',
    ],
    [
      'an unknown highlights mode',
      { summarize: { highlights: 'bogus' } },
      'summarize.highlights: expecting one of page, extractive, llm, instead found "bogus"',
    ],
    ['a section that is not an object', { layout: 5 }, 'layout: expecting an object, instead found 5'],
    [
      'an unknown key',
      { sumarize: {} },
      'sumarize: unknown option (expecting keepHtml, layout, text, language, summarize, entities, quotes)',
    ],
    [
      'an unknown key in a section',
      { quotes: { cue: 'rules' } },
      'quotes.cue: unknown option (expecting skip, cues, rescore)',
    ],
    [
      'a flag that is not a boolean',
      { keepHtml: 'yes' },
      'keepHtml: expecting true or false, instead found "yes"',
    ],
    [
      'a bad cue source',
      { quotes: { cues: 'llm' } },
      'quotes.cues: expecting one of rules, tagger, instead found "llm"',
    ],
    [
      'a negative timeout',
      { summarize: { llm: { timeoutMs: -5 } } },
      'summarize.llm.timeoutMs: expecting a number above 0, instead found -5',
    ],
    [
      'a block kind that does not exist',
      { text: { blockKinds: ['paragraph', 'para'] } },
      'text.blockKinds[1]: expecting one of title, caption, highlight, dateline, byline, subheading, paragraph, list, table, blockquote, related, credit, boilerplate, instead found "para"',
    ],
    ['options that are not an object', 'lead3', 'expecting an object of options'],
  ];
  for (const [name, options, message] of cases) {
    it(name, async () => {
      const e = await thrown(() => digest(ENGLISH, options as never));
      expect(e.code).toBe('E_BAD_OPTION');
      expect(e.input).toBe('options');
      expect(e.message.startsWith(message)).toBe(true);
      expect(String(e)).toBe(`options: ${e.message}`);
      expect(isNewsdigestError(e)).toBe(true);
      // digestArticle (the batch's entry) checks the same way.
      const again = await thrown(() => digestArticle(pageToArticle({ text: ENGLISH }), options as never));
      expect(again.toJSON()).toEqual(e.toJSON());
    });
  }

  it('takes every documented option, undefined values as the defaults', async () => {
    const options: DigestOptions = {
      keepHtml: false,
      layout: { skip: false, textModel: true },
      text: { blockKinds: ['title', 'paragraph'], lowercase: 'auto' },
      language: { skip: false },
      summarize: {
        highlights: 'extractive',
        method: 'lead3',
        llm: {
          baseUrl: undefined,
          model: undefined,
          timeoutMs: 1000,
          retries: 0,
          backoffMs: 0,
          maxInputChars: 100,
        },
      },
      entities: { skip: false },
      quotes: { cues: 'rules', rescore: false },
    };
    expect(checkDigestOptions(options)).toBe(options);
    expect(checkDigestOptions(undefined)).toEqual({});
    // Typed DigestOptions (a skip may be true): an Article, its layers optional.
    const a = await digest(ENGLISH, options);
    expect(a.highlights?.items.length).toBe(3);
  });
});

describe('digest() of bytes (a Buffer or Uint8Array) reads them as a file is read', () => {
  it('decodes by the page’s own <meta charset>, and tells HTML from text', async () => {
    const html = htmlPage('Café owners back the bridge', ENGLISH).replace('utf-8', 'windows-1252');
    const bytes = Buffer.from(html, 'latin1');
    const a = await digest(bytes);
    expect(a.source).toMatchObject({
      format: 'html',
      origin: 'input',
      encoding: 'windows-1252',
      encodingFrom: 'meta',
    });
    expect(a.meta.title).toBe('Café owners back the bridge');
    const u8 = await digest(new Uint8Array(bytes));
    expect(u8.id).toBe(a.id);
  });

  it('reads plain text, and gzip', async () => {
    const a = await digest(new TextEncoder().encode(ENGLISH));
    expect(a.source.format).toBe('text');
    expect(a.text).toBe(ENGLISH);
    const z = await digest(gzipSync(Buffer.from(ENGLISH)));
    expect(z.text).toBe(ENGLISH);
    // The same page as a string gives the same Article.
    expect((await digest(ENGLISH)).id).toBe(a.id);
  });

  it('digests the one page of a one-line JSONL, and refuses bytes holding several pages', async () => {
    const one = await digest(Buffer.from(`${JSON.stringify({ id: 'p1', text: ENGLISH })}\n`));
    expect(one.id).toBe('p1');
    const two = Buffer.from(`${JSON.stringify({ text: ENGLISH })}\n${JSON.stringify({ text: ENGLISH })}\n`);
    const e = await thrown(() => digest(two));
    expect(e.code).toBe('E_BAD_RECORD');
    expect(e.message).toMatch(/^holds more than one page .*readPages\(\)/);
  });

  it('says what is wrong with empty and binary bytes, naming the input', async () => {
    const empty = await thrown(() => digest(Buffer.alloc(0)));
    expect(String(empty)).toBe('input: is empty');
    const binary = await thrown(() => digest(Buffer.from([0, 1, 2, 3, 0, 0, 7, 8])));
    expect(binary.code).toBe('E_BINARY');
    expect(binary.input).toBe('input');
  });
});

describe('the exported readers', () => {
  it('readPages gives pages that digest() takes as they are', async () => {
    const origins: string[] = [];
    for await (const r of readPages(['examples'])) {
      if (!r.ok) throw r.error;
      const a = await digest(r.page);
      expect(a.blocks.length).toBeGreaterThan(0);
      origins.push(a.source.origin ?? '');
    }
    expect(origins).toContain('examples/harbour-bridge.txt');
  });
});

describe('types', () => {
  it('digest() without skipped stages returns every layer; with a stage skipped, an Article', async () => {
    const a = await digest(ENGLISH);
    expectTypeOf(a).toEqualTypeOf<DigestedArticle>();
    expectTypeOf(a.entities).toEqualTypeOf<NonNullable<Article['entities']>>();
    expectTypeOf(a.quotes.length).toBeNumber();
    expectTypeOf(a.meta.authors).toEqualTypeOf<string[]>();
    const withOptions = await digest(ENGLISH, { summarize: { method: 'lead3' }, quotes: { skip: false } });
    expectTypeOf(withOptions).toEqualTypeOf<DigestedArticle>();
    const skipped = await digest(ENGLISH, { entities: { skip: true } });
    expectTypeOf(skipped).toEqualTypeOf<Article>();
    const options: DigestOptions = {};
    expectTypeOf(await digest(ENGLISH, options)).toEqualTypeOf<Article>();
    expect(a.entities.length).toBeGreaterThan(0);
  });
});
