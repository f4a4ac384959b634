/** Shared helpers for the layout tests: fixtures, and blocks as (kind, text) pairs. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article, BlockKind } from '../../src/article/types.js';

export const fixture = (name: string): string =>
  readFileSync(join(import.meta.dirname, '..', 'fixtures', 'layout', name), 'utf8');

export function kindsOf(article: Article): [BlockKind, string][] {
  return (article.blocks ?? []).map((b) => [b.kind, article.text.slice(b.start, b.end)]);
}

export function textsOfKind(article: Article, kind: BlockKind): string[] {
  return kindsOf(article)
    .filter(([k]) => k === kind)
    .map(([, t]) => t);
}
