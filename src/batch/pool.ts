/**
 * A fixed pool of worker threads that digest chunks of pages. A worker that dies
 * or hangs (a page that sends a stage into a loop) is replaced; its chunk is
 * retried one page at a time so that only the page at fault is reported failed.
 */
import { Worker } from 'node:worker_threads';
import type { DigestOptions } from '../digest-options.js';
import type { Job, JobResult } from './digest-job.js';
import type { ChunkMessage, ChunkReply } from './worker.js';
import { workerUrl } from './worker-url.js';

export interface PoolOptions {
  workers: number;
  options?: DigestOptions;
  /** A chunk not answered within this time is taken as hung: its worker is replaced. */
  chunkTimeoutMs?: number;
}

interface Task {
  chunk: number;
  jobs: Job[];
  resolve: (results: JobResult[]) => void;
}

interface Slot {
  worker: Worker;
  task?: Task;
  timer?: NodeJS.Timeout;
}

export class DigestPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private readonly url: URL;
  private readonly options: DigestOptions;
  private readonly timeoutMs: number;
  private nextChunk = 0;
  private closed = false;

  constructor(opts: PoolOptions) {
    this.url = workerUrl();
    this.options = opts.options ?? {};
    this.timeoutMs = opts.chunkTimeoutMs ?? 60_000;
    for (let i = 0; i < opts.workers; i++) this.slots.push(this.spawn());
  }

  get size(): number {
    return this.slots.length;
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
    const slot: Slot = { worker: new Worker(this.url, { workerData: { options: this.options } }) };
    slot.worker.on('message', (reply: ChunkReply) => {
      const task = slot.task;
      if (!task || task.chunk !== reply.chunk) return;
      this.release(slot);
      task.resolve(reply.results);
    });
    slot.worker.on('error', (e) => this.fail(slot, `worker failed: ${e.message}`));
    slot.worker.on('exit', (code) => this.fail(slot, `worker exited with code ${code}`));
    return slot;
  }

  private release(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.task = undefined;
    slot.timer = undefined;
    this.dispatch();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.task) continue;
      const task = this.queue.shift();
      if (!task) return;
      slot.task = task;
      slot.timer = setTimeout(
        () => this.fail(slot, `no answer within ${this.timeoutMs / 1000}s`),
        this.timeoutMs,
      );
      slot.worker.postMessage({ chunk: task.chunk, jobs: task.jobs } satisfies ChunkMessage);
    }
  }

  /** Replaces a dead or hung worker and settles the chunk it held. */
  private fail(slot: Slot, why: string): void {
    if (this.closed) return;
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    const task = slot.task;
    clearTimeout(slot.timer);
    slot.task = undefined;
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => {});
    void slot.worker.terminate();
    this.slots[index] = this.spawn();
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
