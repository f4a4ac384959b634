/**
 * The batch: pages are read and hashed on the main thread, digested on worker
 * threads, and stored in batches, one transaction each: by each worker through its
 * own connection when the store is a file, else from the main thread.
 * Everything is committed in input order, whatever the number of workers and
 * whichever finishes first (pool.ts; this thread reorders the records of a pool that
 * does not write): the same inputs give the same database, and what a killed run left
 * is always a prefix of its inputs. Inputs already stored (same content hash) are
 * skipped, so a rerun after a crash or a kill picks up where the last committed batch
 * left off; with `redigest` they are digested again and replace the stored Articles, each
 * in its batch's transaction, so an article is always either the old one or the new one.
 * A page that fails is recorded with its error, in its place, and the batch goes on.
 */
import type { DigestOptions } from '../digest-options.js';
import { readPages } from '../ingest/read.js';
import type { SkippedRecord } from '../ingest/warc.js';
import type { CorpusStore, StoredError, StoreItem } from '../store/types.js';
import type { Job, JobResult, JobWarnings } from './digest-job.js';
import { inputHash } from './input-hash.js';
import { DigestPool, type PoolResult } from './pool.js';
import { StagePool } from './stage-pool.js';
import type { WorkerCpu } from './worker.js';

/** How often the main thread checkpoints the log while workers write. */
const CHECKPOINT_MS = 2000;
/** Pages per transaction of a writing worker (IngestOptions.batchSize). */
const WORKER_BATCH = 64;

export interface IngestOptions {
  inputs: readonly string[];
  store: CorpusStore;
  /** Worker threads; 0 digests on the main thread. */
  workers: number;
  /**
   * Pages already stored are digested again and replace their stored Article and every row
   * derived from it (StoreItem.replace), keeping its id and place; counted in `redigested`.
   * Without it they are skipped.
   */
  redigest?: boolean;
  digest?: DigestOptions;
  stdin?: NodeJS.ReadableStream;
  /** Told of each WARC record that gives no page (ReadOptions.onSkipped). */
  onSkipped?: (record: SkippedRecord) => void;
  /**
   * Pages per transaction: writing workers commit batches of up to this many consecutive
   * pages (default 64); this thread, when it stores, up to this many (default 256) or every
   * `flushMs`.
   */
  batchSize?: number;
  flushMs?: number;
  /** Pages per message to a worker: fewer messages, same work. */
  chunkSize?: number;
  chunkTimeoutMs?: number;
  /** Called as pages are done (stored, skipped or failed), with the counts so far. */
  onProgress?: (done: number, counts: IngestCounts) => void;
  /**
   * Called for each page stored in this run whose Article has warnings, once its batch is
   * committed (not for a page found stored already, nor one whose batch failed). In input order
   * from one writer (this thread, one worker, a stage pool's tail); several writing workers (split
   * by article) report their commits on their own ports, so a batch's pages may come just before
   * the previous batch's.
   */
  onWarnings?: (warned: JobWarnings) => void;
  /**
   * Worker threads store their own Articles, each through its own connection (default true,
   * when the store is a file); false sends the records to this thread, which stores them all.
   */
  workersWrite?: boolean;
  /** Young generation of each worker thread, in MB (V8's default when absent). */
  youngGenerationMb?: number;
  /** V8 optimises on its helper threads (default: when there are fewer workers than cores; pool.ts). */
  backgroundCompile?: boolean;
  /** V8's interrupt budget while the workers run (default: pool.ts workerInterruptBudget; 0: V8's). */
  interruptBudget?: number;
  /**
   * How 2+ workers share the work: `stage`, heads run the first stages and one tail the rest and
   * the store (stage-pool.ts); `article`, every worker runs the whole pipeline on its own pages
   * (pool.ts). Default: defaultSplit(workers). One worker is always the whole pipeline.
   */
  split?: Split;
}

export type Split = 'stage' | 'article';

/**
 * The layout of the workers when none is asked for: by stage for exactly 2 (one head, one
 * tail: measured lower CPU and a higher rate than 2 whole-pipeline workers, docs/RESULTS.md
 * (corpus-12)); by article otherwise. With more workers a stage pool is k heads feeding one
 * tail, whose rate is bounded by that one thread (~1.5 ms an article on the BBC file, about what
 * 2 threads give): k whole-pipeline workers on k cores go further.
 */
export function defaultSplit(workers: number): Split {
  return workers === 2 ? 'stage' : 'article';
}

/** The counts of a run so far (IngestSummary's, also handed to onProgress). */
export interface IngestCounts {
  /** Pages read (inputs that could not be read at all count as failed, not read). */
  read: number;
  stored: number;
  /**
   * Of `stored`, the pages that replaced an article already stored (`redigest`); the others are
   * new to the store.
   */
  redigested: number;
  /** Of `stored`, the pages whose Article has warnings (each handed to `onWarnings`). */
  warned: number;
  /** Not stored because already in the store or read earlier in this run (`duplicates`). */
  skipped: number;
  /**
   * Of `skipped`, the pages whose content (the same content hash) was read earlier in this run:
   * the store keeps the first; each is named in `duplicateList`.
   */
  duplicates: number;
  failed: number;
}

/** A page not stored because a page earlier in the same run had the same content. */
export interface Duplicate {
  origin: string;
  /** The page's own id, when its input gave one (JSONL's `id`). */
  id?: string;
  /** The origin of the first page of this run with that content. */
  duplicateOf: string;
  /** That page's id, when its input gave one. */
  duplicateOfId?: string;
  hash: string;
}

export interface IngestSummary extends IngestCounts {
  /** The pages of `duplicates`, in input order. */
  duplicateList: Duplicate[];
  /** The failures of this run, in input order. */
  errors: StoredError[];
  seconds: number;
  /** Mean share of their time the workers spent working, not waiting for pages (0 to 1). */
  workerBusy?: number;
  /** Each worker thread's own CPU time (Linux only; see thread-cpu.ts). */
  workerCpu?: WorkerCpu[];
}

export async function runIngest(opts: IngestOptions): Promise<IngestSummary> {
  const t0 = performance.now();
  const { store } = opts;
  const flushMs = opts.flushMs ?? 1000;
  const chunkSize = opts.chunkSize ?? 8;
  const digestOptions = opts.digest ?? {};
  // The stages are loaded on this thread only when it digests (no workers): with workers, each
  // worker loads its own. Importing them here too cost this thread a median ~25 ms CPU more per
  // run (10-110 in 6 alternated pairs; the page reader loads much of the same code anyway).
  const runJob = opts.workers > 0 ? undefined : (await import('./digest-job.js')).runJob;
  // Workers write their Articles themselves when they can open the database (a file).
  const workersWrite = opts.workersWrite ?? true;
  const writing = opts.workers > 0 && workersWrite && store.file !== undefined;
  // A writing worker's batch is a run of consecutive pages that the reader must have read
  // ahead for each worker: smaller than this thread's, which costs no read-ahead.
  const batchSize = opts.batchSize ?? (writing ? WORKER_BATCH : 256);
  const split = opts.split ?? defaultSplit(opts.workers);
  const redigest = opts.redigest === true;
  // Replacing finds an article's quotes through an index that plain ingests do without; made
  // before any worker opens the file, dropped once the run has ended.
  if (redigest) store.beginReplace?.();
  const poolOptions = {
    workers: opts.workers,
    options: digestOptions,
    chunkTimeoutMs: opts.chunkTimeoutMs,
    store: writing ? { file: store.file!, batchSize, ...(redigest ? { replace: true } : {}) } : undefined,
    youngGenerationMb: opts.youngGenerationMb,
    backgroundCompile: opts.backgroundCompile,
    interruptBudget: opts.interruptBudget,
  };
  const pool =
    opts.workers > 1 && split === 'stage'
      ? new StagePool(poolOptions)
      : opts.workers > 0
        ? new DigestPool(poolOptions)
        : undefined;
  const summary: IngestSummary = {
    read: 0,
    stored: 0,
    redigested: 0,
    warned: 0,
    skipped: 0,
    duplicates: 0,
    failed: 0,
    duplicateList: [],
    errors: [],
    seconds: 0,
  };
  // What this thread stores: the records of a pool that does not write, and the errors of
  // inputs that could not be read or whose worker died.
  let items: StoreItem[] = [];
  // The warnings of the pages among `items` that have any, reported once they are committed.
  let itemWarnings: { hash: string; warned: JobWarnings }[] = [];
  let errors: StoredError[] = [];
  // Hashes sent for digesting and not yet committed: a page read twice in one run is done once.
  const pending = new Set<string>();
  // With `redigest`: the hashes of pages that were stored when read and are not yet stored again
  // (a page stored again counts as re-digested, not new).
  const replacing = new Set<string>();
  // Every page's hash read in this run, with the origin of the first page that had it: a later
  // page with the same hash is reported as a duplicate of that one (reporting only: it is
  // skipped as before). ~100 bytes a page.
  const seen = new Map<string, { origin: string; id: string | undefined }>();
  let lastFlush = performance.now();
  let seq = 0;

  const warned = (w: JobWarnings): void => {
    summary.warned++;
    opts.onWarnings?.(w);
  };

  const progress = () => opts.onProgress?.(summary.stored + summary.skipped + summary.failed, summary);

  const flush = (): void => {
    if (items.length === 0 && errors.length === 0) return;
    const already = new Set(store.putBatch(items, errors));
    for (const item of items) {
      pending.delete(item.hash);
      if (already.has(item.hash)) {
        summary.stored--;
        summary.skipped++;
      } else if (replacing.delete(item.hash)) {
        summary.redigested++;
      }
    }
    for (const e of errors) if (e.hash) pending.delete(e.hash);
    for (const w of itemWarnings) if (!already.has(w.hash)) warned(w.warned);
    items = [];
    itemWarnings = [];
    errors = [];
    lastFlush = performance.now();
  };

  // Each failure with its place in the input: writing workers' answers arrive in the order their
  // messages do, which need not be the order of their commits.
  const failures: { seq: number; error: StoredError }[] = [];
  const failed = (seq: number, e: StoredError, storedAlready: boolean): void => {
    if (!storedAlready) errors.push(e);
    failures.push({ seq, error: e });
    summary.failed++;
  };

  // A pool that does not write answers chunks as they are digested: their results are put back
  // in input order here (by sequence number) before they are stored.
  const early = new Map<number, PoolResult>();
  let nextSeq = 0;
  let drained: (() => void) | undefined;
  const inOrder = (results: readonly PoolResult[]): PoolResult[] => {
    if (!pool || pool.writes) return results as PoolResult[];
    for (const r of results) early.set(r.seq, r);
    const ready: PoolResult[] = [];
    for (let r = early.get(nextSeq); r !== undefined; r = early.get(nextSeq)) {
      early.delete(nextSeq++);
      ready.push(r);
    }
    drained?.();
    return ready;
  };

  const take = (answered: readonly PoolResult[]): void => {
    const results = inOrder(answered);
    for (const r of results) {
      if (r.ok) {
        if ('record' in r) {
          items.push(
            redigest ? { hash: r.hash, record: r.record, replace: true } : { hash: r.hash, record: r.record },
          );
          if (r.warned) itemWarnings.push({ hash: r.hash, warned: r.warned });
          summary.stored++;
        } else {
          // Committed by a worker (or found there already, stored by another connection).
          pending.delete(r.hash);
          if (r.stored) {
            summary.stored++;
            if (replacing.delete(r.hash)) summary.redigested++;
            if (r.warned) warned(r.warned);
          } else {
            summary.skipped++;
          }
        }
      } else {
        const e: StoredError = { origin: r.error.input, code: r.error.code, message: r.error.message };
        if (r.hash) e.hash = r.hash;
        const storedAlready = 'stored' in r && r.stored;
        if (storedAlready) pending.delete(r.hash);
        failed(r.seq, e, storedAlready);
      }
    }
    if (items.length + errors.length >= batchSize || performance.now() - lastFlush >= flushMs) flush();
    progress();
  };

  // Writing workers never checkpoint the write-ahead log (an fsync that would stall a worker);
  // this thread, idle most of the time, does it every so often, and once at the end.
  let checkpointTimer: NodeJS.Timeout | undefined;
  if (pool?.writes && store.checkpoint) {
    checkpointTimer = setInterval(() => store.checkpoint?.(), CHECKPOINT_MS);
  }

  const inflight = new Set<Promise<void>>();
  // Enough chunks undigested for every worker's chunks sent ahead plus a few waiting in the queue;
  // with writing workers, a batch of consecutive chunks for each besides.
  const maxBacklog = pool
    ? pool.size * (pool.aheadPerWorker + 2 + (pool.writes ? Math.ceil(batchSize / chunkSize) : 0))
    : 0;
  // Results held for their turn (a pool that does not write): a slow page holds back at most this many.
  const maxEarly = maxBacklog * chunkSize;
  let chunk: Job[] = [];
  const send = async (): Promise<void> => {
    const jobs = chunk;
    chunk = [];
    if (jobs.length === 0) return;
    if (!pool) {
      const results: JobResult[] = [];
      // runJob is loaded exactly when there is no pool.
      for (const job of jobs) results.push(await runJob!(job, digestOptions));
      take(results);
      return;
    }
    const p = pool.submit(jobs).then(take);
    const tracked = p.finally(() => inflight.delete(tracked));
    inflight.add(tracked);
    await pool.room(maxBacklog);
    while (early.size >= maxEarly) await new Promise<void>((r) => (drained = r));
    drained = undefined;
  };

  try {
    for await (const result of readPages(opts.inputs, {
      ...(opts.stdin ? { stdin: opts.stdin } : {}),
      ...(opts.onSkipped ? { onSkipped: opts.onSkipped } : {}),
    })) {
      if (!result.ok) {
        // Stored in its place among the pages, as any page's error is.
        const { code, input, message } = result.error;
        chunk.push({ seq: seq++, hash: '', error: { code, input, message } });
        if (chunk.length >= chunkSize) await send();
        continue;
      }
      summary.read++;
      const hash = inputHash(result.page);
      const origin = result.page.origin ?? result.page.url ?? result.page.id ?? 'input';
      const { id } = result.page;
      const first = seen.get(hash);
      if (first !== undefined) {
        summary.skipped++;
        summary.duplicates++;
        summary.duplicateList.push({
          origin,
          ...(id !== undefined ? { id } : {}),
          duplicateOf: first.origin,
          ...(first.id !== undefined ? { duplicateOfId: first.id } : {}),
          hash,
        });
        progress();
        continue;
      }
      seen.set(hash, { origin, id });
      if (pending.has(hash)) {
        summary.skipped++;
        progress();
        continue;
      }
      if (store.has(hash)) {
        if (!redigest) {
          summary.skipped++;
          progress();
          continue;
        }
        replacing.add(hash);
      }
      pending.add(hash);
      chunk.push({ seq: seq++, hash, page: result.page });
      if (chunk.length >= chunkSize) await send();
    }
    await send();
    pool?.end();
    while (inflight.size > 0) await Promise.all(inflight);
    if (pool) {
      const busy = pool.busyShare();
      summary.workerBusy = busy.reduce((a, b) => a + b, 0) / busy.length;
    }
    flush();
  } finally {
    clearInterval(checkpointTimer);
    await pool?.close();
    if (checkpointTimer) store.checkpoint?.();
    if (redigest) {
      try {
        store.endReplace?.();
      } catch {
        // Only an index left behind (a broken or busy database): the next --redigest drops it.
      }
    }
  }
  if (pool?.workerCpu.length) summary.workerCpu = pool.workerCpu;
  summary.errors = failures.sort((a, b) => a.seq - b.seq).map((f) => f.error);
  summary.seconds = (performance.now() - t0) / 1000;
  return summary;
}
