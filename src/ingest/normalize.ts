/**
 * Text normalisation, done once at ingest so that every later offset points into
 * the same string: line endings to \n, no-break and odd spaces to plain spaces,
 * zero-width characters dropped, runs of spaces collapsed, lines trimmed, and at
 * most one blank line between paragraphs.
 */
import { decodeHTML } from 'entities';

// U+00A0 NBSP, U+2000-U+200A (en/em/thin spaces), U+202F, U+205F, U+3000, U+1680, tab, form feed, vertical tab.
const ODD_SPACES = /[\t\v\f\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;
// Zero-width space/joiners, word joiner, BOM, soft hyphen: invisible in print, harmful to matching.
const INVISIBLES = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const C0_CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f]/g;
const LINE_SEPARATORS = /\r\n?|[\u0085\u2028\u2029]/g;

/** Normalises a page's text. Pure and idempotent. */
export function normalizeText(raw: string): string {
  const lines = raw
    .replace(LINE_SEPARATORS, '\n')
    .replace(INVISIBLES, '')
    .replace(C0_CONTROLS, '')
    .replace(ODD_SPACES, ' ')
    .split('\n');
  const out: string[] = [];
  let blank = 0;
  for (const line of lines) {
    const collapsed = line.replace(/ {2,}/g, ' ').trim();
    if (collapsed === '') {
      blank++;
      continue;
    }
    if (out.length > 0) out.push(blank > 0 ? '\n\n' : '\n');
    out.push(collapsed);
    blank = 0;
  }
  return out.join('');
}

const ENTITY = /&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/i;

/** Decodes HTML character references left in plain text ("AT&amp;T", "&#8217;"). */
export function decodeEntitiesInText(raw: string): string {
  return ENTITY.test(raw) ? decodeHTML(raw) : raw;
}
