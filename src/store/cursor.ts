/** Opaque page cursors: the offset of the next page, base64url-encoded so clients do not build them. */
import { NewsdigestError } from '../errors.js';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

export function encodeCursor(offset: number): string {
  return Buffer.from(`o${offset}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0;
  const m = /^o(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('latin1'));
  if (!m) throw new NewsdigestError('E_BAD_QUERY', 'cursor', `"${cursor}" is not a cursor this server gave`);
  return Number(m[1]);
}

export function checkLimit(limit: number | string | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  const n = typeof limit === 'string' ? (/^\s*\d{1,9}\s*$/.test(limit) ? Number(limit) : Number.NaN) : limit;
  if (!Number.isInteger(n) || n < 1 || n > MAX_LIMIT) {
    throw new NewsdigestError(
      'E_BAD_QUERY',
      'limit',
      `expecting a whole number from 1 to ${MAX_LIMIT}, instead found ${typeof limit === 'string' ? JSON.stringify(limit) : limit}`,
    );
  }
  return n;
}

/** Cuts one extra row fetched to know whether there is a next page. */
export function pageOf<T>(rows: T[], offset: number, limit: number): { items: T[]; next: string | null } {
  const more = rows.length > limit;
  return { items: more ? rows.slice(0, limit) : rows, next: more ? encodeCursor(offset + limit) : null };
}
