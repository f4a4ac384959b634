import cluster from 'node:cluster';
import { NewsdigestError } from '../../errors.js';
import { startServer } from '../../serve/server.js';
import { openStore } from '../../store/sqlite-store.js';
import { type Command, type CommandContext, EXIT } from '../command.js';
import { dbPathProblem } from '../out-file.js';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve a corpus: the HTTP API, its OpenAPI document, and a web page to browse it',
  usage: 'newsdigest serve --db FILE [--port 8080] [--host 127.0.0.1] [--workers N]',
  help: `Serves a corpus made by "newsdigest ingest" on http://HOST:PORT/:
  /                      the web page: search, articles with their layers, entities, speakers
  /v1/...                the JSON API (POST /v1/digest, GET /v1/articles, /v1/entities, /v1/quotes)
  /openapi.json          the API's OpenAPI document
Listens on 127.0.0.1 only, unless --host says otherwise. Stop it with Ctrl-C.

Options:
  --db FILE      the corpus database (required; must exist)
  --port N       the port (default 8080; 0 picks a free one)
  --host HOST    the address to bind (default 127.0.0.1)
  --workers N    serve from N processes sharing the port, each with its own read connection
                 (default 1; SQLite in WAL mode lets readers run in parallel)

Examples:
  newsdigest serve --db corpus.db
  newsdigest serve --db corpus.db --port 9000`,
  flags: {
    db: { type: 'string' },
    port: { type: 'string', short: 'p' },
    host: { type: 'string' },
    workers: { type: 'string', short: 'w' },
  },
  async run(ctx) {
    const db = ctx.values['db'];
    if (typeof db !== 'string' || db === '') {
      ctx.stderr.write('serve: --db FILE is required; see newsdigest serve --help\n');
      return EXIT.usage;
    }
    const dbProblem = dbPathProblem('serve', db);
    if (dbProblem) {
      ctx.stderr.write(`${dbProblem}\n`);
      return EXIT.usage;
    }
    const rawPort = ctx.values['port'] ?? '8080';
    const port = Number(rawPort);
    if (typeof rawPort !== 'string' || !Number.isInteger(port) || port < 0 || port > 65535) {
      ctx.stderr.write(
        `--port: expecting a port number from 0 to 65535, instead found "${String(rawPort)}"\n`,
      );
      return EXIT.usage;
    }
    const host = typeof ctx.values['host'] === 'string' ? ctx.values['host'] : '127.0.0.1';
    const rawWorkers = ctx.values['workers'] ?? '1';
    const workers = Number(rawWorkers);
    if (typeof rawWorkers !== 'string' || !Number.isInteger(workers) || workers < 1 || workers > 64) {
      ctx.stderr.write(
        `--workers: expecting a whole number from 1 to 64, instead found "${String(rawWorkers)}"\n`,
      );
      return EXIT.usage;
    }
    if (workers > 1 && cluster.isPrimary) return servePrimary(ctx, db, workers);
    const store = openStore(db, { mustExist: true });
    let running: Awaited<ReturnType<typeof startServer>>;
    try {
      running = await startServer({ store, port, host });
    } catch (e) {
      store.close();
      throw new NewsdigestError('E_IO', `${host}:${port}`, `cannot listen: ${(e as Error).message}`);
    }
    const stats = store.stats();
    if (cluster.isPrimary) {
      ctx.stderr.write(`serve: ${stats.articles} articles from ${db} on ${running.url}/ (Ctrl-C to stop)\n`);
    }
    await untilStopped();
    await running.close();
    store.close();
    // A cluster worker's channel to the primary would keep it alive.
    if (cluster.isWorker && process.connected) process.disconnect();
    return EXIT.ok;
  },
};

/** Resolves on Ctrl-C or SIGTERM (and, in a cluster worker, when the primary goes away). */
function untilStopped(): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.off('disconnect', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    if (cluster.isWorker) process.on('disconnect', stop);
  });
}

/**
 * The primary of `--workers N`: forks N copies of this command (each a server with its
 * own read connection; Node's cluster shares the port between them, round-robin),
 * reports the address once, and stops them all on Ctrl-C or SIGTERM.
 */
async function servePrimary(ctx: CommandContext, db: string, workers: number): Promise<number> {
  openStore(db, { mustExist: true }).close(); // fail here, once, if the database is missing
  const children = Array.from({ length: workers }, () => cluster.fork());
  let reported = false;
  cluster.on('listening', (_worker, address) => {
    if (reported) return;
    reported = true;
    const host = address.addressType === 6 ? `[${address.address}]` : address.address;
    ctx.stderr.write(
      `serve: ${db} on http://${host}:${address.port}/ with ${workers} workers (Ctrl-C to stop)\n`,
    );
  });
  const exits = children.map((w) => new Promise<void>((r) => w.once('exit', () => r())));
  const stopped = untilStopped();
  const died = Promise.race(exits).then(() => 'died' as const);
  const why = await Promise.race([stopped.then(() => 'stopped' as const), died]);
  for (const w of children) if (!w.isDead()) w.kill('SIGTERM');
  await Promise.all(exits);
  if (why === 'died') ctx.stderr.write('serve: a worker exited; stopping\n');
  return why === 'stopped' ? EXIT.ok : EXIT.someFailed;
}
