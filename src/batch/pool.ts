/**
 * A fixed pool of worker threads that digest chunks of pages. Each worker is sent a
 * few chunks ahead (it works through them in order), so that it never waits for the
 * main thread. A worker that dies or hangs (a page that sends a stage into a loop) is
 * replaced; the chunk it was on is retried one page at a time so that only the page at
 * fault is reported failed, and the chunks queued behind it go back to the queue whole.
 *
 * Given a database file (`store`), each worker writes its own Articles (see worker.ts),
 * and the pages are committed **in input order** whatever the number of workers and
 * whichever finishes first: the same inputs give the same database (rowids, entity ids,
 * each entity's name as first met, which of two articles with one id keeps it, the order
 * of errors). The chunks are grouped in batches, runs of consecutive chunks of up to
 * `batchSize` pages; each batch is digested by one worker and committed in one
 * transaction, when every page before it is committed. A shared counter (`turn`, the
 * first page sequence number not yet committed) says whose turn it is; the worker whose
 * batch is next commits it as soon as it is digested, and the others digest on. A worker
 * owns at most two batches not yet committed (MAX_OWNED), so a slow page holds back at
 * most that much digested work per worker, and the reader (runIngest) waits meanwhile.
 *
 * A chunk is answered only once its pages are committed. Chunks a worker had digested
 * but not yet committed when it died are innocent and are sent again whole, in their
 * place, to its replacement, which owns its batches; the store skips any that did commit
 * (same hash), so nothing is stored twice.
 */
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { DigestOptions } from '../digest-options.js';
import { readEntitiesModel } from '../entities/shipped-tagger.js';
import { shareShippedTagger } from '../quotes/cue-tagger.js';
import { type Job, type JobError, type JobOutcome, type JobResult, pageInputName } from './digest-job.js';
import { advanceTurn } from './turn.js';
import type { FromWorker, ModelsMessage, ToWorker, WorkerCpu, WorkerSetup } from './worker.js';
import { workerUrl } from './worker-url.js';

export interface PoolOptions {
  workers: number;
  options?: DigestOptions;
  /** A worker with work that sends no answer within this time is taken as hung and replaced. */
  chunkTimeoutMs?: number;
  /** Chunks sent to a worker ahead of its answers (default 4). */
  depth?: number;
  /** The workers write to this corpus database themselves, in batches of up to `batchSize` pages. */
  store?: { file: string; batchSize?: number; replace?: boolean };
  /**
   * V8 young generation of each worker, in MB (semi-space size is a third of it). Digesting
   * allocates much short-lived garbage; a larger nursery means fewer scavenges.
   */
  youngGenerationMb?: number;
  /**
   * Whether V8 optimises the workers' hot functions on its helper threads (true) or on the
   * worker's own thread, pausing it (false). Default: in the background only while a core is
   * left over for it (fewer workers than cores); see backgroundCompileFor.
   */
  backgroundCompile?: boolean;
  /**
   * V8's interrupt budget while the pool runs (`--interrupt-budget`: how much bytecode a function
   * runs between its tiering checks; larger means fewer and later optimising compiles). Default:
   * workerInterruptBudget(); 0 leaves V8's own.
   */
  interruptBudget?: number;
}

/**
 * The default for PoolOptions.backgroundCompile. A fresh worker spends a large share of its
 * first thousand pages on V8's optimising compiles (on the BBC file a thread's second pass
 * costs ~30% less CPU than its first), and every worker compiles the same code for itself.
 * With a core to spare, compiling on V8's helper threads takes nothing from the workers. With
 * a worker on every core, the helper threads only take CPU from the workers: 2 workers on 2
 * cores, 14 alternated pairs (load 4-24), all threads' CPU lower compiling on the worker in
 * 10, by 0.32 ms an article on average; in a quiet spell (load < 2) lower in 3 rounds of 3,
 * by 0.8-3.4 ms, 2 workers 192-213 articles/s against 156-186 (docs/RESULTS.md (pipeline-speed-2)).
 */
export function backgroundCompileFor(workers: number): boolean {
  return workers < availableParallelism();
}

/** V8 11.3's (Node 20's) own `--interrupt-budget`. */
const V8_11_INTERRUPT_BUDGET = 67_584;

/**
 * The default for PoolOptions.interruptBudget: four times V8's on Node 20 (V8 11), V8's own
 * elsewhere. A fresh worker's first thousand pages are mostly V8 warming up, and with the
 * default budget it optimises (and often re-optimises) hundreds of functions that run for a
 * few pages only. Instructions executed by a fresh thread over the first 300 and 862 BBC articles
 * (valgrind, V8 single-threaded): docs/RESULTS.md (corpus-8). Node 22+ tier through Maglev first,
 * with budgets of their own; they keep theirs.
 */
export function workerInterruptBudget(): number {
  return process.versions.v8.startsWith('11.') ? 4 * V8_11_INTERRUPT_BUDGET : 0;
}

/** The budget given on node's command line, else V8's own: what a closing pool puts back. */
function processInterruptBudget(): number | undefined {
  for (const a of process.execArgv) {
    const m = /^--interrupt[-_]budget=(\d+)$/.exec(a);
    if (m) return Number(m[1]);
  }
  return process.versions.v8.startsWith('11.') ? V8_11_INTERRUPT_BUDGET : undefined;
}

/**
 * The entities model read once for every worker, in shared memory (each worker's tagger
 * views it in place: no read, no copy, ~10 MB less a worker). Undefined when there is no
 * compiled model: each worker then loads its own as it would alone.
 */
function sharedEntitiesModel(): SharedArrayBuffer | undefined {
  try {
    return readEntitiesModel(true) as SharedArrayBuffer;
  } catch {
    return undefined;
  }
}

/**
 * The quotes stage's cue tagger, loaded once on this thread for every worker (its weights in
 * shared memory), when the workers will use it; undefined otherwise or if it cannot be read
 * (each worker then loads its own, and reports the problem per page as it would alone).
 */
function sharedQuotesTagger(options: DigestOptions): ModelsMessage['quotesTagger'] {
  if (options.quotes?.skip || options.quotes?.cues === 'rules') return undefined;
  try {
    return shareShippedTagger();
  } catch {
    return undefined;
  }
}

/** What a chunk's pages came to: records to store, or (a writing pool) outcomes already stored. */
export type PoolResult = JobResult | JobOutcome;

/**
 * Batches a writing worker may own that are not yet committed: the one it digests and one
 * digested, waiting for its turn. What bounds the digested work held while a slow page
 * (or a slow worker) keeps the batch before them from committing.
 */
const MAX_OWNED = 2;

interface Task {
  chunk: number;
  jobs: Job[];
  resolve: (results: PoolResult[]) => void;
  /** A writing pool: sent to its batch owner's current worker. */
  sent?: boolean;
  /** A writing pool: digested by that worker, waiting for its batch's commit. */
  digested?: boolean;
  /** A writing pool: settled here, without a worker (see fail); its sequence numbers are skipped. */
  dropped?: boolean;
}

/**
 * A run of consecutive chunks, digested by one worker and committed by it in one
 * transaction, in its turn. Its pages' sequence numbers run from its first task's first
 * to its last task's last (dropped tasks included: their numbers are passed over).
 */
interface Batch {
  owner: Slot;
  tasks: Task[];
  pages: number;
  /** No more chunks join it (full, the input ended, or its worker had nothing else to do). */
  sealed: boolean;
  /** Its worker was told where it ends (with its last chunk, or in a `seal` message). */
  sealSent: boolean;
}

interface Slot {
  worker: Worker;
  /** Chunks sent and not yet digested, in the order the worker takes them. */
  tasks: Task[];
  /** Chunks digested and waiting in the worker's batch for their commit (a writing pool). */
  held: Task[];
  timer?: NodeJS.Timeout;
}

const batchStart = (b: Batch): number => b.tasks[0]!.jobs[0]!.seq;
const batchEnd = (b: Batch): number => b.tasks.at(-1)!.jobs.at(-1)!.seq + 1;
const lastLive = (b: Batch): Task | undefined => b.tasks.findLast((t) => !t.dropped);
/** How a job is named in an error: its page's origin, URL or id, or the input its error names. */
export const jobInput = (job: Job): string => ('page' in job ? pageInputName(job.page) : job.error.input);

/** A chunk of a batch as both pools keep it (pool.ts, stage-pool.ts). */
interface Requeueable {
  chunk: number;
  jobs: Job[];
  resolve: (results: PoolResult[]) => void;
}

/**
 * Puts the chunk blamed for a worker's death or silence back in its place in `tasks` (at `at`),
 * so that the page at fault alone fails: a chunk of several pages becomes one chunk a page, in
 * its place, answered together; a single page becomes its error row, which the next worker
 * stores. Returns the culprit's job when it already was an error row (even storing that failed:
 * a worker that cannot open the database dies at any page), for the caller to settle.
 */
export function requeueCulprit(
  tasks: Requeueable[],
  at: number,
  why: string,
  nextChunk: () => number,
): Extract<Job, { error: JobError }> | undefined {
  const culprit = tasks[at]!;
  if (culprit.jobs.length > 1) {
    const singles: Requeueable[] = [];
    const answers = culprit.jobs.map(
      (job) =>
        new Promise<PoolResult[]>((resolve) => {
          singles.push({ chunk: nextChunk(), jobs: [job], resolve });
        }),
    );
    tasks.splice(at, 1, ...singles);
    Promise.all(answers).then((r) => culprit.resolve(r.flat()));
    return undefined;
  }
  const job = culprit.jobs[0]!;
  if (!('page' in job)) return job;
  const error: JobError = { code: 'E_INTERNAL', input: jobInput(job), message: why };
  tasks[at] = {
    chunk: nextChunk(),
    jobs: [{ seq: job.seq, hash: job.hash, error }],
    resolve: culprit.resolve,
  };
  return undefined;
}

export class DigestPool {
  private readonly slots: Slot[] = [];
  /** Chunks submitted and not yet given to a worker (a writing pool: not yet in a batch). */
  private readonly queue: Task[] = [];
  /** A writing pool's batches not yet committed, in input order. */
  private readonly batches: Batch[] = [];
  private readonly url: URL;
  private readonly setup: WorkerSetup;
  private readonly timeoutMs: number;
  private readonly depth: number;
  private readonly batchPages: number;
  private readonly youngMb: number | undefined;
  private readonly backgroundCompile: boolean;
  private readonly interruptBudget: number;
  private readonly roomWaiters: (() => void)[] = [];
  /** A writing pool: the first page sequence number not yet committed (shared with the workers). */
  private readonly turn: Int32Array | undefined;
  private nextChunk = 0;
  private started = false;
  private ended = false;
  private closed = false;
  /** Sent to every worker before its first chunk (set once the first workers are started). */
  private models: ModelsMessage | undefined;
  /** Each worker's own CPU time, as it reported at its close (workers replaced after a failure are not counted). */
  readonly workerCpu: WorkerCpu[] = [];

  constructor(opts: PoolOptions) {
    this.url = workerUrl();
    this.setup = { options: opts.options ?? {} };
    this.batchPages = Math.max(1, opts.store?.batchSize ?? 256);
    if (opts.store) {
      this.setup.file = opts.store.file;
      if (opts.store.replace) this.setup.replace = true;
      const turn = new SharedArrayBuffer(4);
      this.setup.turn = turn;
      this.turn = new Int32Array(turn);
    }
    if (opts.workers > 0 && !this.setup.options?.entities?.skip) {
      const model = sharedEntitiesModel();
      if (model) this.setup.entitiesModel = model;
    }
    this.timeoutMs = opts.chunkTimeoutMs ?? 60_000;
    this.depth = Math.max(1, opts.depth ?? 4);
    this.youngMb = opts.youngGenerationMb;
    this.backgroundCompile = opts.backgroundCompile ?? backgroundCompileFor(opts.workers);
    this.interruptBudget = Math.max(0, Math.floor(opts.interruptBudget ?? workerInterruptBudget()));
    for (let i = 0; i < opts.workers; i++) this.slots.push(this.spawn());
    // Loaded here while the workers import their modules, so that no worker parses it.
    if (opts.workers > 0) {
      const quotesTagger = sharedQuotesTagger(this.setup.options ?? {});
      if (quotesTagger) {
        this.models = { kind: 'models', quotesTagger };
        for (const slot of this.slots) slot.worker.postMessage(this.models satisfies ToWorker);
      }
    }
  }

  get size(): number {
    return this.slots.length;
  }

  /** Chunks per worker kept sent ahead: with the queue's own, what keeps every worker busy. */
  get aheadPerWorker(): number {
    return this.depth;
  }

  /** True when the workers write to the store themselves. */
  get writes(): boolean {
    return this.turn !== undefined;
  }

  /** Chunks submitted and not yet digested (queued, in a batch or sent): what keeps the workers fed. */
  get backlog(): number {
    let n = this.queue.length;
    if (this.writes) {
      for (const b of this.batches) for (const t of b.tasks) if (!t.dropped && !t.digested) n++;
    } else {
      for (const slot of this.slots) n += slot.tasks.length;
    }
    return n;
  }

  /** Resolves once the backlog is below `max`. */
  async room(max: number): Promise<void> {
    while (this.backlog >= max) await new Promise<void>((r) => this.roomWaiters.push(r));
  }

  /**
   * Share of its life each current worker spent working rather than waiting for a chunk
   * (event-loop utilisation, 0 to 1): below 1, the main thread did not keep it fed.
   */
  busyShare(): number[] {
    return this.slots.map((s) => s.worker.performance.eventLoopUtilization().utilization);
  }

  /**
   * Chunks must come in input order, their pages numbered (`seq`) one after the other from
   * the first chunk's first: a writing pool commits them in that order.
   */
  submit(jobs: Job[]): Promise<PoolResult[]> {
    if (this.turn && !this.started && jobs.length > 0) Atomics.store(this.turn, 0, jobs[0]!.seq);
    this.started = true;
    return new Promise((resolve) => {
      this.queue.push({ chunk: this.nextChunk++, jobs, resolve });
      this.dispatch();
    });
  }

  /** No more chunks will come: the last batches are cut where they are, and shared out. */
  end(): void {
    this.ended = true;
    for (let i = this.batches.length - 1; i >= 0; i--) {
      const b = this.batches[i]!;
      if (b.sealed) continue;
      if (b.tasks.length === 0) this.batches.splice(i, 1);
      else this.seal(b);
    }
    this.settleDropped();
    this.dispatch();
  }

  /** Stops the workers: each commits what it holds and closes its database first. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      this.slots.map(async (s) => {
        clearTimeout(s.timer);
        const closed = new Promise<void>((resolve) => {
          s.worker.on('message', (m: FromWorker) => {
            if (m.kind !== 'closed') return;
            if (m.cpu) this.workerCpu.push(m.cpu);
            resolve();
          });
          s.worker.on('exit', () => resolve());
          setTimeout(resolve, 5000).unref();
        });
        s.worker.postMessage({ kind: 'close' } satisfies ToWorker);
        await closed;
        await s.worker.terminate();
      }),
    );
    // The flag is process-wide and read as code runs: the rest of the process gets V8's back.
    const own = processInterruptBudget();
    if (this.interruptBudget && own !== undefined) setFlagsFromString(`--interrupt-budget=${own}`);
  }

  private spawn(): Slot {
    const options: ConstructorParameters<typeof Worker>[1] = { workerData: this.setup };
    if (this.youngMb) options.resourceLimits = { maxYoungGenerationSizeMb: this.youngMb };
    // V8 reads this flag when it creates an isolate: it applies to the worker started next (the
    // setting is process-wide, so it is set again before every worker, whichever pool it is for).
    setFlagsFromString(
      this.backgroundCompile ? '--concurrent-recompilation' : '--no-concurrent-recompilation',
    );
    // Read as the code runs, by every isolate: set before each worker, as the flag above.
    if (this.interruptBudget) setFlagsFromString(`--interrupt-budget=${this.interruptBudget}`);
    const slot: Slot = { worker: new Worker(this.url, options), tasks: [], held: [] };
    slot.worker.on('message', (m: FromWorker) => this.receive(slot, m));
    slot.worker.on('error', (e) => this.fail(slot, `worker failed: ${e.message}`));
    slot.worker.on('exit', (code) => this.fail(slot, `worker exited with code ${code}`));
    if (this.models) slot.worker.postMessage(this.models satisfies ToWorker);
    return slot;
  }

  private receive(slot: Slot, m: FromWorker): void {
    if (m.kind === 'results' || m.kind === 'digested') {
      const task = slot.tasks[0];
      if (!task || task.chunk !== m.chunk) return;
      slot.tasks.shift();
      if (m.kind === 'results') task.resolve(m.results);
      else {
        task.digested = true;
        slot.held.push(task);
      }
      this.arm(slot);
      this.dispatch();
      this.wakeRoomWaiters();
    } else if (m.kind === 'committed') {
      for (const { chunk, outcomes } of m.chunks) {
        const i = slot.held.findIndex((t) => t.chunk === chunk);
        if (i < 0) continue;
        const [task] = slot.held.splice(i, 1);
        task!.resolve(outcomes);
      }
      const b = this.batches.findIndex(
        (x) => x.owner === slot && x.tasks.length > 0 && batchStart(x) === m.batch,
      );
      if (b >= 0) this.batches.splice(b, 1);
      this.settleDropped();
      // The next batch's owner may commit now: its hang timer runs from here.
      for (const s of this.slots) this.arm(s);
      this.dispatch();
      this.wakeRoomWaiters();
    }
  }

  private wakeRoomWaiters(): void {
    for (const wake of this.roomWaiters.splice(0)) wake();
  }

  /**
   * (Re)starts the hang timer of a worker that has work: chunks to digest, or the next batch to
   * commit. A worker whose digested batch waits for another's turn is not expected to answer.
   */
  private arm(slot: Slot): void {
    clearTimeout(slot.timer);
    const next = this.batches.find((b) => b.tasks.some((t) => !t.dropped));
    const busy = slot.tasks.length > 0 || (slot.held.length > 0 && (!this.writes || next?.owner === slot));
    slot.timer = busy
      ? setTimeout(() => this.fail(slot, `no answer within ${this.timeoutMs / 1000}s`), this.timeoutMs)
      : undefined;
  }

  private dispatch(): void {
    if (this.closed) return;
    if (!this.writes) {
      for (const slot of this.slots) {
        while (slot.tasks.length < this.depth) {
          const task = this.queue.shift();
          if (!task) return;
          this.send(slot, task);
        }
      }
      return;
    }
    this.place();
    for (const slot of this.slots) {
      while (slot.tasks.length < this.depth) {
        const next = this.nextFor(slot);
        if (!next) break;
        this.send(slot, next[1], next[0]);
      }
      if (slot.tasks.length === 0) this.sealIdle(slot);
    }
  }

  private send(slot: Slot, task: Task, batch?: Batch): void {
    task.sent = true;
    slot.tasks.push(task);
    if (slot.tasks.length === 1) this.arm(slot);
    const message: ToWorker = { kind: 'chunk', chunk: task.chunk, jobs: task.jobs };
    if (batch) {
      message.batch = batchStart(batch);
      if (batch.sealed && task === lastLive(batch)) {
        message.end = batchEnd(batch);
        batch.sealSent = true;
      }
    }
    slot.worker.postMessage(message);
  }

  /**
   * Queued chunks join the first batch still open, in order (batches are consecutive runs),
   * until it has `batchPages` pages (or `limit`).
   */
  private place(limit = this.batchPages): void {
    while (this.queue.length > 0) {
      const open = this.batches.find((b) => !b.sealed);
      if (!open) return;
      const task = this.queue.shift()!;
      open.tasks.push(task);
      open.pages += task.jobs.length;
      if (open.pages >= limit) open.sealed = true;
    }
  }

  /** The next chunk for a writing worker: of its own batches first, else of a batch it claims or takes over. */
  private nextFor(slot: Slot): [Batch, Task] | undefined {
    const mine = this.batches.filter((b) => b.owner === slot);
    for (const b of mine) {
      const task = b.tasks.find((t) => !t.sent && !t.dropped);
      if (task) return [b, task];
    }
    // One open batch per worker (it fills as chunks are read), at most MAX_OWNED in all.
    if (mine.length >= MAX_OWNED || mine.some((b) => !b.sealed)) return undefined;
    if (!this.ended || this.queue.length > 0) {
      const b: Batch = { owner: slot, tasks: [], pages: 0, sealed: false, sealSent: false };
      this.batches.push(b);
      if (this.ended) {
        // What is left is shared out: this worker's part, cut at once.
        let pages = 0;
        for (const t of this.queue) pages += t.jobs.length;
        this.place(Math.min(this.batchPages, Math.ceil(pages / this.slots.length)));
        b.sealed = true;
      } else {
        this.place();
      }
      return b.tasks[0] ? [b, b.tasks[0]] : undefined;
    }
    return this.takeOver(slot);
  }

  /**
   * Once the input has ended, a worker with nothing left takes over the second half of the
   * chunks not yet sent of the batch that has most: no worker idles at the end while another
   * has a long batch to go. Both halves stay consecutive runs, in order.
   */
  private takeOver(slot: Slot): [Batch, Task] | undefined {
    let from: Batch | undefined;
    let most = 1;
    for (const b of this.batches) {
      if (!b.sealed || b.sealSent) continue;
      const unsent = b.tasks.filter((t) => !t.sent).length;
      if (unsent > most) {
        most = unsent;
        from = b;
      }
    }
    if (!from) return undefined;
    // Unsent chunks are the batch's last ones (a batch is sent in order).
    const moved = from.tasks.splice(from.tasks.length - Math.floor(most / 2));
    let pages = 0;
    for (const t of moved) pages += t.jobs.length;
    from.pages -= pages;
    const b: Batch = { owner: slot, tasks: moved, pages, sealed: true, sealSent: false };
    this.batches.splice(this.batches.indexOf(from) + 1, 0, b);
    const task = moved.find((t) => !t.dropped);
    return task ? [b, task] : undefined;
  }

  private seal(b: Batch): void {
    b.sealed = true;
    const last = lastLive(b);
    if (!b.sealSent && last?.sent && b.tasks.every((t) => t.sent || t.dropped)) {
      b.sealSent = true;
      b.owner.worker.postMessage({ kind: 'seal', batch: batchStart(b), end: batchEnd(b) } satisfies ToWorker);
    }
  }

  /**
   * A worker that has digested all of its open batch and has nothing more to do: the reader is
   * behind, so the batch is cut where it is and committed in its turn, not held for more.
   */
  private sealIdle(slot: Slot): void {
    if (this.queue.length > 0) return;
    for (const b of this.batches) {
      if (b.owner === slot && !b.sealed && b.tasks.length > 0) this.seal(b);
    }
  }

  /**
   * Batches at the front whose every chunk was settled here (no worker will commit them):
   * the turn passes over them.
   */
  private settleDropped(): void {
    const turn = this.turn;
    if (!turn) return;
    while (this.batches.length > 0) {
      const b = this.batches[0]!;
      if (!b.sealed || b.tasks.length === 0 || b.tasks.some((t) => !t.dropped)) return;
      if (Atomics.load(turn, 0) < batchStart(b)) return;
      advanceTurn(turn, batchEnd(b));
      this.batches.shift();
    }
  }

  /**
   * Replaces a dead or hung worker and settles the chunk it was on. A writing worker's batches
   * pass to its replacement whole, in their place in the order.
   */
  private fail(slot: Slot, why: string): void {
    if (this.closed) return;
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    const [task, ...waiting] = slot.tasks;
    const held = slot.held;
    clearTimeout(slot.timer);
    slot.tasks = [];
    slot.held = [];
    slot.timer = undefined;
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => {});
    void slot.worker.terminate();
    const fresh = this.spawn();
    this.slots[index] = fresh;
    if (this.writes) {
      this.failWriting(slot, fresh, task, why);
    } else {
      // Chunks the worker had not begun are not at fault: first in line again, whole, in their order.
      this.queue.unshift(...held, ...waiting);
      if (task) {
        if (task.jobs.length === 1) {
          const job = task.jobs[0]!;
          task.resolve([
            {
              seq: job.seq,
              hash: job.hash,
              ok: false,
              error: { code: 'E_INTERNAL', input: jobInput(job), message: why },
            },
          ]);
        } else {
          // Retry page by page, at the front of the queue, so the culprit alone fails.
          const singles = task.jobs.map(
            (job) =>
              new Promise<PoolResult[]>((resolve) => {
                this.queue.unshift({ chunk: this.nextChunk++, jobs: [job], resolve });
              }),
          );
          Promise.all(singles).then((r) => task.resolve(r.flat()));
        }
      }
    }
    this.dispatch();
    this.wakeRoomWaiters();
  }

  private failWriting(slot: Slot, fresh: Slot, culprit: Task | undefined, why: string): void {
    // Everything the worker owned is sent again to its replacement: chunks digested but not
    // committed and those not begun are innocent.
    for (const b of this.batches) {
      if (b.owner !== slot) continue;
      b.owner = fresh;
      b.sealSent = false;
      for (const t of b.tasks) {
        t.sent = false;
        t.digested = false;
      }
    }
    if (!culprit) return;
    const batch = this.batches.find((b) => b.tasks.includes(culprit));
    if (!batch) return;
    // Retried page by page in its place, or its page's error row stored by the next worker.
    const job = requeueCulprit(batch.tasks, batch.tasks.indexOf(culprit), why, () => this.nextChunk++);
    if (!job) return;
    // Even storing its error failed: settled here, for the caller to store, and passed over in the order.
    culprit.dropped = true;
    culprit.resolve([{ seq: job.seq, hash: job.hash, ok: false, error: job.error, stored: false }]);
    this.settleDropped();
  }
}
