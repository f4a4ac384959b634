/** The page's own highlights ("Story highlights" box): its item blocks, as `highlights` with origin `page`. */
import type { Block, Highlights } from '../article/types.js';
import { HIGHLIGHTS_HEADING } from './patterns.js';

export function pageHighlights(text: string, blocks: readonly Block[]): Highlights | undefined {
  const items = blocks
    .filter((b) => b.kind === 'highlight')
    .filter((b) => !HIGHLIGHTS_HEADING.test(text.slice(b.start, b.end)))
    .map((b) => ({ text: text.slice(b.start, b.end), span: { start: b.start, end: b.end } }));
  return items.length ? { origin: 'page', items } : undefined;
}
