/** newsdigest's typed errors as HTTP answers: the status a client should see, and a JSON body. */
import type { Context } from 'hono';
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

export type ErrorBodyCode = ErrorCode | 'E_TIMEOUT' | 'E_BUSY' | 'E_METHOD' | 'E_HTTP';

/**
 * Every error the API answers: a code, one line for a person, and the input at fault (a
 * parameter's name, "body", "content-type", "method", an id, or the request's path when the
 * request as a whole is at fault: no such route, too busy, too slow).
 */
export interface ErrorBody {
  error: { code: ErrorBodyCode; message: string; input: string };
}

export function errorBody(code: ErrorBodyCode, message: string, input: string): ErrorBody {
  return { error: { code, message, input } };
}

/**
 * What to answer for anything thrown: our errors keep their message; others are not leaked
 * (their input is the request's path).
 */
export function errorAnswer(e: unknown, path: string): { status: ContentfulStatusCode; body: ErrorBody } {
  if (isNewsdigestError(e)) {
    return { status: STATUS[e.code] ?? 500, body: errorBody(e.code, e.toString(), e.input || path) };
  }
  return { status: 500, body: errorBody('E_INTERNAL', 'internal error', path) };
}

/** The body of a 405: the method is the input at fault; `allow` is what the Allow header says. */
export function methodNotAllowed(method: string, path: string, allow: string): ErrorBody {
  return errorBody('E_METHOD', `${method} is not allowed on ${path} (allowed: ${allow})`, 'method');
}

/** The Allow header of the routes that only read. HEAD is answered as GET (Hono), without a body. */
export const READ_METHODS = 'GET, HEAD';

/** A route's answer to a method it does not take: 405 with Allow, the method named. */
export function notAllowed(allow: string): (c: Context) => Response {
  return (c) => {
    c.header('Allow', allow);
    return c.json(methodNotAllowed(c.req.method, c.req.path, allow), 405);
  };
}
