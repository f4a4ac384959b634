/**
 * A streaming WARC reader (WARC/1.0 and 1.1, plain or gzip, one member per
 * record as Common Crawl ships CC-NEWS). Yields a page for each `response`
 * record whose HTTP status is 200 and whose body is HTML or plain text (and for
 * `resource` records holding HTML or plain text); other records are skipped
 * without being kept in memory, and each skip is told to `onSkipped` with the
 * record's number, target URL and the reason, for a caller to count and name.
 *
 * Our own reader over node:zlib rather than warcio: measured faster and lighter
 * on the same file, and it reports a truncated record by number (see
 * docs/DECISIONS.md (ingest section)).
 */
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { NewsdigestError } from '../errors.js';
import { ByteReader } from './byte-reader.js';
import type { ByteSource } from './byte-source.js';
import { decodeBytes } from './decode.js';
import type { PageInput } from './page.js';
import type { PageResult } from './read.js';

export interface WarcOptions {
  /** Largest record body kept (bytes); larger HTML records are skipped with an error. */
  maxRecordBytes?: number;
  /** Told of each record that is not a page (WARC and HTTP headers only: its block is never kept). */
  onSkipped?: (record: SkippedRecord) => void;
}

/**
 * Why a record gives no page: `not-a-page` (warcinfo, request, metadata, revisit … or a
 * response that is not HTTP), `status` (an HTTP status other than 200), `content-type` (a body
 * neither HTML nor plain text), `empty` (no body once decoded).
 */
export type SkipReason = 'not-a-page' | 'status' | 'content-type' | 'empty';

/** A record skipped, as `onSkipped` hears of it. */
export interface SkippedRecord {
  /** The WARC file as its pages' origins name it, and the record's number (1-based, as in `file#N`). */
  file: string;
  record: number;
  /** WARC-Target-URI, when the record has one. */
  url?: string;
  /** WARC-Type, lower case ("response", "request", "warcinfo" …; "" when absent). */
  type: string;
  reason: SkipReason;
  /** What the reason is about: "a request record", "HTTP 404", "image/png", "no body". */
  detail: string;
}

const DEFAULT_MAX_RECORD = 32 * 1024 * 1024;
const MAX_HEADER_LINE = 64 * 1024;

type Headers = Map<string, string>;

/** Reads header lines up to the blank line; null when the stream ends before any. */
async function readHeaders(reader: ByteReader): Promise<{ lines: string[]; bytes: number } | null> {
  const lines: string[] = [];
  let bytes = 0;
  for (;;) {
    const raw = await reader.readLine(MAX_HEADER_LINE);
    if (raw === null) return lines.length === 0 ? null : { lines, bytes: -1 };
    bytes += raw.length;
    const line = raw.toString('latin1').replace(/\r?\n$/, '');
    if (line === '') {
      if (lines.length === 0) continue; // blank lines between records
      return { lines, bytes };
    }
    lines.push(line);
  }
}

function headerMap(lines: readonly string[]): Headers {
  const map: Headers = new Map();
  let last = '';
  for (const line of lines) {
    if ((line[0] === ' ' || line[0] === '\t') && last) {
      map.set(last, `${map.get(last)} ${line.trim()}`); // folded continuation
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim().toLowerCase();
    map.set(last, line.slice(colon + 1).trim());
  }
  return map;
}

const HTML_TYPE = /^\s*(?:text\/html|application\/xhtml\+xml)\b/i;
/** Plain text, read as a text page (a .txt page is one). */
const TEXT_TYPE = /^\s*text\/plain\b/i;

function looksLikeHtmlBytes(body: Buffer): boolean {
  return /^\s*(?:<\?xml[^>]*>\s*)?<(?:!doctype|html|head|body|meta|!--)/i.test(
    body.subarray(0, 512).toString('latin1'),
  );
}

/** Undoes HTTP chunked transfer coding, for archives that stored it raw. */
function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let pos = 0;
  while (pos < body.length) {
    const eol = body.indexOf('\r\n', pos);
    if (eol === -1) break;
    const size = Number.parseInt(body.subarray(pos, eol).toString('latin1'), 16);
    if (!Number.isFinite(size) || size <= 0) break;
    parts.push(body.subarray(eol + 2, eol + 2 + size));
    pos = eol + 2 + size + 2;
  }
  return parts.length ? Buffer.concat(parts) : body;
}

function decodeContent(body: Buffer, coding: string | undefined): Buffer {
  switch (coding?.toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return gunzipSync(body);
    case 'deflate':
      return inflateSync(body);
    case 'br':
      return brotliDecompressSync(body);
    default:
      return body;
  }
}

class Truncated extends Error {}

/** Pages from a WARC byte stream (already gunzipped). `origin` names the file in messages. */
export async function* readWarc(
  source: ByteSource,
  origin: string,
  options: WarcOptions = {},
): AsyncGenerator<PageResult> {
  const maxRecord = options.maxRecordBytes ?? DEFAULT_MAX_RECORD;
  const reader = new ByteReader(source);
  const skips = new Map<SkipReason, number>();
  const onSkipped = options.onSkipped;
  const skipped = (record: SkippedRecord): void => {
    skips.set(record.reason, (skips.get(record.reason) ?? 0) + 1);
    onSkipped?.(record);
  };
  let n = 0;
  /** The record being read when something fails: the next one until its header is in (and its URL then). */
  let reading = 1;
  let readingUrl: string | undefined;
  let pages = 0;
  try {
    for (;;) {
      const head = await readHeaders(reader);
      if (head === null) break;
      n++;
      reading = n;
      readingUrl = undefined;
      const [version, ...rest] = head.lines;
      if (!version?.startsWith('WARC/')) {
        yield {
          ok: false,
          error: new NewsdigestError(
            'E_BAD_WARC',
            `${origin}#${n}`,
            `not a WARC record (starts with "${version?.slice(0, 40).replace(/[^\x20-\x7e]/g, '?')}"); reading stops here`,
          ),
        };
        return;
      }
      if (head.bytes < 0) throw new Truncated('its header ends early');
      const warc = headerMap(rest);
      readingUrl = warc.get('warc-target-uri')?.replace(/^<|>$/g, '') || undefined;
      const length = Number(warc.get('content-length'));
      if (!Number.isSafeInteger(length) || length < 0) {
        yield {
          ok: false,
          error: new NewsdigestError(
            'E_BAD_WARC',
            `${origin}#${n}`,
            'has no valid Content-Length; reading stops here',
          ),
        };
        return;
      }
      const page = await readRecord(reader, warc, length, maxRecord, origin, n, skipped);
      // Each block is followed by two CRLFs; tolerate archives that wrote fewer.
      reading = n + 1;
      readingUrl = undefined;
      if (page) {
        pages++;
        yield page;
      }
    }
  } catch (e) {
    const why = e instanceof Truncated ? e.message : (e as Error).message;
    yield {
      ok: false,
      error: new NewsdigestError(
        'E_BAD_WARC',
        origin,
        `record ${reading}${readingUrl ? ` (${readingUrl})` : ''} is truncated or corrupt (${why}); reading stopped`,
      ),
    };
    await reader.close().catch(() => {});
    return;
  }
  if (pages === 0) {
    yield {
      ok: false,
      error: new NewsdigestError(
        'E_NOTHING_READABLE',
        origin,
        `holds no HTML or text response records (${n} records read${skipSummary(skips)})`,
      ),
    };
  }
}

/** "; skipped: 3 not pages, 2 HTTP status not 200, 1 neither HTML nor text" (nothing when none were). */
function skipSummary(skips: ReadonlyMap<SkipReason, number>): string {
  const words: Record<SkipReason, string> = {
    'not-a-page': 'not pages (warcinfo, request, metadata, revisit …)',
    status: 'HTTP status not 200',
    'content-type': 'neither HTML nor text',
    empty: 'empty',
  };
  const parts = [...skips].map(
    ([reason, count]) =>
      `${count} ${count === 1 && reason === 'not-a-page' ? 'not a page (warcinfo, request, metadata, revisit …)' : words[reason]}`,
  );
  return parts.length ? `; skipped: ${parts.join(', ')}` : '';
}

/**
 * Reads one record's block; returns a result for HTML and text pages, undefined for records
 * skipped (each told to `skipped`).
 */
async function readRecord(
  reader: ByteReader,
  warc: Headers,
  length: number,
  maxRecord: number,
  file: string,
  record: number,
  skipped: (record: SkippedRecord) => void,
): Promise<PageResult | undefined> {
  const where = `${file}#${record}`;
  const type = warc.get('warc-type')?.toLowerCase() ?? '';
  const contentType = warc.get('content-type') ?? '';
  const isHttp = /^application\/http\b/i.test(contentType);
  const url = warc.get('warc-target-uri')?.replace(/^<|>$/g, '') || undefined;
  let left = length;
  let bodyType: string | undefined;
  let transfer: string | undefined;
  let coding: string | undefined;

  const skipRest = async (reason: SkipReason, detail: string): Promise<undefined> => {
    if ((await reader.skip(left)) < left)
      throw new Truncated(`its block is shorter than its Content-Length ${length}`);
    skipped({ file, record, ...(url ? { url } : {}), type, reason, detail });
    return undefined;
  };

  if (type === 'response' && isHttp) {
    const http = await readHeaders(reader);
    if (http === null || http.bytes < 0) throw new Truncated('its HTTP header ends early');
    left -= http.bytes;
    const status = /^HTTP\/\S+\s+(\d{3})/.exec(http.lines[0] ?? '')?.[1];
    if (status !== '200') return skipRest('status', status ? `HTTP ${status}` : 'no HTTP status line');
    const headers = headerMap(http.lines.slice(1));
    bodyType = headers.get('content-type');
    transfer = headers.get('transfer-encoding');
    coding = headers.get('content-encoding');
    if (bodyType !== undefined && !HTML_TYPE.test(bodyType) && !TEXT_TYPE.test(bodyType))
      return skipRest('content-type', mediaType(bodyType));
  } else if (type === 'resource' && (HTML_TYPE.test(contentType) || TEXT_TYPE.test(contentType))) {
    bodyType = contentType;
  } else if (type === 'resource') {
    return skipRest('content-type', mediaType(contentType));
  } else {
    return skipRest(
      'not-a-page',
      type === 'response'
        ? `a response record of ${mediaType(contentType)}, not HTTP`
        : `a ${type || 'untyped'} record`,
    );
  }

  if (left > maxRecord) {
    await reader.skip(left).then((got) => {
      if (got < left) throw new Truncated(`its block is shorter than its Content-Length ${length}`);
    });
    return {
      ok: false,
      error: new NewsdigestError(
        'E_TOO_LARGE',
        where,
        `${url ? `${url}: ` : ''}body of ${left} bytes is over the ${maxRecord}-byte limit`,
      ),
    };
  }
  const raw = await reader.read(left);
  if (raw.length < left) throw new Truncated(`its block is shorter than its Content-Length ${length}`);
  const skip = (reason: SkipReason, detail: string): undefined => {
    skipped({ file, record, ...(url ? { url } : {}), type, reason, detail });
    return undefined;
  };
  try {
    let body = /chunked/i.test(transfer ?? '') ? dechunk(raw) : raw;
    body = decodeContent(body, coding);
    if (bodyType === undefined && !looksLikeHtmlBytes(body))
      return skip('content-type', 'no content type, and not HTML');
    if (body.length === 0) return skip('empty', 'no body');
    const isText = TEXT_TYPE.test(bodyType ?? '');
    const decoded = decodeBytes(body, where, { contentType: bodyType });
    // The body first, as the page object has always listed it.
    const page: PageInput = isText ? { text: decoded.text } : { html: decoded.text };
    page.origin = where;
    page.encoding = decoded.encoding;
    page.encodingFrom = decoded.encodingFrom;
    const id = warc.get('warc-record-id')?.replace(/^<|>$/g, '');
    if (id) page.id = id;
    if (url) page.url = url;
    const date = warc.get('warc-date');
    if (date) page.fetchedAt = date;
    return { ok: true, page };
  } catch (e) {
    const named = url ? `${url}: ` : '';
    if (e instanceof NewsdigestError) {
      return { ok: false, error: new NewsdigestError(e.code, where, `${named}${e.message}`) };
    }
    return {
      ok: false,
      error: new NewsdigestError(
        'E_DECODE',
        where,
        `${named}body cannot be decoded (${(e as Error).message})`,
      ),
    };
  }
}

/** A content type without its parameters: "image/png" (or "no content type"). */
function mediaType(contentType: string): string {
  return contentType.split(';', 1)[0]!.trim().toLowerCase() || 'no content type';
}
