import { afterEach, describe, expect, it } from 'vitest';
import { digestArticle } from '../src/digest.js';
import { pageToArticle } from '../src/ingest/page.js';

// The suite runs with NEWSDIGEST_CHECK_ARTICLES=1 (vitest.config.ts), so that every Article a test
// produces is checked against the contract; these tests pin that the check is really made there,
// and that a user's run (the variable unset) does not make it.
const TEXT = 'Officials said on Monday that the bridge would reopen. "It is safe," the mayor said.';
const saved = process.env['NEWSDIGEST_CHECK_ARTICLES'];
afterEach(() => {
  if (saved === undefined) delete process.env['NEWSDIGEST_CHECK_ARTICLES'];
  else process.env['NEWSDIGEST_CHECK_ARTICLES'] = saved;
});

/** An Article the stages carry through unchanged but the contract refuses: a schema version no reader knows. */
function brokenArticle() {
  return { ...pageToArticle({ text: TEXT }), schemaVersion: '0.9' } as unknown as Parameters<
    typeof digestArticle
  >[0];
}

describe('digestArticle and the Article contract', () => {
  it('with the check on, an Article that breaks the contract is refused, naming the article and the field', async () => {
    process.env['NEWSDIGEST_CHECK_ARTICLES'] = '1';
    const broken = brokenArticle();
    await expect(digestArticle(broken)).rejects.toThrow(
      new RegExp(`^Article ${broken.id} breaks the contract: schemaVersion: `),
    );
  });

  it('with the check on, a sound Article passes and gets every layer', async () => {
    process.env['NEWSDIGEST_CHECK_ARTICLES'] = '1';
    const article = await digestArticle(pageToArticle({ text: TEXT }));
    expect(article.sentences?.length).toBe(2);
    expect(article.quotes?.length).toBeGreaterThan(0);
  });

  it('with the check off, the same broken Article comes back unchecked', async () => {
    delete process.env['NEWSDIGEST_CHECK_ARTICLES'];
    const article = await digestArticle(brokenArticle());
    expect(article.schemaVersion).toBe('0.9');
    expect(article.sentences?.length).toBe(2);
  });
});
