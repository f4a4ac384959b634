/** Byte streams for ingest: files in chunks, a peek at the first bytes, gunzip on the fly. */
import { createReadStream, type ReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { pipeline, Readable } from 'node:stream';
import type * as Zlib from 'node:zlib';

// node:zlib is loaded at the first gzip input: a run over plain pages never needs it, and
// loading it costs a fresh process 1-2 ms. (node:stream comes with node:fs's ES module
// anyway: importing node:fs from an ES module reads its stream classes.)
const require = createRequire(import.meta.url);
let zlib: typeof Zlib | undefined;

export type ByteSource = AsyncIterable<Uint8Array>;

/** Chunk size for files: large enough to keep syscalls rare, small enough not to matter for memory. */
const CHUNK = 1 << 16;
/** How far decompression may run ahead of the reader (bytes): constant, small. */
const INFLATE_AHEAD = 1 << 20;

/** Bytes read from files by streams already closed, and by whole-file reads (fileBytesRead). */
let closedBytes = 0;
/** File streams still open, whose `bytesRead` grows as they are read. */
const openStreams = new Set<ReadStream>();

/** A file's bytes in chunks; `destroy()` it to release the file when reading stops early. */
export function fileChunks(path: string): ReadStream {
  const stream = createReadStream(path, { highWaterMark: CHUNK });
  openStreams.add(stream);
  stream.once('close', () => {
    openStreams.delete(stream);
    closedBytes += stream.bytesRead;
  });
  return stream;
}

/** Counts a file read whole (not through fileChunks) in fileBytesRead. */
export function countFileBytes(bytes: number): void {
  closedBytes += bytes;
}

/**
 * Decompressions under way: the compressed bytes handed to each and the gunzip stream, whose
 * `bytesWritten` says how many of them it has inflated (fileBytesRead).
 */
const inflating = new Set<{ fed: number; gunzip: Zlib.Gunzip }>();

/**
 * How many bytes of input files this thread has taken in so far, as stored on disk, for a
 * progress display's share of the inputs' total size. A gzip file counts its compressed bytes as
 * far as they have been decompressed, not as far as they have been read: the decompression's
 * input buffer would otherwise put the count megabytes ahead of the pages given out.
 */
export function fileBytesRead(): number {
  let bytes = closedBytes;
  for (const stream of openStreams) bytes += stream.bytesRead;
  for (const { fed, gunzip } of inflating) bytes -= Math.max(0, fed - gunzip.bytesWritten);
  return Math.max(0, bytes);
}

export function isGzip(head: Uint8Array): boolean {
  return head[0] === 0x1f && head[1] === 0x8b;
}

/**
 * The first `n` bytes of a stream (fewer if it is shorter) and the whole stream
 * again, those bytes included, for reading on. A read error met while peeking is
 * held back and thrown where it happened, after the bytes before it; `error`
 * tells it early.
 */
export async function peek(
  source: ByteSource,
  n: number,
): Promise<{ head: Buffer; rest: ByteSource; error?: Error }> {
  const it = source[Symbol.asyncIterator]();
  const seen: Buffer[] = [];
  let have = 0;
  let ended = false;
  let error: Error | undefined;
  while (have < n) {
    let next: IteratorResult<Uint8Array>;
    try {
      next = await it.next();
    } catch (e) {
      error = e instanceof Error ? e : new Error(String(e));
      ended = true;
      break;
    }
    if (next.done) {
      ended = true;
      break;
    }
    const b = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
    seen.push(b);
    have += b.length;
  }
  // One chunk (a whole small file) is the head as it is: no copy of the page.
  const head = seen.length === 1 ? seen[0]! : Buffer.concat(seen, have);
  async function* rest(): AsyncGenerator<Uint8Array> {
    if (head.length > 0) yield head;
    if (error) throw error;
    if (ended) return;
    try {
      for (;;) {
        const next = await it.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      await it.return?.();
    }
  }
  const out: { head: Buffer; rest: ByteSource; error?: Error } = { head: head.subarray(0, n), rest: rest() };
  if (error) out.error = error;
  return out;
}

/**
 * Decompresses a gzip stream, concatenated members included (a WARC.gz is one
 * member per record). A truncated or corrupt stream makes iteration throw.
 */
export function gunzipChunks(source: ByteSource): ByteSource {
  // zlib inflates on the libuv thread pool: a deep output buffer lets it run ahead
  // of the parser on the other core instead of waiting for each chunk to be taken.
  // (zlib streams take Transform options; @types/node does not list them.)
  zlib ??= require('node:zlib') as typeof Zlib;
  const gunzip = zlib.createGunzip({ chunkSize: CHUNK, highWaterMark: INFLATE_AHEAD } as Zlib.ZlibOptions);
  const entry = { fed: 0, gunzip };
  inflating.add(entry);
  gunzip.once('close', () => inflating.delete(entry));
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const chunk of source) {
      entry.fed += chunk.byteLength;
      yield chunk;
    }
  }
  pipeline(Readable.from(counted(), { objectMode: false, highWaterMark: INFLATE_AHEAD }), gunzip, () => {
    // errors reach the consumer through `gunzip`, which pipeline destroys with them
  });
  return gunzip;
}

/** Reads a whole (small) stream into one buffer; throws a RangeError past `max` bytes. */
export async function readAllBytes(source: ByteSource, max: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let have = 0;
  for await (const chunk of source) {
    have += chunk.byteLength;
    if (have > max) throw new RangeError(`larger than ${max} bytes`);
    parts.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }
  // A stream of one chunk (a small file read whole, a peeked head) needs no copy.
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts, have);
}
