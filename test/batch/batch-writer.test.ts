/**
 * A writing worker's batches (BatchWriter in src/batch/worker.ts), against a store that
 * stands in for the SQLite file another worker is writing to at the same moment.
 */
import { describe, expect, it, vi } from 'vitest';
import type { JobResult } from '../../src/batch/digest-job.js';
import type { FromWorker } from '../../src/batch/worker.js';
import { BatchWriter } from '../../src/batch/worker.js';
import type { CorpusStore, StoreItem, StoreRecord } from '../../src/store/types.js';

/** A store whose write lock is held by another connection until `release()`. */
function contendedStore() {
  let locked = true;
  const stored: string[] = [];
  const store = {
    putBatch(items: readonly StoreItem[]) {
      // Waiting for the lock (busy_timeout) ends with the write.
      locked = false;
      for (const i of items) stored.push(i.hash);
      return [];
    },
    tryPutBatch(items: readonly StoreItem[]) {
      if (locked) return undefined;
      for (const i of items) stored.push(i.hash);
      return [];
    },
    close() {},
  } as unknown as CorpusStore;
  return { store, stored, release: () => (locked = false) };
}

function results(from: number, count: number): JobResult[] {
  return Array.from({ length: count }, (_, k) => ({
    seq: from + k,
    hash: `h${from + k}`,
    ok: true as const,
    record: { id: `a${from + k}` } as StoreRecord,
  }));
}

const committedChunks = (posted: FromWorker[]) =>
  posted.flatMap((m) => (m.kind === 'committed' ? m.chunks.map((c) => c.chunk) : []));

describe('BatchWriter', () => {
  it('commits a full batch soon after it went idle, when another worker held the write lock at its first try', async () => {
    const { store, stored } = contendedStore();
    const posted: FromWorker[] = [];
    const writer = new BatchWriter(store, 'corpus.db', (m) => posted.push(m), 4, 60_000);
    writer.add(0, results(0, 3));
    writer.add(1, results(3, 3));
    // Six pages, a batch of four: the writer tries at once, without waiting, and is refused.
    writer.settle(true);
    expect(stored).toEqual([]);
    // No chunk will come (the pool has none left, and waits for these commits): the writer
    // must commit on its own, waiting for the lock this time.
    await vi.waitFor(() => expect(committedChunks(posted)).toEqual([0, 1]), { timeout: 2000 });
    expect(stored).toEqual(['h0', 'h1', 'h2', 'h3', 'h4', 'h5']);
  });

  it('a busy worker whose try was refused keeps its pages and commits them after its next chunk', () => {
    const { store, stored, release } = contendedStore();
    const posted: FromWorker[] = [];
    const writer = new BatchWriter(store, 'corpus.db', (m) => posted.push(m), 4, 60_000);
    writer.add(0, results(0, 5));
    writer.settle(false);
    expect(committedChunks(posted)).toEqual([]);
    release();
    writer.add(1, results(5, 1));
    writer.settle(false);
    expect(committedChunks(posted)).toEqual([0, 1]);
    expect(stored).toHaveLength(6);
  });

  it('holds a small batch while busy, and commits it once idle', async () => {
    const { store, stored, release } = contendedStore();
    release();
    const posted: FromWorker[] = [];
    const writer = new BatchWriter(store, 'corpus.db', (m) => posted.push(m), 50, 60_000);
    writer.add(0, results(0, 2));
    writer.settle(false);
    expect(stored).toEqual([]);
    writer.settle(true);
    await vi.waitFor(() => expect(committedChunks(posted)).toEqual([0]), { timeout: 2000 });
  });
});
