/**
 * Review-16 item 15: the "Story highlights" label is the box's heading, not a highlight. The page's
 * highlights and the Markdown layout line count the same items.
 */
import { describe, expect, it } from 'vitest';
import { articleMarkdown } from '../../src/article/render.js';
import { digest } from '../../src/digest.js';
import { isHighlightsHeading } from '../../src/layout/highlights.js';

const text = [
  'Story highlights',
  'The quarry will close at the end of the year',
  'Forty workers will be offered jobs at the county depot',
  'ASHGROVE, Vermont (Valley Ledger) — ',
  'The Ashgrove quarry will close at the end of the year after ninety years of cutting slate, its owners said on Monday.',
  'Forty workers will be offered jobs at the county road depot, the owners said, and the rest a year of pay.',
  'The town will buy the land for a park, according to the select board.',
].join('\n\n');

describe('a highlights box and its heading', () => {
  it('lists two highlights and counts two in the layout line', async () => {
    const a = await digest({ text }, { entities: { skip: true }, quotes: { skip: true } });
    const highlightBlocks = (a.blocks ?? []).filter((b) => b.kind === 'highlight');
    expect(highlightBlocks.map((b) => isHighlightsHeading(a.text, b))).toEqual([true, false, false]);
    expect(a.highlights?.origin).toBe('page');
    expect(a.highlights?.items.map((h) => h.text)).toEqual([
      'The quarry will close at the end of the year',
      'Forty workers will be offered jobs at the county depot',
    ]);
    const md = articleMarkdown(a);
    const line = /_Layout: (.*)_/.exec(md)?.[1] ?? '';
    expect(line).toContain('2 highlight');
    expect(line).not.toContain('3 highlight');
  });
});
