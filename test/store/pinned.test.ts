/**
 * better-sqlite3 12 aborts a Node 24 process when the garbage collector frees one of its
 * statements outside a JavaScript context (src/store/pinned.ts). These tests hold the
 * store to what avoids it: statements prepared once and kept, and real processes that
 * ingest (in a worker thread) and search, then exit with status 0.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { pinDatabase, StatementCache } from '../../src/store/pinned.js';

const CLI = 'dist/src/cli/main.js';

const STORIES = [
  'The harbour board met on Tuesday to discuss the new ferry timetable. "We expect crowds," said Ana Lopes, the board\'s chair.',
  "Farmers in the valley reported a late frost that damaged the apple blossom, according to the regional growers' association.",
  'The city library will open on Sundays from March, the council said in a statement on Friday.',
  'A cycling race through the harbour district closed three streets for most of the morning.',
];

describe('StatementCache', () => {
  it('prepares one statement per SQL text and database, and hands the same one back', () => {
    const a = pinDatabase(new Database(':memory:'));
    const b = pinDatabase(new Database(':memory:'));
    const onA = new StatementCache(a);
    const first = onA.get('SELECT 1 AS one');
    expect(onA.get('SELECT 1 AS one')).toBe(first);
    expect(onA.get('SELECT 2 AS two')).not.toBe(first);
    expect(new StatementCache(b).get('SELECT 1 AS one')).not.toBe(first);
    expect(first.get()).toEqual({ one: 1 });
  });
});

describe('processes that use the store end cleanly', () => {
  it('ingests with a worker thread, searches several ways, and both processes exit with status 0', () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsdigest-pinned-'));
    const input = join(dir, 'stories.jsonl');
    writeFileSync(input, `${STORIES.map((text, i) => JSON.stringify({ id: `s${i}`, text })).join('\n')}\n`);
    const db = join(dir, 'corpus.db');
    const ingest = spawnSync(
      process.execPath,
      [CLI, 'ingest', input, '--db', db, '--workers', '1', '--quiet'],
      {
        encoding: 'utf8',
      },
    );
    expect(ingest.stderr).toBe('');
    expect(ingest.status).toBe(0);
    for (const args of [
      ['harbour'],
      ['harbour', '--limit', '1'],
      ['frost', '--json'],
      ['"ferry timetable"'],
    ]) {
      const search = spawnSync(process.execPath, [CLI, 'search', ...args, '--db', db, '--quiet'], {
        encoding: 'utf8',
      });
      expect(search.stderr).toBe('');
      expect(search.status).toBe(0);
      expect(search.stdout).toMatch(/s[0-3]/);
    }
  });
});
