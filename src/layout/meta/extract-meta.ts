/**
 * Metadata of a page, each field from the most trustworthy source that has it:
 *
 * - title: JSON-LD headline, og:title, the page's <h1> (title block), <title>;
 * - authors: people only. JSON-LD author first, then author meta tags, then the
 *   visible byline; organisations, sites, dates and navigation words are refused;
 * - publisher: JSON-LD publisher, og:site_name, application-name, dateline agency;
 * - dateline: the place of the dateline ("PORTWELL, Maine");
 * - published / updated: ISO 8601 from JSON-LD, meta tags, <time> in the article,
 *   the URL, then visible date lines; never later than `source.fetchedAt`;
 * - language: JSON-LD inLanguage, <html lang>, content-language / og:locale.
 */
import type { Article, Block, Meta } from '../../article/types.js';
import type { JsonLdArticle } from '../html/json-ld.js';
import type { RenderedPage } from '../html/render.js';
import { DATELINE_LEAD, DATELINE_LEAD_LOWER, DATELINE_ONLY } from '../patterns.js';
import { cleanAuthors, namesFromByline } from './authors.js';
import { dateFromText, dateFromUrl, toIsoDate } from './dates.js';

const TITLE_SEPARATOR = /\s+[|–—-]\s+[^|–—-]{2,60}$/;

function metaTag(page: RenderedPage | undefined, ...keys: string[]): string | undefined {
  if (!page) return undefined;
  for (const k of keys) {
    const v = page.meta.tags.get(k)?.trim();
    if (v) return v;
  }
  return undefined;
}

/** The first date that parses and is not after the fetch date (when known). */
function firstDate(candidates: (string | undefined)[], notAfter: number | undefined): string | undefined {
  for (const c of candidates) {
    if (!c) continue;
    const iso = toIsoDate(c);
    if (!iso) continue;
    if (notAfter !== undefined && Date.parse(iso) > notAfter) continue;
    return iso;
  }
  return undefined;
}

export function extractMeta(
  article: Article,
  blocks: readonly Block[],
  page: RenderedPage | undefined,
  ld?: JsonLdArticle,
): Meta {
  const text = article.text;
  const meta: Meta = { authors: [], contributors: [] };
  const blockText = (b: Block) => text.slice(b.start, b.end);

  // Title
  const titleBlock = blocks.find((b) => b.kind === 'title');
  const pageTitle = page?.title?.replace(TITLE_SEPARATOR, '');
  const title =
    ld?.headline ??
    metaTag(page, 'og:title', 'twitter:title') ??
    article.meta?.title ?? // given by the feed or JSONL record the page came in
    (titleBlock ? blockText(titleBlock) : undefined) ??
    pageTitle;
  if (title) meta.title = title;

  // Publisher (needed before authors: a byline naming the site is not an author)
  const publisher =
    ld?.publisher ?? metaTag(page, 'og:site_name', 'application-name', 'publisher', 'dc.publisher');
  const datelineBlock = blocks.find((b) => b.kind === 'dateline');
  const firstParagraph = blocks.find((b) => b.kind === 'paragraph');
  const datelineText = datelineBlock
    ? blockText(datelineBlock)
    : firstParagraph
      ? leadDateline(blockText(firstParagraph))
      : undefined;
  const agency = datelineText ? /\(\s*([^)]+?)\s*\)/.exec(datelineText)?.[1] : undefined;
  if (publisher) meta.publisher = publisher;
  else if (agency) meta.publisher = agency;
  else if (datelineText && /^[A-Z][A-Za-z]{1,15}\s*(?:—|–|--|-)\s*$/.test(datelineText))
    meta.publisher = datelineText.replace(/\s*(?:—|–|--|-)\s*$/, '');

  // Dateline place
  const place = ld?.dateline ?? (datelineText ? placeOf(datelineText) : undefined);
  if (place) meta.dateline = place;

  // Authors: JSON-LD, then meta tags, then visible bylines.
  const refuse = [meta.publisher, publisher].filter((x): x is string => !!x);
  let authors = cleanAuthors(ld?.authors ?? [], refuse);
  if (!authors.length) {
    const tag = metaTag(page, 'author', 'article:author', 'dc.creator', 'sailthru.author', 'parsely-author');
    if (tag && !/^https?:/i.test(tag)) authors = cleanAuthors(tag.split(/\s*(?:,|;|\band\b|&)\s*/), refuse);
  }
  if (!authors.length) {
    for (const b of blocks) {
      if (b.kind !== 'byline') continue;
      authors = cleanAuthors(namesFromByline(blockText(b)), refuse);
      if (authors.length) break;
    }
  }
  meta.authors = authors;
  const contributors: string[] = [];
  for (const b of blocks) {
    if (b.kind !== 'credit') continue;
    const m = /^(?:(?:[\w.&-]+\s){0,3}?[\w.&-]+['’]s\s+)?(.+?)\s+contributed\b/i.exec(blockText(b));
    if (m)
      for (const name of cleanAuthors(m[1]!.split(/\s*(?:,|\band\b)\s*/), refuse)) contributors.push(name);
  }
  meta.contributors = [...new Set(contributors)];

  // Dates
  const fetched = article.source.fetchedAt ? Date.parse(article.source.fetchedAt) : Number.NaN;
  const notAfter = Number.isNaN(fetched) ? undefined : fetched;
  const times = page?.meta.times ?? [];
  // In order of trust; the first that parses (and is not after the fetch date) wins. The
  // visible bylines are read only when every source before them failed: most pages give a
  // date in JSON-LD or a meta tag, and reading each byline's wording costs a pass of patterns.
  const published =
    firstDate(
      [
        ld?.datePublished,
        metaTag(
          page,
          'article:published_time',
          'datepublished',
          'pubdate',
          'publishdate',
          'date',
          'dc.date',
          'dc.date.issued',
          'sailthru.date',
          'og:published_time',
        ),
        article.meta?.published, // given by the feed or JSONL record the page came in
        ...times.filter((t) => t.inArticle).map((t) => t.value),
        dateFromUrl(article.source.url),
      ],
      notAfter,
    ) ??
    firstDate(
      blocks.filter((b) => b.kind === 'byline').map((b) => dateFromText(blockText(b))),
      notAfter,
    ) ??
    firstDate(
      times.map((t) => t.value),
      notAfter,
    );
  if (published) meta.published = published;
  const updated = firstDate(
    [
      ld?.dateModified,
      metaTag(page, 'article:modified_time', 'og:updated_time', 'datemodified', 'last-modified'),
    ],
    notAfter,
  );
  if (updated && (!published || updated >= published)) meta.updated = updated;

  // Language
  const lang =
    ld?.inLanguage ??
    (page?.meta.lang || undefined) ??
    metaTag(page, 'content-language', 'og:locale', 'language');
  const primary = lang ? /^([a-z]{2,3})(?:[-_]|$)/i.exec(lang.trim())?.[1] : undefined;
  if (primary) meta.language = primary.toLowerCase();
  return meta;
}

function leadDateline(paragraph: string): string | undefined {
  const m = DATELINE_LEAD.exec(paragraph) ?? DATELINE_LEAD_LOWER.exec(paragraph);
  if (!m || m[0].length > 80 || (!m[1] && !m[0].includes('('))) return undefined;
  return m[0].trim();
}

/** The place in a dateline: "PORTWELL, Maine (Harbour Post) —" → "PORTWELL, Maine". */
function placeOf(dateline: string): string | undefined {
  const m =
    DATELINE_ONLY.exec(dateline) ?? DATELINE_LEAD.exec(dateline) ?? DATELINE_LEAD_LOWER.exec(dateline);
  const place = m?.[1]?.trim().replace(/,$/, '');
  // "CNN —", "AP —": a short all-capitals word alone is an agency, not a place.
  if (!place || (/^[A-Z]{2,4}$/.test(place) && !dateline.includes('('))) return undefined;
  return place;
}
