/** The JSON API under /v1: digest a page, search articles, entities and quotes. */
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { timeout } from 'hono/timeout';
import { ENTITY_TYPES, QUOTE_KINDS, QUOTE_MODES } from '../article/schema.js';
import type { DigestOptions } from '../digest-options.js';
import { NewsdigestError } from '../errors.js';
import { looksLikeHtml, type PageInput } from '../ingest/page.js';
import { looksBinary } from '../ingest/read.js';
import type { CorpusStore, QuoteFilters } from '../store/types.js';
import { type DigestRunner, inlineRunner } from './digest-runner.js';
import { notAllowed, READ_METHODS } from './http-errors.js';
import {
  articleFilters,
  checkParams,
  entityId,
  enumParam,
  pageParams,
  ROUTE_PARAMS,
  searchParams,
} from './params.js';

export interface ApiOptions {
  store: CorpusStore;
  /** Largest body POST /v1/digest accepts, in bytes. */
  maxBodyBytes: number;
  /** Longest a digest may take before the client gets 504. */
  digestTimeoutMs: number;
  digest?: DigestOptions;
  /** Where digests run (default: on this thread, with `digest`'s options). */
  runner?: DigestRunner;
}

/** How much of a JSON body's text or html looksBinary reads (it reads 8 KB of bytes). */
const BINARY_SNIFF_CHARS = 8192;

function binaryBody(): NewsdigestError {
  return new NewsdigestError('E_BINARY', 'body', 'is binary data, not text or HTML');
}

async function pageFromRequest(req: Request, contentType: string): Promise<PageInput> {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') {
    let body: unknown;
    try {
      body = await req.json();
    } catch (e) {
      throw new NewsdigestError('E_BAD_JSON', 'body', `not valid JSON (${(e as Error).message})`);
    }
    const r = body as Record<string, unknown>;
    if (typeof r !== 'object' || r === null || Array.isArray(r)) {
      throw new NewsdigestError('E_BAD_RECORD', 'body', 'expected a JSON object with "text" or "html"');
    }
    const page: PageInput = { origin: 'request' };
    if (typeof r['html'] === 'string') page.html = r['html'];
    else if (typeof r['text'] === 'string') page.text = r['text'];
    else throw new NewsdigestError('E_BAD_RECORD', 'body', 'expected a JSON object with "text" or "html"');
    const content = page.html ?? page.text!;
    if (looksBinary(Buffer.from(content.slice(0, BINARY_SNIFF_CHARS)))) throw binaryBody();
    if (typeof r['url'] === 'string') page.url = r['url'];
    if (typeof r['id'] === 'string') page.id = r['id'];
    return page;
  }
  const bytes = Buffer.from(await req.arrayBuffer());
  // The check ingest makes of a file (read.ts): NUL bytes, or many control bytes, in its start.
  if (looksBinary(bytes)) throw binaryBody();
  const content = new TextDecoder().decode(bytes); // as req.text(): UTF-8, a BOM dropped
  if (type === 'text/html') return { html: content, origin: 'request' };
  if (type === '' || type === 'text/plain') {
    return looksLikeHtml(content)
      ? { html: content, origin: 'request' }
      : { text: content, origin: 'request' };
  }
  throw new NewsdigestError(
    'E_BAD_OPTION',
    'content-type',
    `expecting application/json, text/plain or text/html, instead found "${type}"`,
  );
}

/** Refuses parameters the route does not take (ROUTE_PARAMS); called first in each handler. */
function only(c: Context, allowed: readonly string[]): void {
  checkParams(searchParams(c.req.url), allowed);
}

export function apiRoutes(opts: ApiOptions): Hono {
  const { store } = opts;
  const runner = opts.runner ?? inlineRunner(opts.digest ?? {});
  const api = new Hono();

  api.post(
    '/digest',
    async (c, next) => {
      only(c, ROUTE_PARAMS.digest);
      await next();
    },
    bodyLimit({
      maxSize: opts.maxBodyBytes,
      onError: () => {
        throw new NewsdigestError(
          'E_TOO_LARGE',
          'body',
          `is larger than the limit of ${opts.maxBodyBytes} bytes`,
        );
      },
    }),
    timeout(
      opts.digestTimeoutMs,
      () =>
        new HTTPException(504, {
          message: `digest took longer than ${opts.digestTimeoutMs / 1000}s`,
        }),
    ),
    async (c) => {
      const page = await pageFromRequest(c.req.raw, c.req.header('content-type') ?? '');
      const json = await runner.run(page);
      return c.body(json, 200, { 'Content-Type': 'application/json' });
    },
  );
  // The route exists, for POST only: other methods get 405 with Allow, not 404.
  api.all('/digest', notAllowed('POST'));

  api.get('/articles', (c) => {
    only(c, ROUTE_PARAMS.articles);
    // With the count of every match (`total`): one more query on the same index (a few ms).
    return c.json(
      store.search(
        articleFilters((k) => c.req.query(k)),
        {
          ...pageParams((k) => c.req.query(k)),
          total: true,
        },
      ),
    );
  });
  api.all('/articles', notAllowed(READ_METHODS));

  api.get('/articles/:id{.+}', (c) => {
    only(c, ROUTE_PARAMS.article);
    const id = c.req.param('id');
    // The stored JSON as it is: parsing and writing a long article again cost ~0.7 s for 9 MB.
    const json = store.articleJson ? store.articleJson(id) : JSON.stringify(store.article(id) ?? null);
    if (json === undefined || json === 'null')
      throw new NewsdigestError('E_NOT_FOUND', id, 'no such article');
    return c.body(json, 200, { 'Content-Type': 'application/json' });
  });
  api.all('/articles/:id{.+}', notAllowed(READ_METHODS));

  api.get('/entities', (c) => {
    only(c, ROUTE_PARAMS.entities);
    const query = (k: string) => c.req.query(k);
    const type = enumParam(query, 'type', ENTITY_TYPES);
    // With `total`: one more query, ~1–4 ms on the 4,368-article CNN/DM corpus.
    return c.json(store.entities(query('q'), { ...pageParams(query), total: true }, type ? { type } : {}));
  });
  api.all('/entities', notAllowed(READ_METHODS));

  api.get('/entities/:id', (c) => {
    only(c, ROUTE_PARAMS.entity);
    const raw = c.req.param('id');
    const id = entityId(raw);
    const entity =
      id === undefined
        ? undefined
        : store.entity(
            id,
            pageParams((k) => c.req.query(k)),
          );
    if (!entity) throw new NewsdigestError('E_NOT_FOUND', raw, 'no such entity');
    return c.json(entity);
  });
  api.all('/entities/:id', notAllowed(READ_METHODS));

  api.get('/quotes', (c) => {
    only(c, ROUTE_PARAMS.quotes);
    const query = (k: string) => c.req.query(k);
    const filters: QuoteFilters = {};
    const speaker = query('speaker');
    const q = query('q');
    const kind = enumParam(query, 'kind', QUOTE_KINDS);
    const mode = enumParam(query, 'mode', QUOTE_MODES);
    if (speaker) filters.speaker = speaker;
    if (q) filters.q = q;
    if (kind) filters.kind = kind;
    if (mode) filters.mode = mode;
    return c.json(store.quotes(filters, { ...pageParams(query), total: true }));
  });
  api.all('/quotes', notAllowed(READ_METHODS));

  return api;
}
