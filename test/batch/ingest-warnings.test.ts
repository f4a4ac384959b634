import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobWarnings } from '../../src/batch/digest-job.js';
import { type IngestOptions, runIngest } from '../../src/batch/run-ingest.js';
import { openStore } from '../../src/store/sqlite-store.js';
import { syntheticPage } from './synthetic-pages.js';
import { warningPages } from './warning-pages.js';

const hasDist = existsSync('dist/src/batch/worker.js');
const tmp = () => mkdtempSync(join(tmpdir(), 'nd-batch-warn-'));

/** 30 pages, every fifth a list of site links (no story: E_NO_ARTICLE), the rest stories. */
function mixedJsonl(dir: string): string {
  const file = join(dir, 'mixed.jsonl');
  let out = '';
  for (let i = 0; i < 30; i++) {
    const page =
      i % 5 === 2
        ? { id: `nav-${i}`, text: `Home\nNews ${i}\nSport\nWeather\nContact us` }
        : syntheticPage(i);
    out += `${JSON.stringify(page)}\n`;
  }
  writeFileSync(file, out);
  return file;
}
const NAV_LINES = [2, 7, 12, 17, 22, 27];

describe('runIngest: the warnings of stored pages reach the caller', () => {
  const layouts: [string, Partial<IngestOptions>][] = [
    ['main thread', { workers: 0 }],
    ['1 writing worker', { workers: 1 }],
    ['2 writing workers by stage', { workers: 2, split: 'stage' }],
    ['2 writing workers by article', { workers: 2, split: 'article' }],
    ['1 worker, records stored here', { workers: 1, workersWrite: false }],
    ['2 workers by stage, records stored here', { workers: 2, split: 'stage', workersWrite: false }],
    ['2 workers by article, records stored here', { workers: 2, split: 'article', workersWrite: false }],
  ];
  for (const [name, layout] of layouts) {
    it.skipIf(layout.workers !== 0 && !hasDist)(
      `${name}: each warned page once (in input order from one writer), code and message; counted; none on a rerun`,
      async () => {
        const dir = tmp();
        const input = mixedJsonl(dir);
        const store = openStore(join(dir, 'c.db'));
        const seen: JobWarnings[] = [];
        const run = () =>
          runIngest({
            inputs: [input],
            store,
            workers: 0,
            // Small chunks and batches: several batches, and with 2 workers several commits each.
            chunkSize: 2,
            batchSize: 4,
            ...layout,
            onWarnings: (w) => seen.push(w),
          });
        const first = await run();
        expect(first).toMatchObject({ read: 30, stored: 30, warned: NAV_LINES.length, failed: 0 });
        const names = seen.map((w) => w.input);
        // Several writing workers (by article) report their commits on their own ports: the main
        // thread may hear of one batch's commit just before the one before it. One writer (this
        // thread, one worker, a stage pool's tail) reports in input order.
        const severalWriters =
          (layout.workers ?? 0) > 1 && layout.split === 'article' && layout.workersWrite !== false;
        const expected = NAV_LINES.map((i) => `${input}:${i + 1}`);
        if (severalWriters) expect([...names].sort()).toEqual([...expected].sort());
        else expect(names).toEqual(expected);
        for (const w of seen) {
          // Code and message only, as the Article has them.
          expect(w.warnings).toEqual([
            { code: 'E_NO_ARTICLE', message: expect.stringMatching(/^no article found/) },
          ]);
        }
        // The Article stored keeps its warning (nothing of the database changes).
        expect(store.article('nav-2')?.warnings?.map((x) => x.code)).toEqual(['E_NO_ARTICLE']);

        seen.length = 0;
        const again = await run();
        expect(again).toMatchObject({ stored: 0, skipped: 30, warned: 0 });
        expect(seen).toEqual([]);
        store.close();
      },
    );
  }

  it('a page found stored by another connection when its batch is written: not reported, not counted', async () => {
    const { dir, pages } = warningPages();
    const file = join(dir, 'c.db');
    const store = openStore(file);
    const other = openStore(file);
    // Another connection stores each batch's pages just before this run writes them.
    const racing = new Proxy(store, {
      get(target, key, receiver) {
        if (key === 'putBatch') {
          return (
            items: Parameters<typeof store.putBatch>[0],
            errors: Parameters<typeof store.putBatch>[1],
          ) => {
            other.putBatch(items, []);
            return target.putBatch(items, errors);
          };
        }
        const v = Reflect.get(target, key, receiver);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    const seen: string[] = [];
    const summary = await runIngest({
      inputs: [pages],
      store: racing,
      workers: 0,
      onWarnings: (w) => seen.push(w.input),
    });
    expect(summary).toMatchObject({ stored: 0, skipped: 2, warned: 0 });
    expect(seen).toEqual([]);
    expect(store.article(store.search({ q: 'ferry' }).items[0]!.id)).toBeDefined();
    other.close();
    store.close();
  });

  it('a page given twice in one run is reported once (the second is a duplicate, not digested)', async () => {
    const { dir, pages, front } = warningPages();
    const store = openStore(join(dir, 'c.db'));
    const seen: string[] = [];
    const summary = await runIngest({
      inputs: [front, pages],
      store,
      workers: 0,
      onWarnings: (w) => seen.push(w.input),
    });
    expect(summary).toMatchObject({ stored: 2, warned: 1, duplicates: 1 });
    expect(seen).toEqual([front]);
    store.close();
  });
});
