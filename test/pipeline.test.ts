import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../src/article/schema.js';
import type { Article } from '../src/article/types.js';
import { checkStageOrder, runStages, type Stage } from '../src/pipeline.js';

const article: Article = {
  schemaVersion: SCHEMA_VERSION,
  id: 'p',
  text: 'One. Two.',
  source: { format: 'text' },
};

const splitter: Stage = {
  name: 'splitter',
  reads: ['text'],
  writes: ['sentences'],
  run: (a) => ({
    ...a,
    sentences: [
      { start: 0, end: 4 },
      { start: 5, end: 9 },
    ],
  }),
};
const summarizer: Stage = {
  name: 'summarizer',
  reads: ['sentences'],
  writes: ['highlights'],
  run: (a) => ({ ...a, highlights: { origin: 'extractive', items: [{ text: 'One.', sentence: 0 }] } }),
};

describe('checkStageOrder', () => {
  it('accepts stages whose reads are written earlier', () => {
    expect(() => checkStageOrder([splitter, summarizer])).not.toThrow();
  });

  it('names the stage and the layer when a layer is read before it is written', () => {
    expect(() => checkStageOrder([summarizer, splitter])).toThrow(
      'stage "summarizer" reads layer "sentences", which no earlier stage writes',
    );
  });
});

describe('runStages', () => {
  it('runs the stages in order, each adding its layer', async () => {
    const out = await runStages(article, [splitter, summarizer], {});
    expect(out.sentences).toHaveLength(2);
    expect(out.highlights?.items[0]?.text).toBe('One.');
    expect(article.sentences).toBeUndefined(); // the input Article is not changed
  });

  it('refuses a stage that rewrites the text', async () => {
    const rewriter: Stage = {
      name: 'rewriter',
      reads: ['text'],
      writes: [],
      run: (a) => ({ ...a, text: a.text.toUpperCase() }),
    };
    await expect(runStages(article, [rewriter], {})).rejects.toThrow('stage "rewriter" changed Article.text');
  });
});
