/** Snippets as safe HTML: page text is untrusted, so it is escaped and only our <mark> tags are markup. */

/** The markers SQLite's snippet() puts around matches: C0 controls that normalised text never holds. */
export const MARK_OPEN = '\u0002';
export const MARK_CLOSE = '\u0003';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export function snippetHtml(raw: string): string {
  return escapeHtml(raw).replaceAll(MARK_OPEN, '<mark>').replaceAll(MARK_CLOSE, '</mark>');
}

const LEAD_LENGTH = 240;

/** Without a query, the snippet is the start of the body. */
export function leadSnippet(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  if (flat.length <= LEAD_LENGTH) return escapeHtml(flat);
  const cut = flat.lastIndexOf(' ', LEAD_LENGTH);
  return `${escapeHtml(flat.slice(0, cut > LEAD_LENGTH / 2 ? cut : LEAD_LENGTH))}…`;
}
