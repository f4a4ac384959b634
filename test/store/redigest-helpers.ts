/**
 * What the tests of `ingest --redigest` share: an earlier version of an Article (what an older
 * pipeline could have stored), the checks a whole corpus passes, and a corpus's content without
 * the row numbers that the order of writes decides.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Article } from '../../src/article/types.js';
import { runIngest } from '../../src/batch/run-ingest.js';
import { openStore } from '../../src/store/sqlite-store.js';
import type { CorpusStore } from '../../src/store/types.js';
import { databaseDifference, testDatabase } from './test-database.js';

/** SQLite's own checks, and both external-content full-text indexes against their tables. */
export function checkWhole(file: string): void {
  const db = testDatabase(file);
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // Throws when an index holds a row its table does not (a replaced row's old terms).
    db.exec("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')");
    db.exec("INSERT INTO quotes_fts(quotes_fts) VALUES ('integrity-check')");
    const orphans = db
      .prepare(
        `SELECT (SELECT COUNT(*) FROM article_entities WHERE article NOT IN (SELECT rowid FROM articles))
              + (SELECT COUNT(*) FROM aliases WHERE article NOT IN (SELECT rowid FROM articles))
              + (SELECT COUNT(*) FROM quotes WHERE article NOT IN (SELECT rowid FROM articles)) AS n`,
      )
      .get() as { n: number };
    expect(orphans.n).toBe(0);
  } finally {
    db.close();
  }
}

/**
 * An earlier version of `article`: a title with a word of its own ("Zanzibarite"), one entity and
 * one quote fewer.
 */
export function olderVersion(article: Article): Article {
  const oldTitle = article.meta?.title ?? '';
  const title = `Earlier Zanzibarite draft ${oldTitle}`;
  const shift = title.length - oldTitle.length;
  const moved = <T extends { start: number; end: number }>(s: T): T => ({
    ...s,
    start: s.start + shift,
    end: s.end + shift,
  });
  return {
    ...article,
    text: `${title}${article.text.slice(oldTitle.length)}`,
    blocks: (article.blocks ?? []).map((b, i) => (i === 0 ? { ...b, end: b.end + shift } : moved(b))),
    meta: { ...article.meta!, title },
    entities: (article.entities ?? []).slice(1).map((e) => ({ ...e, mentions: e.mentions.map(moved) })),
    quotes: (article.quotes ?? []).slice(1).map((q) => ({
      ...q,
      start: q.start + shift,
      end: q.end + shift,
      cue: moved(q.cue),
      ...(q.speaker ? { speaker: moved(q.speaker) } : {}),
    })),
  };
}

/**
 * A corpus's content without its row numbers and entity ids (which follow the order rows were
 * first written in): articles, each article's entities, aliases and quotes by the entity's type
 * and name, the entities, and the full-text index's answer to a few queries.
 */
export function contentOf(file: string): Record<string, unknown[]> {
  const db = testDatabase(file, { readonly: true });
  const all = (sql: string, ...params: unknown[]) => db.prepare(sql).all(...params);
  try {
    const words = ['council', 'Zanzibarite', 'ferry', 'minister', 'waited'];
    return {
      articles: all(
        'SELECT id, hash, origin, url, title, body, publisher, published, json FROM articles ORDER BY rowid',
      ),
      articleEntities: all(`SELECT a.id, ae.local_id, e.type, e.norm, e.name, ae.mentions, ae.mention_count
        FROM article_entities ae JOIN articles a ON a.rowid = ae.article JOIN entities e ON e.id = ae.entity
        ORDER BY a.id, ae.local_id`),
      aliases: all(`SELECT a.id, al.norm, al.alias, e.type, e.norm AS entity FROM aliases al
        JOIN articles a ON a.rowid = al.article JOIN entities e ON e.id = al.entity
        ORDER BY a.id, al.norm, e.type, e.norm`),
      entities: all(`SELECT type, norm FROM entities e
        WHERE EXISTS (SELECT 1 FROM article_entities WHERE entity = e.id) ORDER BY type, norm`),
      quotes: all(`SELECT a.id, q.kind, q.mode, q.start, q.end, q.text, q.cue, q.speaker, q.speaker_norm,
          e.type, e.norm FROM quotes q JOIN articles a ON a.rowid = q.article
          LEFT JOIN entities e ON e.id = q.speaker_entity ORDER BY a.id, q.start`),
      search: words.map((w) =>
        all(
          `SELECT a.id FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
           WHERE articles_fts MATCH ? ORDER BY rank, a.id`,
          w,
        ),
      ),
      quoteSearch: words.map((w) =>
        all(
          `SELECT a.id, q.start FROM quotes_fts f JOIN quotes q ON q.rowid = f.rowid
           JOIN articles a ON a.rowid = q.article WHERE quotes_fts MATCH ? ORDER BY a.id, q.start`,
          w,
        ),
      ),
    };
  } finally {
    db.close();
  }
}

/** Every way a run can write: the main thread, one worker, two split by stage, two by article. */
const WORKER_LAYOUTS: [string, number, ('stage' | 'article')?][] = [
  ['w0', 0],
  ['w1', 1],
  ['w2-stage', 2, 'stage'],
  ['w2-article', 2, 'article'],
];

/**
 * Re-digests a copy of the corpus `base` from `input` in each worker layout, expects every one of
 * its `pages` re-digested, runs `check` on each store and checkWhole on each file, and expects the
 * threaded runs' databases to be the same (workers run dist/, which may lag the sources in a dev
 * tree: the main thread's run is checked, not compared). Returns the files, in WORKER_LAYOUTS' order.
 */
export async function redigestEveryWay(
  base: string,
  dir: string,
  input: string,
  pages: number,
  batchSize: number,
  check: (store: CorpusStore, file: string, name: string) => void,
): Promise<string[]> {
  const files: string[] = [];
  for (const [name, workers, split] of WORKER_LAYOUTS) {
    const file = join(dir, `${name}.db`);
    copyFileSync(base, file);
    const store = openStore(file);
    const summary = await runIngest({
      inputs: [input],
      store,
      workers,
      redigest: true,
      batchSize,
      ...(split ? { split } : {}),
    });
    expect(summary).toMatchObject({ stored: pages, redigested: pages, failed: 0 });
    check(store, file, name);
    store.close();
    checkWhole(file);
    files.push(file);
  }
  for (const other of files.slice(2)) expect(databaseDifference(files[1]!, other)).toEqual([]);
  return files;
}
