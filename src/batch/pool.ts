/**
 * A fixed pool of worker threads that digest chunks of pages. Each worker is sent a
 * few chunks ahead (it works through them in order), so that it never waits for the
 * main thread, which may be busy committing a batch to the store for a while. A
 * worker that dies or hangs (a page that sends a stage into a loop) is replaced; the
 * chunk it was on is retried one page at a time so that only the page at fault is
 * reported failed, and the chunks queued behind it go back to the queue whole.
 */
import { Worker } from 'node:worker_threads';
import type { DigestOptions } from '../digest-options.js';
import type { Job, JobResult } from './digest-job.js';
import type { ChunkMessage, ChunkReply } from './worker.js';
import { workerUrl } from './worker-url.js';

export interface PoolOptions {
  workers: number;
  options?: DigestOptions;
  /** A worker with work that sends no answer within this time is taken as hung and replaced. */
  chunkTimeoutMs?: number;
  /** Chunks sent to a worker ahead of its answers (default 4). */
  depth?: number;
}

interface Task {
  chunk: number;
  jobs: Job[];
  resolve: (results: JobResult[]) => void;
}

interface Slot {
  worker: Worker;
  /** Chunks sent and not yet answered, in the order the worker takes them. */
  tasks: Task[];
  timer?: NodeJS.Timeout;
}

export class DigestPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private readonly url: URL;
  private readonly options: DigestOptions;
  private readonly timeoutMs: number;
  private readonly depth: number;
  private nextChunk = 0;
  private closed = false;

  constructor(opts: PoolOptions) {
    this.url = workerUrl();
    this.options = opts.options ?? {};
    this.timeoutMs = opts.chunkTimeoutMs ?? 60_000;
    this.depth = Math.max(1, opts.depth ?? 4);
    for (let i = 0; i < opts.workers; i++) this.slots.push(this.spawn());
  }

  get size(): number {
    return this.slots.length;
  }

  /** Chunks per worker kept sent ahead: with the queue's own, what keeps every worker busy. */
  get aheadPerWorker(): number {
    return this.depth;
  }

  /**
   * Share of its life each current worker spent working rather than waiting for a chunk
   * (event-loop utilisation, 0 to 1): below 1, the main thread did not keep it fed.
   */
  busyShare(): number[] {
    return this.slots.map((s) => s.worker.performance.eventLoopUtilization().utilization);
  }

  submit(jobs: Job[]): Promise<JobResult[]> {
    return new Promise((resolve) => {
      this.queue.push({ chunk: this.nextChunk++, jobs, resolve });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const slot: Slot = {
      worker: new Worker(this.url, { workerData: { options: this.options } }),
      tasks: [],
    };
    slot.worker.on('message', (reply: ChunkReply) => {
      const task = slot.tasks[0];
      if (!task || task.chunk !== reply.chunk) return;
      slot.tasks.shift();
      this.arm(slot);
      task.resolve(reply.results);
      this.dispatch();
    });
    slot.worker.on('error', (e) => this.fail(slot, `worker failed: ${e.message}`));
    slot.worker.on('exit', (code) => this.fail(slot, `worker exited with code ${code}`));
    return slot;
  }

  /** (Re)starts the hang timer of a worker that has work; stops it when it has none. */
  private arm(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.timer =
      slot.tasks.length > 0
        ? setTimeout(() => this.fail(slot, `no answer within ${this.timeoutMs / 1000}s`), this.timeoutMs)
        : undefined;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      while (slot.tasks.length < this.depth) {
        const task = this.queue.shift();
        if (!task) return;
        slot.tasks.push(task);
        if (slot.tasks.length === 1) this.arm(slot);
        slot.worker.postMessage({ chunk: task.chunk, jobs: task.jobs } satisfies ChunkMessage);
      }
    }
  }

  /** Replaces a dead or hung worker and settles the chunk it was on; its other chunks go back to the queue. */
  private fail(slot: Slot, why: string): void {
    if (this.closed) return;
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    const [task, ...waiting] = slot.tasks;
    clearTimeout(slot.timer);
    slot.tasks = [];
    slot.timer = undefined;
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => {});
    void slot.worker.terminate();
    this.slots[index] = this.spawn();
    // Chunks the worker had not begun are not at fault: first in line again, whole.
    this.queue.unshift(...waiting);
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
            new Promise<JobResult[]>((resolve) => {
              this.queue.unshift({ chunk: this.nextChunk++, jobs: [job], resolve });
            }),
        );
        Promise.all(singles).then((r) => task.resolve(r.flat()));
      }
    }
    this.dispatch();
  }
}
