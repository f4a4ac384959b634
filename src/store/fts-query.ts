/**
 * What a person types into the search box, turned into an FTS5 query. Plain words
 * (the usual case) become quoted phrases, so that "well-known" or "U.S." never trip
 * FTS5's syntax; a query that uses FTS5 syntax (quotes, AND/OR/NOT/NEAR, prefix*,
 * parentheses, column:) is passed as written, and if SQLite rejects it the caller
 * reports E_BAD_QUERY.
 */
import { NewsdigestError } from '../errors.js';

const SYNTAX = /["*()^:+]|\b(?:AND|OR|NOT|NEAR)\b/;
const WORD_PARTS = /[\p{L}\p{N}_]+/gu;

export interface FtsQuery {
  match: string;
  /** True when the query was given in FTS5 syntax (and so may be rejected by SQLite). */
  raw: boolean;
}

export function toFtsQuery(q: string, input = 'query'): FtsQuery {
  const trimmed = q.trim();
  if (SYNTAX.test(trimmed)) return { match: trimmed, raw: true };
  const phrases: string[] = [];
  for (const word of trimmed.split(/\s+/)) {
    const parts = word.match(WORD_PARTS);
    if (parts) phrases.push(`"${parts.join(' ')}"`);
  }
  if (phrases.length === 0) {
    throw new NewsdigestError('E_BAD_QUERY', input, `"${q}" has no words to search for`);
  }
  return { match: phrases.join(' '), raw: false };
}

/** True when SQLite's error is about the FTS5 query rather than the database. */
export function isFtsSyntaxError(e: unknown): boolean {
  const message = e instanceof Error ? e.message : '';
  return /fts5|syntax error|unterminated string|no such column|unknown special query/i.test(message);
}

export function badQuery(q: string, e: unknown, input = 'query'): NewsdigestError {
  const why = e instanceof Error ? e.message.replace(/^fts5: /, '') : String(e);
  return new NewsdigestError(
    'E_BAD_QUERY',
    input,
    `cannot search for ${JSON.stringify(q)}: ${why} (plain words match all; use "quotes" for phrases, AND/OR/NOT in capitals, word* for prefixes)`,
  );
}
