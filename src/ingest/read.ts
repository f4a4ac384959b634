/**
 * Turns the CLI's inputs (files, folders, "-" for stdin) into pages, one at a time.
 * First version: .txt, .html/.htm, .jsonl files, folders walked recursively.
 * Each unreadable input yields an error value and reading goes on.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { NewsdigestError } from '../errors.js';
import type { PageInput } from './page.js';

export type PageResult = { ok: true; page: PageInput } | { ok: false; error: NewsdigestError };

export interface ReadOptions {
  /** Read from this stream for the input "-" (default process.stdin). */
  stdin?: NodeJS.ReadableStream;
}

const HTML_EXT = new Set(['.html', '.htm', '.xhtml']);
const TEXT_EXT = new Set(['.txt', '.text', '.md']);

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

async function* walk(dir: string): AsyncGenerator<string> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) yield* walk(path);
    else if (e.isFile()) yield path;
  }
}

function* pagesOfJsonl(content: string, origin: string): Generator<PageResult> {
  const lines = content.split('\n');
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const where = `${origin}:${i + 1}`;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (e) {
      yield {
        ok: false,
        error: new NewsdigestError('E_BAD_JSON', where, `not valid JSON (${(e as Error).message})`),
      };
      continue;
    }
    const r = record as Record<string, unknown>;
    if (
      typeof r !== 'object' ||
      r === null ||
      (typeof r['text'] !== 'string' && typeof r['html'] !== 'string')
    ) {
      yield {
        ok: false,
        error: new NewsdigestError('E_BAD_RECORD', where, 'expected an object with "text" or "html"'),
      };
      continue;
    }
    const page: PageInput = { origin: where };
    if (typeof r['id'] === 'string' || typeof r['id'] === 'number') page.id = String(r['id']);
    if (typeof r['url'] === 'string') page.url = r['url'];
    if (typeof r['html'] === 'string') page.html = r['html'];
    else page.text = r['text'] as string;
    yield { ok: true, page };
  }
}

async function* pagesOfFile(path: string, bytes: Buffer): AsyncGenerator<PageResult> {
  const ext = extname(path).toLowerCase();
  if (bytes.length === 0) {
    yield { ok: false, error: new NewsdigestError('E_EMPTY', path, 'is empty') };
    return;
  }
  if (bytes.subarray(0, 8000).includes(0)) {
    yield { ok: false, error: new NewsdigestError('E_BINARY', path, 'is a binary file, not text or HTML') };
    return;
  }
  const content = bytes.toString('utf8');
  if (ext === '.jsonl' || ext === '.ndjson') {
    yield* pagesOfJsonl(content, path);
    return;
  }
  const isHtml = HTML_EXT.has(ext) || (!TEXT_EXT.has(ext) && /^\s*<(?:!doctype|html)/i.test(content));
  yield { ok: true, page: isHtml ? { html: content, origin: path } : { text: content, origin: path } };
}

export async function* readPages(
  inputs: readonly string[],
  options: ReadOptions = {},
): AsyncGenerator<PageResult> {
  for (const input of inputs) {
    if (input === '-') {
      yield* pagesOfFile('stdin', await readAll(options.stdin ?? process.stdin));
      continue;
    }
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(input);
    } catch {
      yield { ok: false, error: new NewsdigestError('E_NOT_FOUND', input, 'no such file or directory') };
      continue;
    }
    if (info.isDirectory()) {
      let found = 0;
      for await (const path of walk(input)) {
        const ext = extname(path).toLowerCase();
        if (!HTML_EXT.has(ext) && !TEXT_EXT.has(ext) && ext !== '.jsonl') continue;
        found++;
        yield* pagesOfFile(path, await readFile(path));
      }
      if (found === 0) {
        yield {
          ok: false,
          error: new NewsdigestError('E_NOTHING_READABLE', input, 'holds no .txt, .html or .jsonl files'),
        };
      }
      continue;
    }
    yield* pagesOfFile(input, await readFile(input));
  }
}
