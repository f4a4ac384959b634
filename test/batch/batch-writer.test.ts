/**
 * A writing worker's batches (BatchWriter in src/batch/worker.ts): committed whole, in input
 * order, each when the shared turn reaches it, against a store that records what it was given.
 */
import { describe, expect, it, vi } from 'vitest';
import type { JobResult } from '../../src/batch/digest-job.js';
import type { FromWorker } from '../../src/batch/worker.js';
import { BatchWriter } from '../../src/batch/worker.js';
import type { CorpusStore, StoredError, StoreItem, StoreRecord } from '../../src/store/types.js';

/** One store for two writers, as two connections to one file would be. */
function recordingStore() {
  const stored: string[] = [];
  const store = {
    putBatch(items: readonly StoreItem[], errors: readonly StoredError[] = []) {
      for (const i of items) stored.push(i.hash);
      for (const e of errors) stored.push(`error:${e.origin}`);
      return [];
    },
    close() {},
  } as unknown as CorpusStore;
  return { store, stored };
}

/**
 * A store that also writes a batch in parts (openBatch), as the SQLite store does: what each
 * transaction put is kept apart until it commits; `log` tells when each part was written.
 */
function partsStore(failOn?: string) {
  const stored: string[] = [];
  const log: string[] = [];
  const store = {
    putBatch() {
      throw new Error('a store that writes in parts is not given whole batches');
    },
    openBatch() {
      const open: string[] = [];
      log.push('begin');
      return {
        put(items: readonly StoreItem[], errors: readonly StoredError[] = []) {
          for (const i of items) {
            if (i.hash === failOn) throw new Error('disk full');
            open.push(i.hash);
          }
          for (const e of errors) open.push(`error:${e.origin}`);
          log.push(`put ${items.map((i) => i.hash).join(',')}`);
          return [];
        },
        commit() {
          stored.push(...open);
          log.push('commit');
        },
        rollback() {
          log.push('rollback');
        },
      };
    },
    close() {},
  } as unknown as CorpusStore;
  return { store, stored, log };
}

function results(seqs: number[]): JobResult[] {
  return seqs.map((seq) =>
    seq % 5 === 4
      ? {
          seq,
          hash: `h${seq}`,
          ok: false as const,
          error: { code: 'E_INTERNAL' as const, input: `p${seq}`, message: 'x' },
        }
      : { seq, hash: `h${seq}`, ok: true as const, record: { id: `a${seq}` } as StoreRecord },
  );
}

function writers() {
  const turn = new Int32Array(new SharedArrayBuffer(4));
  const { store, stored } = recordingStore();
  const posted: FromWorker[] = [];
  const make = () => new BatchWriter(store, 'corpus.db', (m) => posted.push(m), turn);
  const committed = () => posted.flatMap((m) => (m.kind === 'committed' ? [m.batch] : []));
  return { turn, stored, make, committed };
}

describe('BatchWriter', () => {
  it('commits a batch digested early only after the batches before it, in input order', () => {
    const { turn, stored, make, committed } = writers();
    const a = make();
    const b = make();
    // b's batch (pages 3-5) is digested first; a's (pages 0-2) is the first in the input.
    b.received(3);
    b.seal(3, 6);
    b.add(3, 1, results([3, 4, 5]));
    b.settle(false);
    expect(stored).toEqual([]);
    a.received(0);
    a.received(0);
    a.seal(0, 3);
    a.add(0, 0, results([0, 1]));
    a.settle(false);
    expect(stored).toEqual([]); // one of its chunks is not digested yet
    a.add(0, 2, results([2]));
    a.settle(false);
    expect(stored).toEqual(['h0', 'h1', 'h2']);
    expect(Atomics.load(turn, 0)).toBe(3);
    b.settle(false);
    // Articles, then the batch's error rows (page 4), each in input order.
    expect(stored).toEqual(['h0', 'h1', 'h2', 'h3', 'h5', 'error:p4']);
    expect(committed()).toEqual([0, 3]);
    expect(Atomics.load(turn, 0)).toBe(6);
  });

  it('an idle worker waiting for its turn commits as soon as the turn reaches it', async () => {
    const { stored, make, committed } = writers();
    const a = make();
    const b = make();
    b.received(2);
    b.seal(2, 3);
    b.add(2, 1, results([2]));
    b.settle(true);
    a.received(0);
    a.seal(0, 2);
    a.add(0, 0, results([1, 0]));
    a.settle(true);
    await vi.waitFor(() => expect(committed()).toEqual([0, 2]), { timeout: 2000 });
    // Pages sorted by their place in the input, whatever order they came back in.
    expect(stored).toEqual(['h0', 'h1', 'h2']);
  });

  it('holds a batch whose end it has not been told; at close commits only what is whole and in turn', () => {
    const { stored, make, committed } = writers();
    const a = make();
    const b = make();
    a.received(0);
    a.add(0, 0, results([0, 1]));
    a.settle(false);
    expect(committed()).toEqual([]);
    // An interrupted run: b's batch is whole but its turn never came (a's has no end).
    b.received(2);
    b.seal(2, 3);
    b.add(2, 1, results([2]));
    b.close();
    a.close();
    // Nothing committed: storing page 2 without pages 0-1 would leave a gap a rerun could not close in order.
    expect(committed()).toEqual([]);
    expect(stored).toEqual([]);
  });

  it('writes a batch whose turn has come chunk by chunk as digested, and commits it when whole', () => {
    const turn = new Int32Array(new SharedArrayBuffer(4));
    const { store, stored, log } = partsStore();
    const posted: FromWorker[] = [];
    const a = new BatchWriter(store, 'corpus.db', (m) => posted.push(m), turn);
    const b = new BatchWriter(store, 'corpus.db', (m) => posted.push(m), turn);
    // b's batch (pages 3-5) is digested before its turn: held, nothing written.
    b.received(3);
    b.add(3, 2, results([3]));
    b.settle(false);
    a.received(0);
    a.received(0);
    a.add(0, 0, results([0, 1]));
    a.settle(false);
    // a's turn: its first chunk is written at once, in the batch's transaction, not committed.
    expect(log).toEqual(['begin', 'put h0,h1']);
    expect(stored).toEqual([]);
    a.seal(0, 3);
    a.add(0, 1, results([2]));
    a.settle(false);
    expect(log).toEqual(['begin', 'put h0,h1', 'put h2', 'commit']);
    expect(stored).toEqual(['h0', 'h1', 'h2']);
    expect(Atomics.load(turn, 0)).toBe(3);
    // b's turn now: what it held goes in first, then each chunk as it comes.
    b.received(3);
    b.seal(3, 6);
    b.settle(false);
    expect(log.slice(4)).toEqual(['begin', 'put h3']);
    b.add(3, 3, results([4, 5]));
    b.settle(false);
    expect(log.slice(4)).toEqual(['begin', 'put h3', 'put h5', 'commit']);
    expect(stored).toEqual(['h0', 'h1', 'h2', 'h3', 'h5', 'error:p4']);
    const outcomes = posted.flatMap((m) =>
      m.kind === 'committed' ? m.chunks.flatMap((c) => c.outcomes) : [],
    );
    expect(outcomes.map((o) => [o.seq, o.ok, o.stored])).toEqual([
      [0, true, true],
      [1, true, true],
      [2, true, true],
      [3, true, true],
      [4, false, true],
      [5, true, true],
    ]);
  });

  it('a write that fails drops the whole batch and reports each page failed; a batch not whole at close is rolled back', () => {
    const turn = new Int32Array(new SharedArrayBuffer(4));
    const { store, stored, log } = partsStore('h2');
    const posted: FromWorker[] = [];
    const a = new BatchWriter(store, 'corpus.db', (m) => posted.push(m), turn);
    a.received(0);
    a.received(0);
    a.seal(0, 4);
    a.add(0, 0, results([0, 1]));
    a.settle(false);
    a.add(0, 1, results([2, 3]));
    a.settle(false);
    expect(log).toEqual(['begin', 'put h0,h1', 'rollback']);
    expect(stored).toEqual([]);
    const outcomes = posted.flatMap((m) =>
      m.kind === 'committed' ? m.chunks.flatMap((c) => c.outcomes) : [],
    );
    expect(outcomes.map((o) => [o.seq, o.ok, o.stored])).toEqual([
      [0, false, false],
      [1, false, false],
      [2, false, false],
      [3, false, false],
    ]);
    const first = outcomes[0]!;
    expect(first.ok === false && first.error.message).toBe('not stored: corpus.db: disk full');
    expect(Atomics.load(turn, 0)).toBe(4);
    // The next batch: written in part, then the run stops before it is whole.
    a.received(4);
    a.add(4, 2, results([5]));
    a.settle(false);
    a.close();
    expect(log.slice(3)).toEqual(['begin', 'put h5', 'rollback']);
    expect(stored).toEqual([]);
  });
});
