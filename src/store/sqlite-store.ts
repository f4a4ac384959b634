/**
 * The embedded corpus store: one SQLite file through better-sqlite3, in WAL mode,
 * with FTS5 for text. Every write goes through `putBatch`, one transaction per
 * batch, so a process killed at any moment leaves whole batches or nothing (WAL
 * with synchronous=NORMAL loses no committed transaction when the process dies;
 * only a power cut can take the last ones). Every value reaches SQL as a bound
 * parameter; the only SQL built at run time joins fixed fragments.
 */
import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Article, EntityType, QuoteKind } from '../article/types.js';
import { type ErrorCode, NewsdigestError } from '../errors.js';
import { checkLimit, decodeCursor, pageOf } from './cursor.js';
import { badQuery, isFtsSyntaxError, toFtsQuery } from './fts-query.js';
import { migrate } from './migrations.js';
import { foldName, NameIndex, nameKey } from './name-match.js';
import { pinDatabase, StatementCache, setPragma } from './pinned.js';
import { normName } from './record.js';
import { leadSnippet, MARK_OPEN, snippetHtml } from './snippet.js';
import type {
  ArticleFilters,
  ArticleHit,
  BatchTransaction,
  CorpusStore,
  EntityDetail,
  EntityFilters,
  EntitySummary,
  MentionContext,
  Page,
  Paged,
  QuoteFilters,
  QuoteHit,
  QuoteMode,
  StoredError,
  StoreItem,
  StoreStats,
} from './types.js';

export interface OpenOptions {
  /** Refuse to create a new database (serve, search): a typo should not answer "no results". */
  mustExist?: boolean;
  /**
   * How long a write waits for another connection's transaction to end (default 5 s). The
   * batch's worker threads each write through their own connection and wait for one another.
   */
  busyTimeoutMs?: number;
  /**
   * False: this connection never checkpoints the WAL on commit (SQLite's default is every 1,000
   * pages, an fsync in the committing thread); another connection calls `checkpoint()` instead.
   * The batch's writing workers use it so that no worker waits for the disk.
   */
  autoCheckpoint?: boolean;
  /**
   * With `autoCheckpoint: false`: before it opens a batch (openBatch), this connection
   * checkpoints the log itself once the log file has grown past this many bytes (default 32 MB).
   * A worker that writes its batch as it is digested holds its transaction open nearly all the
   * time, so the log is seldom fully copied when its next batch begins, and SQLite starts the log
   * over only then: without this the log would grow with the corpus. Rare (every ~32 MB of log),
   * and cheap, since the other connection's checkpoints have copied most of it already. A log
   * this connection starts over is cut back to a quarter of this size (`journal_size_limit`), so
   * that the file's size keeps saying how much log is in use.
   */
  logRestartBytes?: number;
}

/** OpenOptions.logRestartBytes' default. */
const LOG_RESTART_BYTES = 32 * 1024 * 1024;
/** A log started over is cut back to logRestartBytes / this (journal_size_limit). */
const LOG_KEPT_SHARE = 4;

const DATE = /^\d{4}(?:-\d{2}(?:-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?)?)?$/;
const CONTEXT_CHARS = 80;
/** Bodies up to this many characters get SQLite's snippet() over the whole body (as before). */
const SNIPPET_WHOLE_MAX = 32_768;
/** A longer body's snippet comes from a window of this many characters (windowSnippet). */
const SNIPPET_WINDOW = 8_192;
/** How far before the first match the window starts. */
const SNIPPET_LEAD = 120;
const QUERY_WORDS = /[\p{L}\p{N}_]+/gu;
const FTS_OPERATORS = new Set(['AND', 'OR', 'NOT', 'NEAR']);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
/** Entity ids kept in memory by a writer (about 100 bytes each); past this the cache starts over. */
const ENTITY_CACHE_MAX = 200_000;
/*
 * Names are matched by whole words, case- and accent-insensitive (name-match.ts): "Costa" finds
 * "Ana Costa". The names a filter matches are found in JS (NameIndex, over the distinct names
 * the corpus holds, built once per corpus version), then the rows through the indexes, with the
 * names or entity ids as one JSON array parameter.
 */
const IN_LIST = 'SELECT value FROM json_each(?)';
/** Quotes (as `q`) whose speaker is one of the names, or one of the entities (two parameters). */
const SPEAKER_MATCHING = `q.speaker_norm IN (${IN_LIST}) OR q.speaker_entity IN (${IN_LIST})`;

/** Folded names for entity search: parallel lists of entity ids and folded names. */
interface EntityFolds {
  /** Each entity's own name. */
  names: { id: number[]; fold: string[] };
  /** Each distinct (alias, entity). */
  aliases: { id: number[]; fold: string[] };
}

interface NameIndexes {
  /** Entity ids by their own names and every alias. */
  entities: NameIndex<number>;
  /** Alias norms (for --entity: the articles that used that alias). */
  aliases: NameIndex<string>;
  /** Speakers as named. */
  speakers: NameIndex<string>;
  /**
   * The names of speakers resolved to no entity that hold a character past ASCII, by their
   * folded words (nameKey): such a speaker matches only whole, and "mr rohne" is the whole of
   * "Mr. Røhne". Built at the first speaker filter (speakerParams), not for the other filters.
   */
  speakersWhole?: Map<string, string[]>;
  publishers: NameIndex<string>;
}

/** True when the date's parts name a real day and time (2026-02-30 and 2026-13-45 do not). */
function realDate(value: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2})(?:\.\d+)?)?)?)?)?)?/.exec(
    value,
  );
  if (!m) return false;
  const [, y, mo, d, h, mi, sec] = m;
  if (mo !== undefined && (Number(mo) < 1 || Number(mo) > 12)) return false;
  if (d !== undefined) {
    const days = new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate();
    if (Number(d) < 1 || Number(d) > days) return false;
  }
  if (h !== undefined && Number(h) > 23) return false;
  if (mi !== undefined && Number(mi) > 59) return false;
  if (sec !== undefined && Number(sec) > 60) return false;
  return true;
}

function checkDate(value: string | undefined, name: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!DATE.test(value) || !realDate(value)) {
    throw new NewsdigestError(
      'E_BAD_QUERY',
      name,
      `expecting a date like 2024-03-31, instead found "${value}"`,
    );
  }
  return value;
}

/** Wraps a statement run with an FTS query so that bad syntax becomes E_BAD_QUERY. */
function withQuery<T>(q: string | undefined, raw: boolean, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (q !== undefined && raw && isFtsSyntaxError(e)) throw badQuery(q, e);
    throw e;
  }
}

/**
 * Opens (or, without `mustExist`, creates) a corpus. A file that is there already must be a
 * newsdigest corpus, a SQLite database with no tables yet, or empty; anything else (another
 * program's database, a file that is no database, a folder) is refused with the file named and
 * left exactly as it was: nothing is written to it before that check.
 *
 * An empty file is taken as a new corpus on purpose: it holds nothing to lose, it is what
 * `mktemp` hands out, and it is what another ingest starting on the same new path leaves there
 * for a moment (SQLite creates the file when it opens it and writes its first page later), so
 * refusing it would fail the second of two ingests started together.
 */
export function openStore(path: string, options: OpenOptions = {}): CorpusStore {
  const file = path === ':memory:' || path === '' ? undefined : path;
  if (file) {
    const found = statSync(file, { throwIfNoEntry: false });
    if (found === undefined && options.mustExist) {
      throw new NewsdigestError(
        'E_NOT_FOUND',
        path,
        'no such corpus database (make one with newsdigest ingest)',
      );
    }
    if (found?.isDirectory()) {
      throw new NewsdigestError('E_IO', path, 'is a folder, not a corpus database file');
    }
    // SQLite would take an empty file for a new database and write one there: only ingest makes one.
    if (found?.size === 0 && options.mustExist) {
      throw new NewsdigestError('E_IO', path, 'not a newsdigest corpus (empty file)');
    }
  }
  const logRestartBytes =
    options.autoCheckpoint === false && file ? (options.logRestartBytes ?? LOG_RESTART_BYTES) : undefined;
  const busyTimeoutMs = Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000));
  let db: Database.Database | undefined;
  try {
    db = pinDatabase(new Database(path, options.mustExist && file ? { fileMustExist: true } : {}));
    // First of all, before any statement that can take a lock: another connection's write (another
    // ingest creating the same file, switching it to WAL or migrating it) is waited for, not
    // answered with "database is locked".
    setPragma(db, `busy_timeout = ${busyTimeoutMs}`);
    // A file that is not ours is refused before anything is written to it (the WAL switch writes).
    const foreign = file ? foreignDatabase(db, options.mustExist === true) : undefined;
    if (foreign !== undefined) {
      db.close();
      throw new NewsdigestError('E_IO', path, `not a newsdigest corpus (${foreign}); left as it is`);
    }
    walMode(db, busyTimeoutMs);
    setPragma(db, 'synchronous = NORMAL');
    // A writer's batch touches index pages all over the entity, alias and FTS b-trees: a page
    // cache of 32 MB (the default is 2 MB) keeps them in memory between batches.
    setPragma(db, 'cache_size = -32768');
    setPragma(db, 'temp_store = MEMORY');
    if (options.autoCheckpoint === false) setPragma(db, 'wal_autocheckpoint = 0');
    // When this connection starts the log over, SQLite cuts the file back to this size at the next
    // commit (it never shrinks it otherwise): the file's size then says how much log is in use, and
    // the check before each batch (restartLogIfLarge) finds it past logRestartBytes once every
    // ~logRestartBytes of log, not at every batch once the file has once grown that large.
    if (logRestartBytes !== undefined) {
      setPragma(db, `journal_size_limit = ${Math.floor(logRestartBytes / LOG_KEPT_SHARE)}`);
    }
    migrate(db, path);
  } catch (e) {
    if (db?.open) db.close();
    if (e instanceof NewsdigestError) throw e;
    if ((e as { code?: unknown }).code === 'SQLITE_NOTADB') {
      throw new NewsdigestError(
        'E_IO',
        path,
        'not a newsdigest corpus (not a SQLite database); left as it is',
        { cause: e },
      );
    }
    throw new NewsdigestError('E_IO', path, `cannot open as a corpus database: ${(e as Error).message}`, {
      cause: e,
    });
  }
  return new SqliteStore(db, file, logRestartBytes);
}

/** How long walMode sleeps between two tries. */
const WAL_RETRY_MS = 10;

/**
 * Puts the database in WAL mode, waiting for another connection that holds a lock meanwhile. The
 * switch of a new file needs its write lock, and SQLite answers SQLITE_BUSY at once there, without
 * the busy handler (the statement already reads the file, and a reader that waits for the writer
 * could wait forever): so the switch is tried again every WAL_RETRY_MS, up to the busy timeout. A
 * file already in WAL mode (every corpus but a new one) switches at the first try, without a lock.
 */
function walMode(db: Database.Database, timeoutMs: number): void {
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  for (let waited = 0; ; waited += WAL_RETRY_MS) {
    try {
      setPragma(db, 'journal_mode = WAL');
      return;
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if ((code !== 'SQLITE_BUSY' && code !== 'SQLITE_LOCKED') || waited >= timeoutMs) throw e;
      Atomics.wait(sleeper, 0, 0, WAL_RETRY_MS);
    }
  }
}

/**
 * Why this database is not one to open as a corpus, or undefined when it is ours (any schema
 * version) or has no tables yet (a new one: only without `mustExist`, that is ingest). Read in
 * one statement, so one snapshot: another process migrating the file meanwhile is seen either
 * before its migration (version 0, no tables) or after it, never half-way.
 */
function foreignDatabase(db: Database.Database, mustExist: boolean): string | undefined {
  const { version, objects, articles } = new StatementCache(db)
    .get<[], { version: number; objects: number; articles: number }>(
      `SELECT (SELECT user_version FROM pragma_user_version) AS version,
              (SELECT count(*) FROM sqlite_master) AS objects,
              EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'articles') AS articles`,
    )
    .get()!;
  if (version === 0 && objects > 0) {
    return 'a SQLite database of another program: it has tables and no newsdigest schema';
  }
  if (version > 0 && !articles) {
    return `a SQLite database of another program: schema version ${version} without newsdigest's tables`;
  }
  if (version === 0 && mustExist) {
    return 'a SQLite database without its tables; make one with newsdigest ingest';
  }
  return undefined;
}

interface HitRow {
  id: string;
  title: string;
  url: string | null;
  publisher: string | null;
  published: string | null;
  snippet: string;
  score: number | null;
}

interface QuoteRow {
  article_id: string;
  title: string;
  kind: QuoteKind;
  mode: QuoteMode;
  start: number;
  end: number;
  text: string;
  cue: string;
  speaker: string | null;
  speaker_entity: number | null;
}

class SqliteStore implements CorpusStore {
  readonly file: string | undefined;
  private readonly db: Database.Database;
  private readonly stmts;
  /** Every statement this store prepares, once per SQL text (see pinned.ts for why). */
  private readonly statements: StatementCache;
  /**
   * Corpus ids of entities by type and normalised name, as committed. An entity is deleted only
   * when a re-digest leaves it unmentioned (dropUnmentioned), never one a writer of the same run
   * has cached, so an id stays right even when another connection writes too; most entities of
   * a batch (countries, parties, clubs) are already known, and the cache spares their lookup.
   */
  private readonly entityIds = new Map<string, number>();
  /** The corpus's names by their words (nameIndexes), and the version they were built at. */
  private names: { version: number; writes: number; indexes: NameIndexes } | undefined;
  /** Entity names and aliases folded for entity search (entityFolds), and their version. */
  private folds: { version: number; writes: number; folds: EntityFolds } | undefined;
  /** Batches this connection has committed: its own writes leave data_version as it is. */
  private writes = 0;
  /** Whether temp.snippet_window exists on this connection (windowSnippet). */
  private snippetTable = false;

  /** Checkpoints before a batch once the log is larger than this (OpenOptions.logRestartBytes). */
  private readonly logRestartBytes: number | undefined;

  constructor(db: Database.Database, file: string | undefined, logRestartBytes?: number) {
    this.db = db;
    this.file = file;
    this.logRestartBytes = logRestartBytes;
    const statements = new StatementCache(db);
    this.statements = statements;
    this.stmts = {
      has: statements.get<[string], { one: number }>('SELECT 1 AS one FROM articles WHERE hash = ?'),
      idTaken: statements.get<[string], { one: number }>('SELECT 1 AS one FROM articles WHERE id = ?'),
      insertArticle: statements.get(
        `INSERT INTO articles (id, hash, origin, url, title, body, publisher, published, json, stored_at)
         VALUES (@id, @hash, @origin, @url, @title, @body, @publisher, @published, @json, @storedAt)`,
      ),
      insertFts: statements.get('INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)'),
      // Replacing an article (StoreItem.replace): the stored row, as its full-text rows were made from it.
      storedArticle: statements.get<[string], { rowid: number; id: string; title: string; body: string }>(
        'SELECT rowid, id, title, body FROM articles WHERE hash = ?',
      ),
      updateArticle: statements.get(
        `UPDATE articles SET origin = @origin, url = @url, title = @title, body = @body, publisher = @publisher,
           published = @published, json = @json, stored_at = @storedAt WHERE rowid = @rowid`,
      ),
      // External-content FTS5 tables forget a row only when told its old values ('delete').
      deleteFts: statements.get(
        `INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', ?, ?, ?)`,
      ),
      articleQuotes: statements.get<[number], { rowid: number; text: string }>(
        'SELECT rowid, text FROM quotes WHERE article = ?',
      ),
      deleteQuoteFts: statements.get(
        `INSERT INTO quotes_fts (quotes_fts, rowid, text) VALUES ('delete', ?, ?)`,
      ),
      deleteQuotes: statements.get('DELETE FROM quotes WHERE article = ?'),
      // An article's alias rows, found through its entities (aliases_entity): no index by article.
      deleteAliases: statements.get(
        `DELETE FROM aliases WHERE article = @article
           AND entity IN (SELECT entity FROM article_entities WHERE article = @article)`,
      ),
      deleteArticleEntities: statements.get('DELETE FROM article_entities WHERE article = ?'),
      articleEntities: statements.get<[number], number>(
        'SELECT entity FROM article_entities WHERE article = ?',
      ),
      // Of the entities a replaced article's old version mentioned, those no article mentions now
      // (through article_entities_entity). Aliases and quote speakers point only at entities that
      // their own article mentions, so nothing else refers to them.
      deleteUnmentioned: statements.get<[string], { type: string; norm: string }>(
        `DELETE FROM entities WHERE id IN (${IN_LIST})
           AND NOT EXISTS (SELECT 1 FROM article_entities WHERE entity = entities.id)
         RETURNING type, norm`,
      ),
      // A new entity's id is the insert's rowid; a known one (the conflict: no change) is looked up,
      // so no row is rewritten. (RETURNING made this statement about twice as slow.)
      insertEntity: statements.get<[string, string, string]>(
        'INSERT INTO entities (type, name, norm) VALUES (?, ?, ?) ON CONFLICT (type, norm) DO NOTHING',
      ),
      entityId: statements.get<[string, string], { id: number }>(
        'SELECT id FROM entities WHERE type = ? AND norm = ?',
      ),
      insertArticleEntity: statements.get(
        'INSERT INTO article_entities (article, entity, local_id, mentions, mention_count) VALUES (?, ?, ?, ?, ?)',
      ),
      insertAlias: statements.get(
        'INSERT OR IGNORE INTO aliases (norm, entity, article, alias) VALUES (?, ?, ?, ?)',
      ),
      insertQuote: statements.get(
        `INSERT INTO quotes (article, kind, start, end, text, cue, speaker, speaker_norm, speaker_entity, mode)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertQuoteFts: statements.get('INSERT INTO quotes_fts (rowid, text) VALUES (?, ?)'),
      clearErrors: statements.get('DELETE FROM errors WHERE hash = ?'),
      // An input location that now holds a stored article has no outstanding error (an
      // unreadable record's error has no hash to clear it by); through errors_input's first column.
      clearErrorsAt: statements.get<[string]>('DELETE FROM errors WHERE origin = ?'),
      begin: statements.get('BEGIN IMMEDIATE'),
      commit: statements.get('COMMIT'),
      rollback: statements.get('ROLLBACK'),
      // The same input failing again updates its row in place: a rerun keeps the errors' order.
      insertError: statements.get(
        `INSERT INTO errors (hash, origin, code, message, at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (origin, IFNULL(hash, '')) DO UPDATE
         SET code = excluded.code, message = excluded.message, at = excluded.at`,
      ),
      errors: statements.get<
        [],
        { hash: string | null; origin: string; code: ErrorCode; message: string; at: string }
      >('SELECT hash, origin, code, message, at FROM errors ORDER BY rowid'),
      article: statements.get<[string], { json: string }>('SELECT json FROM articles WHERE id = ?'),
      articleEntityIds: statements.get<[string], { local_id: string; entity: number }>(
        `SELECT local_id, entity FROM article_entities
         WHERE article = (SELECT rowid FROM articles WHERE id = ?)`,
      ),
      entity: statements.get<[number], { id: number; type: EntityType; name: string }>(
        'SELECT id, type, name FROM entities WHERE id = ?',
      ),
      entityCounts: statements.get<[number], { articles: number; mentions: number | null }>(
        'SELECT COUNT(*) AS articles, SUM(mention_count) AS mentions FROM article_entities WHERE entity = ?',
      ),
      // The entity's name (once per article that mentions it) and its other names, most used first.
      entityAliases: statements.get<[number, number, number], { alias: string }>(
        `SELECT alias FROM (
           SELECT alias, COUNT(*) AS n FROM aliases WHERE entity = ? GROUP BY norm
           UNION ALL
           SELECT name, (SELECT COUNT(*) FROM article_entities WHERE entity = ?) FROM entities WHERE id = ?
         ) ORDER BY n DESC, alias LIMIT 50`,
      ),
      occurrences: statements.get<
        [number, number, number],
        { id: string; title: string; local_id: string; mentions: string; text: string }
      >(
        `SELECT a.id, a.title, ae.local_id, ae.mentions, json_extract(a.json, '$.text') AS text
         FROM article_entities ae JOIN articles a ON a.rowid = ae.article
         WHERE ae.entity = ? ORDER BY a.published DESC, a.rowid LIMIT ? OFFSET ?`,
      ),
      stats: statements.get<[], StoreStats>(
        `SELECT (SELECT COUNT(*) FROM articles) AS articles, (SELECT COUNT(*) FROM entities) AS entities,
                (SELECT COUNT(*) FROM quotes) AS quotes, (SELECT COUNT(*) FROM errors) AS errors`,
      ),
    };
  }

  has(hash: string): boolean {
    return this.stmts.has.get(hash) !== undefined;
  }

  putBatch(items: readonly StoreItem[], errors: readonly StoredError[] = []): string[] {
    const storedAt = new Date().toISOString();
    // Entity ids first met in this batch: they join the cache only once the batch has committed.
    const added = new Map<string, number>();
    const already: string[] = [];
    // IMMEDIATE: the write lock is taken first, so that two connections writing at once wait
    // for each other (busy_timeout) instead of one failing to upgrade its read to a write.
    this.db.transaction(() => this.writeRows(items, errors, storedAt, added, already)).immediate();
    this.writes++;
    this.learn(added);
    return already;
  }

  openBatch(): BatchTransaction {
    const s = this.stmts;
    // One time and one set of new entity ids for the whole batch, as putBatch has.
    const storedAt = new Date().toISOString();
    const added = new Map<string, number>();
    this.restartLogIfLarge();
    // IMMEDIATE, as putBatch: the write lock is held from the start to the commit.
    s.begin.run();
    let open = true;
    return {
      put: (items, errors = []) => {
        if (!open) throw new Error('the batch transaction has ended');
        const already: string[] = [];
        this.writeRows(items, errors, storedAt, added, already);
        return already;
      },
      commit: () => {
        if (!open) return;
        open = false;
        s.commit.run();
        this.writes++;
        this.learn(added);
      },
      rollback: () => {
        if (!open) return;
        open = false;
        // SQLite may have ended the transaction itself (some errors roll it back).
        if (this.db.inTransaction) s.rollback.run();
      },
    };
  }

  /** The rows of `items` and `errors`, in the transaction the caller holds (putBatch, openBatch). */
  private writeRows(
    items: readonly StoreItem[],
    errors: readonly StoredError[],
    storedAt: string,
    added: Map<string, number>,
    already: string[],
  ): void {
    const s = this.stmts;
    for (const { hash, record, replace } of items) {
      const old = replace ? s.storedArticle.get(hash) : undefined;
      if (old === undefined && s.has.get(hash)) {
        already.push(hash);
        if (record.origin) s.clearErrorsAt.run(record.origin);
        continue;
      }
      // Two inputs may carry the same id with different content (two feeds, two files):
      // keep both, the later one (batches commit in input order) under an id made unique
      // by its content hash. An article replaced keeps the id it was stored under.
      let id = record.id;
      if (old !== undefined) id = old.id;
      else if (s.idTaken.get(id)) id = `${record.id}~${hash.slice(0, 8)}`;
      let json = record.json;
      if (id !== record.id) json = JSON.stringify({ ...(JSON.parse(json) as Article), id });
      const row = {
        origin: record.origin ?? null,
        url: record.url ?? null,
        title: record.title,
        body: record.body,
        publisher: record.publisher ?? null,
        published: record.published ?? null,
        json,
        storedAt,
      };
      let rowid: number;
      let oldEntities: number[] | undefined;
      if (old !== undefined) {
        rowid = old.rowid;
        oldEntities = this.dropDerived(old);
        s.updateArticle.run({ ...row, rowid });
      } else {
        rowid = Number(s.insertArticle.run({ ...row, id, hash }).lastInsertRowid);
      }
      s.insertFts.run(rowid, record.title, record.body);
      const corpusIds = new Map<string, number>();
      for (const e of record.entities) {
        // Names arrive normalised by the worker that built the record (record.ts).
        const norm = e.norm;
        if (!norm) continue;
        const key = `${e.type}\0${norm}`;
        let entityId = this.entityIds.get(key) ?? added.get(key);
        if (entityId === undefined) {
          const inserted = s.insertEntity.run(e.type, e.name, norm);
          entityId =
            inserted.changes > 0 ? Number(inserted.lastInsertRowid) : s.entityId.get(e.type, norm)!.id;
          added.set(key, entityId);
        }
        corpusIds.set(e.localId, entityId);
        s.insertArticleEntity.run(rowid, entityId, e.localId, JSON.stringify(e.mentions), e.mentions.length);
        for (let i = 0; i < e.aliases.length; i++) {
          // The entity's own name is matched through article_entities (ENTITIES_NAMED).
          if (e.aliasNorms[i] === norm) continue;
          s.insertAlias.run(e.aliasNorms[i], entityId, rowid, e.aliases[i]);
        }
      }
      if (oldEntities !== undefined) this.dropUnmentioned(oldEntities, corpusIds, added);
      for (const q of record.quotes) {
        const quoteId = s.insertQuote.run(
          rowid,
          q.kind,
          q.start,
          q.end,
          q.text,
          q.cue,
          q.speaker ?? null,
          q.speaker ? (q.speakerNorm ?? null) : null,
          (q.speakerEntity && corpusIds.get(q.speakerEntity)) ?? null,
          q.mode,
        ).lastInsertRowid;
        s.insertQuoteFts.run(quoteId, q.text);
      }
      s.clearErrors.run(hash);
      if (record.origin) s.clearErrorsAt.run(record.origin);
    }
    for (const e of errors) {
      s.insertError.run(e.hash ?? null, e.origin, e.code, e.message, e.at ?? storedAt);
    }
  }

  /**
   * Drops every row derived from a stored article (its full-text row, entity mentions, aliases,
   * quotes and their full-text rows), in the caller's transaction, before the article is
   * rewritten in place; returns the ids of the entities it mentioned (dropUnmentioned).
   */
  private dropDerived(old: { rowid: number; title: string; body: string }): number[] {
    const s = this.stmts;
    s.deleteFts.run(old.rowid, old.title, old.body);
    for (const q of s.articleQuotes.all(old.rowid)) s.deleteQuoteFts.run(q.rowid, q.text);
    s.deleteQuotes.run(old.rowid);
    const entities = s.articleEntities.pluck().all(old.rowid) as number[];
    s.deleteAliases.run({ article: old.rowid });
    s.deleteArticleEntities.run(old.rowid);
    return entities;
  }

  /**
   * After a replaced article's new rows are written, in the same transaction: the entities that
   * only its old version mentioned are deleted, so that none is left with no article (it would
   * answer /v1/entities/:id with 0 articles). Safe for the writers' id caches: an id a writer
   * holds is that of an entity an article it wrote in this run mentions, and a run replaces each
   * article once, so no cached entity is ever one deleted here; this connection forgets the ones
   * it deletes all the same.
   */
  private dropUnmentioned(
    oldEntities: readonly number[],
    kept: ReadonlyMap<string, number>,
    added: Map<string, number>,
  ): void {
    const still = new Set(kept.values());
    const gone = oldEntities.filter((id) => !still.has(id));
    if (gone.length === 0) return;
    for (const { type, norm } of this.stmts.deleteUnmentioned.all(JSON.stringify(gone))) {
      const key = `${type}\0${norm}`;
      this.entityIds.delete(key);
      added.delete(key);
    }
  }

  beginReplace(): void {
    this.db.exec('CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article)');
  }

  endReplace(): void {
    this.db.exec('DROP INDEX IF EXISTS quotes_article');
  }

  /**
   * A log past OpenOptions.logRestartBytes is checkpointed (PASSIVE: never waits for a writer),
   * so that the transaction begun next finds it copied and starts it over from the beginning.
   */
  private restartLogIfLarge(): void {
    if (this.logRestartBytes === undefined || !this.file) return;
    const size = statSync(`${this.file}-wal`, { throwIfNoEntry: false })?.size ?? 0;
    if (size > this.logRestartBytes) this.checkpoint();
  }

  /** Entity ids of a committed batch join the cache. */
  private learn(added: ReadonlyMap<string, number>): void {
    if (this.entityIds.size + added.size > ENTITY_CACHE_MAX) this.entityIds.clear();
    for (const [key, id] of added) this.entityIds.set(key, id);
  }

  checkpoint(): void {
    // PASSIVE: copies what no reader still needs, never waits for or blocks a writer.
    setPragma(this.db, 'wal_checkpoint(PASSIVE)');
  }

  errors(): StoredError[] {
    return this.stmts.errors.all().map((r) => {
      const e: StoredError = { origin: r.origin, code: r.code, message: r.message, at: r.at };
      if (r.hash) e.hash = r.hash;
      return e;
    });
  }

  /**
   * The distinct names of the corpus by their words, as of its current version: built at the
   * first name filter, again after this connection writes or another one commits (data_version).
   */
  private nameIndexes(): NameIndexes {
    const version = this.statements.get<[], number>('PRAGMA data_version').pluck().get() as number;
    if (this.names && this.names.version === version && this.names.writes === this.writes) {
      return this.names.indexes;
    }
    const indexes: NameIndexes = {
      entities: new NameIndex(),
      aliases: new NameIndex(),
      speakers: new NameIndex(),
      publishers: new NameIndex(),
    };
    // Rows read with all(), never iterate(): better-sqlite3's row iterator, once collected at a worker's or
    // process's exit, aborted Node 24 (pinned.ts); these lists are a corpus's distinct names, small.
    for (const r of this.statements
      .get<[], { id: number; norm: string }>('SELECT id, norm FROM entities')
      .all()) {
      indexes.entities.add(r.norm, r.id);
    }
    for (const r of this.statements
      .get<[], { norm: string; entity: number }>('SELECT DISTINCT norm, entity FROM aliases')
      .all()) {
      indexes.entities.add(r.norm, -r.entity - 1);
    }
    for (const n of this.statements.get<[], string>('SELECT DISTINCT norm FROM aliases').pluck().all()) {
      indexes.aliases.add(n as string, n as string);
    }
    for (const n of this.statements
      // Only names that resolved to an entity are matched by their words: an unnamed source's
      // phrase ("a spokeswoman for Sen. Alan Pruitt") is not Pruitt speaking (it still matches whole).
      .get<[], string>(
        'SELECT DISTINCT speaker_norm FROM quotes WHERE speaker_norm IS NOT NULL AND speaker_entity IS NOT NULL',
      )
      .pluck()
      .all()) {
      indexes.speakers.add(n as string, n as string);
    }

    for (const n of this.statements
      .get<[], string>('SELECT DISTINCT publisher COLLATE NOCASE FROM articles WHERE publisher IS NOT NULL')
      .pluck()
      .all()) {
      indexes.publishers.add(n as string, n as string);
    }
    this.names = { version, writes: this.writes, indexes };
    return indexes;
  }

  /** The two parameters of SPEAKER_MATCHING for `speaker`. */
  private speakerParams(speaker: string): [string, string] {
    const names = this.nameIndexes();
    const norms = names.speakers.find(speaker);
    const whole = normName(speaker);
    if (whole && !norms.includes(whole)) norms.push(whole);
    if (names.speakersWhole === undefined) {
      names.speakersWhole = new Map();
      for (const n of this.statements
        .get<[], string>(
          // Only names with a letter past ASCII: the others' whole match is normName's, as before.
          "SELECT DISTINCT speaker_norm FROM quotes WHERE speaker_entity IS NULL AND speaker_norm GLOB '*[^ -~]*'",
        )
        .pluck()
        .all() as string[]) {
        const key = nameKey(n);
        const same = names.speakersWhole.get(key);
        if (same) same.push(n);
        else names.speakersWhole.set(key, [n]);
      }
    }
    for (const n of names.speakersWhole.get(nameKey(speaker)) ?? []) if (!norms.includes(n)) norms.push(n);
    return [JSON.stringify(norms), JSON.stringify(entityIds(names, speaker))];
  }

  /** SQL conditions on `a` (articles) for the filters other than the text query. */
  private filterSql(f: ArticleFilters, where: string[], params: unknown[]): void {
    if (f.entity?.trim()) {
      const names = this.nameIndexes();
      where.push(
        `a.rowid IN (SELECT article FROM aliases WHERE norm IN (${IN_LIST})
           UNION ALL SELECT article FROM article_entities WHERE entity IN (${IN_LIST}))`,
      );
      params.push(
        JSON.stringify(names.aliases.find(f.entity)),
        JSON.stringify(entityOwnNames(names, f.entity)),
      );
    }
    if (f.speaker?.trim()) {
      const mode = f.mode === undefined ? '' : ' AND q.mode = ?';
      where.push(`a.rowid IN (SELECT article FROM quotes q WHERE (${SPEAKER_MATCHING})${mode})`);
      params.push(...this.speakerParams(f.speaker));
      if (f.mode !== undefined) params.push(f.mode);
    }
    if (f.publisher?.trim()) {
      where.push(`a.publisher COLLATE NOCASE IN (${IN_LIST})`);
      params.push(JSON.stringify(this.nameIndexes().publishers.find(f.publisher)));
    }
    const from = checkDate(f.from, 'from');
    if (from) {
      where.push('a.published >= ?');
      params.push(from);
    }
    const to = checkDate(f.to, 'to');
    if (to) {
      where.push('substr(a.published, 1, ?) <= ?');
      params.push(to.length, to);
    }
  }

  search(filters: ArticleFilters, page: Page = {}): Paged<ArticleHit> {
    const limit = checkLimit(page.limit);
    const offset = decodeCursor(page.cursor);
    const where: string[] = [];
    const params: unknown[] = [];
    const q = filters.q?.trim() ? filters.q : undefined;
    if (q === undefined) {
      this.filterSql(filters, where, params);
      const sql = `SELECT a.id, a.title, a.url, a.publisher, a.published, substr(a.body, 1, 400) AS snippet, NULL AS score
             FROM articles a ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
             ORDER BY a.published IS NULL, a.published DESC, a.rowid DESC LIMIT ? OFFSET ?`;
      const rows = this.statements.get<unknown[], HitRow>(sql).all(...params, limit + 1, offset);
      const paged = pageOf(
        rows.map((r) => ({ ...r, snippet: leadSnippet(r.snippet) })),
        offset,
        limit,
      );
      if (!page.total) return paged;
      const total = this.statements
        .get<unknown[], number>(
          `SELECT COUNT(*) FROM articles a ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
        )
        .pluck()
        .get(...params) as number;
      return { ...paged, total };
    }
    const fts = toFtsQuery(q);
    // Two steps, because SQLite computes every result column before sorting: rank the
    // matches on the index alone, then make snippets for the page's rows only.
    this.filterSql(filters, where, params);
    const filter = where.length
      ? `AND rowid IN (SELECT a.rowid FROM articles a WHERE ${where.join(' AND ')})`
      : '';
    const ranked = withQuery(q, fts.raw, () =>
      this.statements
        .get<unknown[], { r: number; score: number }>(
          `SELECT rowid AS r, rank AS score FROM articles_fts WHERE articles_fts MATCH ? ${filter}
           ORDER BY rank LIMIT ? OFFSET ?`,
        )
        .all(fts.match, ...params, limit + 1, offset),
    );
    // The matches' count, on the index alone as the ranking (the filter included).
    const total = page.total
      ? (this.statements
          .get<unknown[], number>(`SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH ? ${filter}`)
          .pluck()
          .get(fts.match, ...params) as number)
      : undefined;
    const counted = <T>(paged: Paged<T>): Paged<T> => (total === undefined ? paged : { ...paged, total });
    if (ranked.length === 0) return counted({ items: [], next: null });
    const rowids = ranked.map((r) => r.r);
    // snippet() scores every window of the column against every match: its cost grows with the
    // square of a body's matches, minutes for a 9 MB article. A body longer than SNIPPET_WHOLE_MAX
    // gets its snippet from a window of it instead (windowSnippet); CASE leaves snippet() unrun.
    const rows = this.statements
      .get<unknown[], Omit<HitRow, 'snippet'> & { r: number; snippet: string | null }>(
        `SELECT a.rowid AS r, a.id, a.title, a.url, a.publisher, a.published,
                CASE WHEN length(a.body) <= ${SNIPPET_WHOLE_MAX}
                  THEN snippet(articles_fts, 1, char(2), char(3), '…', 24) END AS snippet
         FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
         WHERE articles_fts MATCH ? AND articles_fts.rowid IN (${rowids.map(() => '?').join(',')})`,
      )
      .all(fts.match, ...rowids);
    const byRow = new Map(rows.map((r) => [r.r, r]));
    const hits: ArticleHit[] = ranked.map(({ r, score }) => {
      const { r: _r, ...row } = byRow.get(r)!;
      const snippet = row.snippet ?? this.windowSnippet(r, fts.match, q);
      return { ...row, snippet: snippetHtml(snippet), score };
    });
    return counted(pageOf(hits, offset, limit));
  }

  /**
   * The snippet of a long body (past SNIPPET_WHOLE_MAX): snippet() over a window of
   * SNIPPET_WINDOW characters of it, copied into a one-row FTS5 table of this connection
   * (temp, same tokenizer), so that its cost is bounded whatever the body's length. The
   * window starts a little before the first place one of the query's words appears as
   * written (a prefix, for stemmed forms); when the query does not match in the window
   * (a stemmed form met later, a NOT), the snippet is the window's start.
   */
  private windowSnippet(rowid: number, match: string, q: string): string {
    const { title, body } = this.statements
      .get<[number], { title: string; body: string }>('SELECT title, body FROM articles WHERE rowid = ?')
      .get(rowid)!;
    let start = 0;
    const words = (q.match(QUERY_WORDS) ?? []).filter((w) => !FTS_OPERATORS.has(w));
    if (words.length > 0) {
      const prefixes = words.map((w) => escapeRegExp(w.slice(0, Math.max(3, w.length - 2))));
      const first = new RegExp(prefixes.join('|'), 'iu').exec(body);
      if (first && first.index > SNIPPET_LEAD) {
        const space = body.indexOf(' ', first.index - SNIPPET_LEAD);
        start = space >= 0 && space < first.index ? space + 1 : first.index - SNIPPET_LEAD;
      }
    }
    let end = Math.min(body.length, start + SNIPPET_WINDOW);
    if (end < body.length) {
      const space = body.lastIndexOf(' ', end);
      if (space > start) end = space;
    }
    const window = body.slice(start, end);
    if (!this.snippetTable) {
      this.db.exec(
        `CREATE VIRTUAL TABLE IF NOT EXISTS temp.snippet_window USING fts5(title, body, tokenize='porter unicode61 remove_diacritics 2')`,
      );
      this.snippetTable = true;
    }
    this.statements.get('DELETE FROM temp.snippet_window').run();
    this.statements
      .get<[string, string]>('INSERT INTO temp.snippet_window (rowid, title, body) VALUES (1, ?, ?)')
      .run(title, window);
    let snippet: string | undefined;
    try {
      snippet = this.statements
        .get<[string], { s: string }>(
          `SELECT snippet(snippet_window, 1, char(2), char(3), '…', 24) AS s FROM temp.snippet_window WHERE snippet_window MATCH ?`,
        )
        .get(match)?.s;
    } catch {
      // The query ran on the whole corpus already; nothing it could say here is the user's concern.
    }
    if (snippet === undefined || !snippet.includes(MARK_OPEN)) {
      const lead = window.slice(0, SNIPPET_LEAD * 2);
      const cut = lead.lastIndexOf(' ');
      return `${start > 0 ? '…' : ''}${cut > SNIPPET_LEAD ? lead.slice(0, cut) : lead}…`;
    }
    if (start > 0 && !snippet.startsWith('…')) snippet = `…${snippet}`;
    if (end < body.length && !snippet.endsWith('…')) snippet = `${snippet}…`;
    return snippet;
  }

  article(id: string): Article | undefined {
    const row = this.stmts.article.get(id);
    return row ? (JSON.parse(row.json) as Article) : undefined;
  }

  articleJson(id: string): string | undefined {
    return this.stmts.article.get(id)?.json;
  }

  articleEntityIds(id: string): Map<string, number> {
    return new Map(this.stmts.articleEntityIds.all(id).map((r) => [r.local_id, r.entity]));
  }

  entities(q: string | undefined, page: Page = {}, filters: EntityFilters = {}): Paged<EntitySummary> {
    const limit = checkLimit(page.limit);
    const offset = decodeCursor(page.cursor);
    const params: unknown[] = [];
    const where: string[] = [];
    const fold = q ? foldName(q) : '';
    if (fold) {
      // Any alias starting with the words typed, or the name containing them, case and accents
      // folded ("ozil" finds "Mesut Özil"): matched in JS over the corpus's folded names.
      where.push(`e.id IN (${IN_LIST})`);
      params.push(JSON.stringify(this.matchingEntities(fold)));
    }
    if (filters.type !== undefined) {
      where.push('e.type = ?');
      params.push(filters.type);
    }
    const rows = this.statements
      .get<unknown[], EntitySummary>(
        `SELECT e.id, e.type, e.name, COUNT(ae.article) AS articles, IFNULL(SUM(ae.mention_count), 0) AS mentions
         FROM entities e JOIN article_entities ae ON ae.entity = e.id ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         GROUP BY e.id ORDER BY articles DESC, mentions DESC, e.name LIMIT ? OFFSET ?`,
      )
      .all(...params, limit + 1, offset);
    const paged = pageOf(rows, offset, limit);
    if (!page.total) return paged;
    // The entities listed are those some article mentions: one index probe each, no grouping.
    const total = this.statements
      .get<unknown[], number>(
        `SELECT COUNT(*) FROM entities e WHERE EXISTS (SELECT 1 FROM article_entities ae WHERE ae.entity = e.id)
         ${where.length ? `AND ${where.join(' AND ')}` : ''}`,
      )
      .pluck()
      .get(...params) as number;
    return { ...paged, total };
  }

  /** Ids of the entities an alias of which starts with `fold`, or whose name contains it (folded). */
  private matchingEntities(fold: string): number[] {
    const { names, aliases } = this.entityFolds();
    const ids = new Set<number>();
    for (let i = 0; i < names.fold.length; i++) if (names.fold[i]!.includes(fold)) ids.add(names.id[i]!);
    for (let i = 0; i < aliases.fold.length; i++) {
      if (aliases.fold[i]!.startsWith(fold)) ids.add(aliases.id[i]!);
    }
    return [...ids];
  }

  /**
   * The corpus's entity names and distinct aliases, folded (foldName), as of its current version:
   * built at the first entity search, again after this connection writes or another one commits.
   * Folded here rather than stored, so that a corpus made before works as it is (no migration).
   */
  private entityFolds(): EntityFolds {
    const version = this.statements.get<[], number>('PRAGMA data_version').pluck().get() as number;
    if (this.folds && this.folds.version === version && this.folds.writes === this.writes) {
      return this.folds.folds;
    }
    const folds: EntityFolds = { names: { id: [], fold: [] }, aliases: { id: [], fold: [] } };
    // all(), never iterate(): see nameIndexes.
    for (const r of this.statements
      .get<[], { id: number; norm: string }>('SELECT id, norm FROM entities')
      .all()) {
      folds.names.id.push(r.id);
      folds.names.fold.push(foldName(r.norm));
    }
    for (const r of this.statements
      .get<[], { norm: string; entity: number }>('SELECT DISTINCT norm, entity FROM aliases')
      .all()) {
      folds.aliases.id.push(r.entity);
      folds.aliases.fold.push(foldName(r.norm));
    }
    this.folds = { version, writes: this.writes, folds };
    return folds;
  }

  entity(id: number, page: Page = {}): EntityDetail | undefined {
    const limit = checkLimit(page.limit);
    const offset = decodeCursor(page.cursor);
    const e = this.stmts.entity.get(id);
    if (!e) return undefined;
    const counts = this.stmts.entityCounts.get(id)!;
    // An entity no article mentions: one a re-digest by an earlier build left behind.
    if (counts.articles === 0) return undefined;
    const rows = this.stmts.occurrences.all(id, limit + 1, offset).map((r) => ({
      article: { id: r.id, title: r.title },
      localId: r.local_id,
      mentions: (JSON.parse(r.mentions) as [number, number][]).map(([start, end]) =>
        mentionContext(r.text, start, end),
      ),
    }));
    return {
      ...e,
      articles: counts.articles,
      mentions: counts.mentions ?? 0,
      aliases: this.stmts.entityAliases.all(id, id, id).map((r) => r.alias),
      occurrences: pageOf(rows, offset, limit),
    };
  }

  quotes(filters: QuoteFilters, page: Page = {}): Paged<QuoteHit> {
    const limit = checkLimit(page.limit);
    const offset = decodeCursor(page.cursor);
    const where: string[] = [];
    const params: unknown[] = [];
    const q = filters.q?.trim() ? filters.q : undefined;
    let raw = false;
    if (q !== undefined) {
      const fts = toFtsQuery(q, 'query', ['text']);
      raw = fts.raw;
      where.push('q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)');
      params.push(fts.match);
    }
    if (filters.speaker?.trim()) {
      where.push(`(${SPEAKER_MATCHING})`);
      params.push(...this.speakerParams(filters.speaker));
    }
    if (filters.kind !== undefined) {
      where.push('q.kind = ?');
      params.push(filters.kind);
    }
    if (filters.mode !== undefined) {
      const modes = typeof filters.mode === 'string' ? [filters.mode] : filters.mode;
      where.push(`q.mode IN (${modes.map(() => '?').join(', ')})`);
      params.push(...modes);
    }
    const sql = `SELECT a.id AS article_id, a.title, q.kind, q.mode, q.start, q.end, q.text, q.cue, q.speaker, q.speaker_entity
      FROM quotes q JOIN articles a ON a.rowid = q.article ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY a.published IS NULL, a.published DESC, q.article, q.start LIMIT ? OFFSET ?`;
    const rows = withQuery(q, raw, () =>
      this.statements.get<unknown[], QuoteRow>(sql).all(...params, limit + 1, offset),
    );
    // The count needs no article: every quote has one (quotes.article is NOT NULL).
    const total = page.total
      ? (this.statements
          .get<unknown[], number>(
            `SELECT COUNT(*) FROM quotes q ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
          )
          .pluck()
          .get(...params) as number)
      : undefined;
    const hits: QuoteHit[] = rows.map((r) => ({
      article: { id: r.article_id, title: r.title },
      kind: r.kind,
      mode: r.mode,
      start: r.start,
      end: r.end,
      text: r.text,
      cue: r.cue,
      speaker: r.speaker ? { name: r.speaker, entity: r.speaker_entity } : null,
    }));
    const paged = pageOf(hits, offset, limit);
    return total === undefined ? paged : { ...paged, total };
  }

  stats(): StoreStats {
    return this.stmts.stats.get()!;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** Ids of the entities whose own name or an alias matches `query`. */
function entityIds(names: NameIndexes, query: string): number[] {
  return [...new Set(names.entities.find(query).map((id) => (id < 0 ? -id - 1 : id)))];
}

/**
 * Ids of the entities whose own name matches `query` (for --entity: every article that
 * mentions them; an alias matches only the articles that used it, through the alias rows).
 */
function entityOwnNames(names: NameIndexes, query: string): number[] {
  return [...new Set(names.entities.find(query).filter((id) => id >= 0))];
}

function mentionContext(text: string, start: number, end: number): MentionContext {
  let from = Math.max(0, start - CONTEXT_CHARS);
  let to = Math.min(text.length, end + CONTEXT_CHARS);
  // Whole words only at the edges of the context.
  if (from > 0) {
    const space = text.indexOf(' ', from);
    if (space >= 0 && space < start) from = space + 1;
  }
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    if (space > end) to = space;
  }
  return {
    start,
    end,
    before: (from > 0 ? '…' : '') + text.slice(from, start).replace(/\s+/g, ' '),
    text: text.slice(start, end),
    after: text.slice(end, to).replace(/\s+/g, ' ') + (to < text.length ? '…' : ''),
  };
}
