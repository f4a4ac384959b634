/**
 * Turns inputs (files, folders, globs, "-" for stdin) into pages, one at a time,
 * streaming: a multi-GB WARC or JSONL is read in chunks and never held whole.
 *
 * Formats: .txt and .html pages, JSONL (.jsonl, .ndjson, also gzipped), RSS/Atom
 * feeds (.rss, .atom, .xml), WARC (.warc, .warc.gz). Stdin, and files whose
 * extension says nothing, are recognised by their first bytes. Every problem is
 * an error value naming the input; reading goes on with the next item.
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readFileSync, readSync, type Stats, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, isAbsolute, join } from 'node:path';
import { NewsdigestError } from '../errors.js';
import {
  type ByteSource,
  countFileBytes,
  fileChunks,
  gunzipChunks,
  isGzip,
  peek,
  readAllBytes,
} from './byte-source.js';
import { contentIdOfUtf8 } from './content-id.js';
import {
  charsetOfDocument,
  chooseEncoding,
  createStreamDecoder,
  type Decoded,
  decodeChosen,
  type EncodingChoice,
  type EncodingFrom,
  InvalidCounter,
  resolveEncoding,
  sniffBom,
} from './decode.js';
import { setLazyUtf8Html } from './lazy-html.js';
import { looksLikeHtml } from './looks-like-html.js';
import type { PageInput } from './page.js';
import { hasReplacementChar, isBlankUtf8View, latin1View } from './utf8-view.js';
import type { SkippedRecord } from './warc.js';

// The readers of WARC, JSONL and feeds (htmlparser2 and the entities tables with them) and
// the glob matcher are loaded when an input needs them: a run over HTML or text pages
// never does, and loading them all cost a fresh process ~50-100 ms of CPU before its
// first page (docs/DECISIONS.md (layout-fresh-2)).

export type PageResult = { ok: true; page: PageInput } | { ok: false; error: NewsdigestError };

export interface ReadOptions {
  /** Read from this stream for the input "-" (default process.stdin). */
  stdin?: NodeJS.ReadableStream;
  /** Largest single page or JSONL line, in bytes (default 64 MB). */
  maxPageBytes?: number;
  /** Largest WARC record body kept, in bytes (default 32 MB). */
  maxRecordBytes?: number;
  /**
   * Told of each WARC record that gives no page (a request or metadata record, an HTTP status
   * other than 200, an image …) with its number, URL and why; the read goes on. Skips are not
   * errors: without this they go unsaid (src/ingest/skipped.ts sums them up for a message).
   */
  onSkipped?: (record: SkippedRecord) => void;
}

type Format = 'text' | 'html' | 'jsonl' | 'feed' | 'warc';

/** Formats by extension (after a trailing .gz is taken off). */
const FORMAT_OF_EXT: Record<string, Format> = {
  txt: 'text',
  text: 'text',
  md: 'text',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  rss: 'feed',
  atom: 'feed',
  xml: 'feed',
  warc: 'warc',
};

/** The extensions a folder walk reads, as error messages list them (from the table, so they cannot drift). */
const READABLE_EXTENSIONS = Object.keys(FORMAT_OF_EXT)
  .map((e) => `.${e}`)
  .join(', ');

const DEFAULT_MAX_PAGE = 64 * 1024 * 1024;
/** Bytes looked at to recognise a format and to tell text from binary. */
const SNIFF_BYTES = 8192;
const GLOB_CHARS = /[*?[\]{}]/;

function failure(code: NewsdigestError['code'], input: string, message: string): PageResult {
  return { ok: false, error: new NewsdigestError(code, input, message) };
}

/** The format an extension names, and whether the name says gzip. */
export function formatOfName(name: string): { format?: Format; gzip: boolean } {
  const lower = basename(name).toLowerCase();
  const gzip = lower.endsWith('.gz');
  const stem = gzip ? lower.slice(0, -3) : lower;
  const dot = stem.lastIndexOf('.');
  const format = dot > 0 ? FORMAT_OF_EXT[stem.slice(dot + 1)] : undefined;
  return format ? { format, gzip } : { gzip };
}

/** XML declaration, processing instructions and comments that may open a document. */
const PROLOGUE = /^(?:<\?[^>]*>\s*|<!--[\s\S]*?-->\s*)*/;

/** The format of a stream from its first (decompressed) bytes. */
export function sniffFormat(head: Buffer): Format {
  const start = head
    .subarray(0, 1024)
    .toString('latin1')
    .replace(/^\xef\xbb\xbf/, '')
    .trimStart();
  if (start.startsWith('WARC/')) return 'warc';
  if (start.startsWith('{')) return 'jsonl';
  const body = start.replace(PROLOGUE, '');
  if (/^<(?:rss|feed|rdf:RDF)\b/.test(body)) return 'feed';
  if (looksLikeHtml(body)) return 'html'; // XHTML too, after its XML declaration
  // Other XML: read as a feed, so that the error names its root element.
  if (start.startsWith('<?xml')) return 'feed';
  return 'text';
}

/** The control bytes looksBinary counts: below 0x20 but tab, LF, FF, CR and ESC (NUL is tested before). */
const COUNTED_CONTROL = /[\x01-\x08\x0b\x0e-\x1a\x1c-\x1f]/;

/** NUL bytes, or many control characters, in the first bytes: not a text page (UTF-16 with a BOM aside). */
export function looksBinary(head: Buffer): boolean {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return false;
  const sample = head.subarray(0, SNIFF_BYTES);
  if (sample.includes(0)) return true;
  // Most pages hold none of the counted control bytes: one native scan says so (latin1 maps
  // each byte to the character of the same code), before any byte is counted one by one.
  if (!COUNTED_CONTROL.test(sample.toString('latin1'))) return false;
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i]!;
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 12 && b !== 13 && b !== 27) controls++;
  }
  return controls > sample.length * 0.05;
}

async function* asBytes(stream: AsyncIterable<unknown>): AsyncGenerator<Uint8Array> {
  for await (const chunk of stream) {
    yield typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array);
  }
}

/** Pages from one stream of bytes; `origin` names it in every message. */
async function* readStream(
  raw: ByteSource,
  origin: string,
  named: { format?: Format; gzip: boolean },
  options: ReadOptions,
): AsyncGenerator<PageResult> {
  let { head, rest, error } = await peek(raw, SNIFF_BYTES);
  if (head.length === 0) {
    yield error
      ? failure('E_IO', origin, `cannot be read (${error.message})`)
      : failure('E_EMPTY', origin, 'is empty');
    return;
  }
  if (isGzip(head)) {
    ({ head, rest, error } = await peek(gunzipChunks(rest), SNIFF_BYTES));
    if (head.length === 0 && named.format !== 'warc') {
      yield error
        ? failure('E_IO', origin, `is not readable gzip (${error.message})`)
        : failure('E_EMPTY', origin, 'is empty (once decompressed)');
      return;
    }
  }
  const format = named.format ?? sniffFormat(head);
  if (format === 'warc') {
    const { readWarc } = await import('./warc.js');
    yield* readWarc(rest, origin, {
      ...(options.maxRecordBytes !== undefined ? { maxRecordBytes: options.maxRecordBytes } : {}),
      ...(options.onSkipped ? { onSkipped: options.onSkipped } : {}),
    });
    return;
  }
  if (looksBinary(head)) {
    yield failure('E_BINARY', origin, 'is a binary file, not text or HTML');
    return;
  }
  if (format === 'jsonl') {
    const { readJsonlPages } = await import('./jsonl.js');
    yield* readJsonlPages(rest, origin, options.maxPageBytes);
    return;
  }
  if (format === 'feed') {
    yield* readFeed(rest, head, origin);
    return;
  }
  const max = options.maxPageBytes ?? DEFAULT_MAX_PAGE;
  let bytes: Buffer;
  try {
    bytes = await readAllBytes(rest, max);
  } catch (e) {
    if (e instanceof RangeError) yield failure('E_TOO_LARGE', origin, `is ${e.message} (a single page)`);
    else yield failure('E_IO', origin, `cannot be read (${(e as Error).message})`);
    return;
  }
  let choice: EncodingChoice;
  try {
    choice = chooseEncoding(bytes, origin, { sniffDocument: format === 'html' });
  } catch (e) {
    yield { ok: false, error: e as NewsdigestError };
    return;
  }
  // An HTML page of valid UTF-8 travels as the one-byte view of its bytes and is decoded only
  // where something reads it (lazy-html.ts; the layout renders the view). The checks made on
  // the decoded text are made on the view: a U+FFFD in the page (which the share of invalid
  // characters counts) sends it the decoded way, where that share is judged as before.
  let view: string | undefined;
  if (format === 'html' && choice.wholeValidUtf8) {
    view = latin1View(bytes);
    if (hasReplacementChar(view)) view = undefined;
  }
  let decoded: Decoded | undefined;
  if (view === undefined) {
    try {
      decoded = decodeChosen(choice, origin);
    } catch (e) {
      yield { ok: false, error: e as NewsdigestError };
      return;
    }
  }
  if (view !== undefined ? isBlankUtf8View(view) : decoded!.text.trim() === '') {
    yield failure('E_EMPTY', origin, 'holds only white space');
    return;
  }
  const page: PageInput = { origin, encoding: choice.encoding, encodingFrom: choice.encodingFrom };
  if (view !== undefined) setLazyUtf8Html(page, view);
  else if (format === 'html') page.html = decoded!.text;
  else page.text = decoded!.text;
  // The id pageToArticle would make (a hash of the text's UTF-8), taken from the bytes when
  // they are that UTF-8: hashing them costs less than encoding the text again.
  // chooseEncoding has said when they are (one check of the bytes instead of two).
  const utf8 = choice.wholeValidUtf8 ? bytes : utf8Of(bytes, choice.encoding);
  if (utf8) page.id = contentIdOfUtf8(utf8);
  yield { ok: true, page };
}

/**
 * The bytes that are exactly the UTF-8 encoding of what decodeBytes made of them: a page
 * decoded as UTF-8, without its byte-order mark, valid UTF-8 (so nothing was replaced).
 */
function utf8Of(bytes: Buffer, encoding: string): Uint8Array | undefined {
  if (encoding !== 'utf-8') return undefined;
  const bom = sniffBom(bytes);
  if (bom && bom.encoding !== 'utf-8') return undefined;
  const body = bom ? bytes.subarray(bom.length) : bytes;
  return isUtf8(body) ? body : undefined;
}

/**
 * Feed items, streaming: the encoding comes from the first bytes (BOM, else the XML
 * declaration, else UTF-8 as XML prescribes), the bytes are decoded chunk by chunk
 * and parsed as they come, and each item is handed on as it closes.
 */
async function* readFeed(rest: ByteSource, head: Buffer, origin: string): AsyncGenerator<PageResult> {
  const bom = sniffBom(head);
  const declared = charsetOfDocument(head);
  const resolved = declared ? resolveEncoding(declared) : undefined;
  const encoding = bom?.encoding ?? resolved ?? 'utf-8';
  const encodingFrom: EncodingFrom = bom ? 'bom' : resolved ? 'meta' : 'default';
  const decoder = createStreamDecoder(encoding);
  const invalid = new InvalidCounter();
  const { FeedReader } = await import('./feed.js');
  const reader = new FeedReader(origin);
  const tag = (results: PageResult[]): PageResult[] => {
    for (const r of results) {
      if (r.ok) {
        r.page.encoding = encoding;
        r.page.encodingFrom = encodingFrom;
      }
    }
    return results;
  };
  const undecodable = () =>
    failure(
      'E_DECODE',
      origin,
      `cannot be decoded as ${encoding}: ${Math.round(invalid.share(0) * 100)}% of its characters are invalid; reading stopped`,
    );
  for await (const chunk of rest) {
    const text = decoder.write(chunk);
    invalid.add(text);
    if (invalid.tooMany) {
      yield undecodable();
      return;
    }
    const results = tag(reader.write(text));
    yield* results;
    if (results.some((r) => !r.ok && r.error.code === 'E_BAD_FEED')) return;
  }
  const last = decoder.end();
  invalid.add(last);
  if (invalid.share(0) > 0.01) {
    yield undecodable();
    return;
  }
  yield* tag(reader.write(last));
  yield* tag(reader.end());
}

/** Files up to this size are read in one call; larger ones (WARC, JSONL, feeds) stream in chunks. */
const WHOLE_FILE = 8 << 20;

/**
 * One buffer that a readPages call reads its plain pages (.html, .txt … not gzipped by name)
 * into, one after the other: a page's bytes are decoded, checked and hashed before the page
 * is handed on (readStream below), and nothing keeps them, so the next page may overwrite
 * them. A fresh buffer per page cost the fresh process ~10 ms of CPU over the 121 benchmark
 * pages (new memory touched page by page, and V8 told of 21.5 MB of outside memory, which
 * brings garbage collections forward: docs/DECISIONS.md (layout-8)). Per call, not per module:
 * two readPages iterated side by side never share one.
 */
interface ReadBuffer {
  bytes: Buffer;
}

/**
 * The bytes of a regular file no larger than WHOLE_FILE, or undefined (larger, not a
 * regular file, or not readable: the stream then reads it, or reports why it cannot).
 * One synchronous read (a page blocks the event loop for well under a millisecond)
 * costs far less CPU than a stream or the promise API's several round trips
 * (docs/DECISIONS.md (layout-fresh-2)). With `into`, the bytes are a view of its buffer
 * (grown when a file needs more), valid until the next call with it.
 */
function wholeFile(path: string, into: ReadBuffer | undefined): Buffer | undefined {
  if (!into) {
    try {
      const info = statSync(path);
      return info.isFile() && info.size <= WHOLE_FILE ? readFileSync(path) : undefined;
    } catch {
      return undefined;
    }
  }
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const info = fstatSync(fd);
    if (!info.isFile() || info.size > WHOLE_FILE) return undefined;
    // One byte more than the file holds: a read that fills the buffer means the file grew
    // since fstat, and it is then read again on its own.
    if (into.bytes.length <= info.size)
      into.bytes = Buffer.allocUnsafeSlow(Math.max(info.size + 1, 2 * into.bytes.length));
    const buffer = into.bytes;
    let have = 0;
    for (;;) {
      const got = readSync(fd, buffer, have, buffer.length - have, null);
      if (got === 0) break;
      have += got;
      if (have === buffer.length) return readFileSync(path);
    }
    return buffer.subarray(0, have);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Whether a file's bytes may go to a ReadBuffer: a plain page, whose bytes are done with before it is yielded. */
function readsIntoBuffer(named: { format?: Format; gzip: boolean }): boolean {
  return !named.gzip && (named.format === 'html' || named.format === 'text');
}

async function* once(bytes: Buffer): AsyncGenerator<Uint8Array> {
  if (bytes.length > 0) yield bytes;
}

async function* readPath(
  path: string,
  options: ReadOptions,
  buffer?: ReadBuffer,
): AsyncGenerator<PageResult> {
  const named = formatOfName(path);
  const whole = wholeFile(path, readsIntoBuffer(named) ? buffer : undefined);
  const file = whole ? undefined : fileChunks(path);
  if (whole) countFileBytes(whole.length);
  try {
    yield* readStream(whole ? once(whole) : file!, path, named, options);
  } catch (e) {
    if (e instanceof NewsdigestError) {
      yield { ok: false, error: e };
      return;
    }
    const err = e as NodeJS.ErrnoException;
    const why =
      err.code === 'EACCES' ? 'permission denied' : err.code === 'ENOENT' ? 'no such file' : err.message;
    yield failure('E_IO', path, `cannot be read (${why})`);
  } finally {
    // Formats that stop early (binary, not a feed, a consumer that breaks off) leave the file open otherwise.
    file?.destroy();
  }
}

async function* walk(dir: string): AsyncGenerator<string> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue; // hidden files and folders (.git …)
    const path = join(dir, e.name);
    if (e.isDirectory()) yield* walk(path);
    else if (e.isFile()) yield path;
  }
}

async function* readDirectory(
  dir: string,
  options: ReadOptions,
  buffer: ReadBuffer,
): AsyncGenerator<PageResult> {
  let found = 0;
  try {
    for await (const path of walk(dir)) {
      if (!formatOfName(path).format) continue;
      found++;
      yield* readPath(path, options, buffer);
    }
  } catch (e) {
    yield failure('E_IO', dir, `cannot be listed (${(e as Error).message})`);
    return;
  }
  if (found === 0) {
    yield failure(
      'E_NOTHING_READABLE',
      dir,
      `holds no readable files (${READABLE_EXTENSIONS}, each optionally .gz)`,
    );
  }
}

export async function* readPages(
  inputs: readonly string[],
  options: ReadOptions = {},
): AsyncGenerator<PageResult> {
  const buffer: ReadBuffer = { bytes: Buffer.alloc(0) };
  for (const input of inputs) {
    if (input === '-') {
      try {
        yield* readStream(asBytes(options.stdin ?? process.stdin), 'stdin', { gzip: false }, options);
      } catch (e) {
        yield failure('E_IO', 'stdin', `cannot be read (${(e as Error).message})`);
      }
      continue;
    }
    // Synchronous, as the small files' reads: a promise round trip per input cost ~8 ms of CPU
    // more over 121 file arguments.
    let info: Stats | undefined;
    try {
      info = statSync(input);
    } catch {
      info = undefined;
    }
    if (info?.isDirectory()) {
      yield* readDirectory(input, options, buffer);
    } else if (info) {
      yield* readPath(input, options, buffer);
    } else if (GLOB_CHARS.test(input)) {
      const { glob } = await import('tinyglobby');
      const paths = (
        await glob([input], { onlyFiles: true, expandDirectories: false, absolute: isAbsolute(input) })
      ).sort();
      if (paths.length === 0) yield failure('E_NOT_FOUND', input, 'no file matches this pattern');
      for (const path of paths) yield* readPath(path, options, buffer);
    } else {
      yield failure('E_NOT_FOUND', input, 'no such file or directory');
    }
  }
}
