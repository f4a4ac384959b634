/** quotes: who said what (direct and reported speech) and what claims rest on. */
import type { Article } from '../article/types.js';
import type { DigestOptions } from '../digest-options.js';
import type { Stage } from '../pipeline.js';

export type { QuotesOptions } from './options.js';

export const quotesStage: Stage = {
  name: 'quotes',
  reads: ['text', 'sentences'],
  writes: ['quotes'],
  run(article: Article, options: DigestOptions): Article {
    if (options.quotes?.skip) return article;
    return article; // not implemented yet
  },
};
