/**
 * Replacing stored articles (StoreItem.replace, `ingest --redigest`): the article's row is
 * rewritten in place and every row derived from it is written anew, with nothing of the old
 * version left and nothing doubled; a batch of runIngest with `redigest` does it for every page
 * read, with any number of workers, and counts the pages re-digested apart from the new ones.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
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
import { checkWhole, contentOf, olderVersion, redigestEveryWay } from './redigest-helpers.js';
import { testDatabase } from './test-database.js';

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

  it('keeps the stored Article of a page whose re-digest fails, and records the failure', async () => {
    const dir = tmp();
    const input = join(dir, 'pages.jsonl');
    writeFileSync(input, syntheticJsonl(6));
    const file = join(dir, 'c.db');
    let store = openStore(file);
    await runIngest({ inputs: [input], store, workers: 0 });
    store.close();
    ageCorpus(file, ['synthetic-2']);
    const before = contentOf(file);
    store = openStore(file);
    // A digest that fails on every page (an option no stage takes): nothing is replaced.
    const failed = await runIngest({
      inputs: [input],
      store,
      workers: 0,
      redigest: true,
      digest: { summarize: { method: 'no-such-method' as never } },
    });
    expect(failed).toMatchObject({ read: 6, stored: 0, redigested: 0, failed: 6 });
    expect(store.errors().map((e) => e.code)).toEqual(Array(6).fill('E_BAD_OPTION'));
    store.close();
    expect(contentOf(file)).toEqual(before);
    checkWhole(file);
    // A re-digest that works then replaces the old version and clears the errors.
    store = openStore(file);
    expect(await runIngest({ inputs: [input], store, workers: 0, redigest: true })).toMatchObject({
      stored: 6,
      redigested: 6,
      failed: 0,
    });
    expect(store.errors()).toEqual([]);
    expect(store.search({ q: 'Zanzibarite' }).items).toEqual([]);
    store.close();
  });

  it.skipIf(!hasDist)(
    'replaces every page with 0, 1 and 2 workers, the same database with 1 and 2 (by stage and by article)',
    async () => {
      const dir = tmp();
      const input = join(dir, 'pages.jsonl');
      writeFileSync(input, syntheticJsonl(150));
      const base = join(dir, 'base.db');
      const store = openStore(base);
      await runIngest({ inputs: [input], store, workers: 0 });
      store.close();
      ageCorpus(
        base,
        Array.from({ length: 50 }, (_, i) => `synthetic-${i * 3}`),
      );
      await redigestEveryWay(base, dir, input, 150, 32, (s) => {
        expect(s.search({ q: 'Zanzibarite' }).items).toEqual([]);
      });
    },
    60_000,
  );
});
