/**
 * The worker thread's entry point: digests the chunks of pages it is sent, in order.
 * Loaded as compiled JS (dist/src/batch/worker.js); see worker-url.ts for how tests
 * running from the TypeScript sources find it.
 *
 * Given a database file, the worker stores its Articles itself, through its own
 * connection, one transaction per batch (a run of consecutive chunks the pool gave it):
 * no record crosses to the main thread (a structured clone there cost more than the
 * store's own insert) and the store's work is spread over the workers. Batches are
 * committed in input order: a worker commits its batch when the shared turn (the first
 * page not yet committed, pool.ts) reaches it, then passes the turn on. It tells the pool
 * when a chunk is digested (so that more are sent) and, once committed, each page's outcome.
 * Without a file it answers each chunk with the store records, for the caller to store.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { DigestOptions } from '../digest-options.js';
import { useEntitiesModelBuffer } from '../entities/shipped-tagger.js';
import { asNewsdigestError } from '../errors.js';
import { type SharedCueTagger, useSharedTagger } from '../quotes/cue-tagger.js';
import { openStore } from '../store/sqlite-store.js';
import type { BatchTransaction, CorpusStore, StoredError, StoreItem } from '../store/types.js';
import { primeScanners } from '../text/prime.js';
import { type Job, type JobOutcome, type JobResult, runJob } from './digest-job.js';
import type { StageSetup, ToHead, ToTail } from './stage-split.js';
import { threadCpuMs } from './thread-cpu.js';
import { advanceTurn } from './turn.js';

export interface ChunkMessage {
  kind: 'chunk';
  chunk: number;
  jobs: Job[];
  /** A writing pool: the batch it belongs to (its first page's sequence number). */
  batch?: number;
  /** The batch's last chunk: where the batch ends (one past its last page's sequence number). */
  end?: number;
}

/** A batch whose chunks were all sent is cut there: it ends at `end`. */
export interface SealMessage {
  kind: 'seal';
  batch: number;
  end: number;
}

export interface CloseMessage {
  kind: 'close';
}

/** Models the main thread loaded once for every worker, sent before the first chunk. */
export interface ModelsMessage {
  kind: 'models';
  quotesTagger?: SharedCueTagger;
}

export type ToWorker = ChunkMessage | SealMessage | CloseMessage | ModelsMessage;

export type FromWorker =
  /** The chunk's records, for the caller to store (no database given). */
  | { kind: 'results'; chunk: number; results: JobResult[] }
  /** The chunk is digested and waits in the worker's batch (a database given). */
  | { kind: 'digested'; chunk: number }
  /** This batch's pages are committed (articles or error rows), chunk by chunk. */
  | { kind: 'committed'; batch: number; chunks: { chunk: number; outcomes: JobOutcome[] }[] }
  | { kind: 'closed'; cpu?: WorkerCpu };

/** A worker thread's own CPU time (thread-cpu.ts), in ms; absent where the system does not tell. */
export interface WorkerCpu {
  /** From the thread's start to its first chunk: module imports, models shared, store opened. */
  startMs: number;
  /** The first chunk alone: models loaded at first use, code run cold. */
  firstChunkMs: number;
  /** The whole life of the thread, to its close (last commit included). */
  totalMs: number;
  /** A stage-split pool's thread: which half it ran (stage-pool.ts). */
  role?: 'head' | 'tail';
}

export interface WorkerSetup {
  options?: DigestOptions;
  /** The corpus database to write to; without it, records go back to the caller. */
  file?: string;
  /** Articles already stored are replaced (StoreItem.replace), not kept. */
  replace?: boolean;
  /** The first page sequence number not yet committed, shared by the pool and its workers. */
  turn?: SharedArrayBuffer;
  busyTimeoutMs?: number;
  /** The compiled entities model, read once by the pool for every worker (shared memory). */
  entitiesModel?: SharedArrayBuffer;
  /** A stage-split pool's head or tail (stage-pool.ts): the whole setup of that half. */
  stage?: StageSetup;
}

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
    /** Articles already stored are replaced (ingest --redigest). */
    private readonly replace = false,
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
      if (!r.ok) {
        outcomes.push({ seq: r.seq, hash: r.hash, ok: false, error: r.error, stored: true });
      } else if (r.warned) {
        outcomes.push({ seq: r.seq, hash: r.hash, ok: true, stored: true, warned: r.warned });
      } else {
        outcomes.push({ seq: r.seq, hash: r.hash, ok: true, stored: true });
      }
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
    const { items, errors } = rows(results, this.replace);
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
          const { items, errors } = rows(results, this.replace);
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
}

/** A batch's pages as the store takes them: articles, and the error rows of pages that failed. */
function rows(
  results: readonly JobResult[],
  replace: boolean,
): { items: StoreItem[]; errors: StoredError[] } {
  const items: StoreItem[] = [];
  const errors: StoredError[] = [];
  for (const r of results) {
    if (r.ok) {
      items.push(replace ? { hash: r.hash, record: r.record, replace } : { hash: r.hash, record: r.record });
    } else {
      const e: StoredError = { origin: r.error.input, code: r.error.code, message: r.error.message };
      if (r.hash) e.hash = r.hash;
      errors.push(e);
    }
  }
  return { items, errors };
}

const port = parentPort;
const workerSetup = (workerData ?? {}) as WorkerSetup;
if (port && workerSetup.stage) {
  const setup = workerSetup;
  const stage = workerSetup.stage;
  if (setup.entitiesModel) {
    try {
      useEntitiesModelBuffer(setup.entitiesModel);
    } catch {
      // Not a model this build reads: the stage loads its own from models/ at first use.
    }
  }
  primeScanners();
  // Messages that arrive while the half's code loads wait here, in order.
  const early: (ToHead | ToTail)[] = [];
  let handle: ((m: ToHead | ToTail) => void) | undefined;
  port.on('message', (message: ToHead | ToTail) => {
    if (message.kind === 'models') {
      try {
        if (message.quotesTagger) useSharedTagger(message.quotesTagger as SharedCueTagger);
      } catch {
        // Not a tagger this build reads: the stage loads its own from models/ at first use.
      }
      return;
    }
    if (handle) handle(message);
    else early.push(message);
  });
  void import('./stage-split.js').then((split) => {
    handle = (stage.role === 'head' ? split.runHead(port, stage) : split.runTail(port, stage)) as (
      m: ToHead | ToTail,
    ) => void;
    for (const m of early.splice(0)) handle(m);
  });
} else if (port) {
  const setup = workerSetup;
  const options = (setup.options ?? {}) as DigestOptions;
  const post = (m: FromWorker) => port.postMessage(m);
  if (setup.entitiesModel) {
    try {
      useEntitiesModelBuffer(setup.entitiesModel);
    } catch {
      // Not a model this build reads: the stage loads its own from models/ at first use.
    }
  }
  // Type feedback for the text scanners' rarer rules before V8 compiles them (src/text/prime.ts).
  primeScanners();
  const writer =
    setup.file && setup.turn
      ? new BatchWriter(
          // The pool's main thread checkpoints the log (runIngest), so no worker waits on the disk.
          openStore(setup.file, { busyTimeoutMs: setup.busyTimeoutMs ?? 60_000, autoCheckpoint: false }),
          setup.file,
          post,
          new Int32Array(setup.turn),
          setup.replace === true,
        )
      : undefined;
  // The pool sends several chunks ahead; they are done one after the other, in order.
  let done: Promise<void> = Promise.resolve();
  let queued = 0;
  // This thread's CPU at the first chunk's start and end (undefined: not measurable here).
  let cpuAtFirst: number | undefined;
  let cpuAfterFirst: number | undefined;
  port.on('message', (message: ToWorker) => {
    if (message.kind === 'models') {
      try {
        if (message.quotesTagger) useSharedTagger(message.quotesTagger);
      } catch {
        // Not a tagger this build reads: the stage loads its own from models/ at first use.
      }
      return;
    }
    if (message.kind === 'close') {
      done = done.then(() => {
        writer?.close();
        const total = threadCpuMs();
        post(
          total === undefined || cpuAtFirst === undefined || cpuAfterFirst === undefined
            ? { kind: 'closed' }
            : {
                kind: 'closed',
                cpu: { startMs: cpuAtFirst, firstChunkMs: cpuAfterFirst - cpuAtFirst, totalMs: total },
              },
        );
      });
      return;
    }
    if (message.kind === 'seal') {
      writer?.seal(message.batch, message.end);
      if (queued === 0) writer?.settle(true);
      return;
    }
    const batch = message.batch ?? 0;
    writer?.received(batch);
    if (message.end !== undefined) writer?.seal(batch, message.end);
    queued++;
    done = done.then(async () => {
      const first = cpuAtFirst === undefined;
      if (first) cpuAtFirst = threadCpuMs();
      const results: JobResult[] = [];
      for (const job of message.jobs) results.push(await runJob(job, options));
      if (first) cpuAfterFirst = threadCpuMs();
      queued--;
      if (!writer) {
        post({ kind: 'results', chunk: message.chunk, results });
        return;
      }
      writer.add(batch, message.chunk, results);
      post({ kind: 'digested', chunk: message.chunk });
      writer.settle(queued === 0);
    });
  });
}
