import { describe, expect, it } from 'vitest';
import { bodyText } from '../../../src/article/render.js';
import { digest } from '../../../src/digest.js';
import { textsOfKind } from '../helpers.js';

const prose = (topic: string) =>
  `<p>Reviewers spent a week with ${topic}, and most of them, though not all, came away unconvinced that it is ready for people who pay for it.</p>`;

describe('HTML line kinds: a highlights heading', () => {
  it('reads a "TL;DR" heading that opens the story itself as part of the story, not as a highlights box', async () => {
    const html = `<html><body><article><div class="post-body"><h4>TL;DR</h4>${prose('the console')}${prose('the controller')}${prose('the service')}</div></article>
<aside><a href="/1">More reviews</a></aside></body></html>`;
    const a = await digest({ html });
    expect(textsOfKind(a, 'highlight')).toEqual([]);
    expect(bodyText(a)).toContain('Reviewers spent a week with the controller');
  });

  it('still reads a highlights box beside the story as the page highlights', async () => {
    const html = `<html><body><article><div class="post-body"><div class="box"><h4>Key points</h4><ul><li>Prices rise in May</li><li>Bus fares stay</li></ul></div>${prose('the console')}${prose('the controller')}${prose('the service')}</div></article></body></html>`;
    const a = await digest({ html });
    expect(textsOfKind(a, 'highlight')).toEqual(['Key points', 'Prices rise in May', 'Bus fares stay']);
    expect(bodyText(a)).not.toContain('Prices rise in May');
  });
});
