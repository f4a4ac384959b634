/** Query-string parameters parsed, not trusted: a bad one is E_BAD_QUERY naming it. */
import { NewsdigestError } from '../errors.js';
import type { ArticleFilters, Page } from '../store/types.js';

type Query = (name: string) => string | undefined;

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
  for (const key of ['q', 'entity', 'speaker', 'publisher', 'from', 'to'] as const) {
    const value = query(key)?.trim();
    if (value) filters[key] = value;
  }
  return filters;
}

export function entityId(raw: string): number | undefined {
  return /^\d{1,15}$/.test(raw) ? Number(raw) : undefined;
}
