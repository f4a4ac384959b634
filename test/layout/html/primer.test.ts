import { describe, expect, it, vi } from 'vitest';
import type { Article } from '../../../src/article/types.js';
import { setLazyUtf8Html } from '../../../src/ingest/lazy-html.js';
import { type PageInput, pageToArticle } from '../../../src/ingest/page.js';
import { PRIMER_HTML, primerView } from '../../../src/layout/html/primer.js';
import { scanUtf8View, type TagAttributes } from '../../../src/layout/html/scanner.js';
import { layoutStage } from '../../../src/layout/index.js';
import { fixture } from '../helpers.js';

/** The primer page as readPages gives a page of valid UTF-8: its one-byte view behind a lazy `html`. */
function primerArticle(): Article {
  const page: PageInput = { origin: 'primer-test' };
  setLazyUtf8Html(page, primerView());
  return pageToArticle(page);
}

describe('the layout primer page', () => {
  it('is the one-byte view of its UTF-8 bytes', () => {
    const view = primerView();
    expect(Buffer.from(view, 'latin1').toString('utf8')).toBe(PRIMER_HTML);
    expect(view.length).toBeGreaterThan(PRIMER_HTML.length); // it holds characters beyond ASCII
  });

  it('takes the scanner through its rarer constructs', () => {
    const opened = new Set<string>();
    const attributes = new Set<string>();
    let texts = 0;
    scanUtf8View(primerView(), {
      open(name: string, a: TagAttributes) {
        opened.add(name);
        for (const [k, v] of Object.entries(a)) if (v !== undefined) attributes.add(k);
      },
      text() {
        texts++;
      },
      close() {},
    });
    // Skipped whole (opaque), raw text, a `</br>`, aliases, custom names and one beyond ASCII.
    for (const name of ['svg', 'math', 'noscript', 'template', 'script', 'style', 'textarea', 'title', 'br'])
      expect(opened).toContain(name);
    for (const name of ['img', 'custom-element', 'x-café', 'story-note', 'html', 'time', 'link', 'meta'])
      expect(opened).toContain(name);
    // Every attribute the renderer reads is met at least once.
    for (const name of ['class', 'id', 'itemprop', 'style', 'hidden', 'aria-hidden', 'name', 'property'])
      expect(attributes).toContain(name);
    for (const name of ['content', 'lang', 'rel', 'href', 'datetime', 'type'])
      expect(attributes).toContain(name);
    expect(texts).toBeGreaterThan(50);
  });

  it('takes the HTML classification through every kind of block it makes', async () => {
    const article = (await layoutStage.run(primerArticle(), {})) as Article;
    const kinds = new Set(article.blocks?.map((b) => b.kind));
    for (const kind of [
      'title',
      'byline',
      'caption',
      'highlight',
      'subheading',
      'paragraph',
      'list',
      'table',
      'blockquote',
      'related',
      'boilerplate',
    ] as const)
      expect(kinds).toContain(kind);
    expect(article.meta?.authors).toContain('Ann Writer');
    expect(article.meta?.published).toBe('2020-01-02');
  });

  it('leaves a page laid out the same whether it ran before it or not', async () => {
    const html = fixture('article-page.html');
    const primedOnce = await layoutStage.run(pageToArticle({ html }), {});
    // Fresh module instances: their first render runs the primer right before this page's.
    vi.resetModules();
    const fresh = await import('../../../src/layout/index.js');
    const freshPage = await import('../../../src/ingest/page.js');
    const firstInProcess = await fresh.layoutStage.run(freshPage.pageToArticle({ html }), {});
    expect(firstInProcess).toEqual(primedOnce);
  });
});
