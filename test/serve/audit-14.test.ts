/** The server's side of the fourteenth session's user audit (issue #8). */
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/serve/app.js';
import { articleRecord } from '../../src/store/record.js';
import { openStore } from '../../src/store/sqlite-store.js';
import { fixtureArticles } from '../store/fixture-articles.js';

let app: ReturnType<typeof createApp>;

beforeAll(() => {
  const store = openStore(':memory:');
  store.putBatch(fixtureArticles().map((a) => ({ hash: `h-${a.id}`, record: articleRecord(a) })));
  app = createApp({ store });
});

async function json(path: string, init?: RequestInit) {
  const res = await app.request(path, init);
  return { status: res.status, res, body: (await res.json()) as Record<string, unknown> };
}

/** Bytes as a binary file has them: NULs and control bytes among others. */
function junk(): Uint8Array {
  const bytes = new Uint8Array(4096);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 37 + 11) % 256;
  return bytes;
}

describe('POST /v1/digest and binary bodies', () => {
  it('refuses a binary body with 400 E_BINARY, whatever text type it claims', async () => {
    for (const type of ['text/plain', 'text/html', '']) {
      const r = await json('/v1/digest', {
        method: 'POST',
        headers: type ? { 'content-type': type } : {},
        body: junk(),
      });
      expect(r.status, type).toBe(400);
      expect(r.body['error']).toMatchObject({
        code: 'E_BINARY',
        message: 'body: is binary data, not text or HTML',
      });
    }
    const asJson = await json('/v1/digest', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: Buffer.from(junk()).toString('latin1') }),
    });
    expect(asJson.status).toBe(400);
    expect(asJson.body['error']).toMatchObject({ code: 'E_BINARY' });
  });

  it('still digests text with a BOM and a few control characters', async () => {
    const r = await json('/v1/digest', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '\ufeffFerry cut\n\nThe ferry will run twice a day,\u0007 the operator said.',
    });
    expect(r.status).toBe(200);
    expect(String(r.body['text'])).toMatch(/^Ferry cut/);
  });

  it('answers other methods on /v1/digest with 405 and Allow: POST', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const r = await json('/v1/digest', { method });
      expect(r.status, method).toBe(405);
      expect(r.res.headers.get('allow')).toBe('POST');
      expect(r.body['error']).toMatchObject({ code: 'E_METHOD' });
    }
  });
});

describe('filters and queries over the API', () => {
  const ids = async (qs: string) =>
    ((await json(`/v1/articles?${qs}`)).body['items'] as { id: string }[]).map((h) => h.id).sort();

  it('matches a surname or any word of a name, case- and accent-insensitive', async () => {
    expect(await ids('speaker=Costa')).toEqual(['library-sundays']);
    expect(await ids('speaker=COST%C3%81')).toEqual(['library-sundays']);
    expect(await ids('entity=hale')).toEqual(['ferry-cuts', 'library-sundays']);
    expect(await ids('publisher=valley')).toEqual(['library-sundays']);
    const quotes = (await json('/v1/quotes?speaker=costa')).body['items'] as unknown[];
    expect(quotes).toHaveLength(2);
  });

  it('searches words with punctuation and refuses dates that name no day', async () => {
    expect((await json('/v1/articles?q=C%2B%2B')).status).toBe(200);
    expect(await ids('q=ferry%3A')).toEqual(['ferry-cuts', 'library-sundays']);
    for (const qs of ['from=2026-13-45', 'to=2026-02-30']) {
      const r = await json(`/v1/articles?${qs}`);
      expect(r.status, qs).toBe(400);
      expect(r.body['error']).toMatchObject({ code: 'E_BAD_QUERY' });
    }
  });
});
