/**
 * A whole page as a plain-text dump, as a browser's "save as text" or a scraper
 * would leave it: every visible text block on its own line, furniture included,
 * a blank line between blocks. The text-dump path of layout is measured on these.
 */
import { renderHtml } from './render.js';

export function htmlToTextDump(html: string): string {
  return renderHtml(html).text.split('\n').join('\n\n');
}
