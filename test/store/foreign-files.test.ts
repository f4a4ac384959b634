/**
 * What ingest does with a --db file that is already there (review-15, item 10): a newsdigest
 * corpus is opened, an empty file or a SQLite database with no tables yet becomes a corpus, and
 * anything else (another program's database, a file that is no database, a folder) is refused
 * with the file named and left byte for byte as it was, with no log files made beside it.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { articleRecord } from '../../src/store/record.js';
import { openStore } from '../../src/store/sqlite-store.js';
import { errorOf } from './error-of.js';
import { fixtureArticles } from './fixture-articles.js';
import { testDatabase } from './test-database.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nd-foreign-'));
});

/** Opening `path` for ingest (no mustExist) is refused, and the file is as it was. */
function expectRefusedUntouched(path: string, reason: RegExp): void {
  const before = readFileSync(path);
  for (const options of [{}, { mustExist: true }]) {
    const e = errorOf(() => openStore(path, options));
    expect(e?.code).toBe('E_IO');
    expect(e?.input).toBe(path);
    expect(e?.toString()).toMatch(
      new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not a newsdigest corpus \\(`),
    );
    expect(e?.message).toMatch(reason);
    expect(e?.message).toMatch(/left as it is$/);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(existsSync(`${path}-journal`)).toBe(false);
  }
}

describe('ingest on a file that is there already', () => {
  it("refuses another program's SQLite database (tables of its own, schema version 0)", () => {
    const path = join(dir, 'notes.db');
    const db = testDatabase(path);
    db.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me')");
    db.close();
    expectRefusedUntouched(path, /another program: it has tables and no newsdigest schema/);
    const check = testDatabase(path, { readonly: true });
    expect(check.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()).toEqual([
      'notes',
    ]);
    check.close();
  });

  it('refuses a database whose schema version another program set, without our tables', () => {
    const path = join(dir, 'app.db');
    const db = testDatabase(path);
    db.exec('CREATE TABLE settings (k TEXT, v TEXT)');
    db.pragma('user_version = 2');
    db.close();
    expectRefusedUntouched(path, /schema version 2 without newsdigest's tables/);
  });

  it('refuses a file that is not a SQLite database', () => {
    const path = join(dir, 'notes.txt');
    writeFileSync(path, 'Shopping list: ferry tickets, bread.\n');
    expectRefusedUntouched(path, /not a SQLite database/);
  });

  it('refuses a folder, naming it', () => {
    const path = join(dir, 'folder');
    mkdirSync(path);
    const e = errorOf(() => openStore(path));
    expect(e?.toString()).toBe(`${path}: is a folder, not a corpus database file`);
  });

  it('makes a corpus in an empty file and in a SQLite database with no tables yet', () => {
    const empty = join(dir, 'empty.db');
    writeFileSync(empty, '');
    const fresh = join(dir, 'fresh.db');
    const db = testDatabase(fresh);
    db.pragma('journal_mode = WAL'); // what an ingest stopped before its first migration leaves
    db.close();
    for (const path of [empty, fresh]) {
      const store = openStore(path);
      store.putBatch(fixtureArticles().map((a) => ({ hash: `h-${a.id}`, record: articleRecord(a) })));
      store.close();
      const check = testDatabase(path, { readonly: true });
      expect(check.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      check.close();
      // And it is a corpus from then on, for search and serve too.
      const again = openStore(path, { mustExist: true });
      expect(again.stats().articles).toBe(fixtureArticles().length);
      again.close();
    }
  });
});
