/**
 * Kills real `newsdigest ingest` runs (child processes, SIGKILL) at seeded random
 * moments while they commit, with one and with two workers, then checks that the
 * database is whole: nothing committed was lost, no article is half-written, what is
 * stored is a prefix of the input in input order (commits follow it), and a rerun
 * completes the set.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/article/types.js';
import { seededRandom as seeded } from '../../src/seeded-random.js';
import { testDatabase } from '../store/test-database.js';
import { syntheticJsonl } from './synthetic-pages.js';

const CLI = 'dist/src/cli/main.js';
// Enough pages that a run outlasts its first commit by more than the longest random delay below,
// and that the four killed rounds cannot store them all: on a fast runtime (Node 24) one round
// stored 512 before its kill, so 1,000 pages were all in after three.
const PAGES = 2000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function storedCount(db: string): number {
  if (!existsSync(db)) return 0;
  const conn = testDatabase(db, { readonly: true, fileMustExist: true });
  try {
    return (conn.prepare('SELECT COUNT(*) AS n FROM articles').get() as { n: number }).n;
  } catch {
    return 0; // schema not created yet
  } finally {
    conn.close();
  }
}

function ingest(input: string, db: string, workers: number, split: string): ChildProcess {
  return spawn(
    process.execPath,
    [CLI, 'ingest', input, '--db', db, '--workers', String(workers), '--split', split, '--quiet'],
    {
      stdio: 'ignore',
    },
  );
}

/** Everything a whole database must satisfy, whatever moment its writer died. */
function checkIntegrity(db: string): number {
  if (!existsSync(db)) return 0; // killed before it made the file
  const conn = testDatabase(db, { fileMustExist: true });
  try {
    expect(conn.pragma('integrity_check', { simple: true })).toBe('ok');
    // Killed before the schema was committed: then there is no schema at all.
    if (conn.pragma('user_version', { simple: true }) === 0) {
      expect(conn.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'").get()).toEqual({
        n: 0,
      });
      return 0;
    }
    // Throws if the full-text index does not match the articles table exactly.
    conn.exec("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')");
    conn.exec("INSERT INTO quotes_fts(quotes_fts) VALUES ('integrity-check')");
    const rows = conn.prepare('SELECT rowid, id, json FROM articles ORDER BY rowid').all() as {
      rowid: number;
      id: string;
      json: string;
    }[];
    const entityCount = conn.prepare('SELECT COUNT(*) AS n FROM article_entities WHERE article = ?');
    const quoteCount = conn.prepare('SELECT COUNT(*) AS n FROM quotes WHERE article = ?');
    for (const [i, row] of rows.entries()) {
      // The first pages of the input, in its order, whichever worker digested each and
      // however many runs it took: rowids (and so entity ids) as one uninterrupted run gives.
      expect([row.rowid, row.id]).toEqual([i + 1, `synthetic-${i}`]);
      const article = JSON.parse(row.json) as Article;
      expect(article.id).toBe(row.id);
      // Each article's layers were written with it, all of them.
      expect((entityCount.get(row.rowid) as { n: number }).n).toBe(article.entities?.length ?? 0);
      expect((quoteCount.get(row.rowid) as { n: number }).n).toBe(article.quotes?.length ?? 0);
    }
    const orphans = conn
      .prepare(
        `SELECT (SELECT COUNT(*) FROM article_entities WHERE article NOT IN (SELECT rowid FROM articles))
              + (SELECT COUNT(*) FROM quotes WHERE article NOT IN (SELECT rowid FROM articles)) AS n`,
      )
      .get() as { n: number };
    expect(orphans.n).toBe(0);
    const dupes = conn.prepare('SELECT COUNT(*) - COUNT(DISTINCT hash) AS n FROM articles').get() as {
      n: number;
    };
    expect(dupes.n).toBe(0);
    return rows.length;
  } finally {
    conn.close();
  }
}

// Both layouts of 2 workers: by article (each worker writes its batches in turn) and by stage
// (one head, one writing tail).
describe.skipIf(!existsSync(CLI)).each(['article', 'stage'])(
  'ingest killed with SIGKILL (--split %s)',
  (split) => {
    it('keeps every committed batch whole, and a rerun completes the set', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'nd-kill-'));
      const input = join(dir, 'pages.jsonl');
      writeFileSync(input, syntheticJsonl(PAGES));
      const db = join(dir, 'corpus.db');
      const random = seeded(20261125);
      let before = 0;
      let killsMidRun = 0;
      for (let round = 0; round < 4; round++) {
        // By stage, 2 and 3 workers (one head and two heads feeding the tail); by article, 1 and 2.
        const child = ingest(input, db, (split === 'stage' ? 2 : 1) + (round % 2), split);
        const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
        // Round 0 dies at start-up; later rounds once this run has committed something of its own.
        if (round > 0) {
          const deadline = Date.now() + 30_000;
          while (storedCount(db) <= before && Date.now() < deadline) await sleep(15);
        }
        await sleep(Math.floor(random() * 400));
        const killed = child.kill('SIGKILL');
        const code = await exited;
        if (killed && code === null) killsMidRun++;
        const after = checkIntegrity(db);
        // Nothing committed is lost by a kill.
        expect(after).toBeGreaterThanOrEqual(before);
        before = after;
        if (after === PAGES) break;
      }
      expect(killsMidRun).toBeGreaterThan(0);
      expect(before).toBeLessThan(PAGES);
      const last = ingest(input, db, 2, split);
      const code = await new Promise<number | null>((r) => last.on('exit', (c) => r(c)));
      expect(code).toBe(0);
      expect(checkIntegrity(db)).toBe(PAGES);
    }, 150_000);
  },
);
