/**
 * Stops real `newsdigest ingest --redigest` runs (child processes) at seeded random moments while
 * they replace a corpus's Articles, by SIGKILL and by Ctrl-C (SIGINT), with one worker and two
 * (split by stage), then checks that every article is whole, either its old version or its new
 * one with all its rows, that nothing is lost or doubled, and that a rerun finishes the job: the
 * corpus a fresh ingest of the same pages gives.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/article/types.js';
import { seededRandom } from '../../src/seeded-random.js';
import { articleRecord } from '../../src/store/record.js';
import { openStore } from '../../src/store/sqlite-store.js';
import { syntheticJsonl } from '../batch/synthetic-pages.js';
import { checkWhole, contentOf, olderVersion } from './redigest-helpers.js';
import { testDatabase } from './test-database.js';

const CLI = 'dist/src/cli/main.js';
// Enough pages that a run outlasts several of its commits (batches of 64 with workers).
const PAGES = 1500;
const OLD = 'Earlier Zanzibarite draft%';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function ingest(input: string, db: string, workers: number, extra: string[] = []): ChildProcess {
  return spawn(
    process.execPath,
    [CLI, 'ingest', input, '--db', db, '--workers', String(workers), '--quiet', ...extra],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
}

async function finished(
  child: ChildProcess,
): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((r) => child.on('exit', (code, signal) => r({ code, signal, stderr })));
}

/** How many stored articles are still their old version (read without waiting for the writer). */
function oldCount(db: string): number {
  const conn = testDatabase(db, { readonly: true, fileMustExist: true });
  try {
    return (conn.prepare('SELECT COUNT(*) AS n FROM articles WHERE title LIKE ?').get(OLD) as { n: number })
      .n;
  } finally {
    conn.close();
  }
}

/**
 * Every article whole after a stop: the same ids in the same places, and each either old or new
 * in every row: its title column and its JSON agree, its entity and quote rows are its JSON's,
 * and the full-text index finds exactly the old titles' word. Returns how many are old.
 */
function checkEachArticle(db: string, ids: readonly string[]): number {
  checkWhole(db);
  const conn = testDatabase(db, { readonly: true, fileMustExist: true });
  try {
    const rows = conn.prepare('SELECT rowid, id, title, json FROM articles ORDER BY rowid').all() as {
      rowid: number;
      id: string;
      title: string;
      json: string;
    }[];
    expect(rows.map((r) => r.id)).toEqual(ids);
    const entityCount = conn.prepare('SELECT COUNT(*) AS n FROM article_entities WHERE article = ?');
    const quoteCount = conn.prepare('SELECT COUNT(*) AS n FROM quotes WHERE article = ?');
    let old = 0;
    for (const [i, row] of rows.entries()) {
      expect(row.rowid).toBe(i + 1);
      const article = JSON.parse(row.json) as Article;
      expect(article.id).toBe(row.id);
      expect(article.meta?.title).toBe(row.title);
      if (row.title.startsWith('Earlier Zanzibarite draft')) old++;
      expect((entityCount.get(row.rowid) as { n: number }).n).toBe(article.entities?.length ?? 0);
      expect((quoteCount.get(row.rowid) as { n: number }).n).toBe(article.quotes?.length ?? 0);
    }
    const found = conn
      .prepare("SELECT COUNT(*) AS n FROM articles_fts WHERE articles_fts MATCH 'Zanzibarite'")
      .get() as { n: number };
    expect(found.n).toBe(old);
    return old;
  } finally {
    conn.close();
  }
}

describe.skipIf(!existsSync(CLI))('ingest --redigest stopped part-way', () => {
  it('leaves every article old or new, never half-replaced, and a rerun finishes the job', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nd-redigest-kill-'));
    const input = join(dir, 'pages.jsonl');
    writeFileSync(input, syntheticJsonl(PAGES));
    const fresh = join(dir, 'fresh.db');
    const db = join(dir, 'corpus.db');
    expect((await finished(ingest(input, fresh, 2))).code).toBe(0);
    expect((await finished(ingest(input, db, 2))).code).toBe(0);

    // The corpus as an earlier pipeline left it: every Article its older version, written whole.
    const store = openStore(db);
    const conn = testDatabase(db, { readonly: true });
    const stored = conn.prepare('SELECT id, hash FROM articles ORDER BY rowid').all() as {
      id: string;
      hash: string;
    }[];
    conn.close();
    const ids = stored.map((r) => r.id);
    store.putBatch(
      stored.map((r) => ({
        hash: r.hash,
        record: articleRecord(olderVersion(store.article(r.id)!)),
        replace: true,
      })),
    );
    store.close();
    expect(checkEachArticle(db, ids)).toBe(PAGES);

    const random = seededRandom(20261127);
    let old = PAGES;
    let stopsMidRun = 0;
    for (let round = 0; round < 4 && old > 0; round++) {
      const workers = 1 + (round % 2);
      const child = ingest(input, db, workers, ['--redigest']);
      const exit = finished(child);
      // Each stop comes once this run has replaced something of its own (a rerun starts over
      // from the first page, so its first batches replace new versions with new ones: wait for
      // the old count to move), then after a random delay.
      const deadline = Date.now() + 30_000;
      while (oldCount(db) >= old && Date.now() < deadline) await sleep(15);
      await sleep(Math.floor(random() * 150));
      const signal = round === 1 ? 'SIGINT' : 'SIGKILL';
      child.kill(signal);
      const { code, signal: died, stderr } = await exit;
      if (code === null) {
        stopsMidRun++;
        expect(died).toBe(signal);
        // Ctrl-C says how far the run got and how to finish it.
        if (signal === 'SIGINT') {
          expect(stderr).toMatch(
            /^ingest: interrupted: \d+ stored in this run \(\d+ re-digested; .*every page is digested again\)$/m,
          );
        }
      }
      const now = checkEachArticle(db, ids);
      // Nothing replaced is lost by a stop.
      expect(now).toBeLessThanOrEqual(old);
      old = now;
    }
    expect(stopsMidRun).toBeGreaterThan(0);
    expect(old).toBeGreaterThan(0);

    const last = await finished(ingest(input, db, 2, ['--redigest']));
    expect(last.code).toBe(0);
    expect(checkEachArticle(db, ids)).toBe(0);
    // The corpus a fresh ingest gives, and the run's index of quotes by article is gone.
    expect(contentOf(db)).toEqual(contentOf(fresh));
    const check = testDatabase(db, { readonly: true });
    expect(check.prepare("SELECT name FROM sqlite_master WHERE name = 'quotes_article'").all()).toEqual([]);
    check.close();
  }, 180_000);
});
