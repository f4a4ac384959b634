/** The web page's routes: server-rendered HTML over the same store as the API. */
import { Hono } from 'hono';
import { html } from 'hono/html';
import { ENTITY_TYPES, QUOTE_KINDS, QUOTE_MODES } from '../../article/schema.js';
import { isNewsdigestError } from '../../errors.js';
import { decodeCursor } from '../../store/cursor.js';
import type { CorpusStore, QuoteFilters } from '../../store/types.js';
import { READ_METHODS } from '../http-errors.js';
import { articleFilters, entityId, enumParam, pageParams } from '../params.js';
import { APP_CSS, APP_JS } from './assets.js';
import { articlePage, count, entitiesPage, entityPage, errorPage, quotesPage, searchPage } from './pages.js';

export { errorPage };

/** Bad query syntax is shown on the page itself (status 400), with the form to fix it. */
function userError(e: unknown): string | undefined {
  return isNewsdigestError(e) && e.code === 'E_BAD_QUERY' ? e.toString() : undefined;
}

export function webRoutes(store: CorpusStore): Hono {
  const web = new Hono();
  web.get('/static/app.js', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(APP_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8' });
  });
  web.get('/static/app.css', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(APP_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });

  web.get('/', (c) => {
    const filters = articleFilters((k) => c.req.query(k));
    try {
      const page = pageParams((k) => c.req.query(k));
      const result = store.search(filters, { ...page, total: true });
      return c.html(searchPage(filters, result, undefined, decodeCursor(page.cursor), page.limit));
    } catch (e) {
      const message = userError(e);
      if (!message) throw e;
      return c.html(searchPage(filters, undefined, message), 400);
    }
  });

  web.get('/articles/:id{.+}', (c) => {
    const id = c.req.param('id');
    const article = store.article(id);
    if (!article) return c.html(errorPage(404, `There is no article "${id}".`), 404);
    return c.html(articlePage(article, store.articleEntityIds(id)));
  });

  web.get('/entities', (c) => {
    const query = (k: string) => c.req.query(k);
    const q = query('q')?.trim() || undefined;
    const type = query('type')?.trim() || undefined;
    try {
      const chosen = enumParam(query, 'type', ENTITY_TYPES);
      const page = pageParams(query);
      // With the count of every match: one more query, ~1–4 ms on the 4,368-article CNN/DM corpus.
      const result = store.entities(q, { ...page, total: true }, chosen ? { type: chosen } : {});
      return c.html(entitiesPage(q, result, type, undefined, decodeCursor(page.cursor), page.limit));
    } catch (e) {
      const message = userError(e);
      if (!message) throw e;
      return c.html(entitiesPage(q, undefined, type, message), 400);
    }
  });

  web.get('/entities/:id', (c) => {
    const raw = c.req.param('id');
    const id = entityId(raw);
    const entity =
      id === undefined
        ? undefined
        : store.entity(
            id,
            pageParams((k) => c.req.query(k)),
          );
    if (!entity) return c.html(errorPage(404, `There is no entity "${raw}".`), 404);
    return c.html(entityPage(entity, store.quotes({ speaker: entity.name }, { limit: 20 })));
  });

  web.get('/quotes', (c) => {
    const query = (k: string) => c.req.query(k);
    const filters: QuoteFilters = {};
    const speaker = query('speaker')?.trim();
    const q = query('q')?.trim();
    const kind = query('kind')?.trim();
    const mode = query('mode')?.trim();
    if (speaker) filters.speaker = speaker;
    if (q) filters.q = q;
    // As typed on the page even when it is no kind or mode (the form shows it with the error).
    const shown: { speaker?: string; q?: string; kind?: string; mode?: string } = {};
    if (speaker) shown.speaker = speaker;
    if (q) shown.q = q;
    if (kind) shown.kind = kind;
    if (mode) shown.mode = mode;
    const heading = html`<h1>Quotes</h1>`;
    try {
      const chosen = enumParam(query, 'kind', QUOTE_KINDS);
      if (chosen) filters.kind = chosen;
      const chosenMode = enumParam(query, 'mode', QUOTE_MODES);
      if (chosenMode) filters.mode = chosenMode;
      const page = pageParams(query);
      const result = store.quotes(filters, { ...page, total: true });
      return c.html(
        quotesPage(
          'Quotes',
          heading,
          shown,
          result,
          '/quotes',
          undefined,
          undefined,
          decodeCursor(page.cursor),
          page.limit,
        ),
      );
    } catch (e) {
      const message = userError(e);
      if (!message) throw e;
      return c.html(quotesPage('Quotes', heading, shown, undefined, '/quotes', message), 400);
    }
  });

  web.get('/speakers/:name{.+}', (c) => {
    const name = c.req.param('name');
    const page = pageParams((k) => c.req.query(k));
    // Who said what: what the speaker said or wrote first (paged), then, on the first page, what
    // is reported of them otherwise (believes, wants, saw, a study of theirs found): Quote.mode.
    // Both counted: a speaker's quotes are found by name through an index (well under a ms each).
    const result = store.quotes({ speaker: name, mode: 'speech' }, { ...page, total: true });
    const others = page.cursor
      ? undefined
      : store.quotes(
          { speaker: name, mode: QUOTE_MODES.filter((m) => m !== 'speech') },
          { limit: 20, total: true },
        );
    const quoted = result.total ?? result.items.length;
    const reported = others?.total ?? others?.items.length ?? 0;
    const heading = html`<h1>${name}</h1><p class="meta" id="speaker-count">Quoted ${count(quoted)} time${quoted === 1 ? '' : 's'}${reported ? ` (and ${count(reported)} more reported)` : ''} · <a href="/?speaker=${encodeURIComponent(name)}">articles quoting ${name}</a></p>`;
    return c.html(
      quotesPage(
        name,
        heading,
        { speaker: name },
        result,
        `/speakers/${encodeURIComponent(name)}`,
        undefined,
        others,
        decodeCursor(page.cursor),
        page.limit,
      ),
    );
  });

  // Every page only reads: another method gets 405 with Allow (an HTML page, as the 404s are).
  for (const path of [
    '/',
    '/static/app.js',
    '/static/app.css',
    '/articles/:id{.+}',
    '/entities',
    '/entities/:id',
    '/quotes',
    '/speakers/:name{.+}',
  ]) {
    web.all(path, (c) => {
      c.header('Allow', READ_METHODS);
      return c.html(errorPage(405, `${c.req.method} is not allowed here (allowed: ${READ_METHODS}).`), 405);
    });
  }

  return web;
}
