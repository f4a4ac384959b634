/**
 * The worker thread's entry point: digests the chunks of pages it is sent, one
 * message back per chunk. Loaded as compiled JS (dist/src/batch/worker.js); see
 * worker-url.ts for how tests running from the TypeScript sources find it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { DigestOptions } from '../digest-options.js';
import { type Job, type JobResult, runJob } from './digest-job.js';

export interface ChunkMessage {
  chunk: number;
  jobs: Job[];
}

export interface ChunkReply {
  chunk: number;
  results: JobResult[];
}

const port = parentPort;
if (port) {
  const options = ((workerData as { options?: DigestOptions } | undefined)?.options ?? {}) as DigestOptions;
  // The pool sends several chunks ahead; they are done one after the other, answered in order.
  let done: Promise<void> = Promise.resolve();
  port.on('message', (message: ChunkMessage) => {
    done = done.then(async () => {
      const results: JobResult[] = [];
      for (const job of message.jobs) results.push(await runJob(job, options));
      port.postMessage({ chunk: message.chunk, results } satisfies ChunkReply);
    });
  });
}
