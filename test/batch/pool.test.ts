import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Job } from '../../src/batch/digest-job.js';
import { DigestPool } from '../../src/batch/pool.js';
import { openStore } from '../../src/store/sqlite-store.js';
import { syntheticPage } from './synthetic-pages.js';

const hasDist = existsSync('dist/src/batch/worker.js');

describe('DigestPool', () => {
  it.skipIf(!hasDist)('answers each chunk with its own pages when chunks are sent ahead', async () => {
    const pool = new DigestPool({ workers: 1, depth: 3 });
    try {
      const chunks: Job[][] = [];
      for (let c = 0; c < 7; c++) {
        chunks.push(
          [0, 1].map((k) => {
            const seq = c * 2 + k;
            return { seq, hash: `h${seq}`, page: syntheticPage(seq) };
          }),
        );
      }
      // All submitted at once: the worker holds three chunks at a time and answers in order.
      const answers = await Promise.all(chunks.map((jobs) => pool.submit(jobs)));
      for (const [c, results] of answers.entries()) {
        expect(results.map((r) => [r.seq, r.hash, r.ok])).toEqual([
          [c * 2, `h${c * 2}`, true],
          [c * 2 + 1, `h${c * 2 + 1}`, true],
        ]);
        const first = results[0]!;
        expect(first.ok && 'record' in first && first.record.id).toBe(`synthetic-${c * 2}`);
      }
      const busy = pool.busyShare();
      expect(busy).toHaveLength(1);
      expect(busy[0]).toBeGreaterThan(0);
      expect(busy[0]).toBeLessThanOrEqual(1);
    } finally {
      await pool.close();
    }
  });

  it.skipIf(!hasDist)(
    'fails only the chunk a hung worker was on; chunks queued behind it are retried whole',
    async () => {
      // 1 ms: no worker answers in time, so every chunk in turn is taken for hung and split up.
      const pool = new DigestPool({ workers: 1, depth: 2, chunkTimeoutMs: 1 });
      try {
        const a = pool.submit([0, 1].map((seq) => ({ seq, hash: `h${seq}`, page: syntheticPage(seq) })));
        const b = pool.submit([{ seq: 2, hash: 'h2', page: syntheticPage(2) }]);
        const [ra, rb] = await Promise.all([a, b]);
        expect(ra.map((r) => [r.seq, r.ok])).toEqual([
          [0, false],
          [1, false],
        ]);
        expect(rb.map((r) => [r.seq, r.ok])).toEqual([[2, false]]);
        expect(ra[0]!.ok === false && ra[0]!.error.message).toMatch(/no answer within/);
      } finally {
        await pool.close();
      }
    },
  );

  it.skipIf(!hasDist)(
    'with a database, workers store the pages themselves and answer once committed; a hash stored already is reported so',
    async () => {
      const file = join(mkdtempSync(join(tmpdir(), 'nd-pool-')), 'c.db');
      openStore(file).close(); // the schema, as runIngest's store makes it before the pool starts
      const pool = new DigestPool({ workers: 2, depth: 2, store: { file, batchSize: 3 } });
      let answers: Awaited<ReturnType<DigestPool['submit']>>[];
      try {
        const chunks = [0, 1, 2, 3].map((c) =>
          [0, 1].map((k) => ({ seq: c * 2 + k, hash: `h${c * 2 + k}`, page: syntheticPage(c * 2 + k) })),
        );
        answers = await Promise.all(chunks.map((jobs) => pool.submit(jobs)));
        // The same content again (same hash): digested, but the store keeps the first.
        answers.push(await pool.submit([{ seq: 8, hash: 'h3', page: syntheticPage(3) }]));
      } finally {
        await pool.close();
      }
      expect(answers.flat().map((r) => [r.seq, r.ok, 'stored' in r && r.stored, 'record' in r])).toEqual([
        ...[0, 1, 2, 3, 4, 5, 6, 7].map((seq) => [seq, true, true, false]),
        [8, true, false, false],
      ]);
      const store = openStore(file);
      expect(store.stats().articles).toBe(8);
      for (let i = 0; i < 8; i++) expect(store.has(`h${i}`)).toBe(true);
      expect(store.article('synthetic-5')?.text).toBe(syntheticPage(5).text);
      store.close();
    },
  );
});
