/**
 * Review-16 items 8 and the re-digest's leftovers, on the store: entity search folds accents and
 * case as the speaker and entity filters do ("ozil" finds "Mesut Özil"), and a re-digest deletes,
 * in the replace's transaction, the entities only the old version of an article mentioned.
 * Fixtures written for these tests.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/article/types.js';
import { runIngest } from '../../src/batch/run-ingest.js';
import { articleRecord } from '../../src/store/record.js';
import { openStore } from '../../src/store/sqlite-store.js';
import { syntheticJsonl } from '../batch/synthetic-pages.js';
import { buildArticle, type FixtureStory } from './fixture-articles.js';
import { checkWhole, redigestEveryWay } from './redigest-helpers.js';
import { testDatabase } from './test-database.js';

const hasDist = existsSync('dist/src/batch/worker.js');

const dir = mkdtempSync(join(tmpdir(), 'nd-serve16-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MATCH: FixtureStory = {
  id: 'harbour-cup',
  title: 'Kellport Rovers reach the Harbour Cup final',
  published: '2026-03-02',
  paragraphs: [
    'Mesut Özil scored twice as Kellport Rovers beat Ashford Town on Saturday.',
    'José Mourinho, the Ashford manager, said the better side had won. Özil was named man of the match.',
    'Zoë Ødegård, the club chair, said the final would be played in May.',
  ],
  entities: [
    { id: 'e1', type: 'PER', name: 'Mesut Özil', aliases: ['Özil'], mentions: ['Mesut Özil', 'Özil'] },
    { id: 'e2', type: 'PER', name: 'José Mourinho', aliases: [], mentions: ['José Mourinho'] },
    { id: 'e3', type: 'ORG', name: 'Kellport Rovers', aliases: [], mentions: ['Kellport Rovers'] },
    { id: 'e4', type: 'ORG', name: 'Ashford Town', aliases: [], mentions: ['Ashford Town'] },
    { id: 'e5', type: 'PER', name: 'Zoë Ødegård', aliases: [], mentions: ['Zoë Ødegård'] },
  ],
  quotes: [],
};

const FERRY: FixtureStory = {
  id: 'ferry-fares',
  title: 'Ferry fares rise in Kellport',
  published: '2026-03-03',
  paragraphs: ['Kellport Rovers will pay more to travel, the Kellport Ferry Company said on Monday.'],
  entities: [
    { id: 'e1', type: 'ORG', name: 'Kellport Rovers', aliases: [], mentions: ['Kellport Rovers'] },
    {
      id: 'e2',
      type: 'ORG',
      name: 'Kellport Ferry Company',
      aliases: [],
      mentions: ['Kellport Ferry Company'],
    },
  ],
  quotes: [],
};

function names(items: readonly { name: string }[]): string[] {
  return items.map((e) => e.name).sort();
}

describe('entity search folds accents and case', () => {
  const store = openStore(join(dir, 'fold.db'));
  store.putBatch([MATCH, FERRY].map((s) => ({ hash: `h-${s.id}`, record: articleRecord(buildArticle(s)) })));

  it('finds a name typed without its accents, or with them, in any case', () => {
    for (const q of ['ozil', 'Ozil', 'özil', 'ÖZIL', 'mesut ozil']) {
      expect(names(store.entities(q).items), q).toEqual(['Mesut Özil']);
    }
    for (const q of ['jose', 'JOSÉ', 'José Mourinho', 'jose mour']) {
      expect(names(store.entities(q).items), q).toEqual(['José Mourinho']);
    }
    expect(names(store.entities('zoe').items)).toEqual(['Zoë Ødegård']);
  });

  it('keeps its matching: a name containing the text typed, an alias starting with it', () => {
    expect(names(store.entities('kellport').items)).toEqual(['Kellport Ferry Company', 'Kellport Rovers']);
    expect(names(store.entities('rinho').items)).toEqual(['José Mourinho']); // inside a name
    expect(names(store.entities('ozi').items)).toEqual(['Mesut Özil']);
    expect(store.entities('kellport rovers').items[0]).toMatchObject({
      name: 'Kellport Rovers',
      articles: 2,
    });
    expect(names(store.entities('kellport', {}, { type: 'PER' }).items)).toEqual([]);
    expect(store.entities('zzz').items).toEqual([]);
    expect(store.entities(undefined).items).toHaveLength(6); // Kellport Rovers is in both
  });

  it('sees entities written after its first search (another version of the corpus)', () => {
    expect(store.entities('ferreira').items).toEqual([]);
    const story: FixtureStory = {
      id: 'signing',
      title: 'Rovers sign a striker',
      paragraphs: ['João Ferreira joined Kellport Rovers on Tuesday.'],
      entities: [{ id: 'e1', type: 'PER', name: 'João Ferreira', aliases: [], mentions: ['João Ferreira'] }],
      quotes: [],
    };
    store.putBatch([{ hash: 'h-signing', record: articleRecord(buildArticle(story)) }]);
    expect(names(store.entities('joao ferreira').items)).toEqual(['João Ferreira']);
  });
});

/** MATCH as an earlier build might have stored it: one more entity, "Harbour Cup", that the new version drops. */
function olderMatch(): Article {
  const article = buildArticle(MATCH);
  const start = article.text.indexOf('Harbour Cup');
  return {
    ...article,
    entities: [
      ...(article.entities ?? []),
      { id: 'e9', type: 'MISC', name: 'Harbour Cup', aliases: [], mentions: [{ start, end: start + 11 }] },
    ],
  };
}

describe('a re-digest deletes the entities only the old version mentioned', () => {
  it('in the replace, leaving every other entity, and the corpus whole', () => {
    const file = join(dir, 'orphans.db');
    const store = openStore(file);
    store.putBatch([
      { hash: 'h-match', record: articleRecord(olderMatch()) },
      { hash: 'h-ferry', record: articleRecord(buildArticle(FERRY)) },
    ]);
    const cup = store.entities('harbour cup').items[0]!;
    const rovers = store.entities('kellport rovers').items[0]!;
    expect(store.entity(cup.id)).toMatchObject({ name: 'Harbour Cup', articles: 1 });
    expect(store.stats().entities).toBe(7); // six and the cup

    store.beginReplace?.();
    store.putBatch([{ hash: 'h-match', record: articleRecord(buildArticle(MATCH)), replace: true }]);
    store.endReplace?.();
    expect(store.entity(cup.id)).toBeUndefined();
    expect(store.entities('harbour cup').items).toEqual([]);
    expect(store.stats().entities).toBe(6);
    // Rovers, still mentioned by both versions and by the ferry story, keeps its id and articles.
    expect(store.entity(rovers.id)).toMatchObject({ name: 'Kellport Rovers', articles: 2 });

    // The name mentioned again later is a new entity, every row pointing at an entity that exists.
    store.putBatch([{ hash: 'h-match-2', record: articleRecord({ ...olderMatch(), id: 'harbour-cup-2' }) }]);
    const again = store.entities('harbour cup').items[0]!;
    expect(store.entity(again.id)).toMatchObject({ name: 'Harbour Cup', articles: 1 });
    store.close();
    checkWhole(file);
    const db = testDatabase(file, { readonly: true });
    const dangling = db
      .prepare(
        `SELECT (SELECT COUNT(*) FROM article_entities WHERE entity NOT IN (SELECT id FROM entities))
              + (SELECT COUNT(*) FROM aliases WHERE entity NOT IN (SELECT id FROM entities))
              + (SELECT COUNT(*) FROM quotes WHERE speaker_entity NOT IN (SELECT id FROM entities)) AS n`,
      )
      .get() as { n: number };
    const unmentioned = db
      .prepare('SELECT COUNT(*) AS n FROM entities WHERE id NOT IN (SELECT entity FROM article_entities)')
      .get() as { n: number };
    db.close();
    expect(dangling.n).toBe(0);
    expect(unmentioned.n).toBe(0);
  });

  it('an entity an earlier build left with no article is not found by id', () => {
    const file = join(dir, 'left.db');
    const store = openStore(file);
    store.putBatch([{ hash: 'h-ferry', record: articleRecord(buildArticle(FERRY)) }]);
    const db = testDatabase(file);
    const id = Number(
      db.prepare("INSERT INTO entities (type, name, norm) VALUES ('PER', 'Ola Berg', 'ola berg')").run()
        .lastInsertRowid,
    );
    db.close();
    expect(store.entity(id)).toBeUndefined();
    expect(store.entities('ola').items).toEqual([]);
    store.close();
  });
});

/** Entities no article mentions, and rows naming an entity that is not there. */
function leftovers(file: string): { unmentioned: number; dangling: number; entities: number } {
  const db = testDatabase(file, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT (SELECT COUNT(*) FROM entities WHERE id NOT IN (SELECT entity FROM article_entities)) AS unmentioned,
                (SELECT COUNT(*) FROM article_entities WHERE entity NOT IN (SELECT id FROM entities))
              + (SELECT COUNT(*) FROM aliases WHERE entity NOT IN (SELECT id FROM entities))
              + (SELECT COUNT(*) FROM quotes WHERE speaker_entity NOT IN (SELECT id FROM entities)) AS dangling,
                (SELECT COUNT(*) FROM entities) AS entities`,
      )
      .get() as { unmentioned: number; dangling: number; entities: number };
  } finally {
    db.close();
  }
}

describe('runIngest --redigest leaves no entity without an article', () => {
  it.skipIf(!hasDist)(
    'on the main thread and with 1 and 2 workers (by stage and by article): the same database each time',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'nd-serve16-ingest-'));
      const input = join(dir, 'pages.jsonl');
      writeFileSync(input, syntheticJsonl(120));
      const fresh = join(dir, 'fresh.db');
      let store = openStore(fresh);
      await runIngest({ inputs: [input], store, workers: 0 });
      store.close();
      const base = join(dir, 'base.db');
      copyFileSync(fresh, base);
      // An earlier build's output for every third page: one entity of its own, and one that
      // several of them share (dropped only with its last mention).
      store = openStore(base);
      const db = testDatabase(base, { readonly: true });
      const stored = db.prepare('SELECT id, hash FROM articles ORDER BY rowid').all() as {
        id: string;
        hash: string;
      }[];
      db.close();
      const aged = stored.filter((_, i) => i % 3 === 0);
      store.putBatch(
        aged.map(({ id, hash }, i) => {
          const article = store.article(id)!;
          const extra = (eid: string, name: string) => ({
            id: eid,
            type: 'ORG' as const,
            name,
            aliases: [],
            mentions: [{ start: 0, end: 1 }],
          });
          const older: Article = {
            ...article,
            entities: [
              ...(article.entities ?? []),
              extra('old1', `Oldfield Trust ${i}`),
              extra('old2', 'Harbour Trust'),
            ],
          };
          return { hash, record: articleRecord(older), replace: true };
        }),
      );
      store.close();
      expect(leftovers(base).entities).toBe(leftovers(fresh).entities + aged.length + 1);
      await redigestEveryWay(base, dir, input, 120, 16, (s, file, name) => {
        expect(s.entities('trust').items).toEqual([]);
        expect(leftovers(file), name).toEqual({
          unmentioned: 0,
          dangling: 0,
          entities: leftovers(fresh).entities,
        });
      });
      rmSync(dir, { recursive: true, force: true });
    },
    60_000,
  );
});
