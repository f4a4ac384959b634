/**
 * Serve-17 on the store: one folding for every name match (entity search, the entity, speaker and
 * publisher filters), which now spells the letters that do not decompose plainly ("odegard" finds
 * "Ødegård"); and the counts of entity and quote lists (Page.total), equal to what a walk of
 * every page finds. Fixtures written for these tests (serve-17-fixture.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { foldLetters, foldName, NameIndex, nameKey } from '../../src/store/name-match.js';
import { articleRecord } from '../../src/store/record.js';
import { openStore } from '../../src/store/sqlite-store.js';
import type { CorpusStore, Page, Paged } from '../../src/store/types.js';
import { buildArticle, type FixtureStory } from './fixture-articles.js';
import { FOLDED_NAMES, harbourStories } from './serve-17-fixture.js';

let store: CorpusStore;

beforeAll(() => {
  store = openStore(':memory:');
  store.putBatch(
    harbourStories().map((s) => ({ hash: `h-${s.id}`, record: articleRecord(buildArticle(s)) })),
  );
});

describe('letters without a decomposition are folded, the same way everywhere', () => {
  it('foldLetters spells them plainly, in either case, and nameKey and foldName use it', () => {
    expect(foldLetters('Zoë Ødegård')).toBe('zoe odegard');
    expect(foldLetters('ØDEGÅRD')).toBe('odegard');
    expect(foldLetters('Łukasz Wróbel')).toBe('lukasz wrobel');
    expect(foldLetters('Nikola Đurić')).toBe('nikola duric');
    expect(foldLetters('Emre Kılıç')).toBe('emre kilic');
    expect(foldLetters('Ægir Þórsson')).toBe('aegir thorsson');
    expect(foldLetters('Straße STRASSE')).toBe('strasse strasse');
    expect(foldLetters('Œuvre, Ħamrun, Ŧ, ð')).toBe('oeuvre, hamrun, t, d');
    expect(nameKey('Zoë  Ødegård-Łuk')).toBe(' zoe odegard luk ');
    expect(foldName("  Ødegård's   Boat ")).toBe("odegard's boat");
    // What decomposed before folds as before.
    expect(foldLetters('José Özil')).toBe('jose ozil');
  });

  it('a NameIndex finds a name by its plain spelling and as written', () => {
    const index = new NameIndex<number>();
    index.add('Zoë Ødegård', 1);
    index.add('Großmann Shipping', 2);
    expect(index.find('odegard')).toEqual([1]);
    expect(index.find('ZOE ØDEGÅRD')).toEqual([1]);
    expect(index.find('grossmann shipping')).toEqual([2]);
    expect(index.find('Großmann')).toEqual([2]);
    expect(index.find('odegaard')).toEqual([]);
  });

  it('entity search finds each such name typed plainly, and as written', () => {
    expect(store.entities('odegard').items.map((e) => e.name)).toEqual(['Zoë Ødegård']);
    expect(store.entities('Ødegård').items.map((e) => e.name)).toEqual(['Zoë Ødegård']);
    for (const { name, typed } of FOLDED_NAMES) {
      expect(store.entities(typed).items.map((e) => e.name)).toEqual([name]);
      expect(store.entities(name.toUpperCase()).items.map((e) => e.name)).toEqual([name]);
    }
  });

  it('article search by entity, speaker and publisher, and quotes by speaker, fold them too', () => {
    expect(store.search({ entity: 'odegard' }, { limit: 100 }).items).toHaveLength(30);
    expect(store.search({ entity: 'kilic' }).items.map((h) => h.id)).toEqual(['harbour-2']);
    expect(store.search({ entity: 'lukasz' }).items.map((h) => h.id)).toEqual(['harbour-0']);
    expect(store.search({ speaker: 'zoe odegard' }, { limit: 100 }).items).toHaveLength(30);
    expect(store.search({ speaker: 'odegard', mode: 'belief' }, { limit: 100 }).items).toHaveLength(6);
    expect(store.search({ publisher: 'strasse zeitung' }, { limit: 100 }).items).toHaveLength(15);
    expect(store.search({ q: 'harbour', entity: 'duric' }).items.map((h) => h.id)).toEqual(['harbour-1']);
    const quotes = store.quotes({ speaker: 'odegard' }, { limit: 100 }).items;
    expect(quotes).toHaveLength(30);
    expect(new Set(quotes.map((q) => q.speaker?.name))).toEqual(new Set(['Zoë Ødegård']));
  });

  it('an unresolved speaker, matched whole only, is found by its folded name', () => {
    const own = openStore(':memory:');
    const story: FixtureStory = {
      id: 'pier',
      title: 'Pier repairs',
      paragraphs: ['"The pier is safe," said Mr. Røhne, who fishes there.'],
      entities: [],
      quotes: [{ kind: 'direct', content: 'The pier is safe,', cue: 'said', speaker: 'Mr. Røhne' }],
    };
    own.putBatch([{ hash: 'h-pier', record: articleRecord(buildArticle(story)) }]);
    for (const typed of ['mr rohne', 'Mr. Røhne', 'MR ROHNE']) {
      expect(own.quotes({ speaker: typed }).items.map((q) => q.speaker?.name)).toEqual(['Mr. Røhne']);
      expect(own.search({ speaker: typed }).items.map((h) => h.id)).toEqual(['pier']);
    }
    // Not resolved to an entity: not matched by one of its words (as before).
    expect(own.quotes({ speaker: 'rohne' }).items).toEqual([]);
    own.close();
  });
});

/** Every page of a list, from the first, with the totals each page reported. */
function walk<T>(
  list: (page: Page) => Paged<T>,
  limit: number,
): { items: T[]; totals: (number | undefined)[] } {
  const items: T[] = [];
  const totals: (number | undefined)[] = [];
  let cursor: string | undefined;
  do {
    const page = list({ limit, total: true, ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    totals.push(page.total);
    cursor = page.next ?? undefined;
  } while (cursor);
  return { items, totals };
}

describe('entity and quote lists count every match when asked', () => {
  it('entities: all, by type, by name; the same total on every page, as many as walked', () => {
    const all = walk((p) => store.entities(undefined, p), 7);
    expect(all.items).toHaveLength(39);
    expect(all.totals).toEqual(Array(6).fill(39));
    const people = walk((p) => store.entities(undefined, p, { type: 'PER' }), 10);
    expect(people.items).toHaveLength(35);
    expect(people.totals).toEqual(Array(4).fill(35));
    const witnesses = walk((p) => store.entities('witness', p), 20);
    expect(witnesses.items).toHaveLength(30);
    expect(witnesses.totals).toEqual([30, 30]);
    expect(store.entities('odegard', { total: true }).total).toBe(1);
    expect(store.entities('zanzibar', { total: true })).toEqual({ items: [], next: null, total: 0 });
    expect(store.entities(undefined, { limit: 5 }).total).toBeUndefined(); // not asked: not counted
  });

  it('quotes: all, by words, speaker, kind and mode', () => {
    const all = walk((p) => store.quotes({}, p), 25);
    expect(all.items).toHaveLength(60);
    expect(all.totals).toEqual([60, 60, 60]);
    expect(store.quotes({ speaker: 'odegard', mode: 'speech' }, { total: true }).total).toBe(24);
    expect(
      store.quotes(
        { speaker: 'odegard', mode: ['belief', 'intention', 'perception', 'evidence'] },
        { total: true },
      ).total,
    ).toBe(6);
    expect(store.quotes({ q: 'tide' }, { total: true }).total).toBe(24);
    expect(store.quotes({ kind: 'reported' }, { total: true }).total).toBe(6);
    expect(store.quotes({ q: 'night', speaker: 'witness 7' }, { total: true }).total).toBe(1);
    expect(store.quotes({ q: 'zanzibar' }, { total: true })).toEqual({ items: [], next: null, total: 0 });
    expect(store.quotes({}, { limit: 5 }).total).toBeUndefined();
  });
});
