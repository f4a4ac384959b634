/** One page as given (text or HTML, with what is known of it) turned into an Article with its text. */
import type * as Crypto from 'node:crypto';
import { createRequire } from 'node:module';
import { SCHEMA_VERSION } from '../article/schema-version.js';
import type { Article, Source } from '../article/types.js';
import { NewsdigestError } from '../errors.js';
import { renderHtml } from '../layout/html/render.js';
import { toIsoDate } from '../layout/meta/dates.js';
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

// node:crypto is loaded at the first page that needs an id made for it: pages given an id
// never need it, and loading it costs a fresh process a few ms of CPU.
const require = createRequire(import.meta.url);
let crypto: typeof Crypto | undefined;

/** A stable id from the content: the first 16 hex digits of its SHA-256. */
export function contentId(content: string): string {
  crypto ??= require('node:crypto') as typeof Crypto;
  return crypto.createHash('sha256').update(content).digest('hex').slice(0, 16);
}

/**
 * contentId of a text given as its UTF-8 bytes: the same id (SHA-256 hashes the text's
 * UTF-8 either way) without encoding the text again, ~2.5x less CPU on a page.
 */
export function contentIdOfUtf8(bytes: Uint8Array): string {
  crypto ??= require('node:crypto') as typeof Crypto;
  return crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

const HTML_START = /^\s*(?:<!doctype html|<html|<head|<body|<!--|<meta|<div|<p[\s>]|<article)/i;

/** True when a string given as "the page" is HTML rather than plain text. */
export function looksLikeHtml(content: string): boolean {
  return HTML_START.test(content.slice(0, 1024));
}

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
