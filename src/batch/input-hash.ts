/** The key of "already stored": a hash of the input page's content, computed before any work is done. */
import { createHash } from 'node:crypto';
import type { PageInput } from '../ingest/page.js';

/**
 * SHA-256 of the page's kind and content. The id and origin are left out on purpose:
 * the same page read again from another file or feed is the same input.
 */
export function inputHash(page: PageInput): string {
  const hash = createHash('sha256');
  if (page.html !== undefined) hash.update('html\0').update(page.html);
  else hash.update('text\0').update(page.text ?? '');
  return hash.digest('hex');
}
