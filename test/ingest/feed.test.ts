import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { FeedReader } from '../../src/ingest/feed.js';
import { pageToArticle } from '../../src/ingest/page.js';
import { type PageResult, readPages } from '../../src/ingest/read.js';

const FEEDS = 'test/fixtures/ingest/feeds';

async function collect(inputs: string[]): Promise<PageResult[]> {
  const out: PageResult[] = [];
  for await (const r of readPages(inputs)) out.push(r);
  return out;
}

const pages = (results: PageResult[]) => results.map((r) => (r.ok ? r.page : r.error.toString()));

describe('RSS and Atom ingest', () => {
  it('makes each RSS item an article: content:encoded over description, link, guid, dates', async () => {
    const [first, second, third, ...rest] = pages(await collect([`${FEEDS}/harbour.rss`]));
    expect(rest).toEqual([]);
    expect(first).toMatchObject({
      id: 'gazette-1001',
      url: 'https://gazette.example/ferry-terminal',
      title: 'Ferry terminal reopens after repairs',
      // An RFC 822 pubDate as ISO 8601, its time and zone kept.
      published: '2026-03-02T08:00:00Z',
      origin: `${FEEDS}/harbour.rss#1`,
      encoding: 'utf-8',
    });
    expect(typeof first === 'object' && first.html).toContain('<p>The ferry terminal reopened on Monday');
    // Escaped HTML in a description is HTML once the XML is read.
    expect(second).toMatchObject({
      url: 'https://gazette.example/night-market',
      published: '2026-03-03T18:30:00Z',
    });
    expect(typeof second === 'object' && second.html).toContain(
      '<p>Stalls will stay open until midnight &amp; later',
    );
    // A description without markup is plain text; the title heads it.
    expect(third).toMatchObject({
      text: 'Council meets on Thursday\n\nThe agenda covers the harbour wall and the library roof.',
    });
    expect(typeof third === 'object' && third.id).toBeUndefined();
  });

  it('gives articles whose text holds the title and the body', async () => {
    const results = await collect([`${FEEDS}/harbour.rss`]);
    const article = pageToArticle(results[0]!.ok ? results[0]!.page : {});
    // Block separators are the HTML renderer's business; the lines are ours.
    expect(article.text.split(/\n+/)).toEqual([
      'Ferry terminal reopens after repairs',
      'The ferry terminal reopened on Monday after six weeks of repairs.',
      '\u201cIt\u2019s good to be back,\u201d said captain In\u00e8s Moreau.',
    ]);
    expect(article.id).toBe('gazette-1001');
  });

  it('reads Atom entries: alternate link, html, xhtml and text content', async () => {
    const [a, b, c] = pages(await collect([`${FEEDS}/harbour.atom`]));
    expect(a).toMatchObject({
      id: 'urn:example:gazette:2001',
      url: 'https://gazette.example/lighthouse',
      published: '2026-03-04T09:00:00Z',
      html:
        '<head><meta property="og:site_name" content="Harbour Town Gazette"><meta property="article:modified_time" content="2026-03-04T09:30:00Z"></head>\n' +
        '<h1>Lighthouse gets a new lamp</h1>\n<p>The lighthouse on Gull Point has a new LED lamp.</p>',
    });
    expect(b).toMatchObject({ url: 'https://gazette.example/choir', published: '2026-03-04T11:00:00Z' });
    expect(typeof b === 'object' && b.html).toContain(
      '<p>The choir sang <em>three</em> songs &amp; won.</p>',
    );
    expect(c).toMatchObject({
      text: 'Tide tables updated\n\nNew tide tables are posted at the harbour office <b> board.',
    });
  });

  it('refuses a .xml file that is not a feed, naming its root element', async () => {
    const results = await collect([`${FEEDS}/not-a-feed.xml`]);
    expect(pages(results)).toEqual([`${FEEDS}/not-a-feed.xml: not RSS or Atom (root element is <html>)`]);
    expect(!results[0]!.ok && results[0]!.error.code).toBe('E_BAD_FEED');
  });

  it('hands items on as they close, across pieces of the document', () => {
    const reader = new FeedReader('f.rss');
    const doc =
      '<rss><channel><item><title>One</title><description>First.</description></item><item><title>Two</title>';
    const early = reader.write(doc);
    expect(early.map((r) => r.ok && r.page.text)).toEqual(['One\n\nFirst.']);
    const late = [...reader.write('</item></channel></rss>'), ...reader.end()];
    expect(late.map((r) => r.ok && r.page.text)).toEqual(['Two']);
  });

  it('decodes a feed in the encoding its XML declaration names', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'nd-feed-')), 'latin.rss');
    const title = 'Caf\u00e9 owner Zo\u00eb Bront\u00eb \u201cdelighted\u201d';
    writeFileSync(
      path,
      iconv.encode(
        `<?xml version="1.0" encoding="windows-1252"?><rss><channel><item><title>${title}</title></item></channel></rss>`,
        'windows-1252',
      ),
    );
    const results = await collect([path]);
    expect(results.map((r) => r.ok && [r.page.text, r.page.encoding, r.page.encodingFrom])).toEqual([
      [title, 'windows-1252', 'meta'],
    ]);
  });

  it('streams a long feed in small pieces, characters split across them intact', async () => {
    const items = Array.from(
      { length: 300 },
      (_, i) => `<item><title>Zo\u00eb \u201c${i}\u201d</title><link>https://n.example/${i}</link></item>`,
    );
    const bytes = Buffer.from(`<?xml version="1.0"?><rss><channel>${items.join('')}</channel></rss>`);
    const pieces: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 7) pieces.push(bytes.subarray(i, i + 7));
    const results: PageResult[] = [];
    for await (const r of readPages(['-'], { stdin: Readable.from(pieces) })) results.push(r);
    expect(results).toHaveLength(300);
    expect(results.every((r, i) => r.ok && r.page.text === `Zo\u00eb \u201c${i}\u201d`)).toBe(true);
    expect(results[299]!.ok && [results[299]!.page.origin, results[299]!.page.encodingFrom]).toEqual([
      'stdin#300',
      'default',
    ]);
  });

  it('stops with a clear error on a feed that is not in the encoding it declares', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'nd-feed-')), 'wrong.rss');
    const title = 'Caf\u00e9 na\u00efve r\u00e9sum\u00e9 \u00e0 la cr\u00e8me';
    const items = Array.from({ length: 200 }, () => `<item><title>${title}</title></item>`).join('');
    writeFileSync(
      path,
      iconv.encode(
        `<?xml version="1.0" encoding="utf-8"?><rss><channel>${items}</channel></rss>`,
        'windows-1252',
      ),
    );
    const results = await collect([path]);
    const last = results.at(-1)!;
    expect(!last.ok && last.error.toString()).toMatch(
      /wrong\.rss: cannot be decoded as utf-8: \d+% of its characters are invalid; reading stopped$/,
    );
    expect(!last.ok && last.error.code).toBe('E_DECODE');
  });

  it('says so when a feed has no items', () => {
    const reader = new FeedReader('empty.rss');
    const results = [...reader.write('<rss><channel><title>Quiet</title></channel></rss>'), ...reader.end()];
    expect(results.map((r) => !r.ok && r.error.toString())).toEqual([
      'empty.rss: is a RSS feed with no items',
    ]);
  });
});
