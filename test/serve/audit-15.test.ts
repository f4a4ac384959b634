/**
 * The server's side of the fifteenth session's user audit (review-15, item 14): enumerated
 * parameters checked, unknown parameters refused, 405 with Allow on every route for the methods
 * it does not take, an `input` in every error body, and /openapi.json naming every status a
 * route answers (checked by asking each path with each method).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/serve/app.js';
import { DigestBusy } from '../../src/serve/digest-runner.js';
import { openApiDocument } from '../../src/serve/openapi.js';
import { articleRecord } from '../../src/store/record.js';
import { openStore } from '../../src/store/sqlite-store.js';
import type { CorpusStore, EntitySummary, Paged, QuoteHit } from '../../src/store/types.js';
import { fixtureArticles } from '../store/fixture-articles.js';

let store: CorpusStore;
let app: ReturnType<typeof createApp>;

beforeAll(() => {
  store = openStore(':memory:');
  store.putBatch(fixtureArticles().map((a) => ({ hash: `h-${a.id}`, record: articleRecord(a) })));
  app = createApp({ store });
});

/** An answer's JSON: an error body, or a page of items (cast where read). */
interface Json {
  error: { code: string; message: string; input: string };
}

async function request(path: string, init?: RequestInit) {
  const res = await app.request(path, init);
  const text = await res.text();
  const isJson = (res.headers.get('content-type') ?? '').includes('application/json');
  return {
    status: res.status,
    res,
    text,
    body: (isJson && text ? JSON.parse(text) : {}) as Json,
  };
}

/** Every error body: a code, a message, and the input at fault, all strings. */
function expectErrorBody(body: Json, code: string, input?: string): void {
  expect(Object.keys(body)).toEqual(['error']);
  expect(typeof body.error.code).toBe('string');
  expect(typeof body.error.message).toBe('string');
  expect(typeof body.error.input).toBe('string');
  expect(body.error.code).toBe(code);
  if (input !== undefined) expect(body.error.input).toBe(input);
}

describe('enumerated parameters', () => {
  it('refuses an entity type or quote kind it does not know, naming the parameter and the allowed values', async () => {
    const type = await request('/v1/entities?type=XYZ');
    expect(type.status).toBe(400);
    expectErrorBody(type.body, 'E_BAD_QUERY', 'type');
    expect(type.body.error.message).toBe('type: expecting one of PER, ORG, LOC, MISC, instead found "XYZ"');
    const kind = await request('/v1/quotes?kind=bogus');
    expect(kind.status).toBe(400);
    expectErrorBody(kind.body, 'E_BAD_QUERY', 'kind');
    expect(kind.body.error.message).toBe(
      'kind: expecting one of direct, reported, according-to, instead found "bogus"',
    );
    // Values are the schema's, as written: no case folding.
    expect((await request('/v1/entities?type=per')).status).toBe(400);
  });

  it('filters by a known type or kind, and an empty value means any', async () => {
    const all = (await request('/v1/entities?limit=100')).body as unknown as Paged<EntitySummary>;
    for (const t of ['PER', 'ORG', 'LOC', 'MISC']) {
      const some = (await request(`/v1/entities?type=${t}&limit=100`))
        .body as unknown as Paged<EntitySummary>;
      expect(some.items.map((e) => e.id)).toEqual(all.items.filter((e) => e.type === t).map((e) => e.id));
    }
    expect(all.items.some((e) => e.type === 'PER') && all.items.some((e) => e.type === 'ORG')).toBe(true);
    expect((await request('/v1/entities?type=&limit=100')).body).toEqual(all);
    const quotes = (await request('/v1/quotes?limit=100')).body as unknown as Paged<QuoteHit>;
    const kinds = new Set(quotes.items.map((q) => q.kind));
    expect(kinds.size).toBeGreaterThan(1);
    for (const k of kinds) {
      const some = (await request(`/v1/quotes?kind=${k}&limit=100`)).body as unknown as Paged<QuoteHit>;
      expect(some.items).toEqual(quotes.items.filter((q) => q.kind === k));
    }
    // With the other filters too (the type is ANDed with the name, not ORed).
    const pier = (await request('/v1/entities?q=Martin&type=ORG')).body as unknown as Paged<EntitySummary>;
    expect(pier.items.every((e) => e.type === 'ORG')).toBe(true);
  });
});

describe('unknown and repeated parameters', () => {
  it('refuses a parameter a route does not take, naming it and the ones it takes', async () => {
    const r = await request('/v1/articles?limt=5');
    expect(r.status).toBe(400);
    expectErrorBody(r.body, 'E_BAD_QUERY', 'limt');
    expect(r.body.error.message).toBe(
      'limt: unknown parameter: this route takes q, entity, speaker, publisher, from, to, limit, cursor',
    );
    for (const path of [
      '/v1/entities?name=Hale',
      '/v1/entities/1?q=x',
      '/v1/quotes?type=PER',
      '/v1/articles/ferry-cuts?full=1',
      '/openapi.json?x=1',
    ]) {
      const bad = await request(path);
      expect(bad.status, path).toBe(400);
      expectErrorBody(bad.body, 'E_BAD_QUERY');
    }
    expect((await request('/v1/articles/ferry-cuts?full=1')).body.error.message).toBe(
      'full: unknown parameter: this route takes none',
    );
  });

  it('refuses a parameter given twice (only one would count)', async () => {
    const r = await request('/v1/articles?q=ferry&q=library');
    expect(r.status).toBe(400);
    expectErrorBody(r.body, 'E_BAD_QUERY', 'q');
    expect(r.body.error.message).toBe('q: given more than once');
  });

  it('still takes every parameter the README lists, empty or not', async () => {
    const r = await request(
      '/v1/articles?q=ferry&entity=&speaker=&publisher=&from=2020-01-01&to=2030-01-01&limit=5&cursor=',
    );
    expect(r.status).toBe(200);
    expect((await request('/v1/quotes?speaker=&q=&kind=&limit=3')).status).toBe(200);
  });
});

const READ_PATHS = [
  '/v1/articles',
  '/v1/articles/ferry-cuts',
  '/v1/entities',
  '/v1/entities/1',
  '/v1/quotes',
  '/openapi.json',
];

describe('methods', () => {
  it('answers every method but GET and HEAD on the reading routes with 405, Allow and an input', async () => {
    for (const path of READ_PATHS) {
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'PROPFIND']) {
        const r = await request(path, { method });
        expect(r.status, `${method} ${path}`).toBe(405);
        expect(r.res.headers.get('allow'), `${method} ${path}`).toBe('GET, HEAD');
        expectErrorBody(r.body, 'E_METHOD', 'method');
        expect(r.body.error.message).toBe(`${method} is not allowed on ${path} (allowed: GET, HEAD)`);
      }
      const head = await request(path, { method: 'HEAD' });
      expect(head.status, `HEAD ${path}`).toBe(200);
      expect(head.text).toBe('');
    }
    const digest = await request('/v1/digest', { method: 'DELETE' });
    expect(digest.status).toBe(405);
    expect(digest.res.headers.get('allow')).toBe('POST');
    expectErrorBody(digest.body, 'E_METHOD', 'method');
  });

  it('gives the path as the input of a busy or timed-out digest', async () => {
    const post = { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'The pier opens.' };
    const busy = createApp({
      store,
      runner: { run: () => Promise.reject(new DigestBusy(1)), close: async () => {} },
    });
    const b = await busy.request('/v1/digest', post);
    expect(b.status).toBe(503);
    expectErrorBody((await b.json()) as Json, 'E_BUSY', '/v1/digest');
    // A digest that never ends: the server's time limit answers (the limit's length is not asserted).
    const stuck = createApp({
      store,
      digestTimeoutMs: 5,
      runner: { run: () => new Promise<string>(() => {}), close: async () => {} },
    });
    const t = await stuck.request('/v1/digest', post);
    expect(t.status).toBe(504);
    expectErrorBody((await t.json()) as Json, 'E_TIMEOUT', '/v1/digest');
  });

  it('gives an input in every other error body too', async () => {
    const none = await request('/v1/nothing');
    expect(none.status).toBe(404);
    expectErrorBody(none.body, 'E_NOT_FOUND', '/v1/nothing');
    const article = await request('/v1/articles/no-such-article');
    expectErrorBody(article.body, 'E_NOT_FOUND', 'no-such-article');
    const limit = await request('/v1/entities?limit=abc');
    expectErrorBody(limit.body, 'E_BAD_QUERY', 'limit');
  });
});

/** A documented path with its parameters filled from the fixture corpus. */
function concrete(path: string): string {
  return path.replace('{id}', path.startsWith('/v1/articles') ? 'ferry-cuts' : '1');
}

describe('/openapi.json', () => {
  it('names every status each path answers, for every method', async () => {
    const doc = openApiDocument() as { paths: Record<string, Record<string, { responses: object }>> };
    const methods = ['get', 'head', 'post', 'put', 'patch', 'delete', 'options', 'trace'];
    let asked = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of methods) {
        if (method === 'trace') continue; // Request() refuses TRACE; the server treats it as any other
        const documented = Object.keys(item[method]?.responses ?? {});
        // HEAD is GET without a body (not listed apart from GET).
        const statuses =
          method === 'head' && documented.length === 0 ? Object.keys(item['get']!.responses) : documented;
        const init: RequestInit =
          method === 'post' && path === '/v1/digest'
            ? {
                method: 'POST',
                headers: { 'content-type': 'text/plain' },
                body: 'The ferry sails at noon, the captain said.',
              }
            : { method: method.toUpperCase() };
        for (const suffix of ['', '?not-a-parameter=1']) {
          const r = await app.request(`${concrete(path)}${suffix}`, init);
          expect(statuses, `${method} ${path}${suffix} answered ${r.status}`).toContain(String(r.status));
          asked++;
        }
      }
    }
    expect(asked).toBeGreaterThan(60);
    // The ids that are not there, and the parameters each route checks.
    const checks: [string, number][] = [
      ['/v1/articles/none', 404],
      ['/v1/entities/999999', 404],
      ['/v1/entities?type=XYZ', 400],
      ['/v1/quotes?kind=bogus', 400],
      ['/v1/entities?limit=abc', 400],
      ['/v1/entities/1?limit=abc', 400],
      ['/v1/articles?from=2026-02-30', 400],
    ];
    for (const [url, status] of checks) {
      const r = await app.request(url);
      expect(r.status, url).toBe(status);
      const path = Object.keys(doc.paths).find((p) =>
        new RegExp(`^${p.replace('{id}', '[^/?]+')}(\\?|$)`).test(url),
      )!;
      expect(Object.keys(doc.paths[path]!['get']!.responses), url).toContain(String(status));
    }
    const entities = doc.paths['/v1/entities']!['get'] as unknown as {
      parameters: { name: string; schema: object }[];
    };
    expect(entities.parameters.find((p) => p.name === 'type')?.schema).toEqual({
      enum: ['PER', 'ORG', 'LOC', 'MISC'],
    });
  });
});

describe('the web page in step', () => {
  it('offers the type and kind filters, keeps the choice, and shows a bad value on the page (400)', async () => {
    const people = await request('/entities?type=PER');
    expect(people.status).toBe(200);
    expect(people.text).toContain('<option value="PER" selected>PER</option>');
    expect(people.text).not.toMatch(/<span class="tag">(ORG|LOC|MISC)<\/span>/);
    expect(people.text).toMatch(/<span class="tag">PER<\/span>/);
    const bad = await request('/entities?type=XYZ');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('type: expecting one of PER, ORG, LOC, MISC, instead found &quot;XYZ&quot;');
    expect(bad.text).toContain('<form class="search" method="get" action="/entities">');
    const kind = await request('/quotes?kind=direct');
    expect(kind.status).toBe(200);
    expect(kind.text).toContain('<option value="direct" selected>direct</option>');
    expect(kind.text).not.toMatch(/<span class="tag">(reported|according-to)<\/span>/);
    expect((await request('/quotes?kind=bogus')).status).toBe(400);
  });

  it('answers other methods on its pages with 405 and Allow', async () => {
    for (const path of ['/', '/entities', '/quotes', '/articles/ferry-cuts', '/speakers/Martin%20Hale']) {
      const r = await request(path, { method: 'POST' });
      expect(r.status, path).toBe(405);
      expect(r.res.headers.get('allow')).toBe('GET, HEAD');
      expect(r.text).toContain('POST is not allowed here');
    }
  });
});
