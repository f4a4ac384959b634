/**
 * A writer's batches (BatchWriter), committed whole and in input order through one connection:
 * used by the article pool's writing workers (worker.ts, with the shared turn) and by the stage
 * pool's one writer (stage-pool.ts, on the pool's own thread, or on its tail: no turn). Kept apart
 * from worker.ts so that the main thread can write without loading the stages worker.ts imports.
 */
import { asNewsdigestError } from '../errors.js';
import type { BatchTransaction, CorpusStore, StoredError, StoreItem } from '../store/types.js';
import type { JobOutcome, JobResult } from './digest-job.js';
import { advanceTurn } from './turn.js';
import type { FromWorker } from './worker.js';

/** Atomics.waitAsync (Node 16+; not in this project's TypeScript lib): resolves once the value moves. */
const waitAsync = (
  Atomics as unknown as {
    waitAsync(
      a: Int32Array,
      i: number,
      value: number,
      timeoutMs: number,
    ): { async: false; value: string } | { async: true; value: Promise<string> };
  }
).waitAsync.bind(Atomics);

/** A batch as this worker holds it: its chunks' results as they are digested. */
interface HeldBatch {
  /** One past its last page's sequence number, once the pool has said where it ends. */
  end?: number;
  received: number;
  digested: number;
  /** Digested pages not yet written to the store. */
  results: JobResult[];
  chunks: { chunk: number; outcomes: JobOutcome[] }[];
  /** The batch's transaction, open once its turn has come (a store that writes in parts). */
  open?: BatchTransaction;
  /** Hashes the store already had, among the pages written so far. */
  already: Set<string>;
  /** Each digested page's name (origin, URL or id) by hash, for an error if the batch fails. */
  inputs: Map<string, string>;
  /** Why the batch's transaction failed: then nothing of it is stored, and every page says so. */
  failed?: unknown;
}

/**
 * A writing worker's batches, committed in input order: each when it is whole (every chunk
 * digested and its end known) and its turn has come, one transaction each.
 *
 * Once a batch's turn has come, its pages are written into its transaction chunk by chunk as
 * they are digested, and it commits when whole: the records do not wait in this thread's heap
 * for the batch's end. Held across the young generation's collections, they were most of what
 * the worker's GC copied and promoted, and what its full collections then had to mark (on the
 * BBC file: 64 MB promoted over a pass against 29 MB written as digested; docs/RESULTS.md (corpus-10)).
 * A batch digested before its turn (another worker's batch is before it) is held as before and
 * written when the turn comes. Either way its pages reach the store in input order, in one
 * transaction: the database is the same.
 */
export class BatchWriter {
  private readonly batches = new Map<number, HeldBatch>();
  private waiting = false;
  private idle = false;

  constructor(
    private readonly store: CorpusStore,
    private readonly file: string,
    private readonly post: (m: FromWorker) => void,
    /** The pool's shared turn; undefined for the only writer (stage-split.ts): always its turn. */
    private readonly turn: Int32Array | undefined,
  ) {}

  private held(batch: number): HeldBatch {
    let b = this.batches.get(batch);
    if (!b) {
      b = { received: 0, digested: 0, results: [], chunks: [], already: new Set(), inputs: new Map() };
      this.batches.set(batch, b);
    }
    return b;
  }

  /** A chunk of `batch` was sent to this worker (counted as it arrives, before it is digested). */
  received(batch: number): void {
    this.held(batch).received++;
  }

  /** Where `batch` ends: it is whole once the chunks received so far are digested. */
  seal(batch: number, end: number): void {
    this.held(batch).end = end;
  }

  add(batch: number, chunk: number, results: JobResult[]): void {
    const b = this.held(batch);
    b.digested++;
    b.results.push(...results);
    const outcomes: JobOutcome[] = [];
    for (const r of results) {
      if (r.ok) b.inputs.set(r.hash, r.record.origin ?? r.record.url ?? r.record.id);
      outcomes.push(
        r.ok
          ? { seq: r.seq, hash: r.hash, ok: true, stored: true }
          : { seq: r.seq, hash: r.hash, ok: false, error: r.error, stored: true },
      );
    }
    b.chunks.push({ chunk, outcomes });
  }

  /**
   * Writes what is digested of the first batch once its turn has come, and commits, in order,
   * every whole batch whose turn has come. `idle`: this worker has nothing to digest, so it waits
   * for the turn (Atomics.waitAsync) instead of checking after its next chunk.
   */
  settle(idle: boolean): void {
    this.idle = idle;
    for (;;) {
      const next = this.first();
      if (next === undefined) return;
      const b = this.batches.get(next)!;
      const whole = b.end !== undefined && b.digested >= b.received;
      // At or past its start: a turn past it means a worker that died had committed it
      // already (the store then skips every page by hash).
      const turn = this.turn ? Atomics.load(this.turn, 0) : next;
      if (turn < next) {
        if (whole && idle) this.wait(turn);
        return;
      }
      if (!whole) {
        this.write(b);
        return;
      }
      this.commit(next, b);
    }
  }

  private first(): number | undefined {
    let min: number | undefined;
    for (const k of this.batches.keys()) if (min === undefined || k < min) min = k;
    return min;
  }

  private wait(turn: number): void {
    if (this.waiting || !this.turn) return;
    const r = waitAsync(this.turn, 0, turn, 5000);
    if (!r.async) {
      queueMicrotask(() => this.settle(this.idle));
      return;
    }
    this.waiting = true;
    void r.value.then(() => {
      this.waiting = false;
      this.settle(this.idle);
    });
  }

  /**
   * The batch's digested pages not yet written, into its transaction (opened at the first),
   * in input order. A store without openBatch keeps them for putBatch at the commit.
   */
  private write(b: HeldBatch): void {
    if (b.failed !== undefined || b.results.length === 0 || !this.store.openBatch) return;
    // Pages in input order, whatever order their chunks came in (chunks sent again after a failure).
    const results = b.results.sort((x, y) => x.seq - y.seq);
    b.results = [];
    const { items, errors } = rows(results);
    try {
      b.open ??= this.store.openBatch();
      for (const hash of b.open.put(items, errors)) b.already.add(hash);
    } catch (e) {
      b.failed = e;
      this.end(b);
    }
  }

  /** Ends a failed or abandoned batch's transaction, leaving nothing of it. */
  private end(b: HeldBatch): void {
    try {
      b.open?.rollback();
    } catch {
      // The connection is broken: closing it drops the transaction too.
    }
    b.open = undefined;
  }

  private commit(start: number, b: HeldBatch): void {
    this.batches.delete(start);
    this.write(b);
    if (b.failed === undefined) {
      try {
        if (b.open) {
          b.open.commit();
        } else {
          // A store that writes only whole batches (or a batch with no page left to write).
          const results = b.results.sort((x, y) => x.seq - y.seq);
          const { items, errors } = rows(results);
          if (items.length > 0 || errors.length > 0) {
            for (const hash of this.store.putBatch(items, errors)) b.already.add(hash);
          }
        }
      } catch (e) {
        b.failed = e;
        this.end(b);
      }
    }
    let chunks = b.chunks;
    if (b.failed !== undefined) {
      // Nothing of the batch is stored (one transaction). Each page fails with the reason,
      // for the main thread to record; a broken database then stops the run there, by name.
      const error = asNewsdigestError(b.failed, this.file).toJSON();
      chunks = chunks.map((c) => ({
        chunk: c.chunk,
        outcomes: c.outcomes.map((o) => ({
          seq: o.seq,
          hash: o.hash,
          ok: false as const,
          error: o.ok
            ? {
                code: error.code,
                input: b.inputs.get(o.hash) ?? o.hash,
                message: `not stored: ${error.input}: ${error.message}`,
              }
            : o.error,
          stored: false,
        })),
      }));
    } else if (b.already.size > 0) {
      for (const c of chunks) for (const o of c.outcomes) if (o.ok && b.already.has(o.hash)) o.stored = false;
    }
    // The next batch's worker may commit now (a failed transaction passes the turn on too:
    // its pages are reported failed, and the run goes on or stops by the main thread's rule).
    if (this.turn) advanceTurn(this.turn, b.end!);
    this.post({ kind: 'committed', batch: start, chunks });
  }

  /**
   * Commits what is whole and in turn, and leaves the rest: after a normal run nothing is
   * held; after an interrupted one, committing a batch out of turn would leave a gap before it
   * (what a run leaves must be a prefix of its inputs), and a rerun digests it again. A batch
   * whose transaction was opened but which is not whole is rolled back.
   */
  close(): void {
    this.settle(false);
    for (const b of this.batches.values()) this.end(b);
    this.store.close();
  }

  /**
   * Forgets every batch not committed, rolling back the one open, and keeps the connection: what
   * a writer on the pool's own thread does when the pipeline that fed it is replaced (stage-pool.ts
   * fail), as a tail's open transaction dies with the tail. The chunks are sent again from the start
   * of the first batch not committed; nothing committed is written twice.
   */
  abandon(): void {
    for (const b of this.batches.values()) this.end(b);
    this.batches.clear();
  }
}

/** A batch's pages as the store takes them: articles, and the error rows of pages that failed. */
function rows(results: readonly JobResult[]): { items: StoreItem[]; errors: StoredError[] } {
  const items: StoreItem[] = [];
  const errors: StoredError[] = [];
  for (const r of results) {
    if (r.ok) {
      items.push({ hash: r.hash, record: r.record });
    } else {
      const e: StoredError = { origin: r.error.input, code: r.error.code, message: r.error.message };
      if (r.hash) e.hash = r.hash;
      errors.push(e);
    }
  }
  return { items, errors };
}
