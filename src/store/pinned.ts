import type Database from 'better-sqlite3';

/**
 * Keeps better-sqlite3's native objects alive for the life of the process.
 *
 * better-sqlite3 12 wraps each Database and Statement in a `node::ObjectWrap`. On Node 24
 * the wrapper's destructor asks for the current Node environment, and when the garbage
 * collector frees a wrapper outside any JavaScript context (an idle-time collection, a
 * worker thread's teardown) there is none: Node asserts and aborts the whole process
 * (`RemoveEnvironmentCleanupHook: Assertion failed: (env) != nullptr`). Seen here with
 * `newsdigest search` at exit and `ingest` workers on Node 24.21; Node 20 and 22 are not
 * affected, and better-sqlite3 13 (which avoids it) does not run on Node 20.
 *
 * So nothing of ours is ever collected: a database and every statement prepared on it are
 * referenced from here until the process ends (Node then frees them with the environment,
 * which is safe). Statements are prepared once per SQL text and database, so the set is
 * bounded: a few dozen per opened database.
 */
const pinned: unknown[] = [];

/** Keeps `db` (and so the statements better-sqlite3 caches on it) from the garbage collector. */
export function pinDatabase(db: Database.Database): Database.Database {
  pinned.push(db);
  return db;
}

/**
 * Keeps a statement's row iterator from the garbage collector: better-sqlite3 wraps it in a
 * `node::ObjectWrap` too, with the same destructor (seen aborting a Node 24 test process when an
 * exhausted iterator of canonical-dump.ts was collected during a later test). Each is small
 * (its statement is pinned anyway); only the corpus comparison reads rows this way.
 */
export function pinIterator<T>(iterator: IterableIterator<T>): IterableIterator<T> {
  pinned.push(iterator);
  return iterator;
}

/** Prepares each SQL text once per database and keeps the statement for the process's life. */
export class StatementCache {
  private readonly bySql = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  get<P extends unknown[] | object = unknown[], R = unknown>(sql: string): Database.Statement<P, R> {
    let stmt = this.bySql.get(sql);
    if (stmt === undefined) {
      stmt = this.db.prepare(sql);
      this.bySql.set(sql, stmt);
      pinned.push(stmt);
    }
    return stmt as unknown as Database.Statement<P, R>;
  }
}

/**
 * Runs a PRAGMA that sets something, without a Statement object (`db.pragma` prepares a new
 * one at each call, which the collector would later free).
 */
export function setPragma(db: Database.Database, pragma: string): void {
  db.exec(`PRAGMA ${pragma}`);
}
