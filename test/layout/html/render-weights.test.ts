import { describe, expect, it } from 'vitest';
import { bodyText } from '../../../src/article/render.js';
import { digest } from '../../../src/digest.js';
import { renderHtml } from '../../../src/layout/html/render.js';

const story = (embed: string) => `<html><body><article><div class="article-body">
<p>The council voted on Tuesday to close the old bridge to cars, and residents, who had asked for it for years, said so online.</p>
<p>Many of them posted pictures of the bridge at dusk, with its lamps lit, as it will be seen from next week.</p>
${embed}
<p>Work on the new crossing, two hundred metres downstream, is due to start in the spring, the council said in a statement.</p>
</div></article><div class="social-share"><a href="/s">Share on social media</a></div></body></html>`;

describe('renderHtml: class and id weights', () => {
  it('never weighs an embedded post as furniture, even when its name also says social', async () => {
    const html = story(
      '<div class="social-media-embed"><blockquote class="twitter-tweet"><p>Finally a quiet walk over the river, and the lamps are lovely.</p>— A. Walker (@awalker) March 3, 2020</blockquote></div>',
    );
    const page = renderHtml(html);
    const divWeights = page.nodes.tag.flatMap((t, i) => (t === 'div' ? [page.nodes.weight[i]] : []));
    // The story's body, the embed, the share box.
    expect(divWeights).toEqual([25, 0, -25]);
    const body = bodyText(await digest({ html }));
    expect(body).toContain('Finally a quiet walk over the river');
    expect(body).not.toContain('Share on social media');
  });
});
