/**
 * The worker thread's entry point: digests the chunks of pages it is sent, in order.
 * Loaded as compiled JS (dist/src/batch/worker.js); see worker-url.ts for how tests
 * running from the TypeScript sources find it.
 *
 * Given a database file, the worker stores its Articles itself, through its own
 * connection, one transaction per batch of whole chunks: no record crosses to the main
 * thread (a structured clone there cost more than the store's own insert) and the
 * store's work is spread over the workers. It tells the pool when a chunk is digested
 * (so that more are sent) and, once they are committed, the outcome of each page.
 * Without a file it answers each chunk with the store records, for the caller to store.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { DigestOptions } from '../digest-options.js';
import { useEntitiesModelBuffer } from '../entities/shipped-tagger.js';
import { asNewsdigestError } from '../errors.js';
import { type SharedCueTagger, useSharedTagger } from '../quotes/cue-tagger.js';
import { openStore } from '../store/sqlite-store.js';
import type { CorpusStore, StoredError, StoreItem } from '../store/types.js';
import { type Job, type JobOutcome, type JobResult, runJob } from './digest-job.js';
import { threadCpuMs } from './thread-cpu.js';

export interface ChunkMessage {
  kind: 'chunk';
  chunk: number;
  jobs: Job[];
}

export interface CloseMessage {
  kind: 'close';
}

/** Models the main thread loaded once for every worker, sent before the first chunk. */
export interface ModelsMessage {
  kind: 'models';
  quotesTagger?: SharedCueTagger;
}

export type ToWorker = ChunkMessage | CloseMessage | ModelsMessage;

export type FromWorker =
  /** The chunk's records, for the caller to store (no database given). */
  | { kind: 'results'; chunk: number; results: JobResult[] }
  /** The chunk is digested and waits in the worker's batch (a database given). */
  | { kind: 'digested'; chunk: number }
  /** These chunks' pages are committed (articles or error rows), in the order sent. */
  | { kind: 'committed'; chunks: { chunk: number; outcomes: JobOutcome[] }[] }
  | { kind: 'closed'; cpu?: WorkerCpu };

/** A worker thread's own CPU time (thread-cpu.ts), in ms; absent where the system does not tell. */
export interface WorkerCpu {
  /** From the thread's start to its first chunk: module imports, models shared, store opened. */
  startMs: number;
  /** The first chunk alone: models loaded at first use, code run cold. */
  firstChunkMs: number;
  /** The whole life of the thread, to its close (last commit included). */
  totalMs: number;
}

export interface WorkerSetup {
  options?: DigestOptions;
  /** The corpus database to write to; without it, records go back to the caller. */
  file?: string;
  /** Articles per transaction (at least; chunks are never split). */
  batchSize?: number;
  /** Longest time a digested page waits for its commit while the worker is busy. */
  flushMs?: number;
  busyTimeoutMs?: number;
  /** The compiled entities model, read once by the pool for every worker (shared memory). */
  entitiesModel?: SharedArrayBuffer;
}

/** How long a worker with nothing to do waits for another chunk before it commits what it holds. */
const IDLE_COMMIT_MS = 20;

export class BatchWriter {
  private items: StoreItem[] = [];
  private errors: StoredError[] = [];
  private chunks: { chunk: number; outcomes: JobOutcome[] }[] = [];
  /** The name of each page held (by hash), should the batch's transaction fail. */
  private inputs = new Map<string, string>();
  private firstAt = 0;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: CorpusStore,
    private readonly file: string,
    private readonly post: (m: FromWorker) => void,
    private readonly batchSize: number,
    private readonly flushMs: number,
  ) {}

  add(chunk: number, results: JobResult[]): void {
    if (this.chunks.length === 0) this.firstAt = performance.now();
    const outcomes: JobOutcome[] = [];
    for (const r of results) {
      if (r.ok) {
        this.items.push({ hash: r.hash, record: r.record });
        this.inputs.set(r.hash, r.record.origin ?? r.record.url ?? r.record.id);
        outcomes.push({ seq: r.seq, hash: r.hash, ok: true, stored: true });
      } else {
        this.errors.push({
          hash: r.hash,
          origin: r.error.input,
          code: r.error.code,
          message: r.error.message,
        });
        outcomes.push({ seq: r.seq, hash: r.hash, ok: false, error: r.error, stored: true });
      }
    }
    this.chunks.push({ chunk, outcomes });
  }

  /**
   * After each chunk: commit when the batch is full or old, without waiting if another worker
   * holds the write lock (then digest on and try after the next chunk), and waiting for it only
   * once the batch has grown to four times its size or age; when idle, soon, waiting.
   */
  settle(idle: boolean): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (this.chunks.length === 0) return;
    const pages = this.items.length + this.errors.length;
    const age = performance.now() - this.firstAt;
    if (pages >= 4 * this.batchSize || age >= 4 * this.flushMs) {
      this.commit(true);
      return;
    }
    if ((pages >= this.batchSize || age >= this.flushMs) && this.commit(false)) return;
    // Held back (a small batch, or another worker was writing): an idle worker must still
    // commit soon, waiting its turn. The pool may have no chunk left to send it, and waits for
    // these pages' commit before it closes the worker: without this timer both would wait.
    if (idle) this.idleTimer = setTimeout(() => this.commit(true), IDLE_COMMIT_MS);
  }

  /** Commits what is held; false when `wait` is false and another connection was writing. */
  commit(wait = true): boolean {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (this.chunks.length === 0) return true;
    try {
      const skipped =
        wait || !this.store.tryPutBatch
          ? this.store.putBatch(this.items, this.errors)
          : this.store.tryPutBatch(this.items, this.errors);
      if (skipped === undefined) return false;
      const already = new Set(skipped);
      if (already.size > 0) {
        for (const c of this.chunks) {
          for (const o of c.outcomes) if (o.ok && already.has(o.hash)) o.stored = false;
        }
      }
    } catch (e) {
      // Nothing of the batch is stored (one transaction). Each page fails with the reason,
      // for the main thread to record; a broken database then stops the run there, by name.
      const error = asNewsdigestError(e, this.file).toJSON();
      for (const c of this.chunks) {
        c.outcomes = c.outcomes.map((o) => ({
          seq: o.seq,
          hash: o.hash,
          ok: false,
          error: o.ok
            ? {
                code: error.code,
                input: this.inputs.get(o.hash) ?? o.hash,
                message: `not stored: ${error.input}: ${error.message}`,
              }
            : o.error,
          stored: false,
        }));
      }
    }
    this.post({ kind: 'committed', chunks: this.chunks });
    this.items = [];
    this.errors = [];
    this.chunks = [];
    this.inputs.clear();
    return true;
  }

  close(): void {
    this.commit();
    this.store.close();
  }
}

const port = parentPort;
if (port) {
  const setup = (workerData ?? {}) as WorkerSetup;
  const options = (setup.options ?? {}) as DigestOptions;
  const post = (m: FromWorker) => port.postMessage(m);
  if (setup.entitiesModel) {
    try {
      useEntitiesModelBuffer(setup.entitiesModel);
    } catch {
      // Not a model this build reads: the stage loads its own from models/ at first use.
    }
  }
  const writer = setup.file
    ? new BatchWriter(
        // The pool's main thread checkpoints the log (runIngest), so no worker waits on the disk.
        openStore(setup.file, { busyTimeoutMs: setup.busyTimeoutMs ?? 60_000, autoCheckpoint: false }),
        setup.file,
        post,
        setup.batchSize ?? 256,
        setup.flushMs ?? 1000,
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
      writer.add(message.chunk, results);
      post({ kind: 'digested', chunk: message.chunk });
      writer.settle(queued === 0);
    });
  });
}
