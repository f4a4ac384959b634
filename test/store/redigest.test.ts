/**
 * Replacing stored articles (StoreItem.replace, `ingest --redigest`): the article's row is
 * rewritten in place and every row derived from it is written anew, with nothing of the old
 * version left and nothing doubled; a batch of runIngest with `redigest` does it for every page
 * read, with any number of workers, and counts the pages re-digested apart from the new ones.
 */
import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/article/types.js';
import { runIngest } from '../../src/batch/run-ingest.js';
import { articleRecord } from '../../src/store/record.js';
import { openStore } from '../../src/store/sqlite-store.js';
import type { StoreItem } from '../../src/store/types.js';
import { syntheticJsonl } from '../batch/synthetic-pages.js';
import { fixtureArticles } from './fixture-articles.js';
import { databaseDifference, testDatabase } from './test-database.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'nd-redigest-'));
const hasDist = existsSync('dist/src/batch/worker.js');

/** Every row of one article, as the store holds it (by article rowid). */
function rowsOf(file: string, id: string) {
  const db = testDatabase(file, { readonly: true });
  try {
    const a = db.prepare('SELECT rowid, id, title, json FROM articles WHERE id = ?').get(id) as {
      rowid: number;
      id: string;
      title: string;
      json: string;
    };
    const count = (sql: string) => (db.prepare(sql).get(a.rowid) as { n: number }).n;
    return {
      rowid: a.rowid,
      id: a.id,
      title: a.title,
      jsonId: (JSON.parse(a.json) as Article).id,
      articles: (db.prepare('SELECT COUNT(*) AS n FROM articles').get() as { n: number }).n,
      entities: count('SELECT COUNT(*) AS n FROM article_entities WHERE article = ?'),
      aliases: count('SELECT COUNT(*) AS n FROM aliases WHERE article = ?'),
      quotes: count('SELECT COUNT(*) AS n FROM quotes WHERE article = ?'),
      quoteTexts: (
        db.prepare('SELECT text FROM quotes WHERE article = ? ORDER BY start').all(a.rowid) as {
          text: string;
        }[]
      ).map((r) => r.text),
    };
  } finally {
    db.close();
  }
}

/** SQLite's own checks, and both external-content full-text indexes against their tables. */
function checkWhole(file: string): void {
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
function olderVersion(article: Article): Article {
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
function contentOf(file: string): Record<string, unknown[]> {
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

describe('StoreItem.replace', () => {
  it('rewrites a stored article in place: same rowid and id, derived rows replaced, none doubled', () => {
    const file = join(tmp(), 'c.db');
    const articles = fixtureArticles();
    const target = articles.find((a) => (a.quotes?.length ?? 0) >= 2 && (a.entities?.length ?? 0) >= 2)!;
    const hashOf = (a: Article) => `hash-${a.id}`;
    const store = openStore(file);
    // The corpus as an earlier pipeline left it: the target in its older version.
    store.putBatch(
      articles.map((a) => ({ hash: hashOf(a), record: articleRecord(a === target ? olderVersion(a) : a) })),
    );
    const before = rowsOf(file, target.id);
    expect(before.quotes).toBe(target.quotes!.length - 1);
    expect(store.search({ q: 'Zanzibarite' }).items.map((h) => h.id)).toEqual([target.id]);

    // Without replace, a stored hash is left out as always.
    expect(store.putBatch([{ hash: hashOf(target), record: articleRecord(target) }])).toEqual([
      hashOf(target),
    ]);
    expect(rowsOf(file, target.id).title).toBe(before.title);

    store.beginReplace?.();
    const left = store.putBatch([{ hash: hashOf(target), record: articleRecord(target), replace: true }]);
    store.endReplace?.();
    expect(left).toEqual([]);
    const after = rowsOf(file, target.id);
    expect(after).toMatchObject({
      rowid: before.rowid,
      id: target.id,
      jsonId: target.id,
      title: target.meta!.title,
      articles: articles.length,
      entities: target.entities!.length,
      quotes: target.quotes!.length,
    });
    expect(after.quoteTexts).toEqual(
      [...target.quotes!].sort((a, b) => a.start - b.start).map((q) => target.text.slice(q.start, q.end)),
    );
    // The old version's words are gone from the full-text index; the new title is found.
    expect(store.search({ q: 'Zanzibarite' }).items).toEqual([]);
    expect(store.search({ q: `"${target.meta!.title}"` }).items.map((h) => h.id)).toContain(target.id);
    expect(store.article(target.id)).toEqual(JSON.parse(articleRecord(target).json));
    // The entity the older version lacked is found through the article again.
    const first = target.entities![0]!;
    expect(store.search({ entity: first.name }).items.map((h) => h.id)).toContain(target.id);
    store.close();
    checkWhole(file);
    // The index made for the run is gone again: plain ingests do not pay for it.
    const db = testDatabase(file, { readonly: true });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'quotes_article'").all()).toEqual([]);
    db.close();
  });

  it('gives the same database as storing the new versions from the start', () => {
    const dir = tmp();
    const articles = fixtureArticles();
    const items = (version: (a: Article) => Article, replace?: boolean): StoreItem[] =>
      articles.map((a) => ({
        hash: `h-${a.id}`,
        record: articleRecord(version(a)),
        ...(replace ? { replace } : {}),
      }));
    const fresh = openStore(join(dir, 'fresh.db'));
    fresh.putBatch(items((a) => a));
    fresh.close();
    const replaced = openStore(join(dir, 'replaced.db'));
    replaced.putBatch(items(olderVersion));
    // Twice: a rerun of an interrupted --redigest replaces what it replaced already.
    for (let i = 0; i < 2; i++) {
      replaced.beginReplace?.();
      replaced.putBatch(items((a) => a, true));
      replaced.endReplace?.();
    }
    replaced.close();
    checkWhole(join(dir, 'replaced.db'));
    // The same content; only the quotes' row numbers and the ids of entities first met in another
    // order differ (rows written anew).
    expect(contentOf(join(dir, 'replaced.db'))).toEqual(contentOf(join(dir, 'fresh.db')));
  });

  it('stores an item to replace as new when its hash is not stored, and keeps a stored id made unique', () => {
    const file = join(tmp(), 'c.db');
    const [a] = fixtureArticles();
    const store = openStore(file);
    // Two inputs with one id: the second is stored as id~hash.
    store.putBatch([
      { hash: 'aaaaaaaa1', record: articleRecord(a!) },
      { hash: 'bbbbbbbb2', record: articleRecord(olderVersion(a!)) },
    ]);
    expect(store.stats().articles).toBe(2);
    const left = store.putBatch([
      { hash: 'bbbbbbbb2', record: articleRecord(a!), replace: true },
      { hash: 'cccccccc3', record: articleRecord(a!), replace: true },
    ]);
    expect(left).toEqual([]);
    const second = rowsOf(file, `${a!.id}~bbbbbbbb`);
    expect(second).toMatchObject({
      rowid: 2,
      jsonId: `${a!.id}~bbbbbbbb`,
      title: a!.meta!.title,
      articles: 3,
    });
    expect(rowsOf(file, `${a!.id}~cccccccc`).rowid).toBe(3);
    store.close();
    checkWhole(file);
  });

  it('leaves the old version whole when the batch fails (one transaction)', () => {
    const file = join(tmp(), 'c.db');
    const [a, b] = fixtureArticles();
    const store = openStore(file);
    store.putBatch([
      { hash: 'h-a', record: articleRecord(olderVersion(a!)) },
      { hash: 'h-b', record: articleRecord(b!) },
    ]);
    const before = rowsOf(file, a!.id);
    // The second item's record cannot be written (a title is required): the batch rolls back.
    const broken = { ...articleRecord(b!), title: null as unknown as string };
    expect(() =>
      store.putBatch([
        { hash: 'h-a', record: articleRecord(a!), replace: true },
        { hash: 'h-b', record: broken, replace: true },
      ]),
    ).toThrow();
    expect(rowsOf(file, a!.id)).toEqual(before);
    store.close();
    checkWhole(file);
  });
});

describe('runIngest with redigest', () => {
  /** Stored Articles made "old": an earlier pipeline's output, written consistently through the store. */
  function ageCorpus(file: string, ids: string[]): void {
    const store = openStore(file);
    const db = testDatabase(file, { readonly: true });
    const hashes = new Map(
      (db.prepare('SELECT id, hash FROM articles').all() as { id: string; hash: string }[]).map((r) => [
        r.id,
        r.hash,
      ]),
    );
    db.close();
    store.putBatch(
      ids.map((id) => ({
        hash: hashes.get(id)!,
        record: articleRecord(olderVersion(store.article(id)!)),
        replace: true,
      })),
    );
    store.close();
  }

  it('re-digests pages already stored, counts them apart from the new ones, and leaves the database a fresh ingest makes', async () => {
    const dir = tmp();
    const input = join(dir, 'pages.jsonl');
    const all = syntheticJsonl(40);
    const lines = all.trimEnd().split('\n');
    writeFileSync(join(dir, 'first.jsonl'), `${lines.slice(0, 30).join('\n')}\n`);
    writeFileSync(input, all);
    const fresh = openStore(join(dir, 'fresh.db'));
    await runIngest({ inputs: [input], store: fresh, workers: 0 });
    fresh.close();

    const file = join(dir, 'c.db');
    let store = openStore(file);
    await runIngest({ inputs: [join(dir, 'first.jsonl')], store, workers: 0 });
    store.close();
    ageCorpus(file, ['synthetic-3', 'synthetic-17']);
    store = openStore(file);
    expect(store.search({ q: 'Zanzibarite' }).items).toHaveLength(2);
    // A plain rerun skips them: the old versions stay.
    expect(await runIngest({ inputs: [input], store, workers: 0 })).toMatchObject({
      stored: 10,
      redigested: 0,
      skipped: 30,
    });
    expect(store.search({ q: 'Zanzibarite' }).items).toHaveLength(2);
    const again = await runIngest({ inputs: [input, input], store, workers: 0, redigest: true });
    // The second input's pages are duplicates of the first's in this run: digested once.
    expect(again).toMatchObject({
      read: 80,
      stored: 40,
      redigested: 40,
      skipped: 40,
      duplicates: 40,
      failed: 0,
    });
    expect(store.search({ q: 'Zanzibarite' }).items).toEqual([]);
    expect(store.stats().articles).toBe(40);
    store.close();
    checkWhole(file);
    // The same articles in the same places, with the same entities, aliases, quotes and search
    // answers as a fresh ingest of the same pages.
    expect(contentOf(file)).toEqual(contentOf(join(dir, 'fresh.db')));
  });

  it.skipIf(!hasDist)(
    'replaces every page with 0, 1 and 2 workers, the same database with 1 and 2 (by stage and by article)',
    async () => {
      const dir = tmp();
      const input = join(dir, 'pages.jsonl');
      writeFileSync(input, syntheticJsonl(150));
      const runs: [string, number, ('stage' | 'article')?][] = [
        ['w0', 0],
        ['w1', 1],
        ['w2-stage', 2, 'stage'],
        ['w2-article', 2, 'article'],
      ];
      const base = join(dir, 'base.db');
      const store = openStore(base);
      await runIngest({ inputs: [input], store, workers: 0 });
      store.close();
      ageCorpus(
        base,
        Array.from({ length: 50 }, (_, i) => `synthetic-${i * 3}`),
      );
      const files: string[] = [];
      for (const [name, workers, split] of runs) {
        const file = join(dir, `${name}.db`);
        copyFileSync(base, file);
        const s = openStore(file);
        const summary = await runIngest({
          inputs: [input],
          store: s,
          workers,
          redigest: true,
          batchSize: 32,
          ...(split ? { split } : {}),
        });
        expect(summary).toMatchObject({ stored: 150, redigested: 150, failed: 0 });
        expect(s.search({ q: 'Zanzibarite' }).items).toEqual([]);
        s.close();
        checkWhole(file);
        files.push(file);
      }
      // Workers run the compiled stages (dist/), which may lag the sources in a dev tree: the
      // threaded runs are compared with one another (the main thread's only by its counts above).
      for (const other of files.slice(2)) expect(databaseDifference(files[1]!, other)).toEqual([]);
    },
    60_000,
  );
});
