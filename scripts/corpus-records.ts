/**
 * The store records of the first `limit` texts of a JSONL file (field `text`), each
 * digested by every stage, or the records a cache file already holds (written by
 * corpus-store-profile, read by it and by corpus-compare-stores), so that store
 * experiments start from the same records without digesting them again.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { digestArticle } from '../src/digest.js';
import { pageToArticle } from '../src/ingest/page.js';
import { articleRecord } from '../src/store/record.js';
import type { StoreRecord } from '../src/store/types.js';

export async function digestedRecords(
  file: string,
  limit: number,
  cache: string,
  writeCache: boolean,
): Promise<StoreRecord[]> {
  if (cache && existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8')) as StoreRecord[];
  const out: StoreRecord[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const text = (JSON.parse(line) as { text?: unknown }).text;
    if (typeof text !== 'string') continue;
    out.push(articleRecord(await digestArticle(pageToArticle({ id: `a${out.length}`, text }))));
    if (out.length >= limit) break;
  }
  if (cache && writeCache) writeFileSync(cache, JSON.stringify(out));
  return out;
}
