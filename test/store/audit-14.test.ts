/** The store's side of the fourteenth session's user audit (issue #8): queries, dates, limits, errors, files. */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkLimit } from '../../src/store/cursor.js';
import { toFtsQuery } from '../../src/store/fts-query.js';
import { articleRecord } from '../../src/store/record.js';
import { openStore } from '../../src/store/sqlite-store.js';
import type { CorpusStore } from '../../src/store/types.js';
import { errorOf } from './error-of.js';
import { fixtureArticles } from './fixture-articles.js';
import { testDatabase } from './test-database.js';

describe('queries with punctuation', () => {
  it('search plain words with punctuation as words, and keep FTS5 syntax the user meant', () => {
    expect(toFtsQuery('C++')).toEqual({ match: '"C"', raw: false });
    expect(toFtsQuery('brown:')).toEqual({ match: '"brown"', raw: false });
    expect(toFtsQuery('U.S. well-known')).toEqual({ match: '"U S" "well known"', raw: false });
    expect(toFtsQuery('"weekend hours" OR library')).toEqual({
      match: '"weekend hours" OR library',
      raw: true,
    });
    expect(toFtsQuery('title:ferry C++')).toEqual({ match: 'title: ferry "C"', raw: true });
    expect(toFtsQuery('brown: OR ferry*')).toEqual({ match: '"brown" OR ferry*', raw: true });
    expect(toFtsQuery('text:open', 'query', ['text'])).toEqual({ match: 'text: open', raw: true });
    expect(toFtsQuery('title:open', 'query', ['text'])).toEqual({ match: '"title open"', raw: false });
  });
});

describe('the store on the audit cases', () => {
  let dir: string;
  let store: CorpusStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'nd-audit-'));
    store = openStore(join(dir, 'corpus.db'));
    store.putBatch(fixtureArticles().map((a) => ({ hash: `h-${a.id}`, record: articleRecord(a) })));
  });
  afterEach(() => store.close());

  it('searches "C++", "brown:" and "ferry:" without a syntax error', () => {
    expect(store.search({ q: 'C++' }).items).toEqual([]);
    expect(store.search({ q: 'brown:' }).items).toEqual([]);
    expect(
      store
        .search({ q: 'ferry:' })
        .items.map((h) => h.id)
        .sort(),
    ).toEqual(['ferry-cuts', 'library-sundays']);
    expect(store.search({ q: 'ferry: OR orchard' }).items.length).toBeGreaterThan(0);
    expect(store.quotes({ q: 'staff:' }).items).toHaveLength(1);
  });

  it('refuses dates that name no day, in both bounds', () => {
    for (const bad of [
      '2026-13-45',
      '2026-02-30',
      '2025-02-29',
      '2026-00',
      '2026-04-31',
      '2026-01-01T24:00',
    ]) {
      const from = errorOf(() => store.search({ from: bad }));
      expect(from?.code, bad).toBe('E_BAD_QUERY');
      expect(from?.message).toContain(bad);
      expect(errorOf(() => store.search({ to: bad }))?.code, bad).toBe('E_BAD_QUERY');
    }
    for (const good of ['2024-02-29', '2026', '2026-12', '2026-12-31', '2026-03-01T10:30:00Z']) {
      expect(
        errorOf(() => store.search({ from: good })),
        good,
      ).toBeUndefined();
    }
  });

  it('names a limit as typed when it is no number', () => {
    expect(errorOf(() => checkLimit('abc'))?.message).toBe(
      'expecting a whole number from 1 to 100, instead found "abc"',
    );
    expect(checkLimit('7')).toBe(7);
    expect(errorOf(() => store.search({}, { limit: '0' }))?.code).toBe('E_BAD_QUERY');
    expect(store.search({}, { limit: '2' }).items).toHaveLength(2);
  });

  it("clears an unreadable record's error once its location is stored, and keeps it while it still fails", () => {
    const bad = { origin: 'm3.jsonl:2', code: 'E_BAD_JSON' as const, message: 'not valid JSON' };
    const other = { origin: 'm3.jsonl:5', code: 'E_BAD_JSON' as const, message: 'not valid JSON' };
    store.putBatch([], [bad, other]);
    // The rerun where line 2 still fails: listed once, updated in place.
    store.putBatch([], [bad]);
    expect(store.errors().map((e) => e.origin)).toEqual(['m3.jsonl:2', 'm3.jsonl:5']);
    const base = fixtureArticles()[0]!;
    const fixed = articleRecord({
      ...base,
      id: 'm2',
      text: `${base.text} Fixed.`,
      source: { ...base.source, origin: 'm3.jsonl:2' },
    });
    expect(fixed.origin).toBe('m3.jsonl:2');
    store.putBatch([{ hash: 'h-fixed', record: fixed }]);
    expect(store.errors().map((e) => e.origin)).toEqual(['m3.jsonl:5']);
    // A location whose content is already stored (the same text under another line) clears too.
    const again = articleRecord({ ...base, source: { ...base.source, origin: 'm3.jsonl:5' } });
    expect(store.putBatch([{ hash: 'h-ferry-cuts', record: again }])).toEqual(['h-ferry-cuts']);
    expect(store.errors()).toEqual([]);
  });
});

describe('opening a file for search or serve (mustExist)', () => {
  it('refuses an empty file and leaves it empty; ingest (no mustExist) still makes a corpus there', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'nd-audit-')), 'x.db');
    writeFileSync(path, '');
    const e = errorOf(() => openStore(path, { mustExist: true }));
    expect(e?.code).toBe('E_IO');
    expect(e?.toString()).toBe(`${path}: not a newsdigest corpus (empty file)`);
    expect(statSync(path).size).toBe(0);
    openStore(path).close();
    expect(statSync(path).size).toBeGreaterThan(0);
    openStore(path, { mustExist: true }).close();
  });

  it("refuses another program's SQLite database without writing to it", () => {
    const path = join(mkdtempSync(join(tmpdir(), 'nd-audit-')), 'other.db');
    const db = testDatabase(path);
    db.exec('CREATE TABLE notes (body TEXT)');
    db.close();
    const before = readFileSync(path);
    const e = errorOf(() => openStore(path, { mustExist: true }));
    expect(e?.code).toBe('E_IO');
    expect(e?.message).toMatch(/^not a newsdigest corpus/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('still says a missing file is missing', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'nd-audit-')), 'none.db');
    expect(errorOf(() => openStore(path, { mustExist: true }))?.code).toBe('E_NOT_FOUND');
  });
});
