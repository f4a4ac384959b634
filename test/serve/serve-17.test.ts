/**
 * Serve-17 on the server: the entity and quote lists and a speaker's page say how many match in
 * all ("Entities 21–39 of 39", "Quoted 24 times (and 6 more reported)"), /v1/entities and
 * /v1/quotes carry the same `total`, documented in /openapi.json; and a name with letters that
 * do not decompose is found typed plainly ("odegard"). Fixtures written for these tests.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/serve/app.js';
import { openApiDocument } from '../../src/serve/openapi.js';
import { resultCount } from '../../src/serve/web/pages.js';
import { articleRecord } from '../../src/store/record.js';
import { openStore } from '../../src/store/sqlite-store.js';
import { buildArticle, type FixtureStory } from '../store/fixture-articles.js';
import { harbourStories } from '../store/serve-17-fixture.js';
import { appReader, countLine } from './web-pages.js';

const ODD_NAMES: FixtureStory = {
  id: 'odd-names',
  title: 'A name with markup in it',
  paragraphs: ['<b>Ørn & Co</b> opened an office, "We are glad," said <b>Ørn & Co</b>.'],
  entities: [{ id: 'e1', type: 'ORG', name: '<b>Ørn & Co</b>', aliases: [], mentions: ['<b>Ørn & Co</b>'] }],
  quotes: [
    { kind: 'direct', content: 'We are glad,', cue: 'said', speaker: '<b>Ørn & Co</b>', entity: 'e1' },
  ],
};

let app: ReturnType<typeof createApp>;

beforeAll(() => {
  const store = openStore(':memory:');
  store.putBatch(
    [...harbourStories(), ODD_NAMES].map((s) => ({
      hash: `h-${s.id}`,
      record: articleRecord(buildArticle(s)),
    })),
  );
  app = createApp({ store });
});

const { page, json } = appReader(() => app);

/** Every page's count line, following the "Next page" links from `path`. */
async function countLines(path: string): Promise<string[]> {
  const lines: string[] = [];
  let next: string | undefined = path;
  while (next) {
    const html = await page(next);
    lines.push(countLine(html) ?? '');
    const m = /class="pager"><a href="([^"]+)">Next page/.exec(html);
    next = m ? m[1]!.replaceAll('&amp;', '&') : undefined;
  }
  return lines;
}

type Listed = { items: unknown[]; next: string | null; total: number };

describe('entity and quote pages say how many match', () => {
  it('/entities, on every page, with a name and a type', async () => {
    expect(await countLines('/entities')).toEqual(['Entities 1–20 of 40', 'Entities 21–40 of 40']);
    // The next page's link keeps the filters (and a limit, when one was chosen: below).
    expect(await countLines('/entities?type=PER')).toEqual(['Entities 1–20 of 35', 'Entities 21–35 of 35']);
    expect(await countLines('/entities?q=odegard')).toEqual(['1 entity']);
    const none = await page('/entities?q=zanzibar');
    expect(countLine(none)).toBeUndefined();
    expect(none).toContain('No entities match.');
  });

  it('/quotes, on every page, with words and a speaker', async () => {
    expect(await countLines('/quotes')).toEqual([
      'Quotes 1–20 of 61',
      'Quotes 21–40 of 61',
      'Quotes 41–60 of 61',
      'Quote 61 of 61', // a last page of one
    ]);
    expect(await countLines('/quotes?kind=direct')).toEqual([
      'Quotes 1–20 of 55',
      'Quotes 21–40 of 55',
      'Quotes 41–55 of 55',
    ]);
    expect(await countLines('/quotes?speaker=odegard&mode=belief')).toEqual(['Quotes 1–6 of 6']);
    expect(await countLines('/quotes?q=glad')).toEqual(['1 quote']);
    const none = await page('/quotes?q=zanzibar');
    expect(countLine(none)).toBeUndefined();
    expect(none).toContain('No quotes match.');
  });

  it('with the plural given and thousands with commas', () => {
    const items = Array.from({ length: 12 }, () => ({}));
    expect(resultCount('entity', { items, next: null, total: 13412 }, 13400, 'entities')).toBe(
      'Entities 13,401–13,412 of 13,412',
    );
    expect(resultCount('quote', { items: [{}], next: null, total: 55580 }, 55579)).toBe(
      'Quote 55,580 of 55,580',
    );
  });

  it("a speaker's page counts what they said and what else is reported of them, past one page", async () => {
    const first = await page(`/speakers/${encodeURIComponent('Zoë Ødegård')}`);
    expect(first).toContain('Quoted 24 times (and 6 more reported)');
    expect(countLine(first)).toBe('Quotes 1–20 of 24');
    const next = /class="pager"><a href="([^"]+)">Next page/.exec(first)![1]!.replaceAll('&amp;', '&');
    const second = await page(next);
    expect(second).toContain('Quoted 24 times ·');
    expect(countLine(second)).toBe('Quotes 21–24 of 24');
    expect(await page('/speakers/Witness%207')).toContain('Quoted 1 time ·');
  });

  it('keeps a chosen page size on the next pages (the link used to drop it)', async () => {
    expect(await countLines('/quotes?limit=25')).toEqual([
      'Quotes 1–25 of 61',
      'Quotes 26–50 of 61',
      'Quotes 51–61 of 61',
    ]);
    expect(await countLines('/entities?type=PER&limit=30')).toEqual([
      'Entities 1–30 of 35',
      'Entities 31–35 of 35',
    ]);
    expect(await countLines(`/speakers/${encodeURIComponent('Zoë Ødegård')}?limit=15`)).toEqual([
      'Quotes 1–15 of 24',
      'Quotes 16–24 of 24',
    ]);
  });

  it('escapes names as before', async () => {
    const list = await page('/entities?q=orn');
    expect(list).toContain('&lt;b&gt;Ørn &amp; Co&lt;/b&gt;');
    expect(list).not.toContain('<b>Ørn');
    const speaker = await page(`/speakers/${encodeURIComponent('<b>Ørn & Co</b>')}`);
    expect(speaker).toContain('Quoted 1 time');
    expect(speaker).not.toContain('<b>Ørn');
  });
});

describe('/v1/entities and /v1/quotes carry the total', () => {
  it('on the first and the last page', async () => {
    const first = await json<Listed>('/v1/entities?limit=20');
    expect(first.total).toBe(40);
    expect(first.items).toHaveLength(20);
    const last = await json<Listed>(`/v1/entities?limit=20&cursor=${encodeURIComponent(first.next!)}`);
    expect(last).toMatchObject({ total: 40, next: null });
    expect(last.items).toHaveLength(20);
    expect((await json<Listed>('/v1/entities?q=kilic')).total).toBe(1);
    expect((await json<Listed>('/v1/entities?type=LOC')).total).toBe(3);
    const quotes = await json<Listed>('/v1/quotes?speaker=odegard&limit=100');
    expect(quotes.total).toBe(30);
    expect(quotes.items).toHaveLength(30);
    const tide = await json<Listed>(`/v1/quotes?q=tide&limit=20&cursor=${encodeURIComponent(btoa('o20'))}`);
    expect(tide).toMatchObject({ total: 24, next: null });
    expect(tide.items).toHaveLength(4);
  });

  it('documented in /openapi.json as an optional integer', () => {
    const doc = openApiDocument() as {
      paths: Record<
        string,
        { get: { responses: Record<string, { content: Record<string, { schema: unknown }> }> } }
      >;
    };
    for (const path of ['/v1/entities', '/v1/quotes']) {
      const schema = doc.paths[path]!.get.responses['200']!.content['application/json']!.schema as {
        required: string[];
        properties: Record<string, { type: string; description: string }>;
      };
      expect(schema.properties['total']).toMatchObject({ type: 'integer' });
      expect(schema.properties['total']!.description).toMatch(/in all/);
      expect(schema.required).not.toContain('total');
    }
  });
});
