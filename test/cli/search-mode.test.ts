/** search --speaker … --mode M: the articles where the speaker's quotes of that mode are. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { articleRecord } from '../../src/store/record.js';
import { openStore } from '../../src/store/sqlite-store.js';
import { fixtureArticles } from '../store/fixture-articles.js';
import { harbourArticle } from '../store/quote-mode-fixture.js';
import { runCli } from './run-cli.js';

let db: string;

beforeAll(() => {
  db = join(mkdtempSync(join(tmpdir(), 'nd-search-mode-')), 'c.db');
  const store = openStore(db);
  store.putBatch([
    ...fixtureArticles().map((a) => ({ hash: `h-${a.id}`, record: articleRecord(a) })),
    { hash: 'h-harbour', record: articleRecord(harbourArticle(true)) },
  ]);
  store.close();
});

const ids = (stdout: string) =>
  stdout
    .split('\n')
    .filter((l) => l.startsWith('{') && l.includes('"id"'))
    .map((l) => (JSON.parse(l) as { id: string }).id)
    .sort();

describe('newsdigest search --mode', () => {
  it('narrows --speaker to quotes of one mode; without it, any mode', async () => {
    const any = await runCli(['search', '--speaker', 'Costa', '--db', db, '--json']);
    expect(ids(any.stdout)).toEqual(['harbour-vote', 'library-sundays']);
    const saw = await runCli(['search', '--speaker', 'Costa', '--mode', 'perception', '--db', db, '--json']);
    expect(saw.code).toBe(0);
    expect(ids(saw.stdout)).toEqual(['harbour-vote']);
    const evidence = await runCli([
      'search',
      '--speaker',
      'Costa',
      '--mode',
      'evidence',
      '--db',
      db,
      '--json',
    ]);
    expect(ids(evidence.stdout)).toEqual([]);
  });

  it('refuses a mode outside the five, and --mode without --speaker', async () => {
    const bad = await runCli(['search', '--speaker', 'Costa', '--mode', 'rumour', '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      '--mode: expecting one of speech, belief, intention, perception, evidence, instead found "rumour"\n',
    );
    const alone = await runCli(['search', 'pier', '--mode', 'speech', '--db', db]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/--mode needs --speaker/);
  });
});
