import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageToArticle } from '../../src/ingest/page.js';
import { type PageResult, readPages } from '../../src/ingest/read.js';
import { SkippedRecords } from '../../src/ingest/skipped.js';
import type { SkippedRecord } from '../../src/ingest/warc.js';
import { page, type RecordSpec, warcFile } from './warc-builder.js';

const dir = mkdtempSync(join(tmpdir(), 'nd-warc-skip-'));

const NOTE = 'Tide notes\n\nThe harbour office said the spring tides would peak on Thursday evening.';

/** A crawl of one site: pages, the records around them, and the responses that are not pages. */
const crawl: RecordSpec[] = [
  { type: 'warcinfo', body: 'software: test\r\n' },
  { type: 'request', uri: 'https://tide.example/ferry', body: 'GET /ferry HTTP/1.1\r\n\r\n' },
  {
    uri: 'https://tide.example/ferry',
    body: page('Ferry late', 'The morning ferry ran an hour late on Monday.'),
  },
  { type: 'metadata', uri: 'https://tide.example/ferry', body: 'fetchTimeMs: 120\r\n' },
  {
    uri: 'https://tide.example/logo.png',
    httpHeaders: { 'Content-Type': 'image/png' },
    body: Buffer.from([0x89, 0x50, 0x4e, 0x47]),
  },
  {
    uri: 'https://tide.example/fares.pdf',
    httpHeaders: { 'Content-Type': 'application/pdf' },
    body: '%PDF-1.4\n%%EOF',
  },
  {
    uri: 'https://tide.example/missing',
    status: 'HTTP/1.1 404 Not Found',
    body: page('Not found', 'No such page.'),
  },
  {
    uri: 'https://tide.example/old',
    status: 'HTTP/1.1 301 Moved Permanently',
    httpHeaders: { Location: '/ferry' },
    body: '',
  },
  {
    type: 'revisit',
    uri: 'https://tide.example/ferry',
    contentType: 'application/http; msgtype=response',
    body: 'HTTP/1.1 200 OK\r\n\r\n',
  },
  {
    uri: 'https://tide.example/notes.txt',
    httpHeaders: { 'Content-Type': 'text/plain; charset=utf-8' },
    body: NOTE,
  },
  {
    type: 'resource',
    uri: 'file:///saved/notes.txt',
    contentType: 'text/plain',
    body: NOTE.replace('Thursday', 'Friday'),
  },
  { type: 'resource', uri: 'file:///saved/chart.svg', contentType: 'image/svg+xml', body: '<svg/>' },
  { uri: 'https://tide.example/raw', httpHeaders: {}, body: 'no type and not HTML' },
];

async function read(
  name: string,
  records: RecordSpec[],
): Promise<{ results: PageResult[]; skipped: SkippedRecord[] }> {
  const path = join(dir, name);
  writeFileSync(path, warcFile(records));
  const skipped: SkippedRecord[] = [];
  const results: PageResult[] = [];
  for await (const r of readPages([path], { onSkipped: (s) => skipped.push(s) })) results.push(r);
  return { results, skipped };
}

describe('WARC records that are not pages', () => {
  it('tells each skipped record with its number, URL and reason; reads text/plain responses and resources as text pages', async () => {
    const { results, skipped } = await read('crawl.warc.gz', crawl);
    const path = join(dir, 'crawl.warc.gz');
    expect(
      results.map((r) =>
        r.ok ? [r.page.origin, r.page.html ? 'html' : 'text', r.page.url] : r.error.toString(),
      ),
    ).toEqual([
      [`${path}#3`, 'html', 'https://tide.example/ferry'],
      [`${path}#10`, 'text', 'https://tide.example/notes.txt'],
      [`${path}#11`, 'text', 'file:///saved/notes.txt'],
    ]);
    const text = results[1]!.ok ? results[1]!.page : undefined;
    expect(text?.text).toBe(NOTE);
    expect(pageToArticle(text!).source.format).toBe('text');
    expect(skipped.map((s) => [s.record, s.type, s.reason, s.detail, s.url ?? null])).toEqual([
      [1, 'warcinfo', 'not-a-page', 'a warcinfo record', null],
      [2, 'request', 'not-a-page', 'a request record', 'https://tide.example/ferry'],
      [4, 'metadata', 'not-a-page', 'a metadata record', 'https://tide.example/ferry'],
      [5, 'response', 'content-type', 'image/png', 'https://tide.example/logo.png'],
      [6, 'response', 'content-type', 'application/pdf', 'https://tide.example/fares.pdf'],
      [7, 'response', 'status', 'HTTP 404', 'https://tide.example/missing'],
      [8, 'response', 'status', 'HTTP 301', 'https://tide.example/old'],
      [9, 'revisit', 'not-a-page', 'a revisit record', 'https://tide.example/ferry'],
      [12, 'resource', 'content-type', 'image/svg+xml', 'file:///saved/chart.svg'],
      [13, 'response', 'content-type', 'no content type, and not HTML', 'https://tide.example/raw'],
    ]);
    expect(new Set(skipped.map((s) => s.file))).toEqual(new Set([path]));
  });

  it('sums the skips up per file and names the responses skipped by record and URL', async () => {
    const tally = new SkippedRecords();
    const path = join(dir, 'tally.warc.gz');
    writeFileSync(path, warcFile(crawl));
    for await (const _ of readPages([path], { onSkipped: tally.add })) {
      // pages are not needed here
    }
    expect(tally.size).toBe(10);
    expect(tally.summaryLines()).toEqual([
      `${path}: 10 records skipped: 4 not pages (metadata record, request record, revisit record, warcinfo record); ` +
        '2 HTTP status not 200 (HTTP 301, HTTP 404); ' +
        '4 neither HTML nor text (application/pdf, image/png, image/svg+xml, no content type, and not HTML)',
    ]);
    expect(tally.recordLines()).toEqual([
      `${path}#5 https://tide.example/logo.png: skipped (image/png)`,
      `${path}#6 https://tide.example/fares.pdf: skipped (application/pdf)`,
      `${path}#7 https://tide.example/missing: skipped (HTTP 404)`,
      `${path}#8 https://tide.example/old: skipped (HTTP 301)`,
      `${path}#12 file:///saved/chart.svg: skipped (image/svg+xml)`,
      `${path}#13 https://tide.example/raw: skipped (no content type, and not HTML)`,
    ]);
  });

  it('says "not a page" of one such record', async () => {
    const tally = new SkippedRecords();
    const path = join(dir, 'one.warc.gz');
    writeFileSync(path, warcFile([crawl[0]!, crawl[2]!]));
    for await (const _ of readPages([path], { onSkipped: tally.add })) {
      // pages are not needed here
    }
    expect(tally.summaryLines()).toEqual([`${path}: 1 record skipped: 1 not a page (warcinfo record)`]);
    expect(tally.recordLines()).toEqual([]);
  });

  it('says what it skipped when a WARC holds no page at all', async () => {
    const { results } = await read('none.warc.gz', [crawl[0]!, crawl[1]!, crawl[4]!, crawl[6]!]);
    expect(results.map((r) => !r.ok && r.error.message)).toEqual([
      'holds no HTML or text response records (4 records read; skipped: 2 not pages (warcinfo, request, metadata, revisit …), 1 neither HTML nor text, 1 HTTP status not 200)',
    ]);
  });

  it('names the record’s URL in an error about its body', async () => {
    const path = join(dir, 'big.warc.gz');
    writeFileSync(
      path,
      warcFile([{ uri: 'https://tide.example/huge', body: page('Huge', 'word '.repeat(50)) }]),
    );
    const results: PageResult[] = [];
    for await (const r of readPages([path], { maxRecordBytes: 100 })) results.push(r);
    expect(results.map((r) => !r.ok && r.error.toString())).toEqual([
      `${path}#1: https://tide.example/huge: body of 343 bytes is over the 100-byte limit`,
    ]);
  });
});
