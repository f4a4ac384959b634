/**
 * Two processes opening one new corpus file at the same moment (review-15, item 11): both must
 * get a corpus, neither "table articles already exists" nor "database is locked". The store is
 * bundled from src with esbuild into a temporary folder (better-sqlite3 left to node_modules) and
 * each round starts two real Node processes that wait on their standard input, so that both open
 * the file as nearly together as the machine allows. The assertions are on outcomes only.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { testDatabase } from './test-database.js';

const ROOT = resolve(import.meta.dirname, '../..');
const ROUNDS = 24;

let dir: string;
let script: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nd-open-race-'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  buildSync({
    entryPoints: [join(ROOT, 'src/store/sqlite-store.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3'],
    outfile: join(dir, 'store.mjs'),
    logLevel: 'silent',
  });
  script = join(dir, 'open.mjs');
  // Waits for one line on stdin, opens the corpus, stores one article of its own, says "ok".
  writeFileSync(
    script,
    `import { openStore } from './store.mjs';
const [file, who] = process.argv.slice(2);
process.stdin.once('data', () => {
  try {
    const store = openStore(file);
    store.putBatch([{ hash: 'h-' + who, record: { id: who, title: who, body: 'body of ' + who,
      json: JSON.stringify({ id: who }), entities: [], quotes: [] } }]);
    store.close();
    process.stdout.write('ok');
    process.exit(0);
  } catch (e) {
    process.stdout.write(String(e && e.toString ? e.toString() : e));
    process.exit(1);
  }
});
process.stdout.write('ready\\n');
`,
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Opened {
  code: number | null;
  out: string;
}

/** Starts one opener; resolves once it is ready to open (its module loaded). */
function opener(file: string, who: string): Promise<{ go: () => void; done: Promise<Opened> }> {
  return new Promise((ready, fail) => {
    const child = spawn(process.execPath, [script, file, who], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let announced = false;
    const done = new Promise<Opened>((end) => child.on('close', (code) => end({ code, out })));
    child.stderr.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!announced && out.includes('ready\n')) {
        announced = true;
        out = out.replace('ready\n', '');
        ready({ go: () => child.stdin.end('go\n'), done });
      }
    });
    child.on('error', fail);
    child.on('close', () => {
      if (!announced) fail(new Error(`opener exited before it was ready: ${out}`));
    });
  });
}

describe('two processes opening a new corpus together', () => {
  it(`both get the corpus, migrated once, in each of ${ROUNDS} rounds`, async () => {
    const failures: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const file = join(dir, `race-${round}.db`);
      const a = await opener(file, 'a');
      const b = await opener(file, 'b');
      a.go();
      b.go();
      const [ra, rb] = await Promise.all([a.done, b.done]);
      for (const [who, r] of [
        ['a', ra],
        ['b', rb],
      ] as const) {
        if (r.code !== 0 || r.out !== 'ok') failures.push(`round ${round}, ${who}: ${r.out}`);
      }
      const db = testDatabase(file, { readonly: true });
      try {
        const version = db.pragma('user_version', { simple: true });
        if (version !== MIGRATIONS.length) failures.push(`round ${round}: schema version ${version}`);
        const ids = db.prepare('SELECT id FROM articles ORDER BY id').pluck().all();
        if (ids.join() !== 'a,b') failures.push(`round ${round}: stored ${ids.join() || 'nothing'}`);
      } finally {
        db.close();
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
