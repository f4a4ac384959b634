/**
 * The server: the JSON API under /v1, its OpenAPI document, and the web page, all
 * over one store. Every answer carries a strict Content-Security-Policy: scripts
 * and styles only from our own /static files, nothing inline, no frames, no
 * plugins, so that page content (escaped everywhere) could not run even if it slipped
 * through.
 */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { DigestOptions } from '../digest-options.js';
import type { CorpusStore } from '../store/types.js';
import { apiRoutes } from './api.js';
import { DigestBusy, type DigestRunner } from './digest-runner.js';
import { errorAnswer, errorBody, notAllowed, READ_METHODS } from './http-errors.js';
import { openApiDocument } from './openapi.js';
import { checkParams, ROUTE_PARAMS, searchParams } from './params.js';
import { errorPage, webRoutes } from './web/routes.js';

export interface AppOptions {
  store: CorpusStore;
  /** Largest body POST /v1/digest accepts (default 2 MB). */
  maxBodyBytes?: number;
  /** Longest a digest may take (default 10 s). */
  digestTimeoutMs?: number;
  digest?: DigestOptions;
  /** Where POST /v1/digest runs the stages (default: on the serving thread). */
  runner?: DigestRunner;
}

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function createApp(opts: AppOptions): Hono {
  const app = new Hono();
  app.use(async (c, next) => {
    await next();
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
  });
  const isApi = (path: string) => path.startsWith('/v1/') || path === '/openapi.json';
  app.onError((e, c) => {
    const path = c.req.path;
    if (e instanceof DigestBusy) {
      c.header('Retry-After', String(e.retryAfterSeconds));
      return c.json(errorBody('E_BUSY', e.message, path), 503);
    }
    if (e instanceof HTTPException) {
      const body = errorBody(e.status === 504 ? 'E_TIMEOUT' : 'E_HTTP', e.message, path);
      return isApi(path) ? c.json(body, e.status) : c.html(errorPage(e.status, e.message), e.status);
    }
    const { status, body } = errorAnswer(e, path);
    return isApi(path) ? c.json(body, status) : c.html(errorPage(status, body.error.message), status);
  });
  app.notFound((c) =>
    isApi(c.req.path)
      ? c.json(errorBody('E_NOT_FOUND', `no route ${c.req.method} ${c.req.path}`, c.req.path), 404)
      : c.html(errorPage(404, 'There is no such page.'), 404),
  );
  const doc = openApiDocument();
  app.get('/openapi.json', (c) => {
    checkParams(searchParams(c.req.url), ROUTE_PARAMS.openapi);
    return c.json(doc);
  });
  app.all('/openapi.json', notAllowed(READ_METHODS));
  app.route(
    '/v1',
    apiRoutes({
      store: opts.store,
      maxBodyBytes: opts.maxBodyBytes ?? 2 * 1024 * 1024,
      digestTimeoutMs: opts.digestTimeoutMs ?? 10_000,
      ...(opts.digest ? { digest: opts.digest } : {}),
      ...(opts.runner ? { runner: opts.runner } : {}),
    }),
  );
  app.route('/', webRoutes(opts.store));
  return app;
}
