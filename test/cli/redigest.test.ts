/**
 * `newsdigest ingest --redigest`: pages already stored are digested again and replace their
 * Articles; the summary counts them apart from the new ones; a plain rerun still skips them.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { interruptedLine, summaryLine } from '../../src/cli/commands/ingest.js';
import { articleRecord } from '../../src/store/record.js';
import { openStore } from '../../src/store/sqlite-store.js';
import { syntheticJsonl } from '../batch/synthetic-pages.js';
import { testDatabase } from '../store/test-database.js';
import { runCli } from './run-cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'nd-cli-redigest-'));

describe('ingest --redigest', () => {
  it('replaces the stored Articles of pages already stored, under the same ids, and counts them apart', async () => {
    const dir = tmp();
    const lines = syntheticJsonl(12).trimEnd().split('\n');
    const first = join(dir, 'first.jsonl');
    const all = join(dir, 'all.jsonl');
    writeFileSync(first, `${lines.slice(0, 8).join('\n')}\n`);
    writeFileSync(all, `${lines.join('\n')}\n`);
    const db = join(dir, 'c.db');
    expect((await runCli(['ingest', first, '--db', db, '--workers', '0'])).code).toBe(0);

    // An earlier pipeline's Article for one page: its stored row says so (a title of its own, no quotes).
    const store = openStore(db);
    const conn = testDatabase(db, { readonly: true });
    const { hash, rowid } = conn
      .prepare("SELECT hash, rowid FROM articles WHERE id = 'synthetic-5'")
      .get() as {
      hash: string;
      rowid: number;
    };
    conn.close();
    const current = store.article('synthetic-5')!;
    expect(current.quotes?.length).toBeGreaterThan(0);
    const older = { ...current, meta: { ...current.meta!, title: 'An old title' }, quotes: [] };
    store.putBatch([{ hash, record: articleRecord(older), replace: true }]);
    expect(store.article('synthetic-5')?.meta?.title).toBe('An old title');
    store.close();

    // A plain rerun leaves it as it is.
    const plain = await runCli(['ingest', all, '--db', db, '--workers', '0']);
    expect(plain.stderr).toMatch(/^ingest: 4 stored, 8 already stored, 0 failed in /m);

    const again = await runCli(['ingest', all, '--db', db, '--workers', '0', '--redigest']);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(
      /^ingest: 12 re-digested, 0 new, 0 failed in [\d.]+s \([\d.]+ articles\/s, on the main thread\) into /m,
    );
    const after = openStore(db);
    // The Article a fresh digest gives, from where the page was read this time.
    expect(after.article('synthetic-5')).toEqual({
      ...current,
      source: { ...current.source, origin: `${all}:6` },
    });
    expect(after.stats().articles).toBe(12);
    expect(after.search({ q: '"old title"' }).items).toEqual([]);
    after.close();
    const check = testDatabase(db, { readonly: true });
    expect(check.prepare("SELECT rowid FROM articles WHERE id = 'synthetic-5'").get()).toEqual({ rowid });
    expect(
      (check.prepare('SELECT COUNT(*) AS n FROM quotes WHERE article = ?').get(rowid) as { n: number }).n,
    ).toBe(current.quotes!.length);
    check.close();
  });

  it('is in --help', async () => {
    const help = await runCli(['ingest', '--help']);
    expect(help.stdout).toMatch(/--redigest +digest pages already stored again and replace their Articles/);
    expect(help.stdout).toMatch(/every article is either its old or its new version/);
  });

  it('says in its summary and interrupted lines what a --redigest run did', () => {
    const summary = {
      read: 10,
      stored: 9,
      redigested: 7,
      warned: 1,
      skipped: 1,
      duplicates: 1,
      failed: 0,
      duplicateList: [],
      errors: [],
      seconds: 2,
    };
    expect(summaryLine(summary, 2, 'c.db', true)).toBe(
      'ingest: 7 re-digested, 2 new (1 with warnings), 1 duplicate of a page earlier in this run, 0 failed in 2.0s (4.5 articles/s, 2 workers) into c.db\n',
    );
    // A page another process stored meanwhile is named; a plain run's line is as before.
    expect(summaryLine({ ...summary, skipped: 2 }, 1, 'c.db', true)).toMatch(
      /2 new \(1 with warnings\), 1 already stored, 1 duplicate/,
    );
    expect(summaryLine(summary, 2, 'c.db')).toMatch(
      /^ingest: 9 stored \(1 with warnings\), 0 already stored, 1 duplicate/,
    );
    expect(interruptedLine(summary, true)).toBe(
      'ingest: interrupted: 9 stored in this run (7 re-digested; committed batches are kept, every article is either its old or its new version); rerun the same command to finish (every page is digested again)\n',
    );
    expect(interruptedLine(summary)).toMatch(/pages already stored are skipped/);
  });
});
