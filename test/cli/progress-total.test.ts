/**
 * Review-16 item 13: ingest's progress line shows a percentage and the time left when the
 * input's size is known, by pages (a JSONL file, page files) or by the bytes read (a gzip file,
 * a feed, a WARC, a folder of them). Fake clocks only: nothing here depends on time passing.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { inputBytes } from '../../src/cli/commands/ingest.js';
import { createProgress, FIRST_DRAW_MS, progressLine, sizeText } from '../../src/cli/progress.js';
import { fileBytesRead } from '../../src/ingest/byte-source.js';
import { readPages } from '../../src/ingest/read.js';

const dir = mkdtempSync(join(tmpdir(), 'nd-progress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('progressLine', () => {
  it('with a page total: count of total, percentage, rate and time left', () => {
    expect(progressLine('ingest', 120, 4368, 10)).toBe('ingest 120/4368 (2.7%, 12.0/s, 5m54s left)');
    expect(progressLine('ingest', 4368, 4368, 40)).toBe('ingest 4368/4368 (100%, 109.2/s, 0s left)');
  });

  it('without a page total, the share of the bytes read and the time left it implies', () => {
    // A quarter of 12.5 MB read in 10 s: 30 s more at the same pace.
    expect(progressLine('ingest', 1000, undefined, 10, { read: 3_125_000, total: 12_500_000 })).toBe(
      'ingest 1000 (25% of 13 MB, 100.0/s, 30s left)',
    );
    expect(progressLine('ingest', 5, undefined, 2, { read: 100, total: 4_000 })).toBe(
      'ingest 5 (2.5% of 4.0 KB, 2.5/s, 1m18s left)',
    );
    // Read to the end: 100 %, nothing left to read (pages still in the workers finish quickly).
    expect(progressLine('ingest', 7, undefined, 3, { read: 4_000, total: 4_000 })).toBe(
      'ingest 7 (100% of 4.0 KB, 2.3/s, 0s left)',
    );
  });

  it('with the pages read from those bytes, the pages done of them: reading runs ahead', () => {
    // 1.5 of 5 MB taken in, 600 pages read from it, 300 done: 15 % of the work, not 30 %.
    expect(progressLine('ingest', 300, undefined, 6, { read: 1_500_000, total: 5_000_000, pages: 600 })).toBe(
      'ingest 300 (15% of 5.0 MB, 50.0/s, 34s left)',
    );
    // Read to the end: the pages read are the total, whatever the buffers held.
    expect(
      progressLine('ingest', 4000, undefined, 40, { read: 5_000_000, total: 5_000_000, pages: 4368 }),
    ).toBe('ingest 4000 (91% of 5.0 MB, 100.0/s, 4s left)');
  });

  it('a page total wins over bytes; nothing known gives count and rate only, as before', () => {
    expect(progressLine('ingest', 10, 20, 5, { read: 1, total: 100 })).toBe(
      'ingest 10/20 (50%, 2.0/s, 5s left)',
    );
    expect(progressLine('ingest', 4296, undefined, 41.35)).toBe('ingest 4296 (103.9/s)');
    expect(progressLine('ingest', 3, undefined, 1, { read: 0, total: 0 })).toBe('ingest 3 (3.0/s)');
    expect(progressLine('ingest', 0, undefined, 1, { read: 0, total: 10 })).toBe(
      'ingest 0 (0.0% of 10 B, 0.0/s)',
    );
  });

  it('sizes in decimal units', () => {
    expect(sizeText(999)).toBe('999 B');
    expect(sizeText(1500)).toBe('1.5 KB');
    expect(sizeText(12_345_678)).toBe('12 MB');
    expect(sizeText(1_400_000_000)).toBe('1.4 GB');
  });
});

describe('createProgress with the bytes read', () => {
  it('draws the share of bytes given by its callback, on a fake clock', () => {
    let t = 5_000;
    let read = 0;
    let written = '';
    const stream = new PassThrough();
    stream.on('data', (d: Buffer) => {
      written += d.toString();
    });
    const p = createProgress(
      'ingest',
      stream,
      true,
      () => t,
      () => ({ read, total: 2_000_000 }),
    );
    t += FIRST_DRAW_MS + 750; // 1 s after the start
    read = 500_000;
    p.tick(40);
    expect(written).toBe('\r\x1b[2Kingest 40 (25% of 2.0 MB, 40.0/s, 3s left)');
    written = '';
    t += 1_000;
    read = 1_000_000;
    p.tick(80, 160); // a page total, when given, is used instead
    expect(written).toBe('\r\x1b[2Kingest 80/160 (50%, 40.0/s, 2s left)');
    p.done();
  });
});

describe('what the reader reads, and what the inputs weigh', () => {
  it('fileBytesRead grows by the bytes of each file read, compressed, streamed or whole', async () => {
    const lines = Array.from({ length: 400 }, (_, i) =>
      JSON.stringify({
        id: `p${i}`,
        text: `Page ${i} of the harbour report. The ferry left at noon, the mayor said.`,
      }),
    ).join('\n');
    const gz = join(dir, 'pages.jsonl.gz');
    writeFileSync(gz, gzipSync(`${lines}\n`));
    const page = join(dir, 'one.txt');
    writeFileSync(page, 'A short page.\n\nThe council met on Tuesday, a spokeswoman said.\n');
    const before = fileBytesRead();
    let pages = 0;
    for await (const r of readPages([gz, page])) if (r.ok) pages++;
    expect(pages).toBe(401);
    const size = (await inputBytes([gz, page]))!;
    expect(fileBytesRead() - before).toBe(size);
  });

  it("inputBytes sums a folder's readable files (not hidden ones), and is unknown for stdin or a missing file", async () => {
    const folder = join(dir, 'folder');
    mkdirSync(join(folder, 'sub'), { recursive: true });
    mkdirSync(join(folder, '.git'), { recursive: true });
    writeFileSync(join(folder, 'a.html'), '<p>Twelve bytes</p>'); // 19 bytes
    writeFileSync(join(folder, 'sub', 'b.txt'), 'abc'); // 3
    writeFileSync(join(folder, 'notes.bin'), 'ignored by the reader');
    writeFileSync(join(folder, '.git', 'c.txt'), 'hidden');
    expect(await inputBytes([folder])).toBe(22);
    expect(await inputBytes([folder, '-'])).toBeUndefined();
    expect(await inputBytes([join(dir, 'missing.jsonl')])).toBeUndefined();
  });
});
