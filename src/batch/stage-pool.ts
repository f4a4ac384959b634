/**
 * A pool whose workers are split **by stage**, not by article: `workers − 1` heads run the first
 * stages (layout, text, entities) and hand each chunk's Articles straight to one tail (a
 * MessageChannel per head, not through this thread), which runs the rest (quotes, summarize),
 * makes the store records and writes them (stage-split.ts). Each isolate compiles and warms only
 * its own stages; measured: docs/RESULTS.md (corpus-12).
 *
 * The same contract as DigestPool (pool.ts), which runIngest uses either way:
 * - **Order.** Chunks come in input order, are grouped in batches of consecutive chunks (up to
 *   `batchSize` pages) and the tail, the only writer, commits each batch in one transaction in
 *   input order: the same inputs give the same database, and what a killed run leaves is a prefix
 *   of its inputs. The tail takes chunks in the order this thread tells it (`expect`), whichever
 *   head digested them.
 * - **Isolation.** A head that dies or sends no answer for `chunkTimeoutMs` is blamed for the
 *   chunk it was on (the first it has not handed over); the tail likewise for the first chunk it
 *   expects, and its timer runs only once a head has handed that chunk over: the tail never waits
 *   for a head's page on its own clock. On any failure the whole pipeline (heads and tail) is
 *   replaced — the heads' ports lead to the old tail, whose open transaction dies with it — and
 *   every chunk not committed is sent again, in order: the culprit page by page, so that only the
 *   page at fault fails, then, alone, as its error row. Failures are rare; a restart costs the
 *   warm-up of the pipeline's threads, and nothing committed is digested again.
 * - A chunk is answered once its pages are committed (or, with no database, digested by the tail).
 */
import { setFlagsFromString } from 'node:v8';
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import type { DigestOptions } from '../digest-options.js';
import { readEntitiesModel } from '../entities/shipped-tagger.js';
import { shareShippedTagger } from '../quotes/cue-tagger.js';
import type { Job, JobOutcome, JobResult } from './digest-job.js';
import { type PoolResult, requeueCulprit, workerInterruptBudget } from './pool.js';
import {
  DEFAULT_CUT,
  type FromHead,
  type StageFault,
  type StageSetup,
  type ToHead,
  type ToTail,
} from './stage-split.js';
import type { FromWorker, WorkerCpu, WorkerSetup } from './worker.js';
import { workerUrl } from './worker-url.js';

export interface StagePoolOptions {
  /** Threads in all: `workers − 1` heads and one tail (at least 2). */
  workers: number;
  options?: DigestOptions;
  chunkTimeoutMs?: number;
  /** Chunks sent to a head ahead of its answers (default 4). */
  depth?: number;
  store?: { file: string; batchSize?: number; replace?: boolean };
  youngGenerationMb?: number;
  backgroundCompile?: boolean;
  interruptBudget?: number;
  /** Stages run on the heads (default: up to and with entities); the rest on the tail. */
  cut?: number;
  /** Test only: pages that hang or kill a head or the tail. */
  faults?: StageFault[];
}

interface Task {
  chunk: number;
  jobs: Job[];
  resolve: (results: PoolResult[]) => void;
  sent?: boolean;
  /** The head gave its Articles to the tail. */
  handed?: boolean;
  /** The tail digested it (a writing pool: it waits in its batch for the commit). */
  digested?: boolean;
  /** Answered: committed, or (no database) digested; or settled here (dropped). */
  settled?: boolean;
  /** Settled here without a worker (its error could not even be stored by the tail). */
  dropped?: boolean;
}

interface Batch {
  tasks: Task[];
  pages: number;
  sealed: boolean;
  /** The tail was told where it ends. */
  sealSent: boolean;
}

interface Thread {
  worker: Worker;
  timer?: NodeJS.Timeout;
}

interface Head extends Thread {
  /** Chunks sent, not yet handed to the tail, in order. */
  tasks: Task[];
}

interface Tail extends Thread {
  /** Chunks the tail was told of, not yet digested, in input order. */
  expected: Task[];
}

const batchStart = (b: Batch): number => b.tasks[0]!.jobs[0]!.seq;
const batchEnd = (b: Batch): number => b.tasks.at(-1)!.jobs.at(-1)!.seq + 1;
const lastLive = (b: Batch): Task | undefined => b.tasks.findLast((t) => !t.dropped);

/**
 * The default for StagePoolOptions.backgroundCompile: V8 optimises on its helper threads, even
 * with a thread on every core. The article pool compiles on the workers' own threads then
 * (pool.ts backgroundCompileFor: the helpers only took CPU from the workers); in a pipeline one
 * half waits for the other ~10 % of the time, and the compiles of both fill that slack instead of
 * pausing the busier half. BBC file, 2 workers, 5 alternated pairs at load 7.5–9.4: the rate
 * higher in 5 of 5, all threads' CPU lower in 4 of 5, the busier thread 1.06–1.23 ms an article
 * against 1.36–1.54 (docs/RESULTS.md (corpus-12)).
 */
export const STAGE_BACKGROUND_COMPILE = true;

/** The V8 flags a pool sets before each worker (see pool.ts spawn): the process's own afterwards. */
function processInterruptBudget(): number | undefined {
  for (const a of process.execArgv) {
    const m = /^--interrupt[-_]budget=(\d+)$/.exec(a);
    if (m) return Number(m[1]);
  }
  return process.versions.v8.startsWith('11.') ? 67_584 : undefined;
}

export class StagePool {
  private heads: Head[] = [];
  private tail!: Tail;
  private readonly queue: Task[] = [];
  /** Batches not yet answered, in input order. */
  private readonly batches: Batch[] = [];
  private readonly url: URL;
  private readonly options: DigestOptions;
  private readonly file: string | undefined;
  /** The tail replaces articles already stored (StoreItem.replace). */
  private readonly replace: boolean;
  private readonly headCount: number;
  private readonly cut: number;
  private readonly timeoutMs: number;
  private readonly depth: number;
  private readonly batchPages: number;
  private readonly youngMb: number | undefined;
  private readonly backgroundCompile: boolean;
  private readonly interruptBudget: number;
  private readonly faults: StageFault[] | undefined;
  private readonly entitiesModel: SharedArrayBuffer | undefined;
  private readonly quotesTagger: unknown;
  private readonly roomWaiters: (() => void)[] = [];
  private nextChunk = 0;
  private closed = false;
  /** Pipelines started after a failure. */
  restarts = 0;
  readonly workerCpu: WorkerCpu[] = [];

  constructor(opts: StagePoolOptions) {
    if (opts.workers < 2) throw new Error('a stage-split pool needs at least 2 workers (a head and a tail)');
    this.url = workerUrl();
    this.options = opts.options ?? {};
    this.file = opts.store?.file;
    this.replace = opts.store?.replace === true;
    this.headCount = opts.workers - 1;
    this.cut = opts.cut ?? DEFAULT_CUT;
    this.timeoutMs = opts.chunkTimeoutMs ?? 60_000;
    this.depth = Math.max(1, opts.depth ?? 4);
    this.batchPages = Math.max(1, opts.store?.batchSize ?? 256);
    this.youngMb = opts.youngGenerationMb;
    this.backgroundCompile = opts.backgroundCompile ?? STAGE_BACKGROUND_COMPILE;
    this.interruptBudget = Math.max(0, Math.floor(opts.interruptBudget ?? workerInterruptBudget()));
    this.faults = opts.faults;
    if (!this.options.entities?.skip) {
      try {
        this.entitiesModel = readEntitiesModel(true) as SharedArrayBuffer;
      } catch {
        this.entitiesModel = undefined;
      }
    }
    this.startPipeline();
    if (!(this.options.quotes?.skip || this.options.quotes?.cues === 'rules')) {
      try {
        this.quotesTagger = shareShippedTagger();
      } catch {
        this.quotesTagger = undefined;
      }
      if (this.quotesTagger)
        this.tail.worker.postMessage({ kind: 'models', quotesTagger: this.quotesTagger });
    }
  }

  get size(): number {
    return this.headCount + 1;
  }

  get aheadPerWorker(): number {
    return this.depth;
  }

  get writes(): boolean {
    return this.file !== undefined;
  }

  /** Chunks submitted and not yet digested by the tail. */
  get backlog(): number {
    let n = this.queue.length;
    for (const b of this.batches) for (const t of b.tasks) if (!t.settled && !t.digested) n++;
    return n;
  }

  async room(max: number): Promise<void> {
    while (this.backlog >= max) await new Promise<void>((r) => this.roomWaiters.push(r));
  }

  /** Each current thread's share of its life spent working (heads, then the tail). */
  busyShare(): number[] {
    return [...this.heads, this.tail].map((t) => t.worker.performance.eventLoopUtilization().utilization);
  }

  submit(jobs: Job[]): Promise<PoolResult[]> {
    return new Promise((resolve) => {
      this.queue.push({ chunk: this.nextChunk++, jobs, resolve });
      this.dispatch();
    });
  }

  end(): void {
    this.place();
    const last = this.batches.at(-1);
    if (last && !last.sealed) this.seal(last);
    this.dispatch();
  }

  async close(): Promise<void> {
    this.closed = true;
    const stop = async (t: Thread, last: boolean): Promise<void> => {
      clearTimeout(t.timer);
      const closed = new Promise<void>((resolve) => {
        t.worker.on('message', (m: FromWorker | FromHead) => {
          if (m.kind !== 'closed') return;
          if (m.cpu) this.workerCpu.push(m.cpu);
          resolve();
        });
        t.worker.on('exit', () => resolve());
        setTimeout(resolve, last ? 10_000 : 5000).unref();
      });
      t.worker.postMessage({ kind: 'close' } satisfies ToHead | ToTail);
      await closed;
      await t.worker.terminate();
    };
    // The heads first: the tail closes its ports and database once they are done.
    await Promise.all(this.heads.map((h) => stop(h, false)));
    await stop(this.tail, true);
    const own = processInterruptBudget();
    if (this.interruptBudget && own !== undefined) setFlagsFromString(`--interrupt-budget=${own}`);
  }

  private spawnThread(stage: StageSetup, transfer: MessagePort[]): Worker {
    const setup: WorkerSetup = { options: this.options, stage };
    if (this.entitiesModel && stage.role === 'head') setup.entitiesModel = this.entitiesModel;
    const options: ConstructorParameters<typeof Worker>[1] = { workerData: setup, transferList: transfer };
    if (this.youngMb) options.resourceLimits = { maxYoungGenerationSizeMb: this.youngMb };
    setFlagsFromString(
      this.backgroundCompile ? '--concurrent-recompilation' : '--no-concurrent-recompilation',
    );
    if (this.interruptBudget) setFlagsFromString(`--interrupt-budget=${this.interruptBudget}`);
    return new Worker(this.url, options);
  }

  /** A tail and its heads, each head joined to the tail by a MessageChannel of its own. */
  private startPipeline(): void {
    const channels = Array.from({ length: this.headCount }, () => new MessageChannel());
    const tailPorts = channels.map((c) => c.port2);
    const tailSetup: StageSetup = { role: 'tail', options: this.options, cut: this.cut, ports: tailPorts };
    if (this.file) tailSetup.file = this.file;
    if (this.replace) tailSetup.replace = true;
    if (this.faults) tailSetup.faults = this.faults;
    const tail: Tail = { worker: this.spawnThread(tailSetup, tailPorts), expected: [] };
    this.tail = tail;
    tail.worker.on('message', (m: FromWorker) => this.fromTail(tail, m));
    tail.worker.on('error', (e) => this.fail(tail, `worker failed: ${e.message}`));
    tail.worker.on('exit', (code) => this.fail(tail, `worker exited with code ${code}`));
    if (this.quotesTagger) tail.worker.postMessage({ kind: 'models', quotesTagger: this.quotesTagger });
    this.heads = channels.map((c) => {
      const headSetup: StageSetup = { role: 'head', options: this.options, cut: this.cut, ports: [c.port1] };
      if (this.faults) headSetup.faults = this.faults;
      const head: Head = { worker: this.spawnThread(headSetup, [c.port1]), tasks: [] };
      head.worker.on('message', (m: FromHead) => this.fromHead(head, m));
      head.worker.on('error', (e) => this.fail(head, `worker failed: ${e.message}`));
      head.worker.on('exit', (code) => this.fail(head, `worker exited with code ${code}`));
      return head;
    });
  }

  private fromHead(head: Head, m: FromHead): void {
    if (m.kind !== 'handed') return;
    // Found among the head's own chunks, not the batches: the head posts to the tail and to this
    // thread on two channels, so the tail's answer (and the batch's commit, which drops the batch)
    // may come first. A chunk looked up in the batches was then not found, stayed on the head, and
    // once `depth` of them had, the head got nothing more to do until its hang timer fired (60 s)
    // and replaced the pipeline: the rare 26 articles/s runs (corpus-13).
    const i = head.tasks.findIndex((t) => t.chunk === m.chunk);
    if (i < 0) return;
    const task = head.tasks[i]!;
    head.tasks.splice(i, 1);
    task.handed = true;
    this.arm(head);
    this.arm(this.tail);
    this.dispatch();
  }

  private fromTail(tail: Tail, m: FromWorker): void {
    if (m.kind === 'digested' || m.kind === 'results') {
      const task = tail.expected[0];
      if (!task || task.chunk !== m.chunk) return;
      tail.expected.shift();
      task.handed = true;
      task.digested = true;
      if (m.kind === 'results') this.settle(task, m.results);
      this.arm(tail);
      this.dispatch();
      this.wakeRoomWaiters();
    } else if (m.kind === 'committed') {
      const b = this.batches.find((x) => x.tasks.length > 0 && batchStart(x) === m.batch);
      if (b) {
        for (const { chunk, outcomes } of m.chunks) {
          const task = b.tasks.find((t) => t.chunk === chunk);
          if (task && !task.settled) this.settle(task, outcomes);
        }
      }
      this.arm(tail);
      this.dispatch();
      this.wakeRoomWaiters();
    }
  }

  private settle(task: Task, results: JobResult[] | JobOutcome[]): void {
    task.settled = true;
    task.resolve(results);
    // Batches at the front whose every chunk is answered are done.
    while (this.batches.length > 0) {
      const b = this.batches[0]!;
      if (!b.sealed || b.tasks.some((t) => !t.settled)) break;
      this.batches.shift();
    }
  }

  private wakeRoomWaiters(): void {
    for (const wake of this.roomWaiters.splice(0)) wake();
  }

  /**
   * The hang timer: a head with chunks not handed over; the tail once the chunk it must take next
   * has been handed to it (until then it waits for a head, whose own timer runs).
   */
  private arm(t: Head | Tail): void {
    clearTimeout(t.timer);
    const busy = 'tasks' in t ? t.tasks.length > 0 : t.expected[0]?.handed === true;
    t.timer = busy
      ? setTimeout(() => this.fail(t, `no answer within ${this.timeoutMs / 1000}s`), this.timeoutMs)
      : undefined;
  }

  /** Queued chunks join the last batch while it is open, else start the next. */
  private place(): void {
    while (this.queue.length > 0) {
      let open = this.batches.at(-1);
      if (!open || open.sealed) {
        open = { tasks: [], pages: 0, sealed: false, sealSent: false };
        this.batches.push(open);
      }
      const task = this.queue.shift()!;
      open.tasks.push(task);
      open.pages += task.jobs.length;
      if (open.pages >= this.batchPages) open.sealed = true;
    }
  }

  private dispatch(): void {
    if (this.closed) return;
    this.place();
    // The tail holds at most this many chunks it was told of and has not digested.
    const tailMax = this.depth * (this.headCount + 1);
    outer: for (const b of this.batches) {
      for (const task of b.tasks) {
        if (task.sent || task.settled || task.dropped) continue;
        if (this.tail.expected.length >= tailMax) break outer;
        let head: Head | undefined;
        for (const h of this.heads)
          if (h.tasks.length < this.depth && (!head || h.tasks.length < head.tasks.length)) head = h;
        if (!head) break outer;
        this.send(head, b, task);
      }
    }
    // The reader is behind and the tail has digested everything sent: the open batch is cut
    // where it is and committed, not held for more.
    const last = this.batches.at(-1);
    if (
      last &&
      !last.sealed &&
      this.queue.length === 0 &&
      this.tail.expected.length === 0 &&
      last.tasks.every((t) => t.sent || t.dropped)
    ) {
      this.seal(last);
    }
  }

  private send(head: Head, b: Batch, task: Task): void {
    task.sent = true;
    head.tasks.push(task);
    if (head.tasks.length === 1) this.arm(head);
    this.tail.expected.push(task);
    const expect: ToTail = { kind: 'expect', chunk: task.chunk, batch: batchStart(b) };
    if (b.sealed && task === lastLive(b) && b.tasks.every((t) => t.sent || t.dropped)) {
      expect.end = batchEnd(b);
      b.sealSent = true;
    }
    // The tail first: it knows the chunk's place before the head's Articles arrive.
    this.tail.worker.postMessage(expect);
    head.worker.postMessage({ kind: 'chunk', chunk: task.chunk, jobs: task.jobs } satisfies ToHead);
  }

  private seal(b: Batch): void {
    b.sealed = true;
    if (b.tasks.every((t) => t.settled)) {
      // Nothing in it for the tail (every chunk dropped): done.
      const i = this.batches.indexOf(b);
      if (i >= 0) this.batches.splice(i, 1);
      return;
    }
    const last = lastLive(b);
    if (!b.sealSent && last?.sent && b.tasks.every((t) => t.sent || t.dropped)) {
      b.sealSent = true;
      this.tail.worker.postMessage({ kind: 'seal', batch: batchStart(b), end: batchEnd(b) } satisfies ToTail);
    }
  }

  /**
   * A head or the tail died or hung: the culprit chunk is the one that thread was on. The whole
   * pipeline is replaced, and every chunk not answered is sent again in order.
   */
  private fail(t: Head | Tail, why: string): void {
    if (this.closed) return;
    if (t !== this.tail && !this.heads.includes(t as Head)) return;
    const culprit = 'tasks' in t ? t.tasks[0] : t.expected[0];
    for (const old of [...this.heads, this.tail]) {
      clearTimeout(old.timer);
      old.worker.removeAllListeners();
      old.worker.on('error', () => {});
      void old.worker.terminate();
    }
    this.restarts++;
    for (const b of this.batches) {
      b.sealSent = false;
      for (const task of b.tasks) {
        if (task.settled) continue;
        task.sent = false;
        task.handed = false;
        task.digested = false;
      }
    }
    if (culprit && !culprit.settled) this.blame(culprit, why);
    this.startPipeline();
    this.dispatch();
    this.wakeRoomWaiters();
  }

  /** The culprit is retried page by page; a page alone is stored as its error; an error that still fails is settled here. */
  private blame(culprit: Task, why: string): void {
    const batch = this.batches.find((b) => b.tasks.includes(culprit));
    if (!batch) return;
    const job = requeueCulprit(batch.tasks, batch.tasks.indexOf(culprit), why, () => this.nextChunk++);
    if (!job) return;
    culprit.dropped = true;
    culprit.settled = true;
    const result: PoolResult = this.writes
      ? { seq: job.seq, hash: job.hash, ok: false, error: job.error, stored: false }
      : { seq: job.seq, hash: job.hash, ok: false, error: job.error };
    culprit.resolve([result]);
  }
}
