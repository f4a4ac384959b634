import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { estimateTotal } from '../../batch/estimate-total.js';
import { runIngest, type Split } from '../../batch/run-ingest.js';
import { openStore } from '../../store/sqlite-store.js';
import { type Command, EXIT } from '../command.js';
import { createProgress } from '../progress.js';

export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'digest pages on all cores into a searchable corpus database',
  usage:
    'newsdigest ingest <inputs…> --db FILE [--workers N] [--split stage|article] [--errors FILE] [--quiet]',
  help: `Reads each input (pages, folders, JSONL, or - for stdin), digests the pages on worker
threads and stores the Articles in a SQLite corpus (created when missing), committing
in batches, in input order: the same inputs give the same database with any number of
workers. Pages already stored (same content) are skipped, so rerunning after an
interruption finishes the job. A page that fails is recorded and the batch goes on.

Options:
  --db FILE         the corpus database (required)
  --workers N       worker threads (default: one per core, here ${availableParallelism()}); 0 = main thread
  --split HOW       how 2+ workers share the work: stage (N-1 threads run the first stages,
                    one the rest and the store) or article (each runs every stage on its own
                    pages); default stage for 2 workers, article for more
  --errors FILE     write the corpus's outstanding errors there as JSONL after the run
  --keep-html       keep each page's HTML in the stored Article's source.html
  --quiet           no progress display and no summary line

Exit code: 0 when every page was stored or already there, 1 when some failed.

Examples:
  newsdigest ingest ../shared/data/bbc-news-summary/bbc-news-summary.jsonl --db corpus.db
  newsdigest ingest pages/ feed.jsonl --db corpus.db --workers 2 --errors errors.jsonl`,
  flags: {
    db: { type: 'string' },
    workers: { type: 'string', short: 'w' },
    split: { type: 'string' },
    errors: { type: 'string' },
    'keep-html': { type: 'boolean' },
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
    const rawWorkers = ctx.values['workers'];
    let workers = availableParallelism();
    if (typeof rawWorkers === 'string') {
      workers = Number(rawWorkers);
      if (!Number.isInteger(workers) || workers < 0 || workers > 256) {
        ctx.stderr.write(
          `--workers: expecting a whole number from 0 to 256, instead found "${rawWorkers}"\n`,
        );
        return EXIT.usage;
      }
    }
    const rawSplit = ctx.values['split'];
    if (rawSplit !== undefined && rawSplit !== 'stage' && rawSplit !== 'article') {
      ctx.stderr.write(`--split: expecting stage or article, instead found "${String(rawSplit)}"\n`);
      return EXIT.usage;
    }
    const split = rawSplit as Split | undefined;
    const store = openStore(db);
    try {
      const total = ctx.interactive ? await estimateTotal(ctx.args) : undefined;
      const progress = createProgress('ingest', ctx.stderr, ctx.interactive);
      const summary = await runIngest({
        inputs: ctx.args,
        store,
        workers,
        ...(split ? { split } : {}),
        stdin: ctx.stdin,
        digest: { keepHtml: ctx.values['keep-html'] === true },
        onProgress: (done) => progress.tick(done, total),
      });
      progress.done();
      const errorsFile = ctx.values['errors'];
      if (typeof errorsFile === 'string') {
        writeFileSync(
          errorsFile,
          store
            .errors()
            .map((e) => `${JSON.stringify(e)}\n`)
            .join(''),
        );
      }
      if (!ctx.values['quiet']) {
        const rate = summary.seconds > 0 ? summary.stored / summary.seconds : 0;
        ctx.stderr.write(
          `ingest: ${summary.stored} stored, ${summary.skipped} already stored, ${summary.failed} failed` +
            ` in ${summary.seconds.toFixed(1)}s (${rate.toFixed(1)} articles/s, ${workers} workers) into ${db}\n`,
        );
        for (const e of summary.errors.slice(0, 20)) ctx.stderr.write(`${e.origin}: ${e.message}\n`);
        if (summary.errors.length > 20) ctx.stderr.write(`… and ${summary.errors.length - 20} more\n`);
      }
      return summary.failed > 0 ? EXIT.someFailed : EXIT.ok;
    } finally {
      store.close();
    }
  },
};
