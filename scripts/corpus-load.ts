/**
 * Search under concurrent load: starts `newsdigest serve` on a corpus (a child
 * process on 127.0.0.1), then sends a bounded number of search requests with
 * autocannon (stopping early at a time limit), and prints requests/s, latency
 * percentiles and errors, then one JSON line.
 *
 * The queries are words taken from the corpus's own titles (a seeded sample), one
 * or two words each, so that most match something and none is made up by hand.
 *
 *   node dist/scripts/corpus-load.js --db /tmp/corpus.db [--connections 16] [--amount 20000] [--max-seconds 60] [--serve-workers 1]
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { seededRandom as seeded } from '../src/seeded-random.js';

interface Histogram {
  average: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}
interface LoadResult {
  requests: Histogram & { total: number };
  latency: Histogram;
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}
interface LoadInstance {
  stop(): void;
}
type Autocannon = (
  opts: Record<string, unknown>,
  done: (err: Error | null, result: LoadResult) => void,
) => LoadInstance;

const require = createRequire(import.meta.url);
const autocannon = require('autocannon') as Autocannon;

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    connections: { type: 'string', default: '16' },
    amount: { type: 'string', default: '20000' },
    'max-seconds': { type: 'string', default: '60' },
    queries: { type: 'string', default: '400' },
    seed: { type: 'string', default: '42' },
    'serve-workers': { type: 'string', default: '1' },
  },
});
if (!values.db) {
  process.stderr.write('corpus-load: --db FILE is required\n');
  process.exit(2);
}

const STOP = new Set([
  'that',
  'this',
  'with',
  'from',
  'have',
  'will',
  'been',
  'were',
  'they',
  'their',
  'about',
  'after',
  'over',
  'into',
  'more',
  'than',
]);

function queries(db: string, count: number, random: () => number): { paths: string[]; articles: number } {
  const conn = new Database(db, { readonly: true, fileMustExist: true });
  const articles = (conn.prepare('SELECT COUNT(*) AS n FROM articles').get() as { n: number }).n;
  const titles = conn.prepare('SELECT title FROM articles WHERE rowid % 37 = 0').all() as { title: string }[];
  conn.close();
  const words = [
    ...new Set(
      titles.flatMap((t) => t.title.toLowerCase().match(/\p{L}{4,}/gu) ?? []).filter((w) => !STOP.has(w)),
    ),
  ];
  const pick = () => words[Math.floor(random() * words.length)]!;
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const q = random() < 0.7 ? pick() : `${pick()} ${pick()}`;
    paths.push(`/v1/articles?q=${encodeURIComponent(q)}&limit=20`);
  }
  return { paths, articles };
}

function startServer(db: string, workers: string): Promise<{ url: string; stop: () => void }> {
  const cli = resolve(dirname(fileURLToPath(import.meta.url)), '../src/cli/main.js');
  const child = spawn(process.execPath, [cli, 'serve', '--db', db, '--port', '0', '--workers', workers], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((ok, fail) => {
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /on (http:\/\/127\.0\.0\.1:\d+)\//.exec(err);
      if (m) ok({ url: m[1]!, stop: () => child.kill('SIGTERM') });
    });
    child.on('exit', (code) => fail(new Error(`serve exited with ${code}: ${err}`)));
  });
}

const random = seeded(Number(values.seed));
const { paths, articles } = queries(values.db, Number(values.queries), random);
const server = await startServer(values.db, values['serve-workers']!);
const amount = Number(values.amount);
const maxSeconds = Number(values['max-seconds']);
const connections = Number(values.connections);
try {
  const run = (n: number) =>
    new Promise<LoadResult>((ok, fail) => {
      const instance = autocannon(
        { url: server.url, connections, amount: n, requests: paths.map((path) => ({ method: 'GET', path })) },
        (err, result) => (err ? fail(err) : ok(result)),
      );
      setTimeout(() => instance.stop(), maxSeconds * 1000).unref();
    });
  await run(Math.min(1000, amount)); // warm-up: JIT and the page cache
  const r = await run(amount);
  const rows = [
    ['articles in corpus', articles],
    ['connections', connections],
    ['server processes', values['serve-workers']],
    ['requests sent', r.requests.total],
    ['seconds', r.duration],
    ['requests/s (mean)', r.requests.average],
    ['latency p50 ms', r.latency.p50],
    ['latency p90 ms', r.latency.p90],
    ['latency p99 ms', r.latency.p99],
    ['latency max ms', r.latency.max],
    ['errors', r.errors],
    ['timeouts', r.timeouts],
    ['non-2xx', r.non2xx],
  ];
  for (const [k, v] of rows) process.stdout.write(`${String(k).padEnd(20)} ${v}\n`);
  process.stdout.write(
    `${JSON.stringify({
      task: 'corpus-load',
      articles,
      connections,
      serveWorkers: Number(values['serve-workers']),
      requests: r.requests.total,
      seconds: r.duration,
      rps: r.requests.average,
      p50: r.latency.p50,
      p90: r.latency.p90,
      p99: r.latency.p99,
      max: r.latency.max,
      errors: r.errors,
      timeouts: r.timeouts,
      non2xx: r.non2xx,
      node: process.version,
    })}\n`,
  );
} finally {
  server.stop();
}
