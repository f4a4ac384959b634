/** Quote.mode over HTTP: /v1/quotes?mode=, its 400, /openapi.json, and the web speaker and quote pages. */
import { beforeAll, describe, expect, it } from 'vitest';
import { QUOTE_MODES } from '../../src/article/schema.js';
import { createApp } from '../../src/serve/app.js';
import { articleRecord } from '../../src/store/record.js';
import { openStore } from '../../src/store/sqlite-store.js';
import type { Paged, QuoteHit } from '../../src/store/types.js';
import { fixtureArticles } from '../store/fixture-articles.js';
import { harbourArticle } from '../store/quote-mode-fixture.js';

let app: ReturnType<typeof createApp>;

beforeAll(() => {
  const store = openStore(':memory:');
  store.putBatch([
    ...fixtureArticles().map((a) => ({ hash: `h-${a.id}`, record: articleRecord(a) })),
    { hash: 'h-harbour', record: articleRecord(harbourArticle(true)) },
  ]);
  app = createApp({ store });
});

async function get(path: string) {
  const res = await app.request(path);
  return { status: res.status, text: await res.text() };
}

async function quotes(path: string): Promise<Paged<QuoteHit>> {
  const r = await get(path);
  expect(r.status).toBe(200);
  return JSON.parse(r.text) as Paged<QuoteHit>;
}

describe('/v1/quotes?mode=', () => {
  it('gives every quote a mode, and without the parameter lists every mode', async () => {
    const all = await quotes('/v1/quotes?limit=100');
    expect(all.items.every((q) => (QUOTE_MODES as readonly string[]).includes(q.mode))).toBe(true);
    expect(new Set(all.items.map((q) => q.mode))).toEqual(new Set(QUOTE_MODES));
    for (const mode of QUOTE_MODES) {
      const some = await quotes(`/v1/quotes?mode=${mode}&limit=100`);
      expect(some.items).toEqual(all.items.filter((q) => q.mode === mode));
    }
    // An empty value is any mode, as for kind.
    expect((await quotes('/v1/quotes?mode=&limit=100')).items).toEqual(all.items);
  });

  it('combines with speaker and kind', async () => {
    const costa = await quotes('/v1/quotes?speaker=Costa&mode=intention');
    expect(costa.items.map((q) => q.cue)).toEqual(['wants', 'pledged']);
    const direct = await quotes('/v1/quotes?kind=direct&mode=speech&limit=100');
    expect(direct.items.length).toBeGreaterThan(0);
    expect(direct.items.every((q) => q.kind === 'direct' && q.mode === 'speech')).toBe(true);
  });

  it('refuses a mode outside the five (400 naming the parameter and the values)', async () => {
    for (const bad of ['rumour', 'Speech', 'said']) {
      const r = await get(`/v1/quotes?mode=${bad}`);
      expect(r.status).toBe(400);
      const body = JSON.parse(r.text) as { error: { code: string; message: string; input: string } };
      expect(body.error.code).toBe('E_BAD_QUERY');
      expect(body.error.input).toBe('mode');
      expect(body.error.message).toBe(
        `mode: expecting one of speech, belief, intention, perception, evidence, instead found "${bad}"`,
      );
    }
  });

  it('is in /openapi.json: the parameter, its enum, the 400, and QuoteHit.mode', async () => {
    const doc = JSON.parse((await get('/openapi.json')).text);
    const op = doc.paths['/v1/quotes'].get;
    const mode = op.parameters.find((p: { name: string }) => p.name === 'mode');
    expect(mode.schema.enum).toEqual([...QUOTE_MODES]);
    expect(op.responses['400'].description).toContain('`mode` not one of speech, belief');
    expect(doc.components.schemas.QuoteHit.properties.mode).toEqual({ enum: [...QUOTE_MODES] });
  });
});

describe('web pages', () => {
  it('lists a speaker’s speech first and the rest under "Also reported"', async () => {
    const r = await get('/speakers/Costa');
    expect(r.status).toBe(200);
    const also = r.text.indexOf('id="also-reported"');
    expect(also).toBeGreaterThan(0);
    const said = r.text.indexOf('weekend hours');
    expect(said).toBeGreaterThan(0);
    expect(said).toBeLessThan(also);
    for (const words of ['the ferry will return', 'a second pier', 'the old pier fall']) {
      expect(r.text.indexOf(words)).toBeGreaterThan(also);
    }
    expect(r.text).toContain('<span class="tag mode">belief</span>');
    expect(r.text).toMatch(/Quoted \d+ times? \(and 4 more reported\)/);
  });

  it('leaves out "Also reported" for a speaker with speech alone', async () => {
    const r = await get('/speakers/Martin%20Hale');
    expect(r.text).toContain('the ferry timetable had pushed families to weekend visits');
    expect(r.text).not.toContain('also-reported');
  });

  it('filters the quote page by mode, and shows a bad mode with the form (400)', async () => {
    const r = await get('/quotes?mode=perception');
    expect(r.status).toBe(200);
    expect(r.text).toContain('the old pier fall');
    expect(r.text).not.toContain('weekend hours');
    expect(r.text).toContain('<option value="perception" selected>perception</option>');
    const bad = await get('/quotes?mode=rumour');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('mode: expecting one of speech, belief, intention, perception, evidence');
  });

  it('shows the mode beside the kind on the article page', async () => {
    const r = await get('/articles/harbour-vote');
    expect(r.text).toContain('<span class="tag">according-to</span><span class="tag mode">evidence</span>');
    // An Article stored without modes (written before Quote.mode) shows them read from its cues.
    const old = await get('/articles/library-sundays');
    expect(old.text).toContain('<span class="tag mode">speech</span>');
  });
});
