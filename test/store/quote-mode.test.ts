/** Stored quotes carry Quote.mode: written on ingest, backfilled by migration 5, filtered by mode. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { articleRecord } from '../../src/store/record.js';
import { openStore } from '../../src/store/sqlite-store.js';
import { EXPECTED, harbourArticle } from './quote-mode-fixture.js';
import { testDatabase } from './test-database.js';

function tempPath(name: string): string {
  return join(mkdtempSync(join(tmpdir(), 'nd-mode-')), name);
}

describe('stored quote modes', () => {
  it('stores each quote’s mode, and reads it from the cue for an Article written before Quote.mode', () => {
    for (const withModes of [true, false]) {
      const store = openStore(':memory:');
      store.putBatch([{ hash: 'h', record: articleRecord(harbourArticle(withModes)) }]);
      const all = store.quotes({}, { limit: 50 }).items;
      expect(all.map((q) => [q.cue, q.mode])).toEqual(EXPECTED);
      store.close();
    }
  });

  it('filters by one mode or several, and lists every mode without the filter', () => {
    const store = openStore(':memory:');
    store.putBatch([{ hash: 'h', record: articleRecord(harbourArticle(true)) }]);
    expect(store.quotes({ mode: 'speech' }).items.map((q) => q.cue)).toEqual(['said']);
    expect(store.quotes({ mode: 'intention' }).items.map((q) => q.cue)).toEqual(['wants', 'pledged']);
    expect(
      store.quotes({ speaker: 'Costa', mode: ['belief', 'perception'] }).items.map((q) => q.cue),
    ).toEqual(['believes', 'saw']);
    // Without a mode, every one of the speaker's quotes ("Mayor Ana Costa", unresolved, is another name).
    expect(store.quotes({ speaker: 'Costa' }).items.map((q) => q.cue)).toEqual([
      'believes',
      'wants',
      'saw',
      'pledged',
    ]);
    // search --speaker --mode: articles where the speaker's quotes of that mode are.
    expect(store.search({ speaker: 'Costa', mode: 'perception' }).items.map((h) => h.id)).toEqual([
      'harbour-vote',
    ]);
    expect(store.search({ speaker: 'Costa', mode: 'evidence' }).items).toEqual([]);
    store.close();
  });

  it('migrates a corpus made by schema version 4: a mode column, backfilled from cue and speaker', () => {
    const path = tempPath('v4.db');
    const db = testDatabase(path);
    for (const migration of MIGRATIONS.slice(0, 4)) db.exec(migration);
    db.pragma('user_version = 4');
    // The rows a version-4 writer made for the Article (no mode column then).
    // Its report resolved to the harbour board: the stored speaker is the entity's name, and the
    // mode ("according to a report …": evidence) is read from the stored Article's quote.
    const article = harbourArticle(false);
    const board = article.text.indexOf('harbour board');
    article.entities = [
      {
        id: 'e1',
        type: 'ORG',
        name: 'Harbour Board',
        aliases: [],
        mentions: [{ start: board, end: board + 13 }],
      },
    ];
    article.quotes![5]!.speaker!.entity = 'e1';
    const record = articleRecord(article);
    expect(record.quotes[5]!.speaker).toBe('Harbour Board');
    db.prepare(
      `INSERT INTO articles (id, hash, title, body, json, stored_at) VALUES (?, 'h', ?, ?, ?, '2026-11-27T00:00:00Z')`,
    ).run(record.id, record.title, record.body, record.json);
    const insert = db.prepare(
      'INSERT INTO quotes (article, kind, start, end, text, cue, speaker, speaker_norm) VALUES (1, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const q of record.quotes) {
      insert.run(q.kind, q.start, q.end, q.text, q.cue, q.speaker ?? null, q.speakerNorm ?? null);
    }
    db.prepare("INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild')").run();
    expect(
      db.prepare("SELECT COUNT(*) FROM pragma_table_info('quotes') WHERE name = 'mode'").pluck().get(),
    ).toBe(0);
    db.close();

    const store = openStore(path);
    expect(store.quotes({}, { limit: 50 }).items.map((q) => [q.cue, q.mode])).toEqual(EXPECTED);
    expect(store.quotes({ mode: 'evidence' }).items.map((q) => q.text)).toEqual(['Half the boats have left']);
    store.close();
    const after = testDatabase(path);
    expect(after.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(after.prepare('SELECT COUNT(*) FROM quotes WHERE mode IS NULL').pluck().get()).toBe(0);
    after.close();
  });
});
