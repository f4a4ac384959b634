/**
 * The stage-split pool (src/batch/stage-pool.ts): heads run the first stages, one tail the rest
 * and the store. What today's pool promises must hold for it too: the same database as the
 * article pool, answers in input order, and a page that hangs or kills a head or the tail is
 * reported alone, the rest stored; the tail is never blamed for a head's page.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Job } from '../../src/batch/digest-job.js';
import { defaultSplit, runIngest } from '../../src/batch/run-ingest.js';
import { StagePool } from '../../src/batch/stage-pool.js';
import type { StageFault } from '../../src/batch/stage-split.js';
import { openStore } from '../../src/store/sqlite-store.js';
import { databaseDifference } from '../store/test-database.js';
import { syntheticJsonl, syntheticPage } from './synthetic-pages.js';

const hasDist = existsSync('dist/src/batch/worker.js');
const tmp = () => mkdtempSync(join(tmpdir(), 'nd-stage-pool-'));

/** Pages 0..n-1 in chunks of `size`, numbered in input order. */
function chunks(n: number, size: number): Job[][] {
  const out: Job[][] = [];
  for (let s = 0; s < n; s += size) {
    const jobs: Job[] = [];
    for (let seq = s; seq < Math.min(n, s + size); seq++)
      jobs.push({ seq, hash: `h${seq}`, page: syntheticPage(seq) });
    out.push(jobs);
  }
  return out;
}

/** Submits every chunk, ends the input and waits for the answers; the pool is closed either way. */
async function submitAll(pool: StagePool, all: Job[][]) {
  try {
    const answers = all.map((jobs) => pool.submit(jobs));
    pool.end();
    return await Promise.all(answers);
  } finally {
    await pool.close();
  }
}

/** Runs `pages` synthetic pages through a writing stage pool with the given faults; the outcomes and the pool's restarts. */
async function withFaults(faults: StageFault[], timeoutMs: number, workers = 2) {
  const file = join(tmp(), 'c.db');
  openStore(file).close();
  const pool = new StagePool({
    workers,
    depth: 2,
    store: { file, batchSize: 4 },
    chunkTimeoutMs: timeoutMs,
    faults,
  });
  const answers = await submitAll(pool, chunks(12, 3));
  const store = openStore(file);
  const stored = store.stats().articles;
  const errors = store.errors();
  store.close();
  return { outcomes: answers.flat(), restarts: pool.restarts, stored, errors, file };
}

describe.skipIf(!hasDist)('StagePool', () => {
  it('stores what the article pool stores, with 2, 3 and 4 workers (1, 2, 3 heads), answering in order', async () => {
    const dir = tmp();
    const input = join(dir, 'many.jsonl');
    writeFileSync(input, syntheticJsonl(90));
    const ingest = async (name: string, workers: number, split: 'stage' | 'article') => {
      const file = join(dir, `${name}.db`);
      const store = openStore(file);
      const progress: number[] = [];
      try {
        const summary = await runIngest({
          inputs: [input],
          store,
          workers,
          split,
          chunkSize: 2,
          batchSize: 6,
          onProgress: (d) => progress.push(d),
        });
        return { file, summary, progress };
      } finally {
        store.close();
      }
    };
    const base = await ingest('article', 2, 'article');
    expect(base.summary).toMatchObject({ read: 90, stored: 90, failed: 0 });
    for (const workers of [2, 3, 4]) {
      const run = await ingest(`stage-${workers}`, workers, 'stage');
      expect(run.summary).toMatchObject({ read: 90, stored: 90, skipped: 0, failed: 0 });
      expect(run.summary.workerCpu?.length ?? workers).toBe(workers);
      expect(run.progress.at(-1)).toBe(90);
      expect(run.progress).toEqual([...run.progress].sort((a, b) => a - b));
      expect(databaseDifference(base.file, run.file)).toEqual([]);
    }
    // A rerun with 2 workers and no layout asked for (the default: by stage) skips everything.
    expect([1, 2, 3, 4].map(defaultSplit)).toEqual(['article', 'stage', 'article', 'article']);
    const store = openStore(join(dir, 'stage-2.db'));
    const again = await runIngest({ inputs: [input], store, workers: 2 });
    store.close();
    expect(again).toMatchObject({ read: 90, stored: 0, skipped: 90, failed: 0 });
    if (again.workerCpu) expect(again.workerCpu.map((c) => c.role)).toEqual(['head', 'tail']);
  }, 120_000);

  it('commits a batch cut short when the reader is behind (nothing more sent, the tail idle)', async () => {
    const file = join(tmp(), 'c.db');
    openStore(file).close();
    const pool = new StagePool({ workers: 2, store: { file, batchSize: 64 } });
    try {
      // One chunk of a batch of 64, and no end(): answered only once it is committed.
      const [first] = chunks(3, 3);
      const answered = await pool.submit(first!);
      expect(answered.map((r) => [r.seq, r.ok, 'stored' in r && r.stored])).toEqual([
        [0, true, true],
        [1, true, true],
        [2, true, true],
      ]);
      const store = openStore(file);
      expect(store.stats().articles).toBe(3);
      store.close();
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('a head is freed of a chunk whose batch was committed before its "handed" reached the pool', async () => {
    // One page a chunk, one chunk a batch, one chunk on the head at a time: the tail's commit (which
    // drops the batch) may reach this thread before the head's "handed" (two channels). The pool
    // must still take the chunk off the head, or the head is never sent another and its hang timer
    // replaces the pipeline (a restart, and 10 s per stall).
    const file = join(tmp(), 'c.db');
    openStore(file).close();
    const pool = new StagePool({
      workers: 2,
      depth: 1,
      store: { file, batchSize: 1 },
      chunkTimeoutMs: 10_000,
    });
    const answers = await submitAll(pool, chunks(100, 1));
    expect(answers.flat().map((o) => [o.seq, o.ok])).toEqual(
      Array.from({ length: 100 }, (_, i) => [i, true]),
    );
    expect(pool.restarts).toBe(0);
  }, 60_000);

  it('without a database, answers each chunk with its records, in order', async () => {
    const pool = new StagePool({ workers: 3, depth: 2 });
    try {
      const answers = await Promise.all(chunks(10, 2).map((jobs) => pool.submit(jobs)));
      pool.end();
      expect(answers.flat().map((r) => [r.seq, r.ok, 'record' in r && r.record.id])).toEqual(
        Array.from({ length: 10 }, (_, i) => [i, true, `synthetic-${i}`]),
      );
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('a page that kills the head fails alone; the rest are stored', async () => {
    const r = await withFaults([{ role: 'head', id: 'synthetic-4', kind: 'crash' }], 60_000);
    expect(r.outcomes.map((o) => [o.seq, o.ok])).toEqual(Array.from({ length: 12 }, (_, i) => [i, i !== 4]));
    const bad = r.outcomes[4]!;
    expect(bad.ok === false && bad.error.message).toMatch(/worker exited with code 70/);
    expect(bad.ok === false && 'stored' in bad && bad.stored).toBe(true);
    expect(r.stored).toBe(11);
    expect(r.errors.map((e) => e.code)).toEqual(['E_INTERNAL']);
    // Once for its chunk of 3, once for the page alone.
    expect(r.restarts).toBe(2);
  }, 60_000);

  it('a page that kills the tail fails alone; the rest are stored', async () => {
    const r = await withFaults([{ role: 'tail', id: 'synthetic-7', kind: 'crash' }], 60_000);
    expect(r.outcomes.map((o) => [o.seq, o.ok])).toEqual(Array.from({ length: 12 }, (_, i) => [i, i !== 7]));
    expect(r.stored).toBe(11);
    expect(r.errors.map((e) => e.code)).toEqual(['E_INTERNAL']);
    expect(r.restarts).toBe(2);
  }, 60_000);

  it('a page that hangs the head fails alone, and the tail is not blamed while it waits for it', async () => {
    const r = await withFaults([{ role: 'head', id: 'synthetic-5', kind: 'hang' }], 4000, 3);
    expect(r.outcomes.map((o) => [o.seq, o.ok])).toEqual(Array.from({ length: 12 }, (_, i) => [i, i !== 5]));
    const bad = r.outcomes[5]!;
    expect(bad.ok === false && bad.error.message).toMatch(/no answer within 4s/);
    expect(r.stored).toBe(11);
    // Had the tail's clock run while it waited for the hung head, it would have been blamed for
    // an innocent chunk too: more restarts, and a page after the hung one failed.
    expect(r.restarts).toBe(2);
  }, 60_000);

  it('a page that hangs the tail fails alone', async () => {
    const r = await withFaults([{ role: 'tail', id: 'synthetic-2', kind: 'hang' }], 4000);
    expect(r.outcomes.map((o) => [o.seq, o.ok])).toEqual(Array.from({ length: 12 }, (_, i) => [i, i !== 2]));
    expect(r.stored).toBe(11);
    expect(r.restarts).toBe(2);
  }, 60_000);
});
