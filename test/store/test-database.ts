/**
 * A better-sqlite3 connection for tests that read or write a corpus file directly. Like the
 * store's own (src/store/pinned.ts), it never lets the garbage collector free a statement:
 * on Node 24 that aborts the test process. `prepare` hands back one kept statement per SQL
 * text, and `pragma` goes through the same statements.
 */
import Database from 'better-sqlite3';
import { compareContent } from '../../src/store/canonical-dump.js';
import { pinDatabase } from '../../src/store/pinned.js';

export function testDatabase(path: string, options?: Database.Options): Database.Database {
  const db = pinDatabase(new Database(path, options));
  const prepareNew = db.prepare.bind(db);
  // Reachable from the pinned database (through its `prepare`), so never collected.
  const kept = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let stmt = kept.get(sql);
    if (stmt === undefined) {
      stmt = prepareNew(sql);
      kept.set(sql, stmt);
    }
    return stmt;
  };
  db.prepare = prepare as typeof db.prepare;
  db.pragma = ((source: string, opts?: Database.PragmaOptions) => {
    const stmt = prepare(`PRAGMA ${source}`);
    if (!stmt.reader) {
      stmt.run();
      return [];
    }
    stmt.pluck(Boolean(opts?.simple));
    return opts?.simple ? stmt.get() : stmt.all();
  }) as typeof db.pragma;
  return db;
}

/** How two corpus files' content differs (compareContent: empty when every table and index holds the same). */
export function databaseDifference(a: string, b: string): ReturnType<typeof compareContent> {
  const da = testDatabase(a, { readonly: true });
  const db = testDatabase(b, { readonly: true });
  try {
    return compareContent(da, db);
  } finally {
    da.close();
    db.close();
  }
}
