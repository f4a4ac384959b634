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
  });

  it('still counts an address that is only part of a link, or a link cut by a line break', () => {
    expect(shares('<p><a href="/z">See www.example.org for more</a></p>')).toEqual([1]);
    expect(shares('<div><a href="/w">Listen<br>www.example.org</a></div>')).toEqual([1, 1]);
  });
});
