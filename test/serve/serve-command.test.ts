/** `newsdigest serve` as a user runs it: a child process on 127.0.0.1 that stops cleanly on SIGTERM. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { articleRecord } from '../../src/store/record.js';
import { openStore } from '../../src/store/sqlite-store.js';
import { runCli } from '../cli/run-cli.js';
import { fixtureArticles } from '../store/fixture-articles.js';

const CLI = 'dist/src/cli/main.js';

describe('newsdigest serve', () => {
  it('refuses a missing database and bad flags', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nd-serve-'));
    expect(await runCli(['serve', '--db', join(dir, 'none.db')])).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/none\.db: no such corpus database/),
    });
    expect((await runCli(['serve'])).code).toBe(2);
    expect((await runCli(['serve', '--db', 'x.db', '--port', 'http'])).stderr).toMatch(
      /--port: expecting a port number/,
    );
  });

  it.skipIf(!existsSync(CLI)).each([
    ['one process', []],
    ['two worker processes', ['--workers', '2']],
  ])('listens on 127.0.0.1 by default, answers, and stops on SIGTERM: %s', async (_name, extra) => {
    const db = join(mkdtempSync(join(tmpdir(), 'nd-serve-')), 'c.db');
    const store = openStore(db);
    store.putBatch(fixtureArticles().map((a) => ({ hash: a.id, record: articleRecord(a) })));
    store.close();
    const child = spawn(process.execPath, [CLI, 'serve', '--db', db, '--port', '0', ...extra], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    // A failed or timed-out test must not leave a server (and its workers) running: SIGTERM stops both.
    onTestFinished(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    });
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const url = await new Promise<string>((resolve, reject) => {
      let err = '';
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
        const m = /serve: .* on (http:\/\/127\.0\.0\.1:\d+)\//.exec(err);
        if (m) resolve(m[1]!);
      });
      child.on('exit', () => reject(new Error(err)));
    });
    const res = await fetch(`${url}/v1/articles?q=library`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([
      'library-sundays',
    ]);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
