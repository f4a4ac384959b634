/**
 * Proof that a change to the store's write path stores the same thing: the same
 * records written by this build's store and by another build's (DIR/dist, e.g. a
 * `git archive` of an older commit built there) into two fresh files, then every
 * table compared row by row, plus a ranked full-text query with snippets and a
 * quote phrase query. Prints "same" or "DIFFERENT" per table; exits 1 on a difference.
 * Then the store's own queries by name, for every entity name and alias (or every
 * k-th, `--names N` of them): articles by entity, by speaker, quotes by speaker,
 * entity lookup, and each entity's list of names (compared as a set, case aside).
 * Aliases rows are compared without the entity's own name (schema 3 no longer
 * stores it as an alias), so builds on both sides of migration 3 can be compared.
 *
 *   node dist/scripts/corpus-compare-stores.js --other DIR [--records CACHE.json]
 *     [--data FILE] [--limit N]
 *
 * The records come from the cache file written by corpus-store-profile.js, or are
 * digested here from FILE (bbc-news-summary by default).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { openStore } from '../src/store/sqlite-store.js';
import type { CorpusStore, StoreRecord } from '../src/store/types.js';
import { digestedRecords } from './corpus-records.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const other = arg('other', '');
const cache = arg('records', '');
const file = arg('data', '../shared/data/bbc-news-summary/bbc-news-summary.jsonl');
const limit = Number(arg('limit', '1725'));
const maxNames = Number(arg('names', '3000'));

/** The store's answers to queries by `name`, as one comparable string each. */
function answersByName(store: CorpusStore, name: string): Record<string, string> {
  const ids = (hits: { id: string }[]) => hits.map((h) => h.id).join(',');
  return {
    'search by entity': ids(store.search({ entity: name }, { limit: 100 }).items),
    'search by speaker': ids(store.search({ speaker: name }, { limit: 100 }).items),
    'quotes by speaker': JSON.stringify(store.quotes({ speaker: name }, { limit: 100 }).items),
    'entities matching': JSON.stringify(store.entities(name, { limit: 100 }).items),
  };
}

/** Query-level comparison of two stores holding the same records; returns how many answers differ. */
function compareQueries(a: CorpusStore, b: CorpusStore, db: Database.Database): number {
  const names = db
    .prepare<[], { norm: string }>('SELECT norm FROM entities UNION SELECT norm FROM aliases ORDER BY 1')
    .all()
    .map((r) => r.norm);
  const step = Math.max(1, Math.ceil(names.length / maxNames));
  const counts = new Map<string, [number, number]>();
  const tally = (kind: string, same: boolean) => {
    const c = counts.get(kind) ?? [0, 0];
    c[same ? 0 : 1]++;
    counts.set(kind, c);
  };
  for (let i = 0; i < names.length; i += step) {
    const ra = answersByName(a, names[i]!);
    const rb = answersByName(b, names[i]!);
    for (const kind of Object.keys(ra)) tally(kind, ra[kind] === rb[kind]);
  }
  const entityIds = db.prepare<[], { id: number }>('SELECT id FROM entities ORDER BY id').all();
  const estep = Math.max(1, Math.ceil(entityIds.length / maxNames));
  for (let i = 0; i < entityIds.length; i += estep) {
    const id = entityIds[i]!.id;
    const names = (s: CorpusStore) =>
      JSON.stringify((s.entity(id, { limit: 100 })?.aliases ?? []).map((x) => x.toLowerCase()).sort());
    const occurrences = (s: CorpusStore) => JSON.stringify(s.entity(id, { limit: 100 })?.occurrences);
    tally('entity names (set, case aside)', names(a) === names(b));
    tally('entity occurrences', occurrences(a) === occurrences(b));
  }
  let differ = 0;
  for (const [kind, [same, different]] of counts) {
    if (different) differ++;
    console.log(
      `${kind}: ${different ? `DIFFERENT for ${different} of ${same + different}` : `same (${same} names)`}`,
    );
  }
  return differ;
}

const QUERIES: Record<string, string> = {
  articles:
    'SELECT rowid, id, hash, origin, url, title, body, publisher, published, json FROM articles ORDER BY rowid',
  entities: 'SELECT * FROM entities ORDER BY id',
  article_entities: 'SELECT * FROM article_entities ORDER BY article, local_id',
  'aliases (other than the entity name)': `SELECT al.* FROM aliases al JOIN entities e ON e.id = al.entity
     WHERE al.norm <> e.norm ORDER BY al.norm, al.entity, al.article`,
  quotes: 'SELECT * FROM quotes ORDER BY rowid',
  'articles_fts (government, ranked, snippets)': `SELECT rowid, rank, snippet(articles_fts, 1, '[', ']', '…', 24) AS s
     FROM articles_fts WHERE articles_fts MATCH 'government' ORDER BY rank`,
  'quotes_fts ("prime minister")': `SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH '"prime minister"' ORDER BY rowid`,
};

function records(): Promise<StoreRecord[]> {
  return digestedRecords(file, limit, cache, false);
}

async function main(): Promise<void> {
  if (!other) throw new Error('usage: corpus-compare-stores --other DIR [--records CACHE.json]');
  const { openStore: openOther } = (await import(
    pathToFileURL(`${resolve(other)}/dist/src/store/sqlite-store.js`).href
  )) as { openStore: (path: string) => CorpusStore };
  const all = await records();
  const items = all.map((record, i) => ({ hash: `h${i}`, record }));
  const dir = mkdtempSync(join(tmpdir(), 'nd-compare-stores-'));
  let differ = 0;
  try {
    for (const [name, open] of [
      ['this', openStore],
      ['other', openOther],
    ] as const) {
      const store = open(join(dir, `${name}.db`));
      for (let i = 0; i < items.length; i += 256) store.putBatch(items.slice(i, i + 256));
      store.close();
    }
    {
      const thisStore = openStore(join(dir, 'this.db'));
      const otherStore = openOther(join(dir, 'other.db'));
      const db = new Database(join(dir, 'other.db'), { readonly: true });
      differ += compareQueries(thisStore, otherStore, db);
      db.close();
      thisStore.close();
      otherStore.close();
    }
    const a = new Database(join(dir, 'this.db'), { readonly: true });
    const b = new Database(join(dir, 'other.db'), { readonly: true });
    for (const [name, sql] of Object.entries(QUERIES)) {
      const ra = a.prepare(sql).all();
      const same = JSON.stringify(ra) === JSON.stringify(b.prepare(sql).all());
      if (!same) differ++;
      console.log(`${name}: ${same ? 'same' : 'DIFFERENT'} (${ra.length} rows)`);
    }
    a.close();
    b.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`${all.length} records: ${differ === 0 ? 'every table the same' : `${differ} differ`}`);
  process.exitCode = differ === 0 ? 0 : 1;
}

await main();
