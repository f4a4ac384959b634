import { NewsdigestError } from '../../errors.js';
import { startServer } from '../../serve/server.js';
import { openStore } from '../../store/sqlite-store.js';
import { type Command, EXIT } from '../command.js';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve a corpus: the HTTP API, its OpenAPI document, and a web page to browse it',
  usage: 'newsdigest serve --db FILE [--port 8080] [--host 127.0.0.1]',
  help: `Serves a corpus made by "newsdigest ingest" on http://HOST:PORT/:
  /                      the web page: search, articles with their layers, entities, speakers
  /v1/...                the JSON API (POST /v1/digest, GET /v1/articles, /v1/entities, /v1/quotes)
  /openapi.json          the API's OpenAPI document
Listens on 127.0.0.1 only, unless --host says otherwise. Stop it with Ctrl-C.

Options:
  --db FILE      the corpus database (required; must exist)
  --port N       the port (default 8080; 0 picks a free one)
  --host HOST    the address to bind (default 127.0.0.1)

Examples:
  newsdigest serve --db corpus.db
  newsdigest serve --db corpus.db --port 9000`,
  flags: {
    db: { type: 'string' },
    port: { type: 'string', short: 'p' },
    host: { type: 'string' },
  },
  async run(ctx) {
    const db = ctx.values['db'];
    if (typeof db !== 'string' || db === '') {
      ctx.stderr.write('serve: --db FILE is required; see newsdigest serve --help\n');
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
    const store = openStore(db, { mustExist: true });
    let running: Awaited<ReturnType<typeof startServer>>;
    try {
      running = await startServer({ store, port, host });
    } catch (e) {
      store.close();
      throw new NewsdigestError('E_IO', `${host}:${port}`, `cannot listen: ${(e as Error).message}`);
    }
    const stats = store.stats();
    ctx.stderr.write(`serve: ${stats.articles} articles from ${db} on ${running.url}/ (Ctrl-C to stop)\n`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await running.close();
    store.close();
    return EXIT.ok;
  },
};
