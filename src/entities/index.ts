/** entities: people, organisations, places and other names, with mentions merged. */
import type { Article } from '../article/types.js';
import type { DigestOptions } from '../digest-options.js';
import type { Stage } from '../pipeline.js';

export type { EntitiesOptions } from './options.js';

export const entitiesStage: Stage = {
  name: 'entities',
  reads: ['text', 'sentences'],
  writes: ['entities'],
  run(article: Article, options: DigestOptions): Article {
    if (options.entities?.skip) return article;
    return article; // not implemented yet
  },
};
