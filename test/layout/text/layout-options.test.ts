import { describe, expect, it } from 'vitest';
import { pageToArticle } from '../../../src/ingest/page.js';
import { layoutStage, textBlocks } from '../../../src/layout/index.js';
import { DEFAULT_TEXT_PARAMS } from '../../../src/layout/text/classify-lines.js';
import { fixture } from '../helpers.js';

describe('layout option textModel', () => {
  // The whole-page dump with two readers' comments after the story: a page on which the
  // shipped line model and the rules disagree (over the "Comments (2)" line), so the
  // option's effect shows.
  const page = fixture('text-dump.txt').replace(
    'Most read',
    [
      'Comments (2)',
      'Great news for our town, we have waited years for a proper bakery to come back to the high street.',
      'I hope they pay their staff properly this time, the last chain closed after a year and left everyone out of work.',
      'Most read',
    ].join('\n\n'),
  );
  const article = pageToArticle({ id: 'dump', text: page });
  const rules = textBlocks(article.text, { ...DEFAULT_TEXT_PARAMS, model: null });
  const model = textBlocks(article.text);

  it('the two readings differ on this page', () => {
    expect(model).not.toEqual(rules);
  });

  it('false reads a plain-text page with the rules alone', async () => {
    expect((await layoutStage.run(article, { layout: { textModel: false } })).blocks).toEqual(rules);
  });

  it('left out, uses the shipped line model', async () => {
    expect((await layoutStage.run(article, {})).blocks).toEqual(model);
  });
});
