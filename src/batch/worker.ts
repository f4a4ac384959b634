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
import { type SharedCueTagger, useSharedTagger } from '../quotes/cue-tagger.js';
import { openStore } from '../store/sqlite-store.js';
import { primeScanners } from '../text/prime.js';
import { BatchWriter } from './batch-writer.js';
import { type Job, type JobOutcome, type JobResult, runJob } from './digest-job.js';
import type { StageSetup, ToHead, ToTail } from './stage-split.js';
import { threadCpuMs } from './thread-cpu.js';

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

export { BatchWriter } from './batch-writer.js';

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
  /** The first page sequence number not yet committed, shared by the pool and its workers. */
  turn?: SharedArrayBuffer;
  busyTimeoutMs?: number;
  /** The compiled entities model, read once by the pool for every worker (shared memory). */
  entitiesModel?: SharedArrayBuffer;
  /** A stage-split pool's head or tail (stage-pool.ts): the whole setup of that half. */
  stage?: StageSetup;
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
