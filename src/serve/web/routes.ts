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
import { articlePage, entitiesPage, entityPage, errorPage, quotesPage, searchPage } from './pages.js';

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
      return c.html(searchPage(filters, result, undefined, decodeCursor(page.cursor)));
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
      return c.html(
        entitiesPage(q, store.entities(q, pageParams(query), chosen ? { type: chosen } : {}), type),
      );
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
      return c.html(
        quotesPage('Quotes', heading, shown, store.quotes(filters, pageParams(query)), '/quotes'),
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
    const result = store.quotes({ speaker: name, mode: 'speech' }, page);
    const others = page.cursor
      ? undefined
      : store.quotes({ speaker: name, mode: QUOTE_MODES.filter((m) => m !== 'speech') }, { limit: 20 });
    const heading = html`<h1>${name}</h1><p class="meta">Quoted ${result.items.length}${result.next ? '+' : ''} time${result.items.length === 1 ? '' : 's'}${others?.items.length ? ` (and ${others.items.length}${others.next ? '+' : ''} more reported)` : ''} · <a href="/?speaker=${encodeURIComponent(name)}">articles quoting ${name}</a></p>`;
    return c.html(
      quotesPage(
        name,
        heading,
        { speaker: name },
        result,
        `/speakers/${encodeURIComponent(name)}`,
        undefined,
        others,
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
