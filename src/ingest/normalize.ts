/**
 * Text normalisation, done once at ingest so that every later offset points into
 * the same string: line endings to \n, no-break and odd spaces to plain spaces,
 * invisible characters dropped, runs of spaces collapsed, lines trimmed, and at
 * most one blank line between paragraphs.
 *
 * It runs on every article, so it is a handful of whole-string regex passes (no
 * per-line work), and the passes for rare characters run only when a quick test
 * finds one.
 */
import { decodeHtmlStrict } from './char-refs.js';

// CR, NEL, line and paragraph separators: all line ends become \n.
const LINE_SEPARATORS = /\r\n?|[\u0085\u2028\u2029]/g;
// Zero-width space, word joiner, BOM, soft hyphen, bidi marks and embeddings,
// invisible operators: invisible in print, harmful to matching. ZWJ and ZWNJ
// (U+200C/D) stay: they carry meaning in Persian and Indic scripts and in emoji.
const INVISIBLES = /[\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad\u180e]/g;
// C0 controls but tab, LF, VT, FF, CR; DEL; C1 controls but NEL (a line end), which
// only appear when bytes were decoded in the wrong encoding.
const CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f]/g;
// U+00A0 NBSP, U+2000-U+200A (en/em/thin spaces), U+202F, U+205F, U+3000, U+1680, tab, form feed, vertical tab.
const ODD_SPACES = /[\t\v\f\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;
/**
 * A character outside what plain text is made of (LF, printable ASCII, Latin-1
 * letters, other scripts, typographic punctuation), i.e. one the passes above may
 * touch. Written as a negated class because V8 runs those several times faster
 * than a long list of rare ranges (measured: ~500 vs ~90 M chars/s on CNN/DM).
 */
const NOT_PLAIN =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: ranges of code points, no combined characters meant
  /[^\n\x20-\x7e\u00a1-\u00ac\u00ae-\u167f\u1681-\u180d\u180f-\u1fff\u2010-\u2027\u2030-\u205e\u2070-\u2fff\u3001-\ufefe\uff00-\uffff]/;

const SPACE_RUNS = / {2,}/g;
const LINE_EDGES = / *\n */g;
const BLANK_RUNS = /\n{3,}/g;

/** Normalises a page's text. Pure and idempotent. */
export function normalizeText(raw: string): string {
  let s = raw;
  if (NOT_PLAIN.test(s)) {
    s = s
      .replace(LINE_SEPARATORS, '\n')
      .replace(INVISIBLES, '')
      .replace(CONTROLS, '')
      .replace(ODD_SPACES, ' ');
  }
  // indexOf is much cheaper than a regex scan that finds nothing: test first.
  if (s.includes('  ')) s = s.replace(SPACE_RUNS, ' ');
  if (s.includes(' \n') || s.includes('\n ')) s = s.replace(LINE_EDGES, '\n');
  if (s.includes('\n\n\n')) s = s.replace(BLANK_RUNS, '\n\n');
  return s.trim();
}

// Every character normalizeText reads as a line end, and the ASCII ones it keeps.
const LINE_BREAKS = /[\n\r\u0085\u2028\u2029]/g;

/**
 * Normalises text that must stay on one line (a rendered HTML line, a title): line
 * ends become spaces, then normalizeText's own passes run, so the result is exactly
 * what normalizeText leaves of that line and normalizeText is idempotent on it.
 */
export function normalizeInlineText(raw: string): string {
  // Most lines are already clean: plain characters but the line end, single spaces, no
  // space at the ends.
  if (
    !NOT_PLAIN.test(raw) &&
    !raw.includes('\n') &&
    !raw.includes('  ') &&
    raw.charCodeAt(0) !== 32 &&
    raw.charCodeAt(raw.length - 1) !== 32
  ) {
    return raw;
  }
  return normalizeText(raw.replace(LINE_BREAKS, ' '));
}

const ENTITY = /&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/i;

/**
 * Decodes HTML character references left in plain text ("AT&amp;T", "&#8217;").
 * Only references closed by ";" count: in prose, "&notice" or "R&D;" stay as written.
 */
export function decodeEntitiesInText(raw: string): string {
  return ENTITY.test(raw) ? decodeHtmlStrict(raw) : raw;
}
