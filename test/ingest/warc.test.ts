import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { pageToArticle } from '../../src/ingest/page.js';
import { type PageResult, readPages } from '../../src/ingest/read.js';
import { page, warcFile } from './warc-builder.js';

const dir = mkdtempSync(join(tmpdir(), 'nd-warc-'));

async function collect(inputs: string[]): Promise<PageResult[]> {
  const out: PageResult[] = [];
  for await (const r of readPages(inputs)) out.push(r);
  return out;
}

function write(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

const records = [
  { type: 'warcinfo', body: 'software: test\r\n' },
  {
    uri: 'https://news.example/harbour',
    id: 'urn:uuid:11111111-1111-1111-1111-111111111111',
    date: '2026-03-04T05:06:07Z',
    body: page('Harbour reopens', 'The ferry terminal reopened on Monday after repairs.'),
  },
  { type: 'request', uri: 'https://news.example/harbour', body: 'GET /harbour HTTP/1.1\r\n\r\n' },
  { uri: 'https://news.example/gone', status: 'HTTP/1.1 404 Not Found', body: page('Gone', 'Not here.') },
  {
    uri: 'https://news.example/photo.jpg',
    httpHeaders: { 'Content-Type': 'image/jpeg' },
    body: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 1, 2]),
  },
  {
    uri: 'https://news.example/market',
    id: 'urn:uuid:22222222-2222-2222-2222-222222222222',
    body: page('Night market', 'Stalls stay open until midnight in summer.'),
  },
];

describe('WARC ingest', () => {
  it('yields the HTML 200 responses of a WARC.gz with url, record id and date, skipping the rest', async () => {
    const results = await collect([write('crawl.warc.gz', warcFile(records))]);
    expect(results.every((r) => r.ok)).toBe(true);
    const pages = results.map((r) => (r.ok ? r.page : undefined));
    expect(pages.map((p) => p?.url)).toEqual(['https://news.example/harbour', 'https://news.example/market']);
    expect(pages[0]).toMatchObject({
      id: 'urn:uuid:11111111-1111-1111-1111-111111111111',
      fetchedAt: '2026-03-04T05:06:07Z',
      origin: `${join(dir, 'crawl.warc.gz')}#2`,
      encoding: 'utf-8',
      encodingFrom: 'header',
    });
    expect(pages[0]?.html).toContain('The ferry terminal reopened on Monday');
    const article = pageToArticle(pages[0]!);
    expect(article.id).toBe('urn:uuid:11111111-1111-1111-1111-111111111111');
    expect(article.text).toContain('The ferry terminal reopened on Monday after repairs.');
    expect(article.source.url).toBe('https://news.example/harbour');
  });

  it('reads an uncompressed WARC the same way', async () => {
    const results = await collect([write('crawl.warc', warcFile(records, false))]);
    expect(results.map((r) => r.ok && r.page.url)).toEqual([
      'https://news.example/harbour',
      'https://news.example/market',
    ]);
  });

  it('decodes a body with the charset of its HTTP header', async () => {
    const text =
      '\u201cSe\u00f1or Mu\u00f1oz\u201d opened the caf\u00e9 \u2014 Zo\u00eb Bront\u00eb cut the ribbon.';
    const body = Buffer.concat([
      Buffer.from('<html><body><p>'),
      iconv.encode(text, 'windows-1252'),
      Buffer.from('</p></body></html>'),
    ]);
    const results = await collect([
      write(
        'latin.warc.gz',
        warcFile([
          {
            uri: 'https://news.example/cafe',
            httpHeaders: { 'Content-Type': 'text/html; charset=windows-1252' },
            body,
          },
        ]),
      ),
    ]);
    expect(results).toHaveLength(1);
    const r = results[0]!;
    expect(r.ok && r.page.html).toContain(text);
    expect(r.ok && [r.page.encoding, r.page.encodingFrom]).toEqual(['windows-1252', 'header']);
  });

  it('undoes chunked transfer coding and gzip content coding left in a record', async () => {
    const html = page('Coded', 'A body that travelled gzipped and chunked.');
    const gz = gzipSync(html);
    const chunked = Buffer.concat([
      Buffer.from(`${gz.length.toString(16)}\r\n`),
      gz,
      Buffer.from('\r\n0\r\n\r\n'),
    ]);
    const results = await collect([
      write(
        'coded.warc.gz',
        warcFile([
          {
            uri: 'https://news.example/coded',
            httpHeaders: {
              'Content-Type': 'text/html',
              'Transfer-Encoding': 'chunked',
              'Content-Encoding': 'gzip',
            },
            body: chunked,
          },
        ]),
      ),
    ]);
    expect(results[0]?.ok && results[0].page.html).toBe(html);
  });

  it('reports a truncated gzipped record by file and number, after the pages before it, and stops', async () => {
    const whole = warcFile(records);
    const path = write('cut.warc.gz', whole.subarray(0, whole.length - 40));
    const results = await collect([path]);
    expect(results.filter((r) => r.ok).map((r) => r.ok && r.page.url)).toEqual([
      'https://news.example/harbour',
    ]);
    const errors = results.filter((r) => !r.ok);
    expect(errors).toHaveLength(1);
    const e = errors[0]!;
    expect(!e.ok && e.error.code).toBe('E_BAD_WARC');
    expect(!e.ok && e.error.toString()).toBe(
      `${path}: record 6 (https://news.example/market) is truncated or corrupt (unexpected end of file); reading stopped`,
    );
  });

  it('reports a truncated uncompressed record whose block is shorter than its Content-Length', async () => {
    const whole = warcFile(records, false);
    const path = write('cut.warc', whole.subarray(0, whole.length - 30));
    const results = await collect([path]);
    const last = results.at(-1)!;
    expect(!last.ok && last.error.toString()).toMatch(
      /cut\.warc: record 6 \(https:\/\/news\.example\/market\) is truncated or corrupt \(its block is shorter than its Content-Length \d+\)/,
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it('goes on with the next input after a broken WARC', async () => {
    const whole = warcFile(records);
    const results = await collect([
      write('cut2.warc.gz', whole.subarray(0, 300)),
      write('ok.warc.gz', whole),
    ]);
    expect(results.filter((r) => !r.ok)).toHaveLength(1);
    expect(results.filter((r) => r.ok)).toHaveLength(2);
  });

  it('says so when a WARC holds no HTML page, and when a .warc file is not a WARC', async () => {
    const none = await collect([write('none.warc.gz', warcFile([records[0]!, records[2]!]))]);
    expect(none.map((r) => !r.ok && r.error.code)).toEqual(['E_NOTHING_READABLE']);
    const fake = await collect([write('fake.warc', Buffer.from('<html><body>hello</body></html>'))]);
    expect(fake.map((r) => !r.ok && r.error.code)).toEqual(['E_BAD_WARC']);
    expect(!fake[0]!.ok && fake[0]!.error.message).toContain('not a WARC record');
  });
});

describe('WARC resource records', () => {
  it('takes a resource record holding HTML as a page', async () => {
    const results = await collect([
      write(
        'resource.warc.gz',
        warcFile([
          {
            type: 'resource',
            uri: 'file:///saved/story.html',
            contentType: 'text/html; charset=utf-8',
            body: page('Saved', 'A page saved as a resource.'),
          },
        ]),
      ),
    ]);
    expect(results.map((r) => r.ok && [r.page.url, r.page.encodingFrom])).toEqual([
      ['file:///saved/story.html', 'header'],
    ]);
  });
});
