/** Query-string parameters parsed, not trusted: a bad one is E_BAD_QUERY naming it. */
import { NewsdigestError } from '../errors.js';
import type { ArticleFilters, Page } from '../store/types.js';

type Query = (name: string) => string | undefined;

/** The parameters of each API route, as /openapi.json lists them. */
export const PAGE_PARAMS = ['limit', 'cursor'] as const;
export const ARTICLE_FILTERS = ['q', 'entity', 'speaker', 'publisher', 'from', 'to'] as const;
export const ROUTE_PARAMS = {
  digest: [],
  articles: [...ARTICLE_FILTERS, ...PAGE_PARAMS],
  article: [],
  entities: ['q', 'type', ...PAGE_PARAMS],
  entity: [...PAGE_PARAMS],
  quotes: ['speaker', 'q', 'kind', 'mode', ...PAGE_PARAMS],
  openapi: [],
} as const satisfies Record<string, readonly string[]>;

/**
 * Refuses a parameter the route does not take (a misspelt `limt=5` would otherwise be ignored
 * and the answer look right), and one given twice (only the first would count).
 */
export function checkParams(search: URLSearchParams, allowed: readonly string[]): void {
  const seen = new Set<string>();
  for (const name of search.keys()) {
    if (!allowed.includes(name)) {
      throw new NewsdigestError(
        'E_BAD_QUERY',
        name,
        allowed.length === 0
          ? 'unknown parameter: this route takes none'
          : `unknown parameter: this route takes ${allowed.join(', ')}`,
      );
    }
    if (seen.has(name)) throw new NewsdigestError('E_BAD_QUERY', name, 'given more than once');
    seen.add(name);
  }
}

/** The query string of a request URL, without building a URL object. */
export function searchParams(url: string): URLSearchParams {
  const at = url.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : url.slice(at + 1));
}

/** A parameter that takes one of a few values: absent or empty is undefined, anything else refused. */
export function enumParam<T extends string>(
  query: Query,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const value = query(name)?.trim();
  if (value === undefined || value === '') return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new NewsdigestError(
      'E_BAD_QUERY',
      name,
      `expecting one of ${allowed.join(', ')}, instead found ${JSON.stringify(value)}`,
    );
  }
  return value as T;
}

export function pageParams(query: Query): Page {
  const page: Page = {};
  const limit = query('limit');
  if (limit !== undefined && limit !== '') {
    if (!/^\d{1,4}$/.test(limit)) {
      throw new NewsdigestError('E_BAD_QUERY', 'limit', `expecting a whole number, instead found "${limit}"`);
    }
    page.limit = Number(limit);
  }
  const cursor = query('cursor');
  if (cursor) page.cursor = cursor;
  return page;
}

export function articleFilters(query: Query): ArticleFilters {
  const filters: ArticleFilters = {};
  for (const key of ARTICLE_FILTERS) {
    const value = query(key)?.trim();
    if (value) filters[key] = value;
  }
  return filters;
}

export function entityId(raw: string): number | undefined {
  return /^\d{1,15}$/.test(raw) ? Number(raw) : undefined;
}
