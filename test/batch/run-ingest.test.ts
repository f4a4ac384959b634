import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkArticle } from '../../src/article/validate.js';
import { runIngest } from '../../src/batch/run-ingest.js';
import { openStore } from '../../src/store/sqlite-store.js';
import { syntheticJsonl } from './synthetic-pages.js';

const PAGES = 'test/fixtures/corpus/pages';
const tmp = () => mkdtempSync(join(tmpdir(), 'nd-batch-'));
const hasDist = existsSync('dist/src/batch/worker.js');

describe('runIngest', () => {
  it('stores every page, records the failures and goes on, and skips what is stored on a rerun', async () => {
    const store = openStore(join(tmp(), 'c.db'));
    const first = await runIngest({ inputs: [PAGES, join(PAGES, 'missing.txt')], store, workers: 0 });
    // feed.jsonl: 3 pages (one a copy of another), a bad line, a record without text;
    // plus the .txt and .html pages, and a missing input.
    expect(first).toMatchObject({ read: 5, stored: 4, skipped: 1, failed: 3 });
    expect(first.errors.map((e) => [e.code, e.origin])).toEqual([
      ['E_BAD_JSON', `${PAGES}/feed.jsonl:4`],
      ['E_BAD_RECORD', `${PAGES}/feed.jsonl:5`],
      ['E_NOT_FOUND', `${PAGES}/missing.txt`],
    ]);
    expect(store.errors().map((e) => e.code)).toEqual(['E_BAD_JSON', 'E_BAD_RECORD', 'E_NOT_FOUND']);
    const stats = store.stats();
    expect(stats.articles).toBe(4);
    expect(store.article('bridge-paint')?.text).toMatch(/^Bridge repainting/);
    expect(store.search({ q: 'quay walls' }).items).toHaveLength(1);
    expect(store.search({ q: 'hall' }).items[0]?.snippet).toMatch(/<mark>hall<\/mark>/);

    const again = await runIngest({ inputs: [PAGES], store, workers: 0 });
    expect(again).toMatchObject({ read: 5, stored: 0, skipped: 5, failed: 2 });
    expect(store.stats().articles).toBe(4);
    // The same failures again replace, not pile up.
    expect(store.errors()).toHaveLength(3);
    store.close();
  });

  it('reports progress as pages are done', async () => {
    const store = openStore(':memory:');
    const seen: number[] = [];
    await runIngest({ inputs: [PAGES], store, workers: 0, onProgress: (d) => seen.push(d) });
    expect(seen.at(-1)).toBe(7);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    store.close();
  });

  it.skipIf(!hasDist)('stores the same articles with worker threads as on the main thread', async () => {
    const dir = tmp();
    const input = join(dir, 'many.jsonl');
    writeFileSync(input, syntheticJsonl(120));
    const inline = openStore(join(dir, 'inline.db'));
    const threaded = openStore(join(dir, 'threaded.db'));
    const a = await runIngest({ inputs: [input], store: inline, workers: 0, batchSize: 50 });
    const b = await runIngest({ inputs: [input], store: threaded, workers: 2, batchSize: 50 });
    expect(b).toMatchObject({ read: 120, stored: 120, failed: 0 });
    expect(a).toMatchObject({ read: 120, stored: 120, failed: 0 });
    // Workers run the compiled stages (dist/), which may lag the sources in a dev tree:
    // compare what batching decides (which articles, their text), not every layer.
    for (const id of ['synthetic-0', 'synthetic-60', 'synthetic-119']) {
      const article = threaded.article(id);
      expect(article?.text).toBe(inline.article(id)?.text);
      expect(checkArticle(article)).toMatchObject({ ok: true });
    }
    expect(threaded.stats().articles).toBe(120);
    inline.close();
    threaded.close();
  });

  it.skipIf(!hasDist)('replaces a worker that does not answer and fails only the pages it held', async () => {
    const dir = tmp();
    const input = join(dir, 'few.jsonl');
    writeFileSync(input, syntheticJsonl(3));
    const store = openStore(join(dir, 'c.db'));
    // No worker can even start within 1 ms: every chunk, then every page retried alone, times out.
    const r = await runIngest({ inputs: [input], store, workers: 1, chunkTimeoutMs: 1 });
    expect(r).toMatchObject({ read: 3, stored: 0, failed: 3 });
    expect(r.errors.map((e) => [e.code, e.origin])).toEqual([
      ['E_INTERNAL', `${input}:1`],
      ['E_INTERNAL', `${input}:2`],
      ['E_INTERNAL', `${input}:3`],
    ]);
    expect(r.errors[0]!.message).toMatch(/no answer within/);
    // The batch went on and a rerun with time to spare stores them all.
    const again = await runIngest({ inputs: [input], store, workers: 1 });
    expect(again).toMatchObject({ stored: 3, failed: 0 });
    expect(store.errors()).toEqual([]);
    store.close();
  });
});
