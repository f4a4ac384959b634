import { beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/article/types.js';
import { checkArticle } from '../../src/article/validate.js';
import { createApp } from '../../src/serve/app.js';
import { articleRecord } from '../../src/store/record.js';
import { openStore } from '../../src/store/sqlite-store.js';
import type { CorpusStore } from '../../src/store/types.js';
import { fixtureArticles } from '../store/fixture-articles.js';

let store: CorpusStore;
let app: ReturnType<typeof createApp>;

beforeAll(() => {
  store = openStore(':memory:');
  store.putBatch(fixtureArticles().map((a) => ({ hash: `h-${a.id}`, record: articleRecord(a) })));
  const slashed = { ...fixtureArticles()[2]!, id: 'world/007' };
  store.putBatch([
    { hash: 'h-slashed', record: articleRecord({ ...slashed, text: `${slashed.text} Again.` }) },
  ]);
  app = createApp({ store, maxBodyBytes: 4096 });
});

async function json(path: string, init?: RequestInit) {
  const res = await app.request(path, init);
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, res };
}

describe('GET /v1/articles', () => {
  it('answers items with snippets, ranked, and a next cursor', async () => {
    const first = await json('/v1/articles?q=ferry&limit=1');
    expect(first.status).toBe(200);
    expect(first.res.headers.get('content-type')).toMatch(/application\/json/);
    const items = first.body['items'] as { id: string; snippet: string; title: string }[];
    expect(items.map((i) => i.id)).toEqual(['ferry-cuts']);
    expect(items[0]).toMatchObject({
      title: 'Greystone ferry cut to two sailings a day',
      publisher: 'Coast Wire',
    });
    expect(items[0]!.snippet).toMatch(/<mark>ferry<\/mark>/i);
    const next = first.body['next'] as string;
    const second = await json(`/v1/articles?q=ferry&limit=1&cursor=${next}`);
    expect((second.body['items'] as { id: string }[]).map((i) => i.id)).toEqual(['library-sundays']);
    expect(second.body['next']).toBeNull();
  });

  it('filters by entity, speaker and dates', async () => {
    const ids = async (qs: string) =>
      ((await json(`/v1/articles?${qs}`)).body['items'] as { id: string }[]).map((i) => i.id).sort();
    expect(await ids('entity=Bluewater')).toEqual(['ferry-cuts']);
    expect(await ids('speaker=Costa')).toEqual(['library-sundays']);
    expect(await ids('from=2026-01-01&to=2026-12-31')).toEqual(['ferry-cuts', 'library-sundays']);
    expect(await ids('q=frost&publisher=Coast%20Wire')).toEqual(['orchard-frost', 'world/007']);
  });

  it('answers bad syntax and bad parameters with 400 and a JSON message', async () => {
    for (const qs of ['q=%22open', 'q=ferry%20AND', 'from=soon', 'limit=0', 'limit=lots', 'cursor=zzz']) {
      const r = await json(`/v1/articles?${qs}`);
      expect(r.status, qs).toBe(400);
      expect(r.body['error']).toMatchObject({ code: 'E_BAD_QUERY', message: expect.any(String) });
    }
  });
});

describe('GET /v1/articles/:id', () => {
  it('returns the stored Article, ids with slashes included, and 404 for none', async () => {
    const r = await json('/v1/articles/ferry-cuts');
    expect(r.status).toBe(200);
    expect(r.body).toEqual(fixtureArticles()[0]);
    expect((await json('/v1/articles/world%2F007')).body['id']).toBe('world/007');
    expect((await json('/v1/articles/world/007')).body['id']).toBe('world/007');
    const missing = await json('/v1/articles/nope');
    expect(missing.status).toBe(404);
    expect(missing.body['error']).toMatchObject({ code: 'E_NOT_FOUND', message: 'nope: no such article' });
  });
});

describe('entities and quotes', () => {
  it('lists entities by name or alias, and one entity with its mentions across the corpus', async () => {
    const list = await json('/v1/entities?q=hale');
    const items = list.body['items'] as { id: number; name: string; articles: number }[];
    expect(items).toEqual([
      expect.objectContaining({ name: 'Martin Hale', type: 'PER', articles: 2, mentions: 3 }),
    ]);
    const one = await json(`/v1/entities/${items[0]!.id}`);
    expect(one.status).toBe(200);
    const occ = (
      one.body['occurrences'] as { items: { article: { id: string }; mentions: { text: string }[] }[] }
    ).items;
    expect(occ.flatMap((o) => o.mentions.map((m) => `${o.article.id}:${m.text}`)).sort()).toEqual([
      'ferry-cuts:Hale',
      'ferry-cuts:Martin Hale',
      'library-sundays:Martin Hale',
    ]);
    expect((await json('/v1/entities/424242')).status).toBe(404);
    expect((await json('/v1/entities/abc')).status).toBe(404);
  });

  it('lists quotes by speaker and words', async () => {
    const r = await json('/v1/quotes?speaker=Ana%20Costa');
    const items = r.body['items'] as { text: string; speaker: { name: string } }[];
    expect(items.map((q) => q.text)).toEqual([
      'the change followed a survey in which most members asked for weekend hours',
      '"People want to read when they are free,"',
    ]);
    expect(items.every((q) => q.speaker.name === 'Ana Costa')).toBe(true);
    const byWords = await json('/v1/quotes?q=staff');
    expect((byWords.body['items'] as unknown[]).length).toBe(1);
    expect((await json('/v1/quotes?q=%22staff')).status).toBe(400);
  });
});

describe('POST /v1/digest', () => {
  it('digests text and HTML, as JSON or as the raw body, into a valid Article', async () => {
    const text = 'Bridge to close for repairs\n\nThe old bridge will close on Monday, the council said.';
    const asJson = await json('/v1/digest', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text, url: 'https://example.org/b' }),
    });
    expect(asJson.status).toBe(200);
    expect(checkArticle(asJson.body)).toMatchObject({ ok: true });
    expect(asJson.body).toMatchObject({ text, source: { format: 'text', url: 'https://example.org/b' } });
    const asPlain = await json('/v1/digest', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: text,
    });
    expect((asPlain.body as unknown as Article).text).toBe(text);
    const asHtml = await json('/v1/digest', {
      method: 'POST',
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: '<html><body><p>Market opens at <b>dawn</b>.</p></body></html>',
    });
    expect(asHtml.status).toBe(200);
    expect(asHtml.body).toMatchObject({ source: { format: 'html' } });
    expect((asHtml.body as unknown as Article).text).toContain('Market opens at dawn.');
    expect((asHtml.body as unknown as Article).source.html).toBeUndefined();
  });

  it('answers bad bodies with 400, unknown types with 400, and too large ones with 413', async () => {
    const post = (body: string, type: string) =>
      json('/v1/digest', { method: 'POST', headers: { 'content-type': type }, body });
    expect(await post('{not json', 'application/json')).toMatchObject({
      status: 400,
      body: { error: { code: 'E_BAD_JSON' } },
    });
    expect(await post('{"words":"x"}', 'application/json')).toMatchObject({
      status: 400,
      body: { error: { code: 'E_BAD_RECORD' } },
    });
    expect(await post('   ', 'text/plain')).toMatchObject({
      status: 400,
      body: { error: { code: 'E_EMPTY' } },
    });
    expect(await post('x', 'image/png')).toMatchObject({
      status: 400,
      body: { error: { code: 'E_BAD_OPTION' } },
    });
    const big = await post('word '.repeat(2000), 'text/plain');
    expect(big.status).toBe(413);
    expect(big.body['error']).toMatchObject({ code: 'E_TOO_LARGE' });
  });
});

describe('the server as a whole', () => {
  it('serves an OpenAPI 3.1 document naming every route', async () => {
    const r = await json('/openapi.json');
    expect(r.body['openapi']).toBe('3.1.0');
    expect(Object.keys(r.body['paths'] as object).sort()).toEqual([
      '/openapi.json',
      '/v1/articles',
      '/v1/articles/{id}',
      '/v1/digest',
      '/v1/entities',
      '/v1/entities/{id}',
      '/v1/quotes',
    ]);
    const schemas = (r.body['components'] as { schemas: Record<string, { properties?: object }> }).schemas;
    expect(Object.keys(schemas['Article']!.properties!)).toContain('quotes');
  });

  it('sets a strict Content-Security-Policy on every answer and 404s unknown API routes as JSON', async () => {
    for (const path of ['/', '/v1/articles', '/openapi.json', '/v1/nothing']) {
      const res = await app.request(path);
      expect(res.headers.get('content-security-policy'), path).toMatch(
        /default-src 'none'; script-src 'self'/,
      );
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    const missing = await json('/v1/nothing');
    expect(missing).toMatchObject({ status: 404, body: { error: { code: 'E_NOT_FOUND' } } });
  });

  it('does not leak internal errors', async () => {
    const broken = createApp({
      store: {
        ...store,
        search: () => {
          throw new Error('disk on fire at /secret/path');
        },
      } as CorpusStore,
    });
    const res = await broken.request('/v1/articles?q=x');
    expect(res.status).toBe(500);
    // The path is the input at fault; nothing of the error's own message or stack is sent.
    expect(await res.json()).toEqual({
      error: { code: 'E_INTERNAL', message: 'internal error', input: '/v1/articles' },
    });
  });
});
