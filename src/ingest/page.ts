/** One page as given (text or HTML, with what is known of it) turned into an Article with its text. */
import { SCHEMA_VERSION } from '../article/schema-version.js';
import type { Article, Source } from '../article/types.js';
import { NewsdigestError } from '../errors.js';
import { renderHtml } from '../layout/html/render.js';
import { toIsoDate } from '../layout/meta/dates.js';
import { contentId } from './content-id.js';
import { decodeEntitiesInText, normalizeText } from './normalize.js';

export interface PageInput {
  /** Stable id; when absent, a hash of the content. */
  id?: string;
  text?: string;
  html?: string;
  url?: string;
  fetchedAt?: string;
  /** Where the page came from, for error messages and `source.origin`. */
  origin?: string;
  encoding?: string;
  encodingFrom?: Source['encodingFrom'];
  /**
   * The title the container gave (feed item title, JSONL "title"). Feed items
   * also carry it at the head of their text. Not yet part of the Article: the
   * layout stage finds the title in the text.
   */
  title?: string;
  /** Publication date as the container gave it (feed pubDate/published/updated, JSONL "published"), unparsed. */
  published?: string;
}

export { contentId, contentIdOfUtf8 } from './content-id.js';
export { looksLikeHtml } from './looks-like-html.js';

export function pageToArticle(page: PageInput): Article {
  const origin = page.origin ?? page.url ?? page.id ?? 'input';
  const isHtml = page.html !== undefined;
  const raw = isHtml ? page.html! : page.text;
  if (raw === undefined) throw new NewsdigestError('E_BAD_RECORD', origin, 'has neither "text" nor "html"');
  if (raw.trim() === '') throw new NewsdigestError('E_EMPTY', origin, 'is empty');
  // The rendered text is normalised already: each line is what normalizeText leaves of it (no
  // line ends, no runs or edges of white space, nothing its passes change), and the lines are
  // joined by single line ends, so normalizeText would return it unchanged after passes over
  // the whole page (test/ingest/page.test.ts checks it on pages with every kind of odd character).
  const text = isHtml ? renderHtml(raw).text : normalizeText(decodeEntitiesInText(raw));
  if (text === '') throw new NewsdigestError('E_EMPTY', origin, 'has no visible text');
  const source: Source = { format: isHtml ? 'html' : 'text', origin };
  if (isHtml) source.html = raw;
  if (page.url) source.url = page.url;
  if (page.encoding) source.encoding = page.encoding;
  if (page.encodingFrom) source.encodingFrom = page.encodingFrom;
  if (page.fetchedAt) source.fetchedAt = page.fetchedAt;
  const article: Article = { schemaVersion: SCHEMA_VERSION, id: page.id ?? contentId(raw), text, source };
  // What the container said of the page (feed item, JSONL record) seeds meta; layout may find better.
  const published = page.published ? toIsoDate(page.published) : undefined;
  if (page.title?.trim() || published) {
    article.meta = { authors: [], contributors: [] };
    if (page.title?.trim()) article.meta.title = page.title.replace(/\s+/g, ' ').trim();
    if (published) article.meta.published = published;
  }
  return article;
}
