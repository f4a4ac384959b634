/**
 * How many pages the inputs hold, for the progress display's "time left", when
 * that can be known cheaply: JSONL files are counted by lines (a fast byte scan),
 * page files count one each. Inputs whose count needs parsing (WARC, feeds, stdin)
 * make the total unknown, and the display shows count and rate only.
 */
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';

const PAGE_EXT = new Set(['.html', '.htm', '.xhtml', '.txt', '.text', '.md']);
const JSONL_EXT = new Set(['.jsonl', '.ndjson']);

async function countLines(path: string): Promise<number> {
  let lines = 0;
  let last = 10;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
    last = chunk[chunk.length - 1] ?? last;
  }
  return last === 10 ? lines : lines + 1;
}

async function countPath(path: string): Promise<number | undefined> {
  const info = await stat(path);
  if (info.isDirectory()) {
    let total = 0;
    for (const e of await readdir(path, { withFileTypes: true })) {
      const child = join(path, e.name);
      if (e.isDirectory()) {
        const n = await countPath(child);
        if (n === undefined) return undefined;
        total += n;
      } else if (PAGE_EXT.has(extname(e.name).toLowerCase())) total++;
      else if (JSONL_EXT.has(extname(e.name).toLowerCase())) total += await countLines(child);
      else if (/\.(?:warc|gz|xml|rss|atom)$/i.test(e.name)) return undefined;
    }
    return total;
  }
  const ext = extname(path).toLowerCase();
  if (JSONL_EXT.has(ext)) return countLines(path);
  if (PAGE_EXT.has(ext)) return 1;
  return undefined;
}

export async function estimateTotal(inputs: readonly string[]): Promise<number | undefined> {
  let total = 0;
  for (const input of inputs) {
    if (input === '-') return undefined;
    try {
      const n = await countPath(input);
      if (n === undefined) return undefined;
      total += n;
    } catch {
      return undefined; // globs and the like: the reader knows, we do not
    }
  }
  return total;
}
