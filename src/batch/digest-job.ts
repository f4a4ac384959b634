/**
 * One unit of batch work: a page in, the store's record of its Article out, or the
 * error that names the input. The same function runs in a worker thread and, with
 * `--workers 0`, on the main thread.
 */
import { digestArticle } from '../digest.js';
import type { DigestOptions } from '../digest-options.js';
import { asNewsdigestError, type ErrorCode } from '../errors.js';
import { type PageInput, pageToArticle } from '../ingest/page.js';
import { articleRecord } from '../store/record.js';
import type { StoreRecord } from '../store/types.js';

export interface Job {
  seq: number;
  hash: string;
  page: PageInput;
}

export type JobResult =
  | { seq: number; hash: string; ok: true; record: StoreRecord }
  | { seq: number; hash: string; ok: false; error: { code: ErrorCode; input: string; message: string } };

export async function runJob(job: Job, options: DigestOptions): Promise<JobResult> {
  const input = job.page.origin ?? job.page.url ?? job.page.id ?? 'input';
  try {
    const article = await digestArticle(pageToArticle(job.page), options);
    return { seq: job.seq, hash: job.hash, ok: true, record: articleRecord(article) };
  } catch (e) {
    const error = asNewsdigestError(e, input).toJSON();
    // A stage may name something else (its model file): the batch's record names the page.
    if (error.input !== input) {
      error.message = `${error.input}: ${error.message}`;
      error.input = input;
    }
    return { seq: job.seq, hash: job.hash, ok: false, error };
  }
}
