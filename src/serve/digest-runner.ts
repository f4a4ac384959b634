/**
 * Where POST /v1/digest runs the stages. The stages are synchronous CPU work: run on the
 * serving thread, a few large pages make every other request wait for them. The server
 * (server.ts) runs them on a small pool of worker threads (the batch's DigestPool, without
 * a store), started at the first digest, with a bounded number of digests waiting: past
 * it the client gets 503 and Retry-After, never an unbounded queue. createApp alone (tests,
 * embedding) keeps the inline runner.
 */
import { DigestPool } from '../batch/pool.js';
import { digest } from '../digest.js';
import type { DigestOptions } from '../digest-options.js';
import { NewsdigestError } from '../errors.js';
import type { PageInput } from '../ingest/page.js';

export interface DigestRunner {
  /** The Article of `page`, as JSON text. */
  run(page: PageInput): Promise<string>;
  close(): Promise<void>;
}

/** Thrown when the digest queue is full: the server answers 503. */
export class DigestBusy extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('the server is digesting as many pages as it takes at once; try again shortly');
  }
}

/** The stages on the calling thread (the serving thread). */
export function inlineRunner(options: DigestOptions = {}): DigestRunner {
  return {
    run: async (page) => JSON.stringify(await digest(page, options)),
    close: async () => {},
  };
}

export interface PoolRunnerOptions {
  /** Worker threads (at least 1). */
  workers: number;
  /** Digests running or waiting at most; one more is refused with DigestBusy (default 4 a worker). */
  maxPending?: number;
  options?: DigestOptions;
  /** A worker that answers nothing within this time is replaced (default 60 s). */
  chunkTimeoutMs?: number;
}

/** The stages on a pool of worker threads, started at the first page. */
export function poolRunner(opts: PoolRunnerOptions): DigestRunner {
  const workers = Math.max(1, Math.floor(opts.workers));
  const maxPending = Math.max(1, opts.maxPending ?? 4 * workers);
  let pool: DigestPool | undefined;
  let pending = 0;
  let seq = 0;
  let closed = false;
  return {
    async run(page) {
      if (closed) throw new DigestBusy(1);
      if (pending >= maxPending) throw new DigestBusy(1);
      pool ??= new DigestPool({
        workers,
        options: opts.options ?? {},
        ...(opts.chunkTimeoutMs !== undefined ? { chunkTimeoutMs: opts.chunkTimeoutMs } : {}),
      });
      pending++;
      try {
        const [result] = await pool.submit([{ seq: seq++, hash: '', page }]);
        if (!result || !('record' in result || 'error' in result)) {
          throw new NewsdigestError('E_INTERNAL', 'body', 'the digest worker gave no answer');
        }
        if (result.ok && 'record' in result) return result.record.json;
        if (!result.ok)
          throw new NewsdigestError(result.error.code, result.error.input, result.error.message);
        throw new NewsdigestError('E_INTERNAL', 'body', 'the digest worker gave no record');
      } finally {
        pending--;
      }
    },
    async close() {
      closed = true;
      if (pool) {
        pool.end();
        await pool.close();
      }
    },
  };
}
