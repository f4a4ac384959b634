/**
 * An ingest's result does not depend on the number of workers or on which finished first:
 * the same inputs give the same database content (ids included) with 1, 2 and 3 workers,
 * and a rerun adds nothing. The race is real: the first input is a long article, so with
 * more than one worker the short ones after it are digested (and would be committed) first.
 * (Not compared with `--workers 0`: that runs the stages from the sources under vitest, the
 * workers from dist/, which may differ in a tree being edited; run-ingest.test.ts checks it.)
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIngest } from '../../src/batch/run-ingest.js';
import { contentDigest } from '../../src/store/canonical-dump.js';
import { openStore } from '../../src/store/sqlite-store.js';
import { databaseDifference, testDatabase } from '../store/test-database.js';
import { syntheticJsonl, syntheticPage } from './synthetic-pages.js';

const FIXTURE = 'test/fixtures/batch/spellings.jsonl';
const hasDist = existsSync('dist/src/batch/worker.js');

/** A long story that spells the port "Port Of Alder Bay"; the fixture's short ones mostly "Port of". */
function longStory(): string {
  const paragraphs = [
    'Port Of Alder Bay to close for repairs',
    'The Port Of Alder Bay will close for three weeks in March, its chief executive Martin Hale said on Tuesday.',
  ];
  for (let i = 0; i < 80; i++)
    paragraphs.push(
      syntheticPage(1000 + i)
        .text.split('\n\n')
        .slice(1)
        .join(' '),
    );
  return paragraphs.join('\n\n');
}

function inputs(dir: string): string[] {
  const lead = join(dir, 'lead.jsonl');
  writeFileSync(lead, `${JSON.stringify({ id: 'port-closure', text: longStory() })}\n`);
  const many = join(dir, 'many.jsonl');
  writeFileSync(many, syntheticJsonl(24));
  return [lead, FIXTURE, many];
}

async function ingestInto(file: string, files: string[], workers: number) {
  const store = openStore(file);
  try {
    // One page per chunk and small batches: as many chances to commit out of order as there can be.
    return await runIngest({ inputs: files, store, workers, chunkSize: 1, batchSize: 2 });
  } finally {
    store.close();
  }
}

describe.skipIf(!hasDist)('ingest order', () => {
  it('gives the same database with 1, 2 and 3 workers, and a rerun adds nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nd-order-'));
    const files = inputs(dir);
    const workers = [1, 2, 3];
    const dbs = workers.map((n) => join(dir, `w${n}.db`));
    const summaries = [];
    for (const [i, db] of dbs.entries()) summaries.push(await ingestInto(db, files, workers[i]!));
    for (const s of summaries) {
      // 1 long + 6 fixture lines read (one a copy: skipped) + 24 synthetic; two bad lines, listed
      // in input order.
      const { read, stored, skipped, failed } = s;
      expect({ read, stored, skipped, failed, errors: s.errors.map((e) => e.code) }).toEqual({
        read: 31,
        stored: 30,
        skipped: 1,
        failed: 2,
        errors: ['E_BAD_JSON', 'E_BAD_RECORD'],
      });
    }
    for (const db of dbs.slice(1)) expect(databaseDifference(dbs[0]!, db)).toEqual([]);

    // What the comparison covers is really there: both spellings, one entity, the first one's
    // name (input order), the two articles with one id, the errors in input order.
    const conn = testDatabase(dbs[1]!, { readonly: true });
    const port = conn
      .prepare("SELECT id, name FROM entities WHERE type = 'ORG' AND norm = 'port of alder bay'")
      .all();
    expect(port).toEqual([{ id: expect.any(Number), name: 'Port Of Alder Bay' }]);
    expect(conn.prepare("SELECT id FROM articles WHERE id LIKE 'ferry-fares%' ORDER BY rowid").all()).toEqual(
      [{ id: 'ferry-fares' }, { id: expect.stringMatching(/^ferry-fares~[0-9a-f]{8}$/) }],
    );
    expect(conn.prepare('SELECT code FROM errors ORDER BY rowid').all()).toEqual([
      { code: 'E_BAD_JSON' },
      { code: 'E_BAD_RECORD' },
    ]);
    conn.close();

    const digest = (file: string) => {
      const db = testDatabase(file, { readonly: true });
      try {
        return contentDigest(db);
      } finally {
        db.close();
      }
    };
    const before = digest(dbs[2]!);
    const again = await ingestInto(dbs[2]!, files, 2);
    expect(again).toMatchObject({ read: 31, stored: 0, skipped: 31, failed: 2 });
    expect(digest(dbs[2]!)).toEqual(before);
  }, 180_000);
});
