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
import { COMMENT_MARKER, DATELINE_LEAD, DATELINE_LEAD_LOWER, DATELINE_ONLY } from '../patterns.js';
import { cleanAuthors, compact, isSiteDesk, namesFromByline, siteWords } from './authors.js';
import { isAgencyWord } from './dateline-words.js';
import { dateFromText, dateFromUrl, toIsoDate } from './dates.js';

/** A <title>'s short tail ("… - The Fenwick Courier"): at most four words, read as the site's name. */
const TITLE_SEPARATOR = /\s+[|–—-]\s+(?![^|–—-]*(?:\s+\S+){4})[^|–—-]{2,60}$/;

/**
 * Meta tags that name the publication date, most common first (names lowercased; a tag named
 * by both `property` and `itemprop` is read under each). Counted on the extraction pages' own
 * tags: the Open Graph and schema.org names, then the Dublin Core, Parse.ly, Sailthru and
 * newsroom-CMS spellings (`article:published` and `pdate` on NYT pages, `publish-date`, `pub_date`).
 */
const PUBLISHED_TAGS = [
  'article:published_time',
  'article:published',
  'og:article:published_time',
  'og:published_time',
  'datepublished',
  'pubdate',
  'og:pubdate',
  'publishdate',
  'publish-date',
  'publish_date',
  'pub_date',
  'published',
  'published_at',
  'parsely-pub-date',
  'article.published',
  'date',
  'dc.date',
  'dc.date.issued',
  'dcterms.date',
  'dcterms.issued',
  'dcterms.created',
  'citation_publication_date',
  'citation_date',
  'sailthru.date',
  'datecreated',
  'pdate',
];

const UPDATED_TAGS = [
  'article:modified_time',
  'article:modified',
  'og:article:modified_time',
  'og:updated_time',
  'datemodified',
  'dcterms.modified',
  'dc.date.modified',
  'article.updated',
  'last-modified',
];

function metaTag(page: RenderedPage | undefined, ...keys: string[]): string | undefined {
  if (!page) return undefined;
  for (const k of keys) {
    const v = page.meta.tags.get(k)?.trim();
    if (v) return v;
  }
  return undefined;
}

/**
 * The first of the keys' tags whose value is a date (not after the fetch date): each tag on its own,
 * so that one that does not parse ("0001-01-01") leaves the next its turn. No array is built: most
 * pages have two or three of these tags, and this runs on every page.
 */
function tagDate(
  page: RenderedPage | undefined,
  keys: readonly string[],
  notAfter: number | undefined,
): string | undefined {
  if (!page) return undefined;
  const tags = page.meta.tags;
  for (let i = 0; i < keys.length; i++) {
    const v = tags.get(keys[i]!);
    if (v === undefined) continue;
    const iso = toIsoDate(v);
    if (iso && (notAfter === undefined || Date.parse(iso) <= notAfter)) return iso;
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
  const headingTitle = titleBlock ? blockText(titleBlock) : undefined;
  const ogTitle = metaTag(page, 'og:title', 'twitter:title');
  const feedTitle = article.meta?.title; // given by the feed or JSONL record the page came in
  const chosen = ld?.headline ?? ogTitle ?? feedTitle ?? headingTitle;
  let title: string | undefined = chosen ?? page?.title;
  // Most titles have no separator at all: the page's names are gathered only for those that do.
  if (title !== undefined && SEPARATOR_ONE.test(title)) {
    const evidence = titleEvidence(article, page, ld, [
      ld?.headline,
      metaTag(page, 'og:title'),
      metaTag(page, 'twitter:title'),
      feedTitle,
      headingTitle,
      page?.title,
    ]);
    if (chosen !== undefined) title = stripSiteName(chosen, evidence);
    else {
      // The <title> alone: its tail goes when the page names it as the site, or (as before) when the
      // tail is short enough to be a name; a longer tail is part of the headline ("– der lange Marsch …").
      const own = stripSiteName(page!.title!, evidence);
      title = own !== page!.title ? own : page!.title!.replace(TITLE_SEPARATOR, '');
    }
  }
  if (title) meta.title = title;

  // Publisher (needed before authors: a byline naming the site is not an author). The page's own
  // site name first (JSON-LD, meta tags, what the feed or record said, the <title>'s tail), then the
  // dateline's agency. A dateline's place is never the publisher ("LONDON —" names a city).
  const datelineBlock = blocks.find((b) => b.kind === 'dateline');
  const firstParagraph = blocks.find((b) => b.kind === 'paragraph');
  const datelineText = datelineBlock
    ? blockText(datelineBlock)
    : firstParagraph
      ? leadDateline(blockText(firstParagraph))
      : undefined;
  const agency = datelineText ? /\(\s*([^)]+?)\s*\)/.exec(datelineText)?.[1] : undefined;
  const place = ld?.dateline ?? (datelineText ? placeOf(datelineText) : undefined);
  const tagged = metaTag(page, 'og:site_name', 'application-name', 'publisher', 'dc.publisher');
  let hostSet: Set<string> | undefined;
  const hosts = () => (hostSet ??= hostLabels(article, page));
  const publisher =
    ld?.publisher ??
    (tagged !== undefined && agency !== undefined && weakSiteName(tagged, agency, hosts())
      ? agency
      : tagged) ??
    article.meta?.publisher ?? // given by the feed (its channel's title) or the JSONL record
    titleSiteName(page, hosts(), [
      ld?.headline,
      metaTag(page, 'og:title'),
      metaTag(page, 'twitter:title'),
      feedTitle,
      headingTitle,
    ]);
  if (publisher) meta.publisher = publisher;
  else if (agency) meta.publisher = agency;
  // "CNN —", "Reuters —": a word alone before the dash that is no place is the agency.
  else if (datelineText && !place && /^[A-Z][A-Za-z]{1,15}\s*(?:—|–|--|-)\s*$/.test(datelineText))
    meta.publisher = datelineText.replace(/\s*(?:—|–|--|-)\s*$/, '');

  // Dateline place
  if (place) meta.dateline = place;

  // Authors: JSON-LD, then meta tags, then what the feed or record said, then visible bylines. A name
  // that opens with the site's name is its desk ("Telegraph Sport"), not a person.
  const refuse = [meta.publisher, publisher].filter((x): x is string => !!x);
  // Built at the first name that reads as a person's (most pages' first author).
  let siteSet: Set<string> | undefined;
  let wordSet: Set<string> | undefined;
  const sites = () => (siteSet ??= new Set(refuse.map((r) => compact(r.replace(/^the\s+/i, '')))));
  const words = () => (wordSet ??= siteWords(refuse));
  const isDesk = (name: string) => refuse.length > 0 && isSiteDesk(name, sites(), words());
  let authors = cleanAuthors(ld?.authors ?? [], refuse, isDesk);
  if (!authors.length) {
    const tag = metaTag(page, 'author', 'article:author', 'dc.creator', 'sailthru.author', 'parsely-author');
    if (tag && !/^https?:/i.test(tag))
      authors = cleanAuthors(tag.split(/\s*(?:,|;|\band\b|&)\s*/), refuse, isDesk);
  }
  if (!authors.length && article.meta?.authors.length)
    authors = cleanAuthors(article.meta.authors, refuse, isDesk);
  if (!authors.length) {
    // The bylines under the headline first: lines above it in a byline's box are breadcrumbs and
    // kickers ("Fact Checks", "Politics"); those are read only when nothing below names a person.
    // A byline that names the site's desk is the story's byline without a person: the search stops.
    // A comment's header ("Jane on May 3, 2019 at 4:47 pm said:", "Leave a Comment") names a reader:
    // skipped. On a line with capitals, a piece in lower case is wording ("and scale promising
    // programs"), not a name; all-lowercase names are kept only in lowercased text.
    // Bylines after the story's last paragraph are the comments', the next post's or the footer's.
    const titleAt = titleBlock ? blocks.indexOf(titleBlock) : -1;
    let storyEnd = blocks.length;
    for (let i = blocks.length - 1; i > titleAt; i--)
      if (blocks[i]!.kind === 'paragraph') {
        storyEnd = i;
        break;
      }
    let desk = false;
    for (const pass of titleAt >= 0 ? [1, 0] : [2]) {
      for (let i = 0; i < blocks.length && !authors.length && !desk; i++) {
        const b = blocks[i]!;
        if (b.kind !== 'byline' || i > storyEnd || (pass === 1 && i < titleAt) || (pass === 0 && i > titleAt))
          continue;
        const line = blockText(b);
        if (line.length <= 160 && line.endsWith(':') && COMMENT_MARKER.test(line)) continue;
        let names = namesFromByline(line);
        if (hasUpper(line)) names = names.filter(hasUpper);
        authors = cleanAuthors(names, refuse, isDesk);
        desk = !authors.length && names.some(isDesk);
      }
      if (authors.length || desk) break;
    }
  }
  meta.authors = authors;
  const contributors: string[] = [];
  for (const b of blocks) {
    if (b.kind !== 'credit') continue;
    const m = /^(?:(?:[\w.&-]+\s){0,3}?[\w.&-]+(?:['’]s|s['’])\s+)?(.+?)\s+contributed\b/i.exec(blockText(b));
    if (m)
      for (const name of cleanAuthors(m[1]!.split(/\s*(?:,|\band\b)\s*/), refuse, isDesk))
        contributors.push(name);
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
    firstDate([ld?.datePublished], notAfter) ??
    tagDate(page, PUBLISHED_TAGS, notAfter) ??
    firstDate(
      [
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
  const updated = firstDate([ld?.dateModified], notAfter) ?? tagDate(page, UPDATED_TAGS, notAfter);
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

/** Whether a string has a capital letter (by character: most lines have one in their first word). */
function hasUpper(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) return true;
    if (c > 127) {
      const ch = s[i]!;
      if (ch !== ch.toLowerCase()) return true;
    }
  }
  return false;
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
  // "CNN —", "ANSA —": a short all-capitals word alone that names an agency is no place ("ROME —" is).
  if (!place || (/^[A-Z]{2,4}$/.test(place) && !dateline.includes('(') && isAgencyWord(place)))
    return undefined;
  return place;
}

/** The page's host names and their labels but the top-level domain, compacted ("sportsnetca", "sportsnet"). */
function hostLabels(article: Article, page: RenderedPage | undefined): Set<string> {
  const out = new Set<string>();
  for (const url of [article.source.url, page?.meta.canonical, metaTag(page, 'og:url')]) {
    const host = hostOf(url);
    if (!host) continue;
    out.add(compact(host));
    const labels = host.split('.');
    for (let i = 0; i < labels.length - 1; i++)
      if (labels[i]!.length >= 3 && labels[i] !== 'www') out.add(compact(labels[i]!));
  }
  return out;
}

/**
 * Whether a compacted name is a host label or holds one, or one holds it ("thetelegraph" holds
 * "telegraph", "bbcnews" holds "bbc"); a part shorter than three letters must match whole ("us").
 */
function namesHost(name: string, hosts: ReadonlySet<string>): boolean {
  if (!name) return false;
  for (const h of hosts) {
    if (name === h) return true;
    if ((h.length >= 3 && name.includes(h)) || (name.length >= 3 && h.includes(name))) return true;
  }
  return false;
}

/**
 * A site-name tag that names a section or a country ("U.S."), not the site: it has nothing of the
 * page's host in it, while the dateline's agency is the host ("NEW YORK (Reuters)" on reuters.com).
 */
function weakSiteName(siteName: string, agency: string, hosts: ReadonlySet<string>): boolean {
  return hosts.has(compact(agency)) && !namesHost(compact(siteName), hosts);
}

/**
 * The site's name from the <title>'s last segment ("Ferry fares rise in Kellport | The Coast Daily"),
 * when the page shows it is no part of the headline: another of its title sources is the title without
 * it, or it names the page's host. At most five words.
 */
function titleSiteName(
  page: RenderedPage | undefined,
  hosts: ReadonlySet<string>,
  titles: (string | undefined)[],
): string | undefined {
  const full = page?.title?.trim();
  if (!full || !SEPARATOR_ONE.test(full)) return undefined;
  const cuts = [...full.matchAll(SEPARATOR)];
  const last = cuts[cuts.length - 1]!;
  const head = full.slice(0, last.index);
  const tail = full.slice(last.index + last[0].length).trim();
  if (!tail || tail.length > 60 || tail.split(/\s+/).length > 5 || !/\p{L}/u.test(tail)) return undefined;
  // The host itself, or a short name holding it ("Vortex Cannon Entertainment" on vortexcannon.org).
  const t = compact(tail);
  if (hosts.has(t) || (tail.split(/\s+/).length <= 3 && namesHost(t, hosts))) return tail;
  const h = compact(head);
  if (h.length < 8) return undefined;
  for (const other of titles) if (other && compact(other) === h) return tail;
  return undefined;
}

/** What a page says its site is called, and the headline as its other sources give it. */
interface TitleEvidence {
  /** Site names, sections and host names, compacted (see `compact`). */
  names: Set<string>;
  /** The page's other title sources, compacted. */
  titles: Set<string>;
}

function titleEvidence(
  article: Article,
  page: RenderedPage | undefined,
  ld: JsonLdArticle | undefined,
  titles: (string | undefined)[],
): TitleEvidence {
  const names = new Set<string>();
  const add = (v: string | undefined) => {
    const c = v ? compact(v) : '';
    if (c) names.add(c);
  };
  add(ld?.publisher);
  add(metaTag(page, 'og:site_name'));
  add(metaTag(page, 'application-name'));
  add(metaTag(page, 'publisher'));
  add(metaTag(page, 'article:section'));
  for (const url of [article.source.url, page?.meta.canonical, metaTag(page, 'og:url')]) {
    const host = hostOf(url);
    if (!host) continue;
    add(host); // "sportsnet.ca" → "sportsnetca"
    // Each label but the last (the top-level domain): "blog.givewell.org" → "blog", "givewell".
    const labels = host.split('.');
    for (let i = 0; i < labels.length - 1; i++)
      if (labels[i]!.length >= 3 && labels[i] !== 'www') add(labels[i]);
  }
  const seen = new Set<string>();
  for (const t of titles) if (t) seen.add(compact(t));
  return { names, titles: seen };
}

function hostOf(url: string | undefined): string | undefined {
  if (!url || !/^https?:\/\//i.test(url)) return undefined;
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/** A title's separators: a bar, a dash, a middle dot or a guillemet with space on both sides. */
const SEPARATOR = /\s+[|–—·»-]\s+/g;
const SEPARATOR_ONE = /\s[|–—·»-]\s/;

/**
 * A title less the site's name (or the section's) at either end: "… | TheHill", "… - IGN",
 * "Opinion | …". A segment goes only when the page names it (site name, publisher, section,
 * host) or when another of the page's title sources reads as the title without it: a
 * separator that is part of the headline ("Star Wars Jedi: Fallen Order review – shoots for
 * the moon") stays.
 */
export function stripSiteName(title: string, evidence: TitleEvidence): string {
  let t = title.trim();
  for (let round = 0; round < 3; round++) {
    const cuts = [...t.matchAll(SEPARATOR)];
    if (!cuts.length) break;
    const last = cuts[cuts.length - 1]!;
    const head = t.slice(0, last.index);
    const tail = t.slice(last.index + last[0].length);
    if (isSiteSegment(tail, head, evidence)) {
      t = head;
      continue;
    }
    const first = cuts[0]!;
    const lead = t.slice(0, first.index);
    const rest = t.slice(first.index + first[0].length);
    if (isSiteSegment(lead, rest, evidence)) {
      t = rest;
      continue;
    }
    break;
  }
  return t;
}

function isSiteSegment(segment: string, kept: string, evidence: TitleEvidence): boolean {
  const k = compact(kept);
  // What is left must still read as a headline: some letters, and more than the segment's share.
  if (k.length < 8 || segment.length > 80) return false;
  if (evidence.names.has(compact(segment))) return true;
  // Another source gives the title without it: a short segment only (a name, a section), never a subtitle.
  return evidence.titles.has(k) && segment.trim().split(/\s+/).length <= 4;
}
