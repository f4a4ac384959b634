/**
 * Bytes to a string, with the encoding chosen the way a browser would, in order:
 * a byte-order mark; the charset declared by the transport (HTTP or WARC
 * Content-Type); the document's own declaration (`<meta charset>`,
 * `<meta http-equiv>`, `<?xml encoding?>`) in its first bytes; detection
 * (valid UTF-8 is taken as UTF-8, anything else goes to chardet); UTF-8 by default.
 *
 * Labels are resolved through the WHATWG Encoding Standard (TextDecoder's label
 * table), so that "iso-8859-1" and "latin1" mean windows-1252 as they do in every
 * browser; the bytes are decoded by iconv-lite (TextDecoder only for what it lacks).
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { createRequire } from 'node:module';
import type chardetModule from 'chardet';
import type iconvModule from 'iconv-lite';
import type { Source } from '../article/types.js';
import { NewsdigestError } from '../errors.js';

export type EncodingFrom = NonNullable<Source['encodingFrom']>;

export interface Decoded {
  text: string;
  /** WHATWG name of the encoding used ("utf-8", "windows-1252", "shift_jis" …). */
  encoding: string;
  encodingFrom: EncodingFrom;
}

export interface DecodeOptions {
  /** Content-Type header value (HTTP response or WARC record), if any. */
  contentType?: string | undefined;
  /** Look for a declaration inside the document (HTML or XML). Default true. */
  sniffDocument?: boolean;
}

/** How far into a document its own charset declaration is looked for (HTML asks for 1024; pages stretch it). */
const PRESCAN_BYTES = 4096;
/** Share of replacement characters above which a page counts as undecodable in its declared encoding. */
const MAX_INVALID_SHARE = 0.01;

/** The encoding a byte-order mark names, and the mark's length. */
export function sniffBom(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/** The charset parameter of a Content-Type value: `text/html; charset="ISO-8859-1"` → `ISO-8859-1`. */
export function charsetOfContentType(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const m = /;\s*charset\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(contentType);
  const label = (m?.[1] ?? m?.[2])?.trim();
  return label || undefined;
}

const META_CHARSET = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i;
const XML_DECLARATION = /^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([\w.:-]+)["']/;

/** The charset a document declares in its first bytes (`<meta charset>`, `<meta http-equiv>`, `<?xml encoding?>`). */
export function charsetOfDocument(bytes: Uint8Array): string | undefined {
  // Declarations are ASCII; latin1 maps bytes one to one, so positions and ASCII survive.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, PRESCAN_BYTES)).toString(
    'latin1',
  );
  const label = XML_DECLARATION.exec(head)?.[1] ?? META_CHARSET.exec(head)?.[1];
  if (!label) return undefined;
  // A page that says UTF-16 in ASCII bytes is not UTF-16 (HTML spec: treat as UTF-8).
  return /^utf-?16/i.test(label) ? 'utf-8' : label;
}

// chardet and iconv-lite are loaded at first use: most pages are UTF-8 and need neither,
// and loading them costs a fresh process about 30 ms of CPU.
const require = createRequire(import.meta.url);
let iconvLoaded: typeof iconvModule | undefined;
let chardetLoaded: typeof chardetModule | undefined;
const iconv = (): typeof iconvModule => (iconvLoaded ??= require('iconv-lite') as typeof iconvModule);
const chardet = (): typeof chardetModule => (chardetLoaded ??= require('chardet') as typeof chardetModule);

/** The WHATWG name for a label, or undefined when neither TextDecoder nor iconv-lite knows it. */
export function resolveEncoding(label: string): string | undefined {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return iconv().encodingExists(label) ? label.toLowerCase() : undefined;
  }
}

function decodeWith(encoding: string, bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (encoding === 'utf-8') return buffer.toString('utf8');
  // iconv-lite first: Node 20's TextDecoder decodes windows-1252 as if it were
  // ISO-8859-1 (0x93 gives U+0093, not a curly quote), measured on v20.20.
  if (iconv().encodingExists(encoding)) return iconv().decode(buffer, encoding, { stripBOM: false });
  return new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
}

function invalidShare(text: string): number {
  if (text.length === 0) return 0;
  let bad = 0;
  let i = text.indexOf('\ufffd');
  while (i !== -1) {
    bad++;
    i = text.indexOf('\ufffd', i + 1);
  }
  return bad / text.length;
}

/** chardet's best guess, resolved to a WHATWG name (so ISO-8859-1 becomes windows-1252). */
function detect(bytes: Uint8Array): string | undefined {
  const sample = bytes.length > 65536 ? bytes.subarray(0, 65536) : bytes;
  const guess = chardet().detect(sample);
  return guess ? resolveEncoding(guess) : undefined;
}

/**
 * Decodes a page's bytes. Throws E_DECODE, naming the input, when the bytes
 * cannot be read in the encoding chosen for them.
 */
export function decodeBytes(bytes: Uint8Array, input: string, options: DecodeOptions = {}): Decoded {
  return decodeChecked(bytes, input, options).decoded;
}

/**
 * decodeBytes, and whether the bytes were found to be valid UTF-8 and decoded as UTF-8
 * whole (no byte-order mark taken off): the text's UTF-8 is then those very bytes, which a
 * reader may hash for the page's id without checking them again (read.ts).
 */
export function decodeChecked(
  bytes: Uint8Array,
  input: string,
  options: DecodeOptions = {},
): { decoded: Decoded; wholeValidUtf8: boolean } {
  const choice = chooseEncoding(bytes, input, options);
  return {
    decoded: finish(choice.body, choice.encoding, choice.encodingFrom, input),
    wholeValidUtf8: choice.wholeValidUtf8,
  };
}

/** What decodeChecked decodes a page with, found before anything is decoded. */
export interface EncodingChoice {
  encoding: string;
  encodingFrom: EncodingFrom;
  /** The bytes to decode: the page without its byte-order mark. */
  body: Uint8Array;
  /** The page is valid UTF-8, decoded as UTF-8 whole (no byte-order mark): its text's UTF-8 is its bytes. */
  wholeValidUtf8: boolean;
}

/**
 * The encoding decodeBytes would decode a page with, and how it was found, without decoding
 * it. Throws E_DECODE, naming the input, when no encoding can be told.
 */
export function chooseEncoding(
  bytes: Uint8Array,
  input: string,
  options: DecodeOptions = {},
): EncodingChoice {
  const bom = sniffBom(bytes);
  if (bom)
    return {
      encoding: bom.encoding,
      encodingFrom: 'bom',
      body: bytes.subarray(bom.length),
      wholeValidUtf8: false,
    };

  const declared: Array<[string | undefined, EncodingFrom]> = [
    [charsetOfContentType(options.contentType), 'header'],
    [options.sniffDocument === false ? undefined : charsetOfDocument(bytes), 'meta'],
  ];
  for (const [label, from] of declared) {
    if (!label) continue;
    const encoding = resolveEncoding(label);
    if (!encoding) continue; // an unknown label is no declaration: look further
    // Pages that say UTF-8 but are not are common (legacy CMSs behind a modern
    // server); their bytes, not their label, decide.
    const utf8 = encoding === 'utf-8';
    if (utf8 && !isUtf8(bytes)) continue;
    return { encoding, encodingFrom: from, body: bytes, wholeValidUtf8: utf8 };
  }

  if (isUtf8(bytes)) {
    // Pure ASCII reads the same in any ASCII-compatible encoding: UTF-8 by default.
    const from = isAscii(bytes) ? 'default' : 'detected';
    return { encoding: 'utf-8', encodingFrom: from, body: bytes, wholeValidUtf8: true };
  }
  const detected = detect(bytes);
  if (!detected) throw new NewsdigestError('E_DECODE', input, 'cannot tell its character encoding');
  return { encoding: detected, encodingFrom: 'detected', body: bytes, wholeValidUtf8: false };
}

/**
 * Decodes the bytes in the encoding chosen for them. Throws E_DECODE, naming the input and
 * how the encoding was found, when more than 1 % of the characters come out invalid.
 */
export function decodeChosen(choice: EncodingChoice, input: string): Decoded {
  return finish(choice.body, choice.encoding, choice.encodingFrom, input);
}

function finish(bytes: Uint8Array, encoding: string, from: EncodingFrom, input: string): Decoded {
  const text = decodeWith(encoding, bytes);
  const share = invalidShare(text);
  if (share > MAX_INVALID_SHARE) {
    const how =
      from === 'detected'
        ? 'detected'
        : from === 'bom'
          ? 'named by its byte-order mark'
          : `declared in its ${from}`;
    throw new NewsdigestError(
      'E_DECODE',
      input,
      `cannot be decoded as ${encoding} (${how}): ${Math.round(share * 100)}% of its characters are invalid`,
    );
  }
  return { text, encoding, encodingFrom: from };
}

/** A decoder for a stream of byte chunks (multi-byte characters split across chunks are kept whole). */
export interface StreamDecoder {
  write(bytes: Uint8Array): string;
  end(): string;
}

export function createStreamDecoder(encoding: string): StreamDecoder {
  if (iconv().encodingExists(encoding)) {
    const decoder = iconv().getDecoder(encoding, { stripBOM: true });
    return {
      write: (bytes) => decoder.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)),
      end: () => decoder.end() ?? '',
    };
  }
  const decoder = new TextDecoder(encoding);
  return { write: (bytes) => decoder.decode(bytes, { stream: true }), end: () => decoder.decode() };
}

/** Counts characters and replacement characters over a stream, to tell an undecodable one early. */
export class InvalidCounter {
  private chars = 0;
  private bad = 0;

  add(text: string): void {
    this.chars += text.length;
    let i = text.indexOf('\ufffd');
    while (i !== -1) {
      this.bad++;
      i = text.indexOf('\ufffd', i + 1);
    }
  }

  /** The share of invalid characters once enough text is seen to judge (else 0). */
  share(minChars = 4096): number {
    return this.chars >= minChars ? this.bad / this.chars : 0;
  }

  get tooMany(): boolean {
    return this.share() > MAX_INVALID_SHARE;
  }
}
