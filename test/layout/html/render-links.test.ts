import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../../src/layout/html/render.js';

const shares = (html: string) => renderHtml(html).blocks.map((b) => Math.round(b.linkShare * 100) / 100);

describe('renderHtml: link share of a line', () => {
  it('counts the text of links to other pages', () => {
    expect(shares('<p><a href="/x">Ferry fares to rise</a></p><p>Fares <a href="/y">rise</a></p>')).toEqual([
      1, 0.4,
    ]);
  });

  it('reads a link that shows its own address as text (a source or a shop named in the story)', () => {
    expect(
      shares(
        '<p><a href="https://shop.example.com/a">https://shop.example.com/a</a></p><p>Tickets: <a href="http://example.org">www.example.org</a></p>',
      ),
    ).toEqual([0, 0]);
    // In capitals, and after white space of any kind inside the link.
    expect(
      shares(
        '<p>Tickets: <a href="/t">WWW.EXAMPLE.ORG</a></p><p>Source: <a href="/s">HTTPS://EXAMPLE.ORG/A</a></p><p>Shop: <a href="/u">\u00a0\u2003 http://example.org</a></p>',
      ),
    ).toEqual([0, 0, 0]);
    // Text that starts as an address would, and is not one.
    expect(shares('<p><a href="/h">hello world</a></p><p><a href="/v">www dot example</a></p>')).toEqual([
      1, 1,
    ]);
  });

  it('still counts an address that is only part of a link, or a link cut by a line break', () => {
    expect(shares('<p><a href="/z">See www.example.org for more</a></p>')).toEqual([1]);
    expect(shares('<div><a href="/w">Listen<br>www.example.org</a></div>')).toEqual([1, 1]);
  });
});
