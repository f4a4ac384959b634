import { writeFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { estimateTotal } from '../../batch/estimate-total.js';
import { type IngestCounts, type IngestSummary, runIngest, type Split } from '../../batch/run-ingest.js';
import { fileBytesRead } from '../../ingest/byte-source.js';
import { formatOfName } from '../../ingest/read.js';
import { SkippedRecords } from '../../ingest/skipped.js';
import { openStore } from '../../store/sqlite-store.js';
import { type Command, EXIT } from '../command.js';
import { dbPathProblem, localInputs, openForWriting, problem } from '../out-file.js';
import { createProgress } from '../progress.js';
import { warningLine } from './digest.js';

/** How many workers --workers may ask for: twice the cores (more only share them); asked for more, capped here. */
export function maxWorkers(cores: number): number {
  return Math.max(2, 2 * cores);
}

/**
 * The bytes of the files the inputs name, as the reader will read them (a folder's readable
 * files, hidden ones left out, as the reader walks it), for the progress display's share of the
 * input read when the page count is unknown; undefined when some input's size is not known
 * beforehand (stdin, a pattern, a missing file).
 */
export async function inputBytes(inputs: readonly string[]): Promise<number | undefined> {
  const sizeOf = async (path: string): Promise<number> => {
    const info = await stat(path);
    if (!info.isDirectory()) return info.size;
    let bytes = 0;
    for (const e of await readdir(path, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const child = join(path, e.name);
      if (e.isDirectory()) bytes += await sizeOf(child);
      else if (e.isFile() && formatOfName(child).format) bytes += (await stat(child)).size;
    }
    return bytes;
  };
  let total = 0;
  for (const input of inputs) {
    if (input === '-') return undefined;
    try {
      total += await sizeOf(input);
    } catch {
      return undefined;
    }
  }
  return total;
}

/** "on the main thread", "1 worker", "N workers". */
export function workersPhrase(workers: number): string {
  return workers === 0 ? 'on the main thread' : workers === 1 ? '1 worker' : `${workers} workers`;
}

/**
 * The summary line of a run (ingest's stderr, without --quiet). The pages stored with warnings
 * are counted after the stored ones, "N stored (M with warnings)", only when there are some.
 * A --redigest run counts the pages it digested again apart from the new ones:
 * "N re-digested, M new", and the pages found stored only when there are some (a page another
 * process stored meanwhile).
 */
export function summaryLine(
  summary: Omit<IngestSummary, 'warned' | 'redigested'> & { warned?: number; redigested?: number },
  workers: number,
  db: string,
  redigest = false,
): string {
  // No rate when nothing was stored (a rerun that skipped every page): "0.0 articles/s" says nothing.
  const rate =
    summary.stored > 0 && summary.seconds > 0
      ? `${(summary.stored / summary.seconds).toFixed(1)} articles/s, `
      : '';
  const already = summary.skipped - summary.duplicates;
  const dups =
    summary.duplicates === 0
      ? ''
      : `, ${summary.duplicates} ${summary.duplicates === 1 ? 'duplicate of a page' : 'duplicates of pages'} earlier in this run`;
  const warned = summary.warned ? ` (${summary.warned} with warnings)` : '';
  const tail = ` in ${summary.seconds.toFixed(1)}s (${rate}${workersPhrase(workers)}) into ${db}\n`;
  if (redigest) {
    const again = summary.redigested ?? 0;
    const found = already > 0 ? `, ${already} already stored` : '';
    return (
      `ingest: ${again} re-digested, ${summary.stored - again} new${warned}${found}${dups}, ${summary.failed} failed` +
      tail
    );
  }
  return `ingest: ${summary.stored} stored${warned}, ${already} already stored${dups}, ${summary.failed} failed${tail}`;
}

/**
 * The line printed when Ctrl-C stops a run. A --redigest run's rerun digests every page again
 * (nothing tells a page it replaced from one it did not reach): it finishes the job all the same.
 */
export function interruptedLine(
  counts: (Omit<IngestCounts, 'warned' | 'redigested'> & { redigested?: number }) | undefined,
  redigest = false,
): string {
  const stored = counts?.stored ?? 0;
  if (redigest) {
    return `ingest: interrupted: ${stored} stored in this run (${counts?.redigested ?? 0} re-digested; committed batches are kept, every article is either its old or its new version); rerun the same command to finish (every page is digested again)\n`;
  }
  return `ingest: interrupted: ${stored} stored in this run (committed batches are kept); rerun the same command to finish (pages already stored are skipped)\n`;
}

export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'digest pages on all cores into a searchable corpus database',
  usage:
    'newsdigest ingest <inputs…> --db FILE [--redigest] [--any-language] [--workers N] [--split stage|article] [--errors FILE] [--duplicates FILE] [--quiet]',
  help: `Reads each input (pages, folders, JSONL, or - for stdin), digests the pages on worker
threads and stores the Articles in a SQLite corpus (created when missing), committing
in batches, in input order: the same inputs give the same database with any number of
workers. Pages already stored (same content) are skipped unless --redigest is given, so
rerunning after an interruption finishes the job (Ctrl-C says how far it got). A page stored with warnings (no
story found: a front page, an error page) is named on stderr, one line each, as digest does,
and the summary counts them. A page whose content is the same
as a page earlier in the same run is not stored again: the summary counts these duplicates
apart from the pages already stored, and --duplicates lists them. A page that fails is
recorded and the batch goes on.

After an upgrade, --redigest brings a corpus up to date: the pages given are digested again,
those already stored included, and each replaces its stored Article and everything found
through it (search text, entities, aliases, quotes) in one transaction, under the same id.
A page whose new digest fails keeps its stored Article (the failure is recorded). Stopped at
any point, every article is either its old or its new version; rerunning the same command
finishes the job (it digests every page again).

Options:
  --db FILE         the corpus database (required)
  --redigest        digest pages already stored again and replace their Articles (the summary
                    counts them apart from the new ones); without it they are skipped
  --any-language    no language check: pages not in English get entities and quotes too
                    (without it they are stored with W_NOT_ENGLISH and none)
  --workers N       worker threads (default: one per core, here ${availableParallelism()}); 0 = main thread;
                    at most twice the cores (${maxWorkers(availableParallelism())} here): more is capped, with a note
  --split HOW       how 2+ workers share the work: stage (N-1 threads run the first stages,
                    one the rest and the store) or article (each runs every stage on its own
                    pages); default stage for 2 workers, article for more
  --errors FILE     write the corpus's outstanding errors there as JSONL after the run
                    (the path is checked before the run)
  --duplicates FILE write this run's duplicates there as JSONL after the run, one a line:
                    {"origin", "duplicateOf" (the earlier page's origin), "hash"}
  --keep-html       keep each page's HTML in the stored Article's source.html
  --quiet           no progress display, no notes, no warning lines and no summary line

Exit code: 0 when every page was stored or already there, 1 when some failed.

Examples:
  newsdigest ingest ../shared/data/bbc-news-summary/bbc-news-summary.jsonl --db corpus.db
  newsdigest ingest pages/ feed.jsonl --db corpus.db --workers 2 --errors errors.jsonl
  newsdigest ingest ../shared/data/bbc-news-summary/bbc-news-summary.jsonl --db corpus.db --redigest`,
  flags: {
    db: { type: 'string' },
    workers: { type: 'string', short: 'w' },
    split: { type: 'string' },
    errors: { type: 'string' },
    duplicates: { type: 'string' },
    'keep-html': { type: 'boolean' },
    redigest: { type: 'boolean' },
    'any-language': { type: 'boolean' },
  },
  async run(ctx) {
    const db = ctx.values['db'];
    if (typeof db !== 'string' || db === '') {
      ctx.stderr.write('ingest: --db FILE is required; see newsdigest ingest --help\n');
      return EXIT.usage;
    }
    if (ctx.args.length === 0) {
      ctx.stderr.write(
        'ingest: no input given (a file, a folder, or - for stdin); see newsdigest ingest --help\n',
      );
      return EXIT.usage;
    }
    const dbProblem = dbPathProblem('ingest', db);
    if (dbProblem) {
      ctx.stderr.write(`${dbProblem}\n`);
      return EXIT.usage;
    }
    const quiet = ctx.values['quiet'] === true;
    const redigest = ctx.values['redigest'] === true;
    const rawWorkers = ctx.values['workers'];
    const cores = availableParallelism();
    let workers = cores;
    if (typeof rawWorkers === 'string') {
      workers = Number(rawWorkers);
      if (!Number.isInteger(workers) || workers < 0 || workers > 256) {
        ctx.stderr.write(
          `--workers: expecting a whole number from 0 to 256, instead found "${rawWorkers}"\n`,
        );
        return EXIT.usage;
      }
      const most = maxWorkers(cores);
      if (workers > most) {
        ctx.stderr.write(
          `ingest: --workers ${workers} capped at ${most} (twice this machine's ${cores} cores: more threads only share them)\n`,
        );
        workers = most;
      } else if (workers > cores && !quiet) {
        ctx.stderr.write(`ingest: note: ${workers} workers on ${cores} cores share them\n`);
      }
    }
    const rawSplit = ctx.values['split'];
    if (rawSplit !== undefined && rawSplit !== 'stage' && rawSplit !== 'article') {
      ctx.stderr.write(`--split: expecting stage or article, instead found "${String(rawSplit)}"\n`);
      return EXIT.usage;
    }
    const split = rawSplit as Split | undefined;
    // The files written after the run are checked now, not after an hour of work.
    const outputs: Record<string, string> = {};
    for (const flag of ['errors', 'duplicates'] as const) {
      const path = ctx.values[flag];
      if (typeof path !== 'string') continue;
      const opened = openForWriting(path, `--${flag}`, false);
      if ('error' in opened) {
        ctx.stderr.write(`ingest: ${opened.error}\n`);
        return EXIT.usage;
      }
      outputs[flag] = path;
    }
    // A URL is a bad input as a missing file is: one line, the others go on, exit code 1.
    const { inputs, refused } = localInputs(ctx.args);
    for (const line of refused) ctx.stderr.write(`${line}\n`);
    if (inputs.length === 0) return EXIT.someFailed;
    const store = openStore(db);
    // The share of the inputs' bytes read stands in for the page count where that is not known
    // cheaply beforehand (gzip files, feeds, WARC: estimateTotal).
    let bytes: { start: number; total: number } | undefined;
    let counts: IngestCounts | undefined;
    const progress = createProgress('ingest', ctx.stderr, ctx.interactive, Date.now, () =>
      bytes
        ? { read: fileBytesRead() - bytes.start, total: bytes.total, pages: counts?.read ?? 0 }
        : undefined,
    );
    // Ctrl-C: say how far the run got, then die of the signal as before (exit 130 in a shell).
    const interrupted = (signal: NodeJS.Signals): void => {
      progress.done();
      ctx.stderr.write(interruptedLine(counts, redigest));
      process.kill(process.pid, signal);
    };
    process.once('SIGINT', interrupted);
    // WARC records that give no page: summed up per file after the summary line, and listed with
    // --errors (after the corpus's errors, as rows of code SKIPPED).
    const skipped = new SkippedRecords();
    try {
      const total = ctx.interactive ? await estimateTotal(inputs) : undefined;
      const size = ctx.interactive && total === undefined ? await inputBytes(inputs) : undefined;
      if (size) bytes = { start: fileBytesRead(), total: size };
      const summary = await runIngest({
        inputs,
        store,
        workers,
        ...(split ? { split } : {}),
        stdin: ctx.stdin,
        onSkipped: skipped.add,
        ...(redigest ? { redigest } : {}),
        digest: {
          keepHtml: ctx.values['keep-html'] === true,
          ...(ctx.values['any-language'] === true ? { language: { skip: true } } : {}),
        },
        ...(quiet
          ? {}
          : {
              onWarnings: (w) => {
                // The page's line as digest prints it (warningLine reads only the warnings).
                const line = warningLine(w.input, { warnings: w.warnings });
                if (!line) return;
                progress.clear();
                ctx.stderr.write(line);
              },
            }),
        onProgress: (done, sofar) => {
          counts = sofar;
          progress.tick(done, total);
        },
      });
      progress.done();
      let listsFailed = false;
      // Checked before the run, but a disk can fill: one line naming the file, exit code 1.
      const writeList = (flag: 'errors' | 'duplicates', rows: readonly unknown[]): void => {
        const path = outputs[flag];
        if (path === undefined) return;
        try {
          writeFileSync(path, rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
        } catch (e) {
          listsFailed = true;
          ctx.stderr.write(`ingest: --${flag} ${path}: cannot be written (${problem(e, path)})\n`);
        }
      };
      writeList('errors', [
        ...store.errors(),
        ...skipped.records().map((r) => ({
          code: 'SKIPPED',
          origin: `${r.file}#${r.record}`,
          ...(r.url ? { url: r.url } : {}),
          message: `skipped (${r.detail})`,
        })),
      ]);
      writeList('duplicates', summary.duplicateList);
      if (!quiet) {
        ctx.stderr.write(summaryLine(summary, workers, db, redigest));
        for (const line of skipped.summaryLines()) ctx.stderr.write(`${line}\n`);
        for (const e of summary.errors.slice(0, 20)) ctx.stderr.write(`${e.origin}: ${e.message}\n`);
        if (summary.errors.length > 20) ctx.stderr.write(`… and ${summary.errors.length - 20} more\n`);
      }
      return summary.failed > 0 || refused.length > 0 || listsFailed ? EXIT.someFailed : EXIT.ok;
    } finally {
      process.off('SIGINT', interrupted);
      progress.done();
      store.close();
    }
  },
};
