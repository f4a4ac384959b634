/**
 * Proof that two ingest runs stored the same corpus, whatever order their writers
 * committed in (worker threads writing at once give other rowids and entity ids than
 * one writer): every article compared by its id (hash, title, body, publisher, date,
 * Article JSON), with its entity rows (type and name of the corpus entity, local id,
 * mentions), its alias rows, its quote rows (speaker entity by name) and the errors;
 * then a few full-text queries compared as sets of article ids. Prints "same" or
 * "DIFFERENT" per part; exits 1 on a difference.
 *
 *   node dist/scripts/corpus-compare-dbs.js A.db B.db
 *
 * E.g. the same input ingested by two builds, or with `--workers 0` and `--workers 2`.
 */
import Database from 'better-sqlite3';

const [fileA, fileB] = process.argv.slice(2);
if (!fileA || !fileB) {
  console.error('usage: corpus-compare-dbs A.db B.db');
  process.exit(2);
}

const PARTS: Record<string, string> = {
  articles: `SELECT id, hash, origin, url, title, body, publisher, published, json FROM articles ORDER BY id`,
  article_entities: `SELECT a.id, ae.local_id, e.type, e.norm, e.name, ae.mentions, ae.mention_count
    FROM article_entities ae JOIN articles a ON a.rowid = ae.article JOIN entities e ON e.id = ae.entity
    ORDER BY a.id, ae.local_id`,
  // Without the entity's own name, which schema 3 no longer stores as an alias row (migration 3).
  'aliases (other than the entity name)': `SELECT a.id, al.norm, al.alias, e.type, e.norm AS entity
    FROM aliases al JOIN articles a ON a.rowid = al.article JOIN entities e ON e.id = al.entity
    WHERE al.norm <> e.norm ORDER BY a.id, al.norm, e.type, e.norm`,
  entities: 'SELECT type, norm FROM entities ORDER BY type, norm',
  quotes: `SELECT a.id, q.kind, q.start, q.end, q.text, q.cue, q.speaker, q.speaker_norm, e.type, e.norm
    FROM quotes q JOIN articles a ON a.rowid = q.article LEFT JOIN entities e ON e.id = q.speaker_entity
    ORDER BY a.id, q.start`,
  quotes_fts: `SELECT a.id, q.start, f.text FROM quotes_fts f JOIN quotes q ON q.rowid = f.rowid
    JOIN articles a ON a.rowid = q.article ORDER BY a.id, q.start`,
  errors: 'SELECT hash, origin, code, message FROM errors ORDER BY hash, origin',
  'search "minister"': `SELECT a.id FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
    WHERE articles_fts MATCH 'minister' ORDER BY a.id`,
  'search "world cup" OR election': `SELECT a.id FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
    WHERE articles_fts MATCH '"world cup" OR election' ORDER BY a.id`,
};

const a = new Database(fileA, { readonly: true, fileMustExist: true });
const b = new Database(fileB, { readonly: true, fileMustExist: true });
let different = 0;
for (const [name, sql] of Object.entries(PARTS)) {
  const ra = a.prepare(sql).raw().all();
  const rb = b.prepare(sql).raw().all();
  let firstDiff = -1;
  const n = Math.max(ra.length, rb.length);
  for (let i = 0; i < n && firstDiff < 0; i++) {
    if (JSON.stringify(ra[i]) !== JSON.stringify(rb[i])) firstDiff = i;
  }
  if (firstDiff < 0) {
    console.log(`${name}: same (${ra.length} rows)`);
  } else {
    different++;
    console.log(`${name}: DIFFERENT (${ra.length} vs ${rb.length} rows; first at row ${firstDiff})`);
    console.log(`  A: ${JSON.stringify(ra[firstDiff])?.slice(0, 300)}`);
    console.log(`  B: ${JSON.stringify(rb[firstDiff])?.slice(0, 300)}`);
  }
}
a.close();
b.close();
process.exit(different > 0 ? 1 : 0);
