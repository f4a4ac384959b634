import { describe, expect, it } from 'vitest';
import { type RenderedNodes, renderHtml } from '../../../src/layout/html/render.js';

/** The columns as plain arrays, for comparisons that outlive later renders. */
function snapshot(nodes: RenderedNodes) {
  return {
    tag: [...nodes.tag],
    parent: [...nodes.parent],
    last: [...nodes.last],
    weight: [...nodes.weight],
    ctx: [...nodes.ctx],
  };
}

/** A story of `sections` sections, each a <section> holding a classed <div> and `paragraphs` paragraphs. */
function bigPage(sections: number, paragraphs: number): string {
  const section = (s: number) =>
    `<section class="story-part"><div class="article-body">${Array.from(
      { length: paragraphs },
      (_, p) => `<p>Section ${s}, paragraph ${p}: the council met again on Monday.</p>`,
    ).join('')}</div></section>`;
  return `<html><body><nav class="site-menu"><a href="/">Home</a></nav><article>${Array.from(
    { length: sections },
    (_, s) => section(s),
  ).join('')}</article></body></html>`;
}

const SMALL = `<html><body><header class="masthead"><a href="/">The Daily</a></header>
<main><article><h1>Bridge to close</h1><div class="story-body"><p>The council voted on Tuesday to close the old bridge.</p>
<p>Work on the new crossing starts in spring.</p></div></article></main>
<footer class="site-footer"><p>All rights reserved.</p></footer></body></html>`;

describe('renderHtml: the element columns', () => {
  it('gives every column one row per element, past the rows the columns start with', () => {
    // 1 root + html + body + nav + a + article + 500 × (section + div + 10 p) = 6,006 rows (> 4,096).
    const page = renderHtml(bigPage(500, 10));
    const { tag, parent, last, weight, ctx } = page.nodes;
    expect(tag.length).toBe(6006);
    for (const column of [parent, last, weight, ctx]) expect(column.length).toBe(tag.length);
    expect(parent[0]).toBe(-1);
    expect(last[0]).toBe(tag.length - 1);
    const article = tag.indexOf('article');
    // Every section's parent is the article, every paragraph's parent its section's div.
    for (let i = 0; i < tag.length; i++) {
      if (tag[i] === 'section') expect(parent[i]).toBe(article);
      if (tag[i] === 'p') expect(tag[parent[i]!]).toBe('div');
      // A subtree ends at or after its element and inside its parent's.
      expect(last[i]).toBeGreaterThanOrEqual(i);
      if (i > 0) expect(last[i]).toBeLessThanOrEqual(last[parent[i]!]!);
    }
    // The last section's div holds the last ten rows.
    const lastDiv = tag.lastIndexOf('div');
    expect(last[lastDiv]).toBe(tag.length - 1);
    expect(lastDiv).toBe(tag.length - 11);
    // Content-like class names weigh the story's divs up, the menu's down.
    expect(weight[lastDiv]).toBeGreaterThan(0);
    expect(weight[tag.indexOf('nav')]).toBeLessThan(0);
    // 5,000 paragraphs and the menu's link.
    expect(page.blocks).toHaveLength(5001);
  });

  it("keeps a page's columns as they were when later pages are rendered", () => {
    const small = renderHtml(SMALL);
    const before = snapshot(small.nodes);
    renderHtml(bigPage(300, 12));
    renderHtml('<p>One more page, with one element.</p>');
    expect(snapshot(small.nodes)).toEqual(before);
  });

  it('renders a page the same after a larger page as after a smaller one', () => {
    renderHtml('<p>A page of one element.</p>');
    const first = snapshot(renderHtml(SMALL).nodes);
    renderHtml(bigPage(400, 12));
    const again = renderHtml(SMALL);
    expect(snapshot(again.nodes)).toEqual(first);
    expect(again.nodes.tag.length).toBe(first.tag.length);
  });
});
