/**
 * One unit of batch work: a page in, the store's record of its Article out, or the
 * error that names the input. The same function runs in a worker thread and, with
 * `--workers 0`, on the main thread.
 */
import type { Article, ArticleWarning } from '../article/types.js';
import { digestArticle } from '../digest.js';
import type { DigestOptions } from '../digest-options.js';
import { asNewsdigestError, type ErrorCode } from '../errors.js';
import { type PageInput, pageToArticle } from '../ingest/page.js';
import { articleRecord } from '../store/record.js';
import type { StoreRecord } from '../store/types.js';

export interface JobError {
  code: ErrorCode;
  input: string;
  message: string;
}

/**
 * A page to digest, or an input already known to have failed (unreadable, or a page that
 * killed its worker) whose error row is stored in its place in the order. `seq` numbers the
 * jobs of a run in input order; `hash` is empty for an input never read.
 */
export type Job =
  | { seq: number; hash: string; page: PageInput }
  | { seq: number; hash: string; error: JobError };

/**
 * A digested page's warnings (code and message), with the page's name (origin, URL or id), for
 * `ingest` to print them as `digest` does. Set only on a page that has warnings: the messages of
 * the others carry nothing more.
 */
export interface JobWarnings {
  input: string;
  warnings: Pick<ArticleWarning, 'code' | 'message'>[];
}

/** A page digested: its store record, for the caller to store, and its warnings if it has any. */
export type JobResult =
  | { seq: number; hash: string; ok: true; record: StoreRecord; warned?: JobWarnings }
  | { seq: number; hash: string; ok: false; error: JobError };

/**
 * What a worker that writes to the store itself reports, once the page's transaction has
 * ended: stored (false: an article with the same hash was there already, stored by another
 * connection) with the page's warnings if it has any, or the error, with `stored` saying whether the worker wrote its row (not
 * when the transaction itself failed: then the error is the store's, for the caller).
 */
export type JobOutcome =
  | { seq: number; hash: string; ok: true; stored: boolean; warned?: JobWarnings }
  | { seq: number; hash: string; ok: false; error: JobError; stored: boolean };

export async function runJob(job: Job, options: DigestOptions): Promise<JobResult> {
  if ('error' in job) return { seq: job.seq, hash: job.hash, ok: false, error: job.error };
  const input = pageInputName(job.page);
  try {
    const article = await digestArticle(pageToArticle(job.page), options);
    return okResult(job.seq, job.hash, input, article);
  } catch (e) {
    return { seq: job.seq, hash: job.hash, ok: false, error: jobError(e, input) };
  }
}

/** A digested page's result: its store record, and its warnings when it has any. */
export function okResult(seq: number, hash: string, input: string, article: Article): JobResult {
  const result: JobResult = { seq, hash, ok: true, record: articleRecord(article) };
  if (article.warnings?.length) {
    result.warned = { input, warnings: article.warnings.map(({ code, message }) => ({ code, message })) };
  }
  return result;
}

/** How a page is named in its error: its origin, URL or id. */
export function pageInputName(page: PageInput): string {
  return page.origin ?? page.url ?? page.id ?? 'input';
}

/** What a stage threw while digesting the page named `input`, as the batch records it. */
export function jobError(e: unknown, input: string): JobError {
  const error = asNewsdigestError(e, input).toJSON();
  // A stage may name something else (its model file): the batch's record names the page.
  if (error.input !== input) {
    error.message = `${error.input}: ${error.message}`;
    error.input = input;
  }
  return error;
}
