/** One page as given (text or HTML, with what is known of it) turned into an Article with its text. */
import { SCHEMA_VERSION } from '../article/schema-version.js';
import type { Article, Source } from '../article/types.js';
import { NewsdigestError } from '../errors.js';
import { renderHtml, renderUtf8View } from '../layout/html/render.js';
import { toIsoDate } from '../layout/meta/dates.js';
import { contentId, contentIdOfLatin1 } from './content-id.js';
import { setLazyUtf8Html, utf8HtmlView } from './lazy-html.js';
import { decodeEntitiesInText, normalizeText } from './normalize.js';
import { isBlankUtf8View } from './utf8-view.js';

export interface PageInput {
  /** Stable id; when absent, a hash of the content. */
  id?: string;
  text?: string;
  /**
   * The page's HTML. readPages gives a page of valid UTF-8 an `html` decoded when first read
   * (ingest/lazy-html.ts): pageToArticle and the layout read its bytes instead.
   */
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
  /** Authors as the container named them (feed dc:creator, RSS author, Atom author/name). */
  authors?: string[];
  /** Publisher as the container named it (the feed's or channel's title). */
  publisher?: string;
}

export { contentId, contentIdOfUtf8 } from './content-id.js';
export { looksLikeHtml } from './looks-like-html.js';

export function pageToArticle(page: PageInput): Article {
  const origin = page.origin ?? page.url ?? page.id ?? 'input';
  // A page read from valid UTF-8 bytes is rendered from them (never decoded whole here) and
  // hands its Article the same lazily decoded `html`.
  const view = utf8HtmlView(page);
  const isHtml = view !== undefined || page.html !== undefined;
  const raw = view !== undefined ? undefined : isHtml ? page.html! : page.text;
  if (view === undefined && raw === undefined)
    throw new NewsdigestError('E_BAD_RECORD', origin, 'has neither "text" nor "html"');
  if (view !== undefined ? isBlankUtf8View(view) : raw!.trim() === '')
    throw new NewsdigestError('E_EMPTY', origin, 'is empty');
  // The rendered text is normalised already: each line is what normalizeText leaves of it (no
  // line ends, no runs or edges of white space, nothing its passes change), and the lines are
  // joined by single line ends, so normalizeText would return it unchanged after passes over
  // the whole page (test/ingest/page.test.ts checks it on pages with every kind of odd character).
  const text =
    view !== undefined
      ? renderUtf8View(view).text
      : isHtml
        ? renderHtml(raw!).text
        : normalizeText(decodeEntitiesInText(raw!));
  if (text === '') throw new NewsdigestError('E_EMPTY', origin, 'has no visible text');
  const source: Source = { format: isHtml ? 'html' : 'text', origin };
  if (view !== undefined) setLazyUtf8Html(source, view);
  else if (isHtml) source.html = raw!;
  if (page.url) source.url = page.url;
  if (page.encoding) source.encoding = page.encoding;
  if (page.encodingFrom) source.encodingFrom = page.encodingFrom;
  if (page.fetchedAt) source.fetchedAt = page.fetchedAt;
  const id = page.id ?? (view !== undefined ? contentIdOfLatin1(view) : contentId(raw!));
  const article: Article = { schemaVersion: SCHEMA_VERSION, id, text, source };
  // What the container said of the page (feed item, JSONL record) seeds meta; layout may find better.
  const published = page.published ? toIsoDate(page.published) : undefined;
  const authors = (page.authors ?? []).map((a) => a.replace(/\s+/g, ' ').trim()).filter((a) => a !== '');
  const publisher = page.publisher?.replace(/\s+/g, ' ').trim();
  if (page.title?.trim() || published || authors.length > 0 || publisher) {
    article.meta = { authors, contributors: [] };
    if (page.title?.trim()) article.meta.title = page.title.replace(/\s+/g, ' ').trim();
    if (publisher) article.meta.publisher = publisher;
    if (published) article.meta.published = published;
  }
  return article;
}
