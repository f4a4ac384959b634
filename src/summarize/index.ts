/** summarize: the page's own highlights, or 3-4 selected from its sentences. */
import type { Article } from '../article/types.js';
import type { DigestOptions } from '../digest-options.js';
import type { Stage } from '../pipeline.js';

export type { SummarizeOptions } from './options.js';

export const summarizeStage: Stage = {
  name: 'summarize',
  reads: ['text', 'sentences'],
  writes: ['highlights'],
  run(article: Article, options: DigestOptions): Article {
    if (options.summarize?.skip) return article;
    return article; // not implemented yet
  },
};
