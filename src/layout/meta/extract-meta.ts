/** Metadata of a page: title first (more to come). */
import type { Article, Block, Meta } from '../../article/types.js';
import type { JsonLdArticle } from '../html/json-ld.js';
import type { RenderedPage } from '../html/render.js';

export function extractMeta(
  article: Article,
  blocks: readonly Block[],
  page: RenderedPage | undefined,
  _ld?: JsonLdArticle,
): Meta {
  const meta: Meta = { authors: [], contributors: [] };
  const title = blocks.find((b) => b.kind === 'title');
  if (title) meta.title = article.text.slice(title.start, title.end);
  else if (page?.title) meta.title = page.title;
  return meta;
}
