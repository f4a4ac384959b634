/**
 * JSONL pages, one JSON object a line: `{id?, url?, text? | html?, title?,
 * published?, fetchedAt?}`; the story may also be under one of STORY_KEYS
 * (`article`, `body`, `content`, `story`, `document`, `maintext`: the names news
 * data sets use). Read line by line from a byte stream (a .jsonl.gz is
 * gunzipped on the way), so a file of any size runs in constant memory. A bad
 * line is an error value naming `file:line`; the lines after it are still read.
 */
import { isUtf8 } from 'node:buffer';
import { NewsdigestError } from '../errors.js';
import { ByteReader } from './byte-reader.js';
import type { ByteSource } from './byte-source.js';
import { looksLikeHtml } from './looks-like-html.js';
import type { PageInput } from './page.js';
import type { PageResult } from './read.js';

/** Longest line accepted by default (one article with its HTML). */
const DEFAULT_MAX_LINE = 64 * 1024 * 1024;

function fail(
  code: 'E_BAD_JSON' | 'E_BAD_RECORD' | 'E_DECODE' | 'E_TOO_LARGE',
  where: string,
  message: string,
): PageResult {
  return { ok: false, error: new NewsdigestError(code, where, message) };
}

function optionalString(r: Record<string, unknown>, key: string): string | undefined {
  const value = r[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Keys that hold the story when a record has neither "html" nor "text", first found first:
 * CNN/DailyMail and FRANK (`article`), news-please (`maintext`), XSum and Multi-News
 * (`document`), scrapers' `body`, `content` and `story`. Their value is read as text, or
 * as HTML when it starts as an HTML document or fragment does (looksLikeHtml).
 */
export const STORY_KEYS = ['article', 'body', 'content', 'story', 'document', 'maintext'] as const;

/** What a JSON value is, for a message: "a string", "an array", "null" … */
function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** The keys a record has, for a message: `it has "id" (a string), "highlights" (an array)`, at most 12. */
function describeKeys(r: Record<string, unknown>): string {
  const keys = Object.keys(r);
  if (keys.length === 0) return 'it has no keys';
  const named = keys.slice(0, 12).map((k) => `${JSON.stringify(k)} (${kindOf(r[k])})`);
  return `it has ${named.join(', ')}${keys.length > 12 ? `, and ${keys.length - 12} more` : ''}`;
}

/** One parsed line as a page, or the reason it is not one. */
export function recordToPage(record: unknown, where: string): PageResult {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return fail(
      'E_BAD_RECORD',
      where,
      `expected a JSON object with "text" or "html", found ${kindOf(record)}`,
    );
  }
  const r = record as Record<string, unknown>;
  const html = r['html'];
  const text = r['text'];
  // JSON is Unicode by definition (RFC 8259): the encoding is given by the format.
  const page: PageInput = { origin: where, encoding: 'utf-8', encodingFrom: 'given' };
  if (typeof html === 'string') page.html = html;
  else if (typeof text === 'string') page.text = text;
  else {
    const key = storyKey(r);
    if (key === undefined) {
      return fail(
        'E_BAD_RECORD',
        where,
        `expected an object with "text" or "html" (a string), or the story under ${STORY_KEYS.map((k) => `"${k}"`).join(', ')}; ${describeKeys(r)}`,
      );
    }
    const story = r[key] as string;
    if (looksLikeHtml(story)) page.html = story;
    else page.text = story;
  }
  const id = r['id'];
  if (typeof id === 'string' && id !== '') page.id = id;
  else if (typeof id === 'number' && Number.isFinite(id)) page.id = String(id);
  const url = optionalString(r, 'url');
  if (url) page.url = url;
  const title = optionalString(r, 'title');
  if (title) page.title = title;
  const published = optionalString(r, 'published');
  if (published) page.published = published;
  const fetchedAt = optionalString(r, 'fetchedAt');
  if (fetchedAt) page.fetchedAt = fetchedAt;
  return { ok: true, page };
}

/** The first of STORY_KEYS with a non-empty string, else the first with a string (empty: an E_EMPTY later). */
function storyKey(r: Record<string, unknown>): string | undefined {
  let empty: string | undefined;
  for (const key of STORY_KEYS) {
    const v = r[key];
    if (typeof v !== 'string') continue;
    if (v.trim() !== '') return key;
    empty ??= key;
  }
  return empty;
}

export async function* readJsonlPages(
  source: ByteSource,
  origin: string,
  maxLine = DEFAULT_MAX_LINE,
): AsyncGenerator<PageResult> {
  const reader = new ByteReader(source);
  let lineNo = 0;
  let records = 0;
  for (;;) {
    let line: Buffer | null;
    try {
      line = await reader.readLine(maxLine);
    } catch (e) {
      if (e instanceof RangeError) {
        // One over-long line is one bad record: the reader has skipped it; go on.
        lineNo++;
        records++;
        yield fail('E_TOO_LARGE', `${origin}:${lineNo}`, `is a ${e.message}; skipped`);
        continue;
      }
      const where = lineNo === 0 ? 'from its start' : `past line ${lineNo}`;
      yield fail('E_BAD_JSON', origin, `cannot be read ${where} (${(e as Error).message})`);
      await reader.close().catch(() => {});
      return;
    }
    if (line === null) break;
    lineNo++;
    let end = line.length;
    while (end > 0 && (line[end - 1] === 10 || line[end - 1] === 13)) end--;
    let start = 0;
    if (lineNo === 1 && line[0] === 0xef && line[1] === 0xbb && line[2] === 0xbf) start = 3;
    const bytes = line.subarray(start, end);
    if (bytes.length === 0 || /^\s*$/.test(bytes.length < 64 ? bytes.toString('latin1') : 'x')) continue;
    const where = `${origin}:${lineNo}`;
    records++;
    if (!isUtf8(bytes)) {
      yield fail('E_DECODE', where, 'is not valid UTF-8 (JSONL must be UTF-8)');
      continue;
    }
    let record: unknown;
    try {
      record = JSON.parse(bytes.toString('utf8'));
    } catch (e) {
      yield fail('E_BAD_JSON', where, `not valid JSON (${(e as Error).message})`);
      continue;
    }
    yield recordToPage(record, where);
  }
  if (records === 0 && lineNo > 0) {
    yield { ok: false, error: new NewsdigestError('E_EMPTY', origin, 'holds only blank lines') };
  }
}
