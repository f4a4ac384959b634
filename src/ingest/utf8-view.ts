/**
 * A page of valid UTF-8 held as its bytes in a one-byte string: character i of the view is
 * byte i of the page (latin1 maps each byte to the character of the same code). Making the
 * view is a copy; decoding the page is V8's byte-wise UTF-8 decoder writing a two-byte string
 * (115 of the 121 benchmark pages hold a character beyond Latin-1), which cost a fresh layout
 * process ~70 ms over 21.5 MB (docs/DECISIONS.md (layout-8, layout-9)). Markup is ASCII, so
 * a reader can find tags, quotes and names in the view and decode only the pieces it keeps:
 * a piece cut at ASCII characters never cuts a UTF-8 sequence (every byte of a multi-byte
 * sequence is ≥ 0x80), so the pieces decode to exactly the characters the whole page would.
 */

/** The bytes as a one-byte string, character i being byte i. */
export function latin1View(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
}

/** A byte that is part of a multi-byte UTF-8 sequence (no such byte in ASCII text). */
export const NON_ASCII = /[\x80-\xff]/;

/**
 * One buffer the pieces are decoded through (a Buffer made per piece is an allocation and, past
 * 4 KB, outside memory V8 counts towards its next collection). Larger pieces get their own.
 */
const SCRATCH_BYTES = 1 << 20;
/** Buffer's per-encoding methods, on its prototype in Node 20 to 24 though @types/node leaves them out. */
type FastBuffer = Buffer & {
  latin1Write(string: string, offset: number, length: number): number;
  utf8Slice(start: number, end: number): string;
};
let scratch: FastBuffer | undefined;

/**
 * The characters whose UTF-8 bytes a view (or a piece of one cut at ASCII characters) holds.
 * Only for views of valid UTF-8: other bytes would decode to replacement characters here
 * though the page's own decoding chose another encoding for them.
 */
export function decodeUtf8View(view: string): string {
  const n = view.length;
  if (n > SCRATCH_BYTES) return Buffer.from(view, 'latin1').toString('utf8');
  scratch ??= Buffer.allocUnsafeSlow(SCRATCH_BYTES) as FastBuffer;
  // The encoding's own methods (what write() and toString() dispatch to after their checks):
  // a piece is a few hundred bytes, and those checks cost as much as the copy and the decoding.
  scratch.latin1Write(view, 0, n);
  return scratch.utf8Slice(0, n);
}

/** The characters JavaScript's trim() takes off that are ASCII (the others are multi-byte in UTF-8). */
const NOT_ASCII_SPACE = /[^\t\n\v\f\r ]/g;
const NON_ASCII_RUN = /[\x80-\xff]+/y;

/**
 * Whether the page a view holds is only white space as `decoded.trim() === ''` judges it,
 * without decoding it: the first byte that is not ASCII white space decides, unless it starts
 * a character beyond ASCII (a no-break space, an ideographic space …), which is decoded.
 */
export function isBlankUtf8View(view: string): boolean {
  NOT_ASCII_SPACE.lastIndex = 0;
  for (;;) {
    if (!NOT_ASCII_SPACE.test(view)) return true;
    const at = NOT_ASCII_SPACE.lastIndex - 1;
    if (view.charCodeAt(at) < 0x80) return false;
    NON_ASCII_RUN.lastIndex = at;
    NON_ASCII_RUN.test(view);
    const end = NON_ASCII_RUN.lastIndex;
    if (decodeUtf8View(view.slice(at, end)).trim() !== '') return false;
    NOT_ASCII_SPACE.lastIndex = end;
  }
}

/** The UTF-8 encoding of U+FFFD, as it stands in a view. */
const REPLACEMENT_BYTES = '\xef\xbf\xbd';

/** Whether the page holds a U+FFFD character (which the decoding's share of invalid characters counts). */
export function hasReplacementChar(view: string): boolean {
  return view.includes(REPLACEMENT_BYTES);
}
