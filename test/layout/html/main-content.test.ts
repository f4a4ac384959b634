import { describe, expect, it } from 'vitest';
import { bodyText } from '../../../src/article/render.js';
import { digest } from '../../../src/digest.js';
import { classifyHtmlLines } from '../../../src/layout/html/classify-html.js';
import { DEFAULT_PARAMS } from '../../../src/layout/html/params.js';
import { renderHtml } from '../../../src/layout/html/render.js';

// A story whose text sits loose in its column beside a title paragraph and a date line (no <p> around
// it), and a plain footer div holding one address line with commas: the footer must not win.
const LOOSE_STORY = `<html><body>
<div class="top"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/contact">Contact</a></li></ul></div>
<div class="wrap"><div class="box"><div class="inner"><div class="row">
  <div class="col-4"><ul>
    <li><a href="/archive/january">Archive: January 2019</a></li><li><a href="/archive/february">Archive: February 2019</a></li><li><a href="/archive/march">Archive: March 2019</a></li><li><a href="/archive/april">Archive: April 2019</a></li><li><a href="/archive/may">Archive: May 2019</a></li><li><a href="/archive/june">Archive: June 2019</a></li><li><a href="/archive/july">Archive: July 2019</a></li><li><a href="/archive/august">Archive: August 2019</a></li><li><a href="/archive/september">Archive: September 2019</a></li><li><a href="/archive/october">Archive: October 2019</a></li><li><a href="/archive/november">Archive: November 2019</a></li><li><a href="/archive/december">Archive: December 2019</a></li>
  </ul></div>
  <div class="col-8">
    <p class="headline">Library opens its doors on Sundays</p>
    <small><b>03/02/2019</b> - Posted by: Ana Pereira</small><br><br>
    <img src="/library.jpg" alt="">The town library will open on Sunday afternoons from next month, the council said on Tuesday. Staff, who asked for the change, will work in two shifts, and the reading room, the children's corner and the archive will stay open until six.
    <div class="share"><a href="/s1">Facebook</a> <a href="/s2">Twitter</a></div>
  </div>
</div></div></div></div>
<div class="bottom"><div class="wrap"><div class="box"><div class="inner"><div class="row"><div>Town Hall - Main Square, 12 - Northbridge, 4400 - Post Box 21 - Phone: (044) 2106-8000, (044) 2106-8001</div></div></div></div>
</body></html>`;

describe('HTML main content: loose text beside other blocks', () => {
  it('credits story prose held loose in a column to that column, not to its grandparent', async () => {
    const a = await digest({ html: LOOSE_STORY });
    const body = bodyText(a);
    expect(body).toContain('The town library will open on Sunday afternoons');
    expect(body).toContain('will stay open until six.');
    expect(body).not.toContain('Town Hall');
    expect(body).not.toContain('Archive');
  });
});

// A story cut in two by a photo: each part repeats the body's wrappers, but the parts meet far up.
const para = (n: number, topic: string) =>
  Array.from(
    { length: n },
    (_, i) =>
      `<p>Paragraph ${i + 1} on ${topic}, with enough words, commas and detail to read as prose, goes on about the matter at hand for a while longer.</p>`,
  ).join('');
const PART = (body: string) =>
  `<section class="story-section"><div class="story-body"><div class="story-text">${body}</div></div></section>`;
const SPLIT_STORY = `<html><body><div class="site"><div class="col">
<div class="first">${PART(para(3, 'the first half'))}</div>
<figure><img src="/x.jpg" alt=""><figcaption>A harbour crane at dusk.</figcaption></figure>
<div class="more"><div class="inner"><div class="rest">${PART(para(5, 'the second half'))}</div></div></div>
</div>
<div class="sidebar"><h3>Most read</h3><ul><li><a href="/1">Tide tables for the week ahead</a></li><li><a href="/2">Ferry fares to rise in spring</a></li></ul></div>
</div></body></html>`;

describe('HTML main content: a story in parts built alike', () => {
  it('keeps both parts when they repeat the same wrappers, however far up they meet', async () => {
    const body = bodyText(await digest({ html: SPLIT_STORY }));
    expect(body).toContain('Paragraph 1 on the first half');
    expect(body).toContain('Paragraph 5 on the second half');
    expect(body).not.toContain('Tide tables');
  });

  it('keeps only the larger part when the rule is off (templateLevels 0)', () => {
    const page = renderHtml(SPLIT_STORY);
    const bodyWith = (templateLevels: number) => {
      const kinds = classifyHtmlLines(page, undefined, { ...DEFAULT_PARAMS, templateLevels });
      return kinds
        .filter((k) => k.kind === 'paragraph')
        .map((k) => page.text.slice(k.start, k.end))
        .join('\n');
    };
    expect(bodyWith(0)).not.toContain('the first half');
    expect(bodyWith(0)).toContain('Paragraph 5 on the second half');
    expect(bodyWith(DEFAULT_PARAMS.templateLevels)).toContain('Paragraph 1 on the first half');
  });
});
