/**
 * Problems as values. Every error names the input it concerns and what is wrong
 * with it, so that a batch can record it and go on, and the CLI can print one line.
 */

export type ErrorCode =
  | 'E_NOT_FOUND'
  | 'E_EMPTY'
  | 'E_BINARY'
  | 'E_NOTHING_READABLE'
  | 'E_BAD_JSON'
  | 'E_BAD_RECORD'
  | 'E_BAD_FEED'
  | 'E_BAD_WARC'
  | 'E_DECODE'
  | 'E_NO_ARTICLE'
  | 'E_TOO_LARGE'
  | 'E_BAD_OPTION'
  | 'E_BAD_QUERY'
  | 'E_LLM'
  | 'E_MODEL'
  | 'E_IO'
  | 'E_INTERNAL';

export class NewsdigestError extends Error {
  readonly code: ErrorCode;
  /** The input concerned: a path, "stdin", "file.jsonl:12", a URL, an option name. */
  readonly input: string;

  constructor(code: ErrorCode, input: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NewsdigestError';
    this.code = code;
    this.input = input;
  }

  /** The one line a person sees: `feeds/x.xml: not RSS or Atom (root element is <html>)`. */
  override toString(): string {
    return this.input ? `${this.input}: ${this.message}` : this.message;
  }

  toJSON(): { code: ErrorCode; input: string; message: string } {
    return { code: this.code, input: this.input, message: this.message };
  }
}

export function isNewsdigestError(value: unknown): value is NewsdigestError {
  return value instanceof NewsdigestError;
}

/** Wraps anything thrown into a NewsdigestError that names the input. */
export function asNewsdigestError(value: unknown, input: string): NewsdigestError {
  if (value instanceof NewsdigestError) return value;
  const message = value instanceof Error ? value.message : String(value);
  return new NewsdigestError('E_INTERNAL', input, message, { cause: value });
}
