/** The page's own highlights ("Story highlights" box): its item blocks, as `highlights` with origin `page`. */
import type { Block, Highlights } from '../article/types.js';
import { HIGHLIGHTS_HEADING } from './patterns.js';

/**
 * Whether a block is the heading of a highlights box ("Story highlights", "Key points"): the layout
 * gives it the box's kind, `highlight`, but it is a label, not one of the highlights.
 */
export function isHighlightsHeading(text: string, block: Block): boolean {
  return block.kind === 'highlight' && HIGHLIGHTS_HEADING.test(text.slice(block.start, block.end));
}

export function pageHighlights(text: string, blocks: readonly Block[]): Highlights | undefined {
  const items = blocks
    .filter((b) => b.kind === 'highlight')
    .filter((b) => !isHighlightsHeading(text, b))
    .map((b) => ({ text: text.slice(b.start, b.end), span: { start: b.start, end: b.end } }));
  return items.length ? { origin: 'page', items } : undefined;
}
