import { describe, expect, it } from 'vitest';
import { bodyText } from '../../src/article/render.js';
import { digest } from '../../src/digest.js';
import { normalizeText } from '../../src/ingest/normalize.js';
import { renderHtml } from '../../src/layout/html/render.js';
import { fixture, kindsOf, textsOfKind } from './helpers.js';

describe('HTML layout: main content and structure', () => {
  it('keeps the story whole and in order, with its structure, and drops the furniture', async () => {
    const a = await digest({ html: fixture('article-page.html') });
    const body = bodyText(a);
    expect(body.startsWith('FENWICK — The regional transport board')).toBe(true);
    expect(body.endsWith('publish a noise study in the summer.')).toBe(true);
    expect(textsOfKind(a, 'subheading')).toEqual(['How it will be paid for']);
    expect(textsOfKind(a, 'list')).toEqual([
      'Six new stops, two of them underground\nTrams every eight minutes at peak times',
    ]);
    expect(textsOfKind(a, 'table')[0]).toContain('Millbrook to the airport');
    expect(textsOfKind(a, 'blockquote')[0]).toMatch(/^We have waited a long time/);
    expect(textsOfKind(a, 'caption')).toEqual(['A test tram on the Quayside loop in January.']);
    expect(textsOfKind(a, 'title')).toEqual(['Tram line to reach the airport by 2029']);
    expect(textsOfKind(a, 'related')).toContain('Read more: Night buses to be cut from April');
    for (const furniture of [
      'Home',
      'Advertisement',
      'Share on',
      'About time too',
      'Harbour wall',
      '©',
      'Privacy',
    ])
      expect(body).not.toContain(furniture);
  });

  it('makes every block a span into the one normalised text', async () => {
    const html = fixture('article-page.html');
    const a = await digest({ html });
    expect(normalizeText(a.text)).toBe(a.text);
    expect(renderHtml(html).text).toBe(a.text);
    let last = 0;
    for (const b of a.blocks!) {
      expect(b.start).toBeGreaterThanOrEqual(last);
      expect(b.end).toBeLessThanOrEqual(a.text.length);
      expect(a.text.slice(b.start, b.end).trim()).toBe(a.text.slice(b.start, b.end));
      last = b.end;
    }
  });

  it('renders odd whitespace and invisible characters as ingest normalises them', () => {
    const page = renderHtml('<p>a\u00a0\u00a0b\u200b c\u2028d</p><pre>one\n  two</pre><p>\u0085e\tf </p>');
    expect(page.text).toBe('a b c d\none\ntwo\ne f');
    expect(normalizeText(page.text)).toBe(page.text);
  });

  it('skips hidden elements, scripts and styles', () => {
    const page = renderHtml(
      '<body><p hidden>secret one</p><p style="display: none">secret two</p><script>var x = "secret three"</script><style>p{}</style><p>shown</p></body>',
    );
    expect(page.text).toBe('shown');
  });

  it('tells the dateline inside the first paragraph to metadata without cutting the paragraph', async () => {
    const a = await digest({ html: fixture('story-highlights.html') });
    expect(a.meta?.dateline).toBe('ARDLEY, Wales');
    expect(textsOfKind(a, 'paragraph')[0]).toMatch(/^ARDLEY, Wales \(Coastline News\) — The coastal road/);
  });

  it('prints the body for --format text through bodyText', async () => {
    const a = await digest({ html: fixture('story-highlights.html') });
    expect(bodyText(a).split('\n\n')).toHaveLength(3);
    expect(kindsOf(a).find(([k]) => k === 'credit')?.[1]).toBe(
      'Hana Okoro and Dafydd Rees contributed to this report.',
    );
  });
});
