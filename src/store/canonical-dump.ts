/**
 * A corpus database's content in a canonical form: what "the same database" means when
 * ingest runs are compared (1 or 4 workers, a rerun, a resume after a kill).
 *
 * Every table that holds content, every column, ids included (an ingest commits in input
 * order, so rowids and entity ids are part of the result: the API and the web page show
 * them, and search orders undated ties by them), each in its key's order; and the full-text
 * indexes term by term (fts5vocab 'instance': every term, document, column and position),
 * so that an index built from other rows than its table's would show. Left out: when a row
 * was written (`articles.stored_at`, `errors.at`), which no rerun can repeat.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { pinIterator, StatementCache } from './pinned.js';

export interface DumpPart {
  name: string;
  sql: string;
}

export const CONTENT_PARTS: readonly DumpPart[] = [
  { name: 'schema version', sql: 'SELECT user_version FROM pragma_user_version' },
  {
    name: 'articles',
    sql: `SELECT rowid, id, hash, origin, url, title, body, publisher, published, json
          FROM articles ORDER BY rowid`,
  },
  { name: 'entities', sql: 'SELECT id, type, name, norm FROM entities ORDER BY id' },
  {
    name: 'article_entities',
    sql: `SELECT article, local_id, entity, mentions, mention_count
          FROM article_entities ORDER BY article, local_id`,
  },
  { name: 'aliases', sql: 'SELECT norm, entity, article, alias FROM aliases ORDER BY norm, entity, article' },
  {
    name: 'quotes',
    sql: `SELECT rowid, article, kind, start, end, text, cue, speaker, speaker_norm, speaker_entity, mode
          FROM quotes ORDER BY rowid`,
  },
  { name: 'errors', sql: 'SELECT rowid, hash, origin, code, message FROM errors ORDER BY rowid' },
  {
    name: 'articles_fts index',
    sql: 'SELECT term, doc, col, offset FROM temp.nd_articles_terms ORDER BY term, doc, col, offset',
  },
  {
    name: 'quotes_fts index',
    sql: 'SELECT term, doc, col, offset FROM temp.nd_quotes_terms ORDER BY term, doc, col, offset',
  },
];

/** The term tables the index parts read (temporary: nothing is written to the corpus file). */
function prepareVocab(db: Database.Database): void {
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.nd_articles_terms USING fts5vocab(main, 'articles_fts', 'instance');
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.nd_quotes_terms USING fts5vocab(main, 'quotes_fts', 'instance');`);
}

export interface PartDigest {
  name: string;
  rows: number;
  sha256: string;
}

/** Each part's row count and a hash of its rows, in order (streamed: a large corpus is never held). */
export function contentDigest(db: Database.Database): PartDigest[] {
  prepareVocab(db);
  const statements = new StatementCache(db);
  return CONTENT_PARTS.map(({ name, sql }) => {
    const hash = createHash('sha256');
    let rows = 0;
    for (const row of pinIterator(statements.get(sql).raw(true).iterate())) {
      hash.update(JSON.stringify(row)).update('\n');
      rows++;
    }
    statements.get(sql).raw(false);
    return { name, rows, sha256: hash.digest('hex') };
  });
}

export interface PartDifference {
  name: string;
  rows: [number, number];
  /** Index of the first row that differs, and that row in each database (undefined: no such row). */
  at: number;
  a: unknown;
  b: unknown;
}

/** The parts whose rows differ between two databases, each with its first difference. */
export function compareContent(a: Database.Database, b: Database.Database): PartDifference[] {
  const da = contentDigest(a);
  const db = contentDigest(b);
  const out: PartDifference[] = [];
  for (let p = 0; p < CONTENT_PARTS.length; p++) {
    if (da[p]!.sha256 === db[p]!.sha256) continue;
    const { name, sql } = CONTENT_PARTS[p]!;
    const ra = pinIterator(new StatementCache(a).get(sql).raw(true).iterate());
    const rb = pinIterator(new StatementCache(b).get(sql).raw(true).iterate());
    let at = 0;
    for (;;) {
      const x = ra.next();
      const y = rb.next();
      if (x.done && y.done) break;
      if (x.done || y.done || JSON.stringify(x.value) !== JSON.stringify(y.value)) {
        out.push({ name, rows: [da[p]!.rows, db[p]!.rows], at, a: x.value, b: y.value });
        ra.return?.();
        rb.return?.();
        break;
      }
      at++;
    }
  }
  return out;
}
