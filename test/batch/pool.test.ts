import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Job } from '../../src/batch/digest-job.js';
import { DigestPool } from '../../src/batch/pool.js';
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
});
