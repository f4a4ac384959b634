/** newsdigest's typed errors as HTTP answers: the status a client should see, and a JSON body. */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type ErrorCode, isNewsdigestError } from '../errors.js';

const STATUS: Partial<Record<ErrorCode, ContentfulStatusCode>> = {
  E_BAD_QUERY: 400,
  E_BAD_OPTION: 400,
  E_BAD_RECORD: 400,
  E_BAD_JSON: 400,
  E_EMPTY: 400,
  E_BINARY: 400,
  E_NOTHING_READABLE: 400,
  E_DECODE: 400,
  E_NO_ARTICLE: 422,
  E_NOT_FOUND: 404,
  E_TOO_LARGE: 413,
};

export interface ErrorBody {
  error: { code: ErrorCode | 'E_TIMEOUT' | 'E_BUSY' | 'E_METHOD'; message: string; input?: string };
}

/** What to answer for anything thrown: our errors keep their message; others are not leaked. */
export function errorAnswer(e: unknown): { status: ContentfulStatusCode; body: ErrorBody } {
  if (isNewsdigestError(e)) {
    return {
      status: STATUS[e.code] ?? 500,
      body: { error: { code: e.code, message: e.toString(), input: e.input } },
    };
  }
  return { status: 500, body: { error: { code: 'E_INTERNAL', message: 'internal error' } } };
}
