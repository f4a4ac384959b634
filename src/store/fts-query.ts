/**
 * What a person types into the search box, turned into an FTS5 query. Plain words
 * (the usual case) become quoted phrases, so that "well-known", "U.S.", "C++" or "brown:"
 * never trip FTS5's syntax; a query that uses FTS5 syntax (quotes, AND/OR/NOT/NEAR,
 * prefix*, parentheses, a known column:) keeps that syntax, its other pieces quoted the
 * same way, and if SQLite still rejects it the caller reports E_BAD_QUERY.
 */
import { NewsdigestError } from '../errors.js';

const WORD_PARTS = /[\p{L}\p{N}_]+/gu;
/** A query's pieces: a quoted phrase (maybe unterminated), a parenthesis, or a run of anything else. */
const PIECES = /"(?:[^"]|"")*"?|[()]|[^\s()"]+/g;
/** A piece FTS5 reads as a term as written: a bareword, maybe ^initial or prefix*. */
const BAREWORD = /^\^?[\p{L}\p{N}_]+\*?$/u;
const OPERATORS = new Set(['AND', 'OR', 'NOT', 'NEAR']);

export interface FtsQuery {
  match: string;
  /** True when the query was given in FTS5 syntax (and so may be rejected by SQLite). */
  raw: boolean;
}

/**
 * Each piece that means FTS5 syntax is kept (a "phrase", parentheses, AND/OR/NOT/NEAR in
 * capitals, word*, ^word, and column: for one of `columns`); any other piece is a word (or
 * words) the user typed, and becomes a quoted phrase of its letters and digits: "C++" is
 * "C", "brown:" is "brown", "U.S." is "U S". Undefined when no piece means syntax.
 */
function rewriteSyntax(q: string, columns: readonly string[]): string | undefined {
  // NEAR(a b, 5) has commas and numbers of its own: passed as written.
  if (/\bNEAR\s*\(/.test(q)) return q;
  const out: string[] = [];
  let syntax = false;
  for (const piece of q.match(PIECES) ?? []) {
    if (piece.startsWith('"') || piece === '(' || piece === ')' || OPERATORS.has(piece)) {
      syntax = true;
      out.push(piece);
      continue;
    }
    const column = /^([\p{L}\p{N}_]+):(.*)$/u.exec(piece);
    if (column && columns.includes(column[1]!.toLowerCase())) {
      syntax = true;
      out.push(`${column[1]}:`);
      if (column[2]) out.push(...wordOrPhrase(column[2]));
      continue;
    }
    if (BAREWORD.test(piece)) {
      if (piece.startsWith('^') || piece.endsWith('*')) syntax = true;
      out.push(piece);
      continue;
    }
    out.push(...wordOrPhrase(piece));
  }
  return syntax ? out.join(' ') : undefined;
}

function wordOrPhrase(piece: string): string[] {
  if (BAREWORD.test(piece)) return [piece];
  const parts = piece.match(WORD_PARTS);
  if (!parts) return [];
  return [`"${parts.join(' ')}"${piece.endsWith('*') ? '*' : ''}`];
}

/** The query as FTS5 will read it; `columns` are the indexed columns a `column:` filter may name. */
export function toFtsQuery(
  q: string,
  input = 'query',
  columns: readonly string[] = ['title', 'body'],
): FtsQuery {
  const trimmed = q.trim();
  const raw = rewriteSyntax(trimmed, columns);
  if (raw !== undefined) return { match: raw, raw: true };
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
