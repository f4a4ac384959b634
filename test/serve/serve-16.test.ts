/**
 * Review-16 items 14 and 8 on the server: the article list says how many articles match in all
 * ("Articles 41–45 of 45"), the API carries the same `total`, documented in /openapi.json; and
 * entity search, API and page, folds accents ("ozil" finds "Mesut Özil"). Fixtures written for
 * these tests.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/serve/app.js';
import { openApiDocument } from '../../src/serve/openapi.js';
import { resultCount } from '../../src/serve/web/pages.js';
import { articleRecord } from '../../src/store/record.js';
import { openStore } from '../../src/store/sqlite-store.js';
import type { CorpusStore } from '../../src/store/types.js';
import { buildArticle, type FixtureStory } from '../store/fixture-articles.js';
import { appReader, countLine } from './web-pages.js';

const TOWNS = ['Kellport', 'Ashford', 'Brindle'];

/** 45 short stories; the ones of Kellport (15) mention a council vote, every one a ferry. */
function stories(): FixtureStory[] {
  return Array.from({ length: 45 }, (_, i) => {
    const town = TOWNS[i % 3]!;
    const day = String((i % 28) + 1).padStart(2, '0');
    return {
      id: `story-${i}`,
      title: `${town} ferry timetable, week ${i}`,
      published: `2026-0${(i % 9) + 1}-${day}`,
      paragraphs: [
        `The ${town} ferry will leave at ${(i % 12) + 1} o'clock this week.`,
        town === 'Kellport'
          ? 'The council vote on fares is due on Friday.'
          : 'No change to fares is planned.',
      ],
      entities: [{ id: 'e1', type: 'LOC', name: town, aliases: [], mentions: [town] }],
      quotes: [],
    };
  });
}

const FOOTBALL: FixtureStory = {
  id: 'rovers-win',
  title: 'Rovers win the Harbour Cup',
  paragraphs: ['Mesut Özil scored twice. José Mourinho said the better side had won.'],
  entities: [
    { id: 'e1', type: 'PER', name: 'Mesut Özil', aliases: [], mentions: ['Mesut Özil'] },
    { id: 'e2', type: 'PER', name: 'José Mourinho', aliases: [], mentions: ['José Mourinho'] },
  ],
  quotes: [],
};

let store: CorpusStore;
let app: ReturnType<typeof createApp>;

beforeAll(() => {
  store = openStore(':memory:');
  store.putBatch(
    [...stories(), FOOTBALL].map((s) => ({ hash: `h-${s.id}`, record: articleRecord(buildArticle(s)) })),
  );
  app = createApp({ store });
});

const { page, json } = appReader(() => app);

/** The cursor of the page's "Next page" link, or undefined on the last page. */
function nextCursor(html: string): string | undefined {
  const m = /class="pager"><a href="\/\?[^"]*cursor=([^"&]+)/.exec(html);
  return m ? decodeURIComponent(m[1]!) : undefined;
}

describe('the article list says how many articles there are', () => {
  it('on every page, from the first to the last', async () => {
    const lines: string[] = [];
    let cursor: string | undefined;
    do {
      const html = await page(`/${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`);
      lines.push(countLine(html) ?? '');
      cursor = nextCursor(html);
    } while (cursor);
    expect(lines).toEqual([
      'Articles 1–20 of 46, newest first',
      'Articles 21–40 of 46, newest first',
      'Articles 41–46 of 46, newest first',
    ]);
  });

  it('for a query and for a filter, and one article alone', async () => {
    expect(countLine(await page('/?q=council'))).toBe('Articles 1–15 of 15');
    expect(countLine(await page('/?q=ferry&limit=10&cursor=' + encodeURIComponent(btoa('o40'))))).toBe(
      'Articles 41–45 of 45',
    );
    expect(countLine(await page('/?entity=ashford'))).toBe('Articles 1–15 of 15');
    expect(countLine(await page('/?q=mourinho'))).toBe('1 article');
    expect(countLine(await page('/?q=zanzibar'))).toBe('No articles match.');
  });

  it('with counts of thousands written with commas', () => {
    const items = Array.from({ length: 8 }, () => ({}));
    expect(resultCount('article', { items, next: null, total: 4368 }, 4360)).toBe(
      'Articles 4,361–4,368 of 4,368',
    );
    expect(resultCount('article', { items, next: 'x' }, 0)).toBe('8+ articles'); // no total: as before
  });

  it('the API carries the same total, on every page, documented in /openapi.json', async () => {
    const first = await json<{ items: unknown[]; next: string | null; total: number }>(
      '/v1/articles?q=ferry&limit=20',
    );
    expect(first).toMatchObject({ total: 45 });
    expect(first.items).toHaveLength(20);
    const last = await json<{ items: unknown[]; next: string | null; total: number }>(
      `/v1/articles?q=ferry&limit=20&cursor=${encodeURIComponent(btoa('o40'))}`,
    );
    expect(last).toMatchObject({ total: 45, next: null });
    expect(last.items).toHaveLength(5);
    expect((await json<{ total: number }>('/v1/articles?entity=kellport')).total).toBe(15);
    const doc = openApiDocument() as {
      paths: Record<
        string,
        { get: { responses: Record<string, { content: Record<string, { schema: unknown }> }> } }
      >;
    };
    const schema = doc.paths['/v1/articles']!.get.responses['200']!.content['application/json']!.schema as {
      required: string[];
      properties: Record<string, { type: string }>;
    };
    expect(schema.properties['total']).toMatchObject({ type: 'integer' });
    expect(schema.required).not.toContain('total');
  });

  it('escapes what it shows as before', async () => {
    const html = await page('/?q=%3Cb%3Eferry');
    expect(html).not.toContain('<b>ferry');
    expect(html).toContain('&lt;b&gt;ferry');
  });
});

describe('entity search folds accents, in the API and on the page', () => {
  it('finds Mesut Özil by "ozil" and José Mourinho by "jose"', async () => {
    const api = await json<{ items: { name: string }[] }>('/v1/entities?q=ozil');
    expect(api.items.map((e) => e.name)).toEqual(['Mesut Özil']);
    expect(
      (await json<{ items: { name: string }[] }>('/v1/entities?q=jose')).items.map((e) => e.name),
    ).toEqual(['José Mourinho']);
    const html = await page('/entities?q=ozil');
    expect(html).toContain('Mesut Özil');
    expect(html).not.toContain('No entities match');
  });
});
