/**
 * Proof that two ingest runs stored the same corpus.
 *
 * Default: the canonical dump (src/store/canonical-dump.ts): every content table, every column,
 * ids included (an ingest commits in input order, so the same inputs give the same rowids and
 * entity ids with any number of workers), and both full-text indexes term by term; only the
 * times rows were written are left out. Prints "same" or "DIFFERENT" (with the first differing
 * row) per part; exits 1 on a difference.
 *
 *   node dist/scripts/corpus-compare-dbs.js A.db B.db
 *
 * `--by-content`: compares by article id instead, without rowids and entity ids (for databases
 * written by builds older than ordered commits, whose ids followed commit order): articles with
 * their Article JSON, entity rows by the corpus entity's type and name, aliases, quotes (speaker
 * entity by name), quote FTS rows, errors, and two full-text queries as sets.
 */
import Database from 'better-sqlite3';
import { CONTENT_PARTS, compareContent, contentDigest } from '../src/store/canonical-dump.js';

const args = process.argv.slice(2);
const byContent = args.includes('--by-content');
const [fileA, fileB] = args.filter((a) => !a.startsWith('--'));
if (!fileA || !fileB) {
  console.error('usage: corpus-compare-dbs [--by-content] A.db B.db');
  process.exit(2);
}

const BY_CONTENT: Record<string, string> = {
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

const show = (row: unknown) => JSON.stringify(row)?.slice(0, 300);

function compareByContent(a: Database.Database, b: Database.Database): number {
  let different = 0;
  for (const [name, sql] of Object.entries(BY_CONTENT)) {
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
      console.log(`  A: ${show(ra[firstDiff])}`);
      console.log(`  B: ${show(rb[firstDiff])}`);
    }
  }
  return different;
}

function compareCanonical(a: Database.Database, b: Database.Database): number {
  const differences = new Map(compareContent(a, b).map((d) => [d.name, d]));
  const digests = contentDigest(a);
  for (const [i, part] of CONTENT_PARTS.entries()) {
    const d = differences.get(part.name);
    if (!d) {
      console.log(`${part.name}: same (${digests[i]!.rows} rows, sha256 ${digests[i]!.sha256.slice(0, 16)})`);
      continue;
    }
    console.log(`${part.name}: DIFFERENT (${d.rows[0]} vs ${d.rows[1]} rows; first at row ${d.at})`);
    console.log(`  A: ${show(d.a)}`);
    console.log(`  B: ${show(d.b)}`);
  }
  return differences.size;
}

const a = new Database(fileA, { readonly: true, fileMustExist: true });
const b = new Database(fileB, { readonly: true, fileMustExist: true });
const different = byContent ? compareByContent(a, b) : compareCanonical(a, b);
a.close();
b.close();
process.exit(different > 0 ? 1 : 0);
