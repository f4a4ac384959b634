/**
 * The store's schema, as numbered migrations. `PRAGMA user_version` holds how many
 * have been applied; opening a store applies the rest, each in its own transaction (a
 * BEGIN IMMEDIATE one that reads the version again: see migrate).
 * Never edit a migration that has shipped: add the next one.
 */
import type Database from 'better-sqlite3';
import type { Article } from '../article/types.js';
import { NewsdigestError } from '../errors.js';
import { type CueMode, cueMode } from '../quotes/cue-mode.js';
import { StatementCache, setPragma } from './pinned.js';

export const MIGRATIONS: readonly string[] = [
  // 1: articles, their full-text index, entities (corpus-wide, merged by type and name), aliases,
  //    quotes with speakers, and per-input errors.
  `
  CREATE TABLE articles (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    hash TEXT NOT NULL UNIQUE,
    origin TEXT,
    url TEXT,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    publisher TEXT,
    published TEXT,
    json TEXT NOT NULL,
    stored_at TEXT NOT NULL
  );
  CREATE INDEX articles_publisher ON articles(publisher COLLATE NOCASE);
  CREATE INDEX articles_published ON articles(published);

  -- External-content FTS5 over title and body: the text lives once, in articles.
  CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body, content='articles', content_rowid='rowid', tokenize='porter unicode61 remove_diacritics 2'
  );
  -- Title matches weigh four times body matches; ORDER BY rank then lets FTS5 rank in its index.
  INSERT INTO articles_fts(articles_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0)');

  CREATE TABLE entities (
    id INTEGER PRIMARY KEY,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    norm TEXT NOT NULL,
    UNIQUE (type, norm)
  );

  -- One row per entity per article: its local id there and its mentions as [[start, end], ...].
  CREATE TABLE article_entities (
    article INTEGER NOT NULL REFERENCES articles(rowid),
    entity INTEGER NOT NULL REFERENCES entities(id),
    local_id TEXT NOT NULL,
    mentions TEXT NOT NULL,
    mention_count INTEGER NOT NULL,
    PRIMARY KEY (article, local_id)
  ) WITHOUT ROWID;
  CREATE INDEX article_entities_entity ON article_entities(entity, article);

  -- Every normalised name and alias an entity went by, in each article: what --entity matches.
  CREATE TABLE aliases (
    norm TEXT NOT NULL,
    entity INTEGER NOT NULL REFERENCES entities(id),
    article INTEGER NOT NULL REFERENCES articles(rowid),
    alias TEXT NOT NULL,
    PRIMARY KEY (norm, entity, article)
  ) WITHOUT ROWID;
  CREATE INDEX aliases_entity ON aliases(entity);

  CREATE TABLE quotes (
    rowid INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles(rowid),
    kind TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    cue TEXT NOT NULL,
    speaker TEXT,
    speaker_norm TEXT,
    speaker_entity INTEGER REFERENCES entities(id)
  );
  CREATE INDEX quotes_article ON quotes(article);
  CREATE INDEX quotes_speaker_norm ON quotes(speaker_norm);
  CREATE INDEX quotes_speaker_entity ON quotes(speaker_entity);
  CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, content='quotes', content_rowid='rowid', tokenize='porter unicode61 remove_diacritics 2'
  );

  CREATE TABLE errors (
    rowid INTEGER PRIMARY KEY,
    hash TEXT,
    origin TEXT NOT NULL,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    at TEXT NOT NULL
  );
  CREATE UNIQUE INDEX errors_input ON errors(origin, IFNULL(hash, ''));
  `,
  // 2: cheaper writes. No query reads quotes by article (the article view takes its quotes from
  //    the Article JSON), so that index goes. Quote search filters, it never ranks by bm25, so
  //    its FTS table needs no per-row token counts (columnsize=0: one b-tree row less per quote).
  `
  DROP INDEX quotes_article;
  DROP TABLE quotes_fts;
  CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, content='quotes', content_rowid='rowid', columnsize=0,
    tokenize='porter unicode61 remove_diacritics 2'
  );
  INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild');
  `,
  // 3: an entity's own name is no longer an alias row in every article that mentions it (nine
  //    alias rows in ten were that): the name is matched through article_entities and the
  //    entity's norm (sqlite-store.ts), so aliases keep only the other names an article used.
  //    And errors by hash: every article stored clears its input's old error (DELETE … WHERE
  //    hash = ?), which scanned the whole errors table without this index.
  `
  DELETE FROM aliases WHERE norm = (SELECT e.norm FROM entities e WHERE e.id = aliases.entity);
  CREATE INDEX errors_hash ON errors(hash);
  `,
  // 4: cheaper writes to both full-text indexes. Each committed batch adds a segment to each
  //    index; FTS5 merges a level's segments once `automerge` of them are there (default 4),
  //    and those merges were ~8.6 % of the store's instructions. 16 merges less often into
  //    larger segments; a search reads at most 15 segments a level instead of 3 (the load test
  //    on 21,130 articles: docs/RESULTS.md (corpus-9)). The setting lives in each index's
  //    config table: an existing database gets it here, its index as it is.
  `
  INSERT INTO articles_fts(articles_fts, rank) VALUES ('automerge', 16);
  INSERT INTO quotes_fts(quotes_fts, rank) VALUES ('automerge', 16);
  `,
  // 5: what each quote reports (Quote.mode: speech, belief, intention, perception, evidence), for
  //    /v1/quotes?mode= and the speaker pages. A corpus stored before it is backfilled by the same
  //    cueMode the quotes stage runs (nd_quote_mode, registered by migrate), so an old corpus reads
  //    as a new ingest of the same Articles would: from each quote's stored cue text (the Article's
  //    cue span as written), and for an "according to" quote, whose mode is its source's ("a report
  //    by …" is evidence), from the stored Article's quote, since the stored speaker is the
  //    resolved entity's name ("Labor Department" for "Labor Department figures"). No index: the
  //    filter narrows a speaker's or a query's quotes, and five values would be scanned as skipped.
  `
  ALTER TABLE quotes ADD COLUMN mode TEXT;
  UPDATE quotes SET mode = nd_quote_mode(cue, start, end,
    CASE WHEN kind = 'according-to' THEN (SELECT json FROM articles WHERE rowid = quotes.article) END);
  `,
];

/**
 * The mode of a stored quote for migration 5: from its Article's quote (the one at the same
 * content span with the same cue text) when the Article's JSON is given, else from its cue text.
 */
function storedQuoteMode(cue: string, start: number, end: number, json: string | null): CueMode {
  if (json !== null) {
    try {
      const article = JSON.parse(json) as Article;
      const quote = article.quotes?.find(
        (q) => q.start === start && q.end === end && article.text.slice(q.cue.start, q.cue.end) === cue,
      );
      if (quote) return quote.mode ?? cueMode(article.text, quote);
    } catch {
      // A stored Article that does not parse: its cue alone, as for every other quote.
    }
  }
  return cueMode(cue, { cue: { start: 0, end: cue.length } });
}

function registerQuoteMode(db: Database.Database): void {
  db.function(
    'nd_quote_mode',
    { deterministic: true },
    (cue: unknown, start: unknown, end: unknown, json: unknown) =>
      typeof cue === 'string'
        ? storedQuoteMode(cue, Number(start), Number(end), typeof json === 'string' ? json : null)
        : null,
  );
}

/** The schema version this database is at (`PRAGMA user_version`). */
function schemaVersion(db: Database.Database): number {
  return new StatementCache(db).get<[], number>('PRAGMA user_version').pluck().get() as number;
}

/**
 * Applies the migrations this database lacks; refuses a database from a newer version.
 *
 * Another process may be opening the same new file at the same moment (two ingests started
 * together): each migration runs in a BEGIN IMMEDIATE transaction, which takes the write lock
 * before it reads anything (waiting up to the connection's busy_timeout for the other one), and
 * reads the version again inside it, so a migration the other process applied meanwhile is
 * skipped rather than run twice ("table articles already exists").
 */
export function migrate(db: Database.Database, path: string): void {
  const newer = (current: number) =>
    new NewsdigestError(
      'E_IO',
      path,
      `has schema version ${current}, newer than this newsdigest knows (${MIGRATIONS.length}); upgrade newsdigest`,
    );
  // Read without a write lock first: a corpus already at this version (every open but the
  // first) takes no lock at all.
  const seen = schemaVersion(db);
  if (seen > MIGRATIONS.length) throw newer(seen);
  if (seen === MIGRATIONS.length) return;
  registerQuoteMode(db);
  const step = db.transaction((): boolean => {
    const current = schemaVersion(db);
    if (current > MIGRATIONS.length) throw newer(current);
    if (current === MIGRATIONS.length) return false;
    db.exec(MIGRATIONS[current]!);
    setPragma(db, `user_version = ${current + 1}`);
    return true;
  });
  let more = true;
  while (more) more = step.immediate();
}
