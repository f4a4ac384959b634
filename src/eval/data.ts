/** Reading evaluation data: JSONL (plain or gzip) line by line, with errors that name file and line. */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { NewsdigestError } from '../errors.js';

/** The default data folder: ../shared/data beside the project, or $NEWSDIGEST_DATA. */
export function defaultDataDir(): string {
  return process.env['NEWSDIGEST_DATA'] ?? resolve(process.cwd(), '../shared/data');
}

export function requireFile(path: string): void {
  if (!existsSync(path)) throw new NewsdigestError('E_NOT_FOUND', path, 'no such file or directory');
}

export function requireDir(path: string): void {
  requireFile(path);
  if (!statSync(path).isDirectory()) throw new NewsdigestError('E_BAD_OPTION', path, 'is not a directory');
}

/** Yields each non-blank line of a text file (gunzipped when it ends in .gz), with its 1-based number. */
export async function* readLines(path: string): AsyncGenerator<[string, number]> {
  requireFile(path);
  const raw = createReadStream(path);
  const stream = path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() !== '') yield [line, n];
  }
}

/** Yields each JSON object of a JSONL file; a malformed line throws an error naming file and line. */
export async function* readJsonl<T = Record<string, unknown>>(
  path: string,
  limit?: number,
): AsyncGenerator<T> {
  let count = 0;
  for await (const [line, n] of readLines(path)) {
    if (limit !== undefined && count >= limit) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      throw new NewsdigestError('E_BAD_JSON', `${path}:${n}`, `not valid JSON (${(e as Error).message})`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new NewsdigestError('E_BAD_RECORD', `${path}:${n}`, 'expected a JSON object');
    }
    count++;
    yield value as T;
  }
}
