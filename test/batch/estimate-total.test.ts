import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimateTotal } from '../../src/batch/estimate-total.js';

describe('estimateTotal', () => {
  it('counts JSONL lines and page files, for the progress display', async () => {
    // feed.jsonl has 5 lines, plus one .txt and one .html page.
    expect(await estimateTotal(['test/fixtures/corpus/pages'])).toBe(7);
    const dir = mkdtempSync(join(tmpdir(), 'nd-total-'));
    writeFileSync(join(dir, 'a.jsonl'), '{"text":"a"}\n{"text":"b"}'); // no final newline
    expect(await estimateTotal([join(dir, 'a.jsonl'), 'test/fixtures/corpus/pages/harbour-fees.txt'])).toBe(
      3,
    );
  });

  it('says "unknown" when counting would need parsing: stdin, WARC, feeds, missing inputs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nd-total-'));
    writeFileSync(join(dir, 'crawl.warc.gz'), 'x');
    expect(await estimateTotal(['-'])).toBeUndefined();
    expect(await estimateTotal([join(dir, 'crawl.warc.gz')])).toBeUndefined();
    expect(await estimateTotal([dir])).toBeUndefined();
    expect(await estimateTotal([join(dir, 'nope', '*.html')])).toBeUndefined();
  });
});
