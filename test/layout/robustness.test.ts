import { describe, expect, it } from 'vitest';
import { bodyText } from '../../src/article/render.js';
import { digest } from '../../src/digest.js';
import type { DigestOptions } from '../../src/digest-options.js';
import { fixture, textsOfKind } from './helpers.js';

// Only layout runs: these tests are about the page, not about what later stages do with it.
const LAYOUT_ONLY: DigestOptions = {
  text: { skip: true },
  entities: { skip: true },
  quotes: { skip: true },
  summarize: { skip: true },
};

const PARAGRAPH =
  '<p>The committee met again on Monday to review the figures, and members said the numbers, which were late, would be published next week.</p>';

describe('layout robustness', () => {
  it('lays out a 50 MB page (inline data and a long story) and keeps the whole body', async () => {
    const story = PARAGRAPH.repeat(4000); // about 0.6 MB of story
    const inline = `<img src="data:image/png;base64,${'QUJD'.repeat(6_500_000)}">`; // 26 MB in one attribute
    const script = `<script>${'var a = 1;'.repeat(2_500_000)}</script>`; // 25 MB of script
    const html = `<html><body>${inline}${script}<article><h1>Figures delayed</h1>${story}</article></body></html>`;
    expect(html.length).toBeGreaterThan(50_000_000);
    const a = await digest({ html }, LAYOUT_ONLY);
    expect(textsOfKind(a, 'paragraph')).toHaveLength(4000);
  }, 60_000);

  it('handles 100,000-deep nesting in bounded time', async () => {
    const depth = 100_000;
    const html = `<html><body>${'<div>'.repeat(depth)}${PARAGRAPH}${'</div>'.repeat(depth)}</body></html>`;
    const a = await digest({ html }, LAYOUT_ONLY);
    expect(bodyText(a)).toMatch(/^The committee met again on Monday/);
    // The same depth never closed, with text at every level.
    const open = `<html><body>${'<div><span>level</span>'.repeat(depth)}</body></html>`;
    const b = await digest({ html: open }, LAYOUT_ONLY);
    expect(b.blocks!.length).toBeGreaterThan(0);
  }, 60_000);

  it('reads broken markup: unclosed tags, stray closers, bad nesting, junk attributes', async () => {
    const html =
      '<html><body><div class="story"<p>The bridge reopened on Friday after three weeks of repairs, the highways agency said.' +
      '</span></td><p>Traffic was light in the morning, with <b>drivers <i>still</b> using</i> the diversion out of habit, according to the agency.' +
      '<p>Engineers will return in spring to finish the work on the footpath, which is still closed to walkers and cyclists.</div></div></section>' +
      '<p <<<>>> "=\'>Stray text';
    const a = await digest({ html });
    const body = bodyText(a);
    expect(body).toContain('The bridge reopened on Friday');
    expect(body).toContain('drivers still using the diversion');
    expect(body).toContain('Engineers will return in spring');
  });

  it('says "no article found" for a page without a story, and still returns a result', async () => {
    const a = await digest({ html: fixture('no-article.html') });
    expect(bodyText(a)).toBe('');
    expect(a.warnings?.map((w) => w.code)).toContain('E_NO_ARTICLE');
    expect(a.warnings?.find((w) => w.code === 'E_NO_ARTICLE')?.message).toMatch(/^no article found/);
  });
});
