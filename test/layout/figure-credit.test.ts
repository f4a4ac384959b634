/**
 * meta-17 item 4: a photo's credit line in a figure ("Image copyright …", BBC's layout) is a `credit`,
 * not a caption; the figure's caption stays a caption. Page written for the project.
 */
import { describe, expect, it } from 'vitest';
import { digest } from '../../src/digest.js';
import { textsOfKind } from './helpers.js';

const story =
  '<p>The county opened its new slate museum on Saturday in the old quarry office, with tools donated by three families of cutters.</p>' +
  '<p>Entry is free until the end of the month, the curator said, and school groups can book guided visits on weekdays.</p>';

function page(siteName: string, body: string): string {
  return `<html><head><title>Slate museum opens</title><meta property="og:site_name" content="${siteName}"></head><body><article><h1>Slate museum opens in the quarry office</h1>${body}</article></body></html>`;
}

const skip = { entities: { skip: true }, quotes: { skip: true } } as const;

describe("a photo's credit line in a figure", () => {
  it('is a credit; the caption stays a caption', async () => {
    const a = await digest(
      {
        html: page(
          'The Daily Quarry',
          `<figure><img src="a.jpg"><span class="copyright">Image copyright Quarry Pictures</span><figcaption>Image caption The old weighing room holds the cutters’ tools</figcaption></figure>${story}`,
        ),
      },
      skip,
    );
    expect(textsOfKind(a, 'credit')).toEqual(['Image copyright Quarry Pictures']);
    expect(textsOfKind(a, 'caption')).toEqual([
      'Image caption The old weighing room holds the cutters’ tools',
    ]);
    expect(a.meta?.contributors).toEqual([]);
  });
});
