/**
 * `--any-language` (digest and ingest): the language check is skipped (DigestOptions.language.skip),
 * so a page not in English gets no W_NOT_ENGLISH and its entities and quotes are found.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/article/types.js';
import { openStore } from '../../src/store/sqlite-store.js';
import { GERMAN, htmlPage } from '../library/fixtures/pages.js';
import { runCli } from './run-cli.js';

function germanPage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nd-any-language-'));
  const page = join(dir, 'bruecke.html');
  writeFileSync(page, htmlPage('Neue Brücke für Hafenstedt', GERMAN, 'de'));
  return page;
}

describe('--any-language', () => {
  it('digest: a German page gets W_NOT_ENGLISH and no entities or quotes without it, and its entities with it', async () => {
    const page = germanPage();
    const checked = await runCli(['digest', page]);
    expect(checked.code).toBe(0);
    const a = JSON.parse(checked.stdout) as Article;
    expect(a.warnings?.map((w) => w.code)).toContain('W_NOT_ENGLISH');
    expect(a.entities).toEqual([]);
    expect(a.quotes).toEqual([]);
    expect(checked.stderr).toMatch(/bruecke\.html: warning W_NOT_ENGLISH: not English \(language: de;/);

    const any = await runCli(['digest', page, '--any-language']);
    expect(any.code).toBe(0);
    const b = JSON.parse(any.stdout) as Article;
    expect(b.warnings ?? []).toEqual([]);
    // The English-only stages ran: entities found by their capitals (German's "sagte" is no
    // English cue, so quotes may well stay empty; what matters is that the stage ran).
    expect(b.entities?.map((e) => e.name)).toContain('Ellen Marsch');
    expect(b.text).toBe(a.text);
    expect(any.stderr).toBe('');
  });

  it('ingest: the stored Article has its entities, and search finds them', async () => {
    const page = germanPage();
    const dir = mkdtempSync(join(tmpdir(), 'nd-any-language-db-'));
    const checked = join(dir, 'checked.db');
    const any = join(dir, 'any.db');
    const r1 = await runCli(['ingest', page, '--db', checked, '--workers', '0']);
    expect(r1.stderr).toMatch(/^ingest: 1 stored \(1 with warnings\)/m);
    const r2 = await runCli(['ingest', page, '--db', any, '--workers', '0', '--any-language']);
    expect(r2.code).toBe(0);
    expect(r2.stderr).toMatch(/^ingest: 1 stored, 0 already stored, 0 failed/m);
    const s1 = openStore(checked);
    const s2 = openStore(any);
    expect(s1.stats()).toMatchObject({ articles: 1, entities: 0, quotes: 0 });
    expect(s2.stats().entities).toBeGreaterThan(0);
    expect(s1.search({ entity: 'Ellen Marsch' }).items).toHaveLength(0);
    expect(s2.search({ entity: 'Ellen Marsch' }).items).toHaveLength(1);
    s1.close();
    s2.close();
    // A corpus digested with the check is brought to the other choice by --redigest.
    const r3 = await runCli([
      'ingest',
      page,
      '--db',
      checked,
      '--workers',
      '0',
      '--any-language',
      '--redigest',
    ]);
    expect(r3.stderr).toMatch(/^ingest: 1 re-digested, 0 new, 0 failed/m);
    const s3 = openStore(checked);
    expect(s3.search({ entity: 'Ellen Marsch' }).items).toHaveLength(1);
    expect(s3.article(s3.search({}).items[0]!.id)?.warnings ?? []).toEqual([]);
    s3.close();
  });

  it.skipIf(!existsSync('dist/src/batch/worker.js'))(
    'ingest: reaches the worker threads (1 worker, and 2 split by stage)',
    async () => {
      const page = germanPage();
      const dir = mkdtempSync(join(tmpdir(), 'nd-any-language-w-'));
      for (const workers of ['1', '2']) {
        const db = join(dir, `w${workers}.db`);
        const r = await runCli(['ingest', page, '--db', db, '--workers', workers, '--any-language']);
        expect(r.code).toBe(0);
        const s = openStore(db);
        expect(s.search({ entity: 'Ellen Marsch' }).items).toHaveLength(1);
        s.close();
      }
    },
  );

  it('is in both commands --help', async () => {
    expect((await runCli(['digest', '--help'])).stdout).toMatch(/--any-language +no language check/);
    expect((await runCli(['ingest', '--help'])).stdout).toMatch(/--any-language +no language check/);
  });
});
