import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../../src/layout/html/render.js';

/** A full garbage collection (the flag is set at run time: the test needs no node option). */
function collect(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

function heapMb(): number {
  collect();
  return process.memoryUsage().heapUsed / 1e6;
}

describe('render memory', () => {
  it('does not keep earlier pages alive through the class names it has judged', () => {
    const before = heapMb();
    for (let p = 0; p < 6; p++) {
      // Each page: 4 MB of script and a paragraph in an element whose class is new (judged, then cached).
      const html = `<html><body><script>${`var v${p} = 1;`.repeat(400_000)}</script><div class="story-body-${p} article-text-wide"><p>Page ${p}: the council met on Monday.</p></div></body></html>`;
      expect(renderHtml(html).text).toBe(`Page ${p}: the council met on Monday.`);
    }
    renderHtml('<p>A last small page replaces the memoised one.</p>');
    // Each page is ~5 MB; before, each cached class kept its page (26 MB were left after these six).
    const kept = heapMb() - before;
    expect(kept).toBeLessThan(12);
  });
});
