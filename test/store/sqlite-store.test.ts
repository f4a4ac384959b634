import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkArticle } from '../../src/article/validate.js';
import { NewsdigestError } from '../../src/errors.js';
import { compareContent } from '../../src/store/canonical-dump.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { articleRecord } from '../../src/store/record.js';
import { openStore } from '../../src/store/sqlite-store.js';
import type { CorpusStore } from '../../src/store/types.js';
import { fixtureArticles } from './fixture-articles.js';
import { testDatabase } from './test-database.js';

function fill(store: CorpusStore): void {
  store.putBatch(fixtureArticles().map((a) => ({ hash: `hash-${a.id}`, record: articleRecord(a) })));
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof NewsdigestError ? e.code : `not a NewsdigestError: ${(e as Error).message}`;
  }
  return undefined;
}

describe('sqlite store', () => {
  let dir: string;
  let store: CorpusStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'nd-store-'));
    store = openStore(join(dir, 'corpus.db'));
    fill(store);
  });
  afterEach(() => store.close());

  it('fixture articles keep the Article contract', () => {
    for (const a of fixtureArticles()) expect(checkArticle(a)).toMatchObject({ ok: true });
  });

  it('stores articles once per input hash and returns the Article JSON as given', () => {
    expect(store.stats()).toMatchObject({ articles: 3, quotes: 6, errors: 0 });
    fill(store);
    expect(store.stats().articles).toBe(3);
    expect(store.has('hash-ferry-cuts')).toBe(true);
    expect(store.has('hash-other')).toBe(false);
    const original = fixtureArticles()[0]!;
    expect(store.article('ferry-cuts')).toEqual(original);
    expect(store.article('nope')).toBeUndefined();
  });

  it('keeps both articles when two inputs carry the same id with different content', () => {
    const a = fixtureArticles()[2]!;
    const changed = { ...a, text: `${a.text} More.` };
    store.putBatch([{ hash: 'hash-changed', record: articleRecord(changed) }]);
    expect(store.stats().articles).toBe(4);
    expect(store.article('orchard-frost~hash-cha')?.text.endsWith('More.')).toBe(true);
    expect(store.article('orchard-frost~hash-cha')?.id).toBe('orchard-frost~hash-cha');
  });

  it('ranks full-text matches with bm25 and marks them in escaped snippets', () => {
    const r = store.search({ q: 'ferry' });
    expect(r.items.map((h) => h.id)).toEqual(['ferry-cuts', 'library-sundays']);
    expect(r.items[0]!.snippet).toMatch(/<mark>ferry<\/mark>/i);
    expect(r.items[0]!.score).toBeLessThan(r.items[1]!.score!);
    // Porter stemming: "sailing" finds "sailings"; a phrase in quotes is FTS5 syntax.
    expect(store.search({ q: 'sailing' }).items.map((h) => h.id)).toEqual(['ferry-cuts']);
    expect(store.search({ q: '"weekend hours"' }).items.map((h) => h.id)).toEqual(['library-sundays']);
    expect(store.search({ q: 'frost OR library' }).items).toHaveLength(2);
    // Plain words with punctuation never trip the syntax.
    expect(store.search({ q: 'Sundays, $85,000!' }).items.map((h) => h.id)).toEqual(['library-sundays']);
  });

  it('escapes page text in snippets', () => {
    const a = fixtureArticles()[2]!;
    const text = `${a.text}\n\nSee <img src=x onerror=alert(1)> & "frost" <b>now</b>.`;
    store.putBatch([{ hash: 'x', record: articleRecord({ ...a, id: 'xss', text, blocks: undefined }) }]);
    const hit = store.search({ q: 'onerror' }).items[0]!;
    expect(hit.snippet).toContain('&lt;img src=x <mark>onerror</mark>=alert(1)&gt;');
    expect(hit.snippet).not.toMatch(/<(?!\/?mark>)/);
  });

  it('filters by entity alias, speaker, publisher and date range', () => {
    const ids = (f: Parameters<CorpusStore['search']>[0]) =>
      store
        .search(f)
        .items.map((h) => h.id)
        .sort();
    // A name's words match (a surname, any alias's words), case- and accent-insensitive.
    expect(ids({ entity: 'Hale' })).toEqual(['ferry-cuts', 'library-sundays']);
    expect(ids({ entity: 'Hal' })).toEqual([]);
    expect(ids({ speaker: 'COSTA' })).toEqual(['library-sundays']);
    expect(ids({ speaker: 'Cöstá' })).toEqual(['library-sundays']);
    expect(ids({ publisher: 'valley' })).toEqual(['library-sundays']);
    expect(ids({ publisher: 'VALLEY times' })).toEqual(['library-sundays']);
    expect(ids({ publisher: 'times valley' })).toEqual([]);
    expect(ids({ entity: 'martin  HALE' })).toEqual(['ferry-cuts', 'library-sundays']);
    expect(ids({ entity: 'Bluewater' })).toEqual(['ferry-cuts']);
    expect(ids({ speaker: 'Costa' })).toEqual(['library-sundays']);
    expect(ids({ speaker: 'Martin Hale' })).toEqual(['ferry-cuts', 'library-sundays']);
    expect(ids({ speaker: 'one grower' })).toEqual(['orchard-frost']);
    expect(ids({ publisher: 'coast wire' })).toEqual(['ferry-cuts', 'orchard-frost']);
    expect(ids({ from: '2026-01-01' })).toEqual(['ferry-cuts', 'library-sundays']);
    expect(ids({ to: '2026-03-02' })).toEqual(['ferry-cuts', 'orchard-frost']);
    expect(ids({ from: '2026-03', to: '2026-03' })).toEqual(['ferry-cuts']);
    expect(ids({ q: 'ferry', speaker: 'Hale', publisher: 'Valley Times' })).toEqual(['library-sundays']);
    // Without a query, newest first.
    expect(store.search({}).items.map((h) => h.id)).toEqual([
      'library-sundays',
      'ferry-cuts',
      'orchard-frost',
    ]);
  });

  it('pages with an opaque cursor', () => {
    const first = store.search({}, { limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.next).toEqual(expect.any(String));
    const second = store.search({}, { limit: 2, cursor: first.next! });
    expect(second.items.map((h) => h.id)).toEqual(['orchard-frost']);
    expect(second.next).toBeNull();
    expect(codeOf(() => store.search({}, { cursor: 'garbage' }))).toBe('E_BAD_QUERY');
    expect(codeOf(() => store.search({}, { limit: 0 }))).toBe('E_BAD_QUERY');
  });

  it('answers bad query syntax and bad dates with E_BAD_QUERY, not a crash', () => {
    for (const q of ['"unterminated', 'ferry AND', '(ferry', 'NEAR(']) {
      expect(codeOf(() => store.search({ q }))).toBe('E_BAD_QUERY');
    }
    // A word followed by a colon that names no column is a word (see the query tests).
    expect(store.search({ q: 'nosuchcolumn: ferry' }).items).toEqual([]);
    expect(codeOf(() => store.search({ q: '?!' }))).toBe('E_BAD_QUERY');
    expect(codeOf(() => store.search({ from: 'last tuesday' }))).toBe('E_BAD_QUERY');
    expect(codeOf(() => store.quotes({ q: '"open' }))).toBe('E_BAD_QUERY');
  });

  it('merges entities across articles and lists their mentions with context', () => {
    const found = store.entities('hale');
    expect(found.items).toEqual([
      { id: expect.any(Number), type: 'PER', name: 'Martin Hale', articles: 2, mentions: 3 },
    ]);
    const detail = store.entity(found.items[0]!.id)!;
    expect(detail.aliases.sort()).toEqual(['Hale', 'Martin Hale']);
    expect(detail.occurrences.items.map((o) => o.article.id).sort()).toEqual([
      'ferry-cuts',
      'library-sundays',
    ]);
    const ferry = detail.occurrences.items.find((o) => o.article.id === 'ferry-cuts')!;
    expect(ferry.mentions.map((m) => m.text)).toEqual(['Martin Hale', 'Hale']);
    expect(ferry.mentions[0]!.before).toMatch(/staff," said $/);
    expect(store.entity(999999)).toBeUndefined();
    expect(store.entities(undefined).items.length).toBe(7);
    expect(store.articleEntityIds('ferry-cuts').get('e3')).toBe(found.items[0]!.id);
  });

  it('lists quotes by speaker (span text or any alias of the resolved entity) and by words', () => {
    const hale = store.quotes({ speaker: 'hale' });
    expect(hale.items.map((q) => q.text)).toEqual([
      'the ferry timetable had pushed families to weekend visits',
      '"We cannot sail ships we cannot staff,"',
    ]);
    expect(hale.items[0]!.speaker).toEqual({ name: 'Martin Hale', entity: expect.any(Number) });
    expect(store.quotes({ q: 'crop' }).items).toEqual([
      expect.objectContaining({ kind: 'direct', cue: 'told', speaker: { name: 'one grower', entity: null } }),
    ]);
    expect(store.quotes({}).items).toHaveLength(6);
  });

  it('stores per-input errors, lists them, and clears one when its input later succeeds', () => {
    const a = fixtureArticles()[0]!;
    store.putBatch(
      [],
      [
        { hash: 'h-new', origin: 'feed.jsonl:3', code: 'E_INTERNAL', message: 'stage failed' },
        { origin: 'missing.txt', code: 'E_NOT_FOUND', message: 'no such file or directory' },
      ],
    );
    store.putBatch(
      [],
      [{ origin: 'missing.txt', code: 'E_NOT_FOUND', message: 'no such file or directory' }],
    );
    expect(store.errors().map((e) => e.origin)).toEqual(['feed.jsonl:3', 'missing.txt']);
    store.putBatch([{ hash: 'h-new', record: articleRecord({ ...a, id: 'retried', text: `${a.text}!` }) }]);
    expect(store.errors().map((e) => e.origin)).toEqual(['missing.txt']);
  });
});

/** A new database file at schema version `v`, as a writer of that version made it (no rows yet). */
function databaseAtVersion(name: string, v: number) {
  const path = join(mkdtempSync(join(tmpdir(), 'nd-store-')), name);
  const db = testDatabase(path);
  for (const migration of MIGRATIONS.slice(0, v)) db.exec(migration);
  db.pragma(`user_version = ${v}`);
  return { path, db };
}

describe('schema migrations', () => {
  it('sets user_version to the number of migrations and reopens without redoing them', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'nd-store-')), 'c.db');
    openStore(path).close();
    const db = testDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    const again = openStore(path);
    expect(again.stats().articles).toBe(0);
    again.close();
  });

  it('sets FTS5 automerge to 16 on both indexes, also in a version-3 database', () => {
    const automerge = (db: ReturnType<typeof testDatabase>, table: string) =>
      db.prepare(`SELECT v FROM ${table}_config WHERE k = 'automerge'`).pluck().get();
    const fresh = join(mkdtempSync(join(tmpdir(), 'nd-store-')), 'am.db');
    openStore(fresh).close();
    const db = testDatabase(fresh);
    expect([automerge(db, 'articles_fts'), automerge(db, 'quotes_fts')]).toEqual([16, 16]);
    db.close();

    const { path, db: v3 } = databaseAtVersion('v3.db', 3);
    expect(automerge(v3, 'articles_fts')).toBeUndefined();
    v3.close();
    const store = openStore(path);
    fill(store);
    expect(store.search({ q: 'sailing' }).items.map((h) => h.id)).toEqual(['ferry-cuts']);
    store.close();
    const migrated = testDatabase(path);
    expect([automerge(migrated, 'articles_fts'), automerge(migrated, 'quotes_fts')]).toEqual([16, 16]);
    migrated.close();
  });

  it('migrates a version-1 database that holds articles and quotes, keeping quote search', () => {
    const { path, db: v1 } = databaseAtVersion('v1.db', 1);
    // Rows as the version-1 writer left them: an article, its FTS row, a quote and its FTS row.
    v1.prepare(
      `INSERT INTO articles (rowid, id, hash, title, body, json, stored_at)
       VALUES (1, 'old', 'h-old', 'Harbour vote', 'The harbour board met.', '{}', '2026-01-01')`,
    ).run();
    v1.prepare(
      "INSERT INTO articles_fts (rowid, title, body) VALUES (1, 'Harbour vote', 'The harbour board met.')",
    ).run();
    v1.prepare(
      `INSERT INTO quotes (rowid, article, kind, start, end, text, cue, speaker, speaker_norm)
       VALUES (1, 1, 'direct', 0, 10, 'The moorings stay open', 'said', 'Ann Reed', 'ann reed')`,
    ).run();
    v1.prepare("INSERT INTO quotes_fts (rowid, text) VALUES (1, 'The moorings stay open')").run();
    v1.close();

    const store = openStore(path);
    const quotes = store.quotes({ q: 'moorings' }).items;
    expect(quotes.map((q) => [q.article.id, q.speaker?.name])).toEqual([['old', 'Ann Reed']]);
    expect(store.search({ q: 'harbour' }).items.map((h) => h.id)).toEqual(['old']);
    fill(store);
    expect(store.quotes({ q: 'moorings' }).items).toHaveLength(1);
    expect(store.stats()).toMatchObject({ articles: 4, quotes: 7 });
    store.close();
    const db = testDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
  });

  it('migrates a version-2 database: entity names leave the alias rows and are still found', () => {
    const { path, db: v2 } = databaseAtVersion('v2.db', 2);
    // As the version-2 writer left them: the entity's name and its other name, each an alias row.
    v2.prepare(
      `INSERT INTO articles (rowid, id, hash, title, body, json, stored_at)
       VALUES (1, 'old', 'h-old', 'Dock strike', 'Nora Vance spoke.', '{"text":"Nora Vance spoke."}', '2026-01-01')`,
    ).run();
    v2.prepare(
      "INSERT INTO entities (id, type, name, norm) VALUES (5, 'PER', 'Nora Vance', 'nora vance')",
    ).run();
    v2.prepare(
      `INSERT INTO article_entities (article, entity, local_id, mentions, mention_count)
       VALUES (1, 5, 'e1', '[[0,10]]', 1)`,
    ).run();
    const alias = v2.prepare('INSERT INTO aliases (norm, entity, article, alias) VALUES (?, 5, 1, ?)');
    alias.run('nora vance', 'Nora Vance');
    alias.run('vance', 'Vance');
    v2.prepare(
      `INSERT INTO quotes (rowid, article, kind, start, end, text, cue, speaker, speaker_norm, speaker_entity)
       VALUES (1, 1, 'direct', 0, 10, 'The docks stay shut', 'said', 'Nora Vance', 'nora vance', 5)`,
    ).run();
    v2.close();

    const store = openStore(path);
    const db = testDatabase(path, { readonly: true });
    expect(db.prepare('SELECT norm FROM aliases').all()).toEqual([{ norm: 'vance' }]);
    // Clearing an input's old error finds it by hash through an index, not by scanning every error.
    expect(db.prepare('EXPLAIN QUERY PLAN DELETE FROM errors WHERE hash = ?').all('h')).toEqual([
      expect.objectContaining({ detail: expect.stringContaining('USING INDEX errors_hash') }),
    ]);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
    for (const name of ['Nora  Vance', 'vance']) {
      expect(store.search({ entity: name }).items.map((h) => h.id)).toEqual(['old']);
      expect(store.quotes({ speaker: name }).items.map((q) => q.text)).toEqual(['The docks stay shut']);
    }
    // Any of the name's words, whole: a first name too, never a part of a word.
    expect(store.search({ entity: 'Nora' }).items.map((h) => h.id)).toEqual(['old']);
    expect(store.search({ entity: 'Nor' }).items).toEqual([]);
    expect(store.entity(5)?.aliases).toEqual(['Nora Vance', 'Vance']);
    expect(store.entities('nora').items.map((e) => e.id)).toEqual([5]);
    store.close();
  });

  it('refuses a database from a newer schema and a file that is not a database', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nd-store-'));
    const path = join(dir, 'newer.db');
    const db = testDatabase(path);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(codeOf(() => openStore(path))).toBe('E_IO');
    expect(codeOf(() => openStore(join(dir, 'absent.db'), { mustExist: true }))).toBe('E_NOT_FOUND');
    const notDb = join(dir, 'text.db');
    writeFileSync(notDb, 'this is not sqlite, just words '.repeat(100));
    expect(codeOf(() => openStore(notDb))).toBe('E_IO');
  });
});

describe('a batch written in parts (openBatch)', () => {
  const items = () => fixtureArticles().map((a) => ({ hash: `hash-${a.id}`, record: articleRecord(a) }));
  const error = {
    hash: 'h-bad',
    origin: 'feed.jsonl:9',
    code: 'E_INTERNAL' as const,
    message: 'stage failed',
  };

  it('stores what putBatch stores, row for row, and others see it only once committed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nd-store-'));
    const whole = openStore(join(dir, 'whole.db'));
    const parts = openStore(join(dir, 'parts.db'));
    const reader = openStore(join(dir, 'parts.db'));
    try {
      const [a, b, c] = items();
      whole.putBatch([a!, b!, c!], [error]);
      const batch = parts.openBatch!();
      expect(batch.put([a!], [])).toEqual([]);
      expect(batch.put([b!, c!], [error])).toEqual([]);
      // The same hash again in the same batch is left out, as putBatch leaves out a stored one.
      expect(batch.put([a!], [])).toEqual(['hash-ferry-cuts']);
      expect(reader.stats().articles).toBe(0);
      batch.commit();
      expect(reader.stats()).toMatchObject({ articles: 3, quotes: 6, errors: 1 });
      const wholeDb = testDatabase(join(dir, 'whole.db'));
      const partsDb = testDatabase(join(dir, 'parts.db'));
      expect(compareContent(wholeDb, partsDb)).toEqual([]);
      wholeDb.close();
      partsDb.close();
    } finally {
      whole.close();
      parts.close();
      reader.close();
    }
  });

  it('leaves nothing after a rollback, and learns no entity id from it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nd-store-'));
    const store = openStore(join(dir, 'c.db'));
    try {
      const [a, b] = items();
      const batch = store.openBatch!();
      batch.put([a!, b!], [error]);
      batch.rollback();
      expect(store.stats()).toMatchObject({ articles: 0, entities: 0, quotes: 0, errors: 0 });
      expect(() => batch.put([a!])).toThrow(/ended/);
      // The ids the rolled-back batch gave its entities are given again (to c's first): b's own
      // entities must not be taken for known ones under those ids.
      const c = items()[2]!;
      store.putBatch([c, b!]);
      const ids = store.articleEntityIds(b!.record.id);
      expect(ids.size).toBe(b!.record.entities.length);
      for (const e of b!.record.entities) expect(store.entity(ids.get(e.localId)!)?.name).toBe(e.name);
    } finally {
      store.close();
    }
  });
});

describe('the log of a connection that does not checkpoint (autoCheckpoint: false)', () => {
  const batches = () =>
    fixtureArticles().map((a, i) => [{ hash: `hash-${i}`, record: articleRecord(a) }] as const);

  function logSizes(logRestartBytes: number | undefined): number[] {
    const file = join(mkdtempSync(join(tmpdir(), 'nd-store-')), 'c.db');
    openStore(file).close();
    const store = openStore(file, { autoCheckpoint: false, ...(logRestartBytes ? { logRestartBytes } : {}) });
    const sizes: number[] = [];
    try {
      for (const items of batches()) {
        const batch = store.openBatch!();
        batch.put(items);
        batch.commit();
        sizes.push(statSync(`${file}-wal`).size);
      }
    } finally {
      store.close();
    }
    return sizes;
  }

  it('grows while no one checkpoints it, and is started over once past logRestartBytes', () => {
    const growing = logSizes(undefined);
    expect(growing[2]!).toBeGreaterThan(growing[1]!);
    expect(growing[1]!).toBeGreaterThan(growing[0]!);
    // Past 1 byte at every batch: each batch checkpoints first and writes the log from its start.
    const restarted = logSizes(1);
    expect(restarted[2]!).toBeLessThan(growing[2]!);
    expect(restarted[2]!).toBeLessThanOrEqual(Math.max(restarted[0]!, restarted[1]!));
  });

  it('is checkpointed once every ~logRestartBytes of log, not at every batch once the file has grown that large', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'nd-store-')), 'c.db');
    openStore(file).close();
    const restartBytes = 256 * 1024;
    const store = openStore(file, { autoCheckpoint: false, logRestartBytes: restartBytes });
    // Counted where the batch calls it (restartLogIfLarge); nothing else checkpoints this file.
    let checkpoints = 0;
    const checkpoint = store.checkpoint!.bind(store);
    store.checkpoint = () => {
      checkpoints++;
      checkpoint();
    };
    const articles = fixtureArticles();
    const sizes: number[] = [];
    try {
      for (let k = 0; k < 120; k++) {
        const record = articleRecord({ ...articles[k % articles.length]!, id: `a-${k}` });
        const batch = store.openBatch!();
        batch.put([{ hash: `hash-${k}`, record }]);
        batch.commit();
        sizes.push(statSync(`${file}-wal`).size);
      }
    } finally {
      store.close();
    }
    const past = sizes.findIndex((size) => size > restartBytes);
    expect(past).toBeGreaterThan(0);
    // Each batch's log is a small part of restartBytes: started over at every batch past that
    // point, the log would be checkpointed ~120 - past times.
    const written = sizes[past]!;
    expect(checkpoints).toBeGreaterThanOrEqual(1);
    expect(checkpoints).toBeLessThanOrEqual(Math.ceil((120 * written) / past / (restartBytes * 0.75)) + 1);
    expect(checkpoints).toBeLessThan((120 - past) / 3);
    // Started over, the file is cut back (journal_size_limit) and grows again from there.
    expect(Math.max(...sizes.slice(past + 1))).toBeLessThanOrEqual(restartBytes + written / past + 65_536);
    expect(sizes.some((size, i) => i > past && size > sizes[i - 1]!)).toBe(true);
  });
});

describe('name filters on a corpus another connection writes to', () => {
  it('find a speaker or entity committed after the reader first filtered by name', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'nd-store-')), 'corpus.db');
    const writer = openStore(path);
    const reader = openStore(path, { mustExist: true });
    const [first, second] = fixtureArticles();
    writer.putBatch([{ hash: 'h-1', record: articleRecord(first!) }]);
    expect(reader.search({ speaker: 'Costa' }).items).toEqual([]);
    expect(reader.quotes({ speaker: 'costa' }).items).toEqual([]);
    writer.putBatch([{ hash: 'h-2', record: articleRecord(second!) }]);
    expect(reader.search({ speaker: 'Costa' }).items.map((h) => h.id)).toEqual(['library-sundays']);
    expect(reader.search({ entity: 'COSTA' }).items.map((h) => h.id)).toEqual(['library-sundays']);
    expect(reader.quotes({ speaker: 'costa' }).items).toHaveLength(2);
    reader.close();
    writer.close();
  });
});
