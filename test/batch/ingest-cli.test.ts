import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareContent } from '../../src/store/canonical-dump.js';
import { runCli } from '../cli/run-cli.js';
import { testDatabase } from '../store/test-database.js';

const PAGES = 'test/fixtures/corpus/pages';

describe('newsdigest ingest and search', () => {
  it('ingests, lists errors as JSONL, reruns without redoing, and searches', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nd-ingest-cli-'));
    const db = join(dir, 'corpus.db');
    const errors = join(dir, 'errors.jsonl');
    const r = await runCli(['ingest', PAGES, '--db', db, '--workers', '0', '--errors', errors]);
    expect(r.code).toBe(1); // some inputs failed; the rest were stored
    expect(r.stdout).toBe('');
    // The fixture's copy of a page is a duplicate within this run, not a page already stored (cli-14).
    expect(r.stderr).toMatch(
      /^ingest: 4 stored, 0 already stored, 1 duplicate of a page earlier in this run, 2 failed in [\d.]+s/,
    );
    expect(r.stderr).toContain('feed.jsonl:4: not valid JSON');
    const listed = readFileSync(errors, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(listed.map((e) => e.code)).toEqual(['E_BAD_JSON', 'E_BAD_RECORD']);
    expect(listed[0]).toMatchObject({ origin: `${PAGES}/feed.jsonl:4`, message: expect.any(String) });

    const again = await runCli(['ingest', join(PAGES, 'harbour-fees.txt'), '--db', db, '--workers', '0']);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/^ingest: 0 stored, 1 already stored, 0 failed/);

    const s = await runCli(['search', 'quay walls', '--db', db]);
    expect(s.code).toBe(0);
    expect(s.stdout).toMatch(/^\S+ {2}Harbour fees to rise in April.*\n {2}.*\[quay\] \[walls\]/);
    expect(s.stderr).toBe('1 result\n');
    const json = await runCli(['search', 'bridge', '--db', db, '--json']);
    expect(
      json.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).id),
    ).toEqual(['bridge-paint']);
    const none = await runCli(['search', 'zeppelin', '--db', db]);
    expect(none).toMatchObject({ code: 0, stdout: '', stderr: '0 results\n' });
  });

  it.skipIf(!existsSync('dist/src/batch/worker.js'))(
    'with workers split by stage: the same summary, errors file and database as on the main thread; --quiet is quiet',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'nd-ingest-cli-'));
      const run = async (name: string, extra: string[]) => {
        const db = join(dir, `${name}.db`);
        const errors = join(dir, `${name}.jsonl`);
        const r = await runCli(['ingest', PAGES, '--db', db, '--errors', errors, ...extra]);
        // Each error row as listed, without the time it was recorded.
        const listed = readFileSync(errors, 'utf8')
          .trim()
          .split('\n')
          .map((l) => {
            const { at: _at, ...rest } = JSON.parse(l) as Record<string, unknown>;
            return rest;
          });
        return { r, db, errors: listed };
      };
      const main = await run('main', ['--workers', '0']);
      const stage = await run('stage', ['--workers', '2', '--split', 'stage']);
      expect(stage.r.code).toBe(1);
      expect(stage.r.stderr).toMatch(
        /^ingest: 4 stored, 0 already stored, 1 duplicate of a page earlier in this run, 2 failed in [\d.]+s .*2 workers/,
      );
      expect(stage.errors).toEqual(main.errors);
      expect(stage.errors).toHaveLength(2);
      const quiet = await run('quiet', ['--workers', '3', '--split', 'stage', '--quiet']);
      expect(quiet.r).toMatchObject({ code: 1, stdout: '', stderr: '' });
      expect(quiet.errors).toEqual(main.errors);
      const a = testDatabase(stage.db, { readonly: true });
      const b = testDatabase(quiet.db, { readonly: true });
      expect(compareContent(a, b)).toEqual([]);
      a.close();
      b.close();
      expect((await runCli(['ingest', PAGES, '--db', join(dir, 'x.db'), '--split', 'chapter'])).stderr).toBe(
        '--split: expecting stage or article, instead found "chapter"\n',
      );
    },
    60_000,
  );

  it('answers usage mistakes and bad queries with one clear line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nd-ingest-cli-'));
    expect(await runCli(['ingest', PAGES])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--db FILE is required/),
    });
    expect(await runCli(['ingest', '--db', join(dir, 'c.db')])).toMatchObject({ code: 2 });
    expect((await runCli(['ingest', PAGES, '--db', join(dir, 'c.db'), '--workers', 'many'])).stderr).toMatch(
      /--workers: expecting a whole number/,
    );
    const missing = await runCli(['search', 'x', '--db', join(dir, 'nope.db')]);
    expect(missing).toMatchObject({
      code: 1,
      stderr: `${join(dir, 'nope.db')}: no such corpus database (make one with newsdigest ingest)\n`,
    });
    await runCli([
      'ingest',
      join(PAGES, 'harbour-fees.txt'),
      '--db',
      join(dir, 'c.db'),
      '--workers',
      '0',
      '--quiet',
    ]);
    const bad = await runCli(['search', '"unclosed phrase', '--db', join(dir, 'c.db')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^query: cannot search for "\\"unclosed phrase": unterminated string/);
    expect(bad.stderr.split('\n')).toHaveLength(2); // one line, no stack trace
    const badDate = await runCli(['search', '--from', 'yesterday', '--db', join(dir, 'c.db')]);
    expect(badDate.stderr).toBe('from: expecting a date like 2024-03-31, instead found "yesterday"\n');
  });
});
