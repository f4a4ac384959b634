/**
 * The schema.org article a page describes about itself in JSON-LD: headline,
 * authors, dates, publisher, language and (often) the whole articleBody. Page
 * content is untrusted: bad JSON is skipped, sizes are bounded, and only string
 * values of the expected shape are read.
 */
import { decodeHtmlText } from '../../ingest/char-refs.js';

export interface JsonLdArticle {
  headline?: string;
  articleBody?: string;
  authors: string[];
  /** Author values that are organisations (never taken as people). */
  organisations: string[];
  datePublished?: string;
  dateModified?: string;
  publisher?: string;
  inLanguage?: string;
  dateline?: string;
}

const ARTICLE_TYPE = /article|posting|report|blog|story|webpage|creativework/i;
const MAX_NODES = 2000;
/** The most values the walk ever holds: a bound on the work a page's JSON-LD can ask for. */
const MAX_QUEUED = 50_000;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function typesOf(node: { [k: string]: Json }): string[] {
  const t = node['@type'];
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

/** Every object in the JSON-LD (top level, arrays, @graph, nested), breadth first, bounded. */
function objects(root: Json): { [k: string]: Json }[] {
  const out: { [k: string]: Json }[] = [];
  // A read index instead of shift(), and the queue capped, so that a hostile page's JSON-LD array of a
  // million items costs neither quadratic time nor a call-stack overflow (`push(...array)`).
  const queue: Json[] = [root];
  const enqueue = (v: Json) => {
    if (queue.length < MAX_QUEUED) queue.push(v);
  };
  for (let head = 0; head < queue.length && out.length < MAX_NODES; head++) {
    const v = queue[head]!;
    if (Array.isArray(v)) for (const item of v) enqueue(item);
    else if (v && typeof v === 'object') {
      out.push(v);
      for (const child of Object.values(v)) if (child && typeof child === 'object') enqueue(child);
    }
  }
  return out;
}

const str = (v: Json | undefined): string | undefined => {
  if (typeof v === 'string') return v.trim() || undefined;
  if (Array.isArray(v)) return str(v[0]);
  if (v && typeof v === 'object') return str(v['name'] ?? v['@value']);
  return undefined;
};

/** Removes markup some sites leave in articleBody and decodes character references. */
export function plainText(s: string): string {
  return decodeHtmlText(s.replace(/<[^>]{0,2000}>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

function names(v: Json | undefined, people: string[], orgs: string[]): void {
  if (v === undefined || v === null) return;
  if (Array.isArray(v)) {
    for (const x of v.slice(0, 20)) names(x, people, orgs);
    return;
  }
  if (typeof v === 'string') {
    if (v.trim()) people.push(v.trim());
    return;
  }
  if (typeof v === 'object') {
    const name = str(v['name']);
    if (!name) return;
    const types = typesOf(v).join(' ');
    if (/organi[sz]ation|corporation|newsmedia|brand/i.test(types)) orgs.push(name);
    else people.push(name);
  }
}

/** A comma before a closing bracket or brace, outside strings (the one slip pages' JSON-LD often has). */
const TRAILING_COMMA = /("(?:[^"\\]|\\.)*")|,(\s*[\]}])/g;

/** The JSON, else the same with trailing commas dropped (`"Science", ]`), else undefined. */
function parseLoose(text: string): Json | undefined {
  try {
    return JSON.parse(text) as Json;
  } catch {
    try {
      return JSON.parse(
        text.replace(
          TRAILING_COMMA,
          (_m, str: string | undefined, close: string | undefined) => str ?? close!,
        ),
      ) as Json;
    } catch {
      return undefined;
    }
  }
}

export function readJsonLd(scripts: readonly string[]): JsonLdArticle | undefined {
  let best: { [k: string]: Json } | undefined;
  let bestRank = -1;
  for (const script of scripts) {
    const root = parseLoose(script.trim().replace(/^<!--|-->$/g, ''));
    if (root === undefined) continue;
    for (const o of objects(root)) {
      const types = typesOf(o).join(' ');
      if (!ARTICLE_TYPE.test(types)) continue;
      // Prefer the object that says most: a body, then a headline; news types over WebPage.
      const rank =
        (typeof o['articleBody'] === 'string' ? 4 : 0) +
        (o['headline'] ? 2 : 0) +
        (/article|posting|report|story/i.test(types) ? 1 : 0);
      if (rank > bestRank) {
        best = o;
        bestRank = rank;
      }
    }
  }
  if (!best) return undefined;
  const authors: string[] = [];
  const organisations: string[] = [];
  names(best['author'], authors, organisations);
  names(best['creator'], authors, organisations);
  const out: JsonLdArticle = { authors, organisations };
  // A WebPage's "name" is often the site's name: only an article's name is its headline.
  const isArticle = /article|posting|report|story/i.test(typesOf(best).join(' '));
  const headline = str(best['headline']) ?? (isArticle ? str(best['name']) : undefined);
  if (headline) out.headline = plainText(headline);
  const body = best['articleBody'];
  if (typeof body === 'string' && body.trim()) out.articleBody = plainText(body);
  const published = str(best['datePublished']) ?? str(best['dateCreated']);
  if (published) out.datePublished = published;
  const modified = str(best['dateModified']);
  if (modified) out.dateModified = modified;
  const publisher = str(best['publisher']) ?? str(best['sourceOrganization']);
  if (publisher) out.publisher = plainText(publisher);
  const lang = str(best['inLanguage']);
  if (lang) out.inLanguage = lang;
  const dateline = str(best['dateline']) ?? str(best['locationCreated']);
  if (dateline) out.dateline = plainText(dateline);
  return out;
}
