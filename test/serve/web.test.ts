import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/serve/app.js';
import { articleRecord } from '../../src/store/record.js';
import { openStore } from '../../src/store/sqlite-store.js';
import { fixtureArticles } from '../store/fixture-articles.js';

let app: ReturnType<typeof createApp>;

beforeAll(() => {
  const store = openStore(':memory:');
  store.putBatch(fixtureArticles().map((a) => ({ hash: `h-${a.id}`, record: articleRecord(a) })));
  const base = fixtureArticles()[2]!;
  const text =
    'Pier <script>alert(1)</script> opens\n\nCrowds <img src=x onerror=alert(2)> came to the pier.';
  store.putBatch([
    {
      hash: 'h-hostile',
      record: articleRecord({
        ...base,
        id: 'hostile"><script>alert(3)</script>',
        text,
        blocks: undefined,
        entities: [
          { id: 'e"1', type: 'LOC', name: '<b>Pier</b>', aliases: [], mentions: [{ start: 0, end: 4 }] },
        ],
        quotes: [],
        meta: { title: 'Pier <script>alert(1)</script> opens', authors: [], contributors: [] },
        source: { format: 'text', url: 'javascript:alert(4)' },
      }),
    },
  ]);
  app = createApp({ store });
});

async function page(path: string) {
  const res = await app.request(path);
  return { status: res.status, body: await res.text(), res };
}

/** Every tag in the page, by name: page content must never add any. */
function tags(body: string): Set<string> {
  return new Set([...body.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1]!.toLowerCase()));
}

describe('web page', () => {
  it('searches with snippets and filters', async () => {
    const r = await page('/?q=ferry');
    expect(r.status).toBe(200);
    expect(r.res.headers.get('content-type')).toMatch(/text\/html/);
    expect(r.body).toContain(
      '<a class="title" href="/articles/ferry-cuts">Greystone ferry cut to two sailings a day</a>',
    );
    expect(r.body).toMatch(/<mark>ferry<\/mark>/i);
    const filtered = await page('/?entity=Costa');
    expect(filtered.body).toContain('/articles/library-sundays');
    expect(filtered.body).not.toContain('/articles/ferry-cuts');
  });

  it('shows a bad query on the page with status 400', async () => {
    const r = await page('/?q=%22unclosed');
    expect(r.status).toBe(400);
    expect(r.body).toMatch(
      /<p class="error" id="search-error">query: cannot search for &quot;\\&quot;unclosed&quot;/,
    );
  });

  it('shows an article with its blocks, entities and quotes marked, and panels for each', async () => {
    const r = await page('/articles/ferry-cuts');
    expect(r.status).toBe(200);
    expect(r.body).toContain('<span class="ent ent-PER" data-entity="e3">Hale</span> blamed');
    expect(r.body).toMatch(
      /<span class="qt qt-direct" data-quote="0">&quot;We cannot sail ships we cannot staff,&quot;<\/span>/,
    );
    // The speaker is both a mention of e3 and the speaker of quote 0: one span carries both.
    expect(r.body).toContain(
      '<span class="ent ent-PER spk" data-entity="e3" data-quote="0">Martin Hale</span>',
    );
    expect(r.body).toContain('<div class="panel" id="entity-e3" hidden>');
    expect(r.body).toMatch(/id="quote-0" hidden>[\s\S]*?href="\/speakers\/Martin%20Hale">Martin Hale<\/a>/);
    expect(r.body).toContain('data-layer="blocks"');
    expect((await page('/articles/none')).status).toBe(404);
  });

  it('shows entity, entity list, quote and speaker pages', async () => {
    const list = await page('/entities?q=costa');
    const id = /href="\/entities\/(\d+)">Ana Costa</.exec(list.body)?.[1];
    expect(id).toBeDefined();
    const entity = await page(`/entities/${id}`);
    expect(entity.body).toContain('<h1>Ana Costa<span class="tag">PER</span></h1>');
    expect(entity.body).toMatch(/Head librarian <mark>Ana Costa<\/mark> said/);
    expect(entity.body).toContain('People want to read when they are free');
    const speaker = await page('/speakers/Martin%20Hale');
    expect(speaker.body).toContain('<h1>Martin Hale</h1>');
    expect(speaker.body).toContain('the ferry timetable had pushed families to weekend visits');
    const quotes = await page('/quotes?q=crop');
    expect(quotes.body).toContain('Half the crop could be gone');
    expect((await page('/entities/999')).status).toBe(404);
  });

  it('escapes page content everywhere: no tag, attribute or link comes from it', async () => {
    const allowed = tags((await page('/articles/ferry-cuts')).body);
    const id = encodeURIComponent('hostile"><script>alert(3)</script>');
    const paths = ['/?q=pier', `/articles/${id}`, '/entities?q=pier', '/quotes?speaker=%3Cscript%3E'];
    for (const path of paths) {
      const r = await page(path);
      expect(r.status, path).toBeLessThan(500);
      // Our one script is the external /static/app.js; any other <script> or handler is content leaking.
      expect(r.body.match(/<script/g)?.length ?? 0, path).toBe(1);
      expect(r.body, path).not.toMatch(/<img|<[^>]*onerror|<b>Pier/);
      for (const tag of tags(r.body))
        expect(
          allowed.has(tag) ||
            [
              'ol',
              'li',
              'form',
              'label',
              'input',
              'select',
              'option',
              'button',
              'blockquote',
              'mark',
            ].includes(tag),
          `${path}: <${tag}>`,
        ).toBe(true);
    }
    const article = await page(`/articles/${id}`);
    expect(article.body).toContain('Pier &lt;script&gt;alert(1)&lt;/script&gt; opens');
    expect(article.body).toContain('data-entity="e&quot;1"');
    expect(article.body).not.toContain('javascript:');
  });

  it('serves its script and style sheet from /static', async () => {
    const js = await page('/static/app.js');
    expect(js.res.headers.get('content-type')).toMatch(/javascript/);
    expect(js.body).toContain("addEventListener('DOMContentLoaded'");
    expect((await page('/static/app.css')).res.headers.get('content-type')).toMatch(/text\/css/);
  });
});
