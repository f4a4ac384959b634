/**
 * A fixed pool of worker threads that digest chunks of pages. Each worker is sent a
 * few chunks ahead (it works through them in order), so that it never waits for the
 * main thread. A worker that dies or hangs (a page that sends a stage into a loop) is
 * replaced; the chunk it was on is retried one page at a time so that only the page at
 * fault is reported failed, and the chunks queued behind it go back to the queue whole.
 *
 * Given a database file (`store`), each worker writes its own Articles (see worker.ts):
 * a chunk is answered only once its pages are committed. Chunks a worker had digested
 * but not yet committed when it died are innocent and are sent again whole; the store
 * skips any that did commit (same hash), so nothing is stored twice.
 */
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { DigestOptions } from '../digest-options.js';
import { readEntitiesModel } from '../entities/shipped-tagger.js';
import { shareShippedTagger } from '../quotes/cue-tagger.js';
import type { Job, JobOutcome, JobResult } from './digest-job.js';
import type { FromWorker, ModelsMessage, ToWorker, WorkerCpu, WorkerSetup } from './worker.js';
import { workerUrl } from './worker-url.js';

export interface PoolOptions {
  workers: number;
  options?: DigestOptions;
  /** A worker with work that sends no answer within this time is taken as hung and replaced. */
  chunkTimeoutMs?: number;
  /** Chunks sent to a worker ahead of its answers (default 4). */
  depth?: number;
  /** The workers write to this corpus database themselves, in batches. */
  store?: { file: string; batchSize?: number; flushMs?: number };
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

interface Task {
  chunk: number;
  jobs: Job[];
  resolve: (results: PoolResult[]) => void;
}

interface Slot {
  worker: Worker;
  /** Chunks sent and not yet digested, in the order the worker takes them. */
  tasks: Task[];
  /** Chunks digested and waiting in the worker's batch for their commit (a writing pool). */
  held: Task[];
  timer?: NodeJS.Timeout;
}

export class DigestPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private readonly url: URL;
  private readonly setup: WorkerSetup;
  private readonly timeoutMs: number;
  private readonly depth: number;
  private readonly youngMb: number | undefined;
  private readonly backgroundCompile: boolean;
  private readonly roomWaiters: (() => void)[] = [];
  private nextChunk = 0;
  private closed = false;
  /** Sent to every worker before its first chunk (set once the first workers are started). */
  private models: ModelsMessage | undefined;
  /** Each worker's own CPU time, as it reported at its close (workers replaced after a failure are not counted). */
  readonly workerCpu: WorkerCpu[] = [];

  constructor(opts: PoolOptions) {
    this.url = workerUrl();
    this.setup = { options: opts.options ?? {} };
    if (opts.store) {
      this.setup.file = opts.store.file;
      if (opts.store.batchSize !== undefined) this.setup.batchSize = opts.store.batchSize;
      if (opts.store.flushMs !== undefined) this.setup.flushMs = opts.store.flushMs;
    }
    if (opts.workers > 0 && !this.setup.options?.entities?.skip) {
      const model = sharedEntitiesModel();
      if (model) this.setup.entitiesModel = model;
    }
    this.timeoutMs = opts.chunkTimeoutMs ?? 60_000;
    this.depth = Math.max(1, opts.depth ?? 4);
    this.youngMb = opts.youngGenerationMb;
    this.backgroundCompile = opts.backgroundCompile ?? backgroundCompileFor(opts.workers);
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
    return this.setup.file !== undefined;
  }

  /** Chunks submitted and not yet digested (queued or sent): what keeps the workers fed. */
  get backlog(): number {
    let n = this.queue.length;
    for (const slot of this.slots) n += slot.tasks.length;
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

  submit(jobs: Job[]): Promise<PoolResult[]> {
    return new Promise((resolve) => {
      this.queue.push({ chunk: this.nextChunk++, jobs, resolve });
      this.dispatch();
    });
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
  }

  private spawn(): Slot {
    const options: ConstructorParameters<typeof Worker>[1] = { workerData: this.setup };
    if (this.youngMb) options.resourceLimits = { maxYoungGenerationSizeMb: this.youngMb };
    // V8 reads this flag when it creates an isolate: it applies to the worker started next (the
    // setting is process-wide, so it is set again before every worker, whichever pool it is for).
    setFlagsFromString(
      this.backgroundCompile ? '--concurrent-recompilation' : '--no-concurrent-recompilation',
    );
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
      else slot.held.push(task);
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
      this.arm(slot);
    }
  }

  private wakeRoomWaiters(): void {
    for (const wake of this.roomWaiters.splice(0)) wake();
  }

  /** (Re)starts the hang timer of a worker that has work; stops it when it has none. */
  private arm(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.timer =
      slot.tasks.length > 0 || slot.held.length > 0
        ? setTimeout(() => this.fail(slot, `no answer within ${this.timeoutMs / 1000}s`), this.timeoutMs)
        : undefined;
  }

  private dispatch(): void {
    if (this.closed) return;
    for (const slot of this.slots) {
      while (slot.tasks.length < this.depth) {
        const task = this.queue.shift();
        if (!task) return;
        slot.tasks.push(task);
        if (slot.tasks.length === 1) this.arm(slot);
        slot.worker.postMessage({ kind: 'chunk', chunk: task.chunk, jobs: task.jobs } satisfies ToWorker);
      }
    }
  }

  /** Replaces a dead or hung worker and settles the chunk it was on; its other chunks go back to the queue. */
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
    this.slots[index] = this.spawn();
    // Chunks the worker had digested but not committed, and those it had not begun, are not
    // at fault: first in line again, whole, in their order.
    this.queue.unshift(...held, ...waiting);
    if (task) {
      if (task.jobs.length === 1) {
        const job = task.jobs[0]!;
        const input = job.page.origin ?? job.page.url ?? job.page.id ?? 'input';
        task.resolve([
          { seq: job.seq, hash: job.hash, ok: false, error: { code: 'E_INTERNAL', input, message: why } },
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
    this.dispatch();
    this.wakeRoomWaiters();
  }
}
