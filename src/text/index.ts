/** text: sentence and token boundaries, news-aware. */
import type { Article } from '../article/types.js';
import type { DigestOptions } from '../digest-options.js';
import type { Stage } from '../pipeline.js';

export type { TextOptions } from './options.js';

export const textStage: Stage = {
  name: 'text',
  reads: ['text'],
  writes: ['sentences'],
  run(article: Article, options: DigestOptions): Article {
    if (options.text?.skip) return article;
    return article; // not implemented yet: sentences stay absent
  },
};
