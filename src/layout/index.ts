/** layout: which part of the page each block is (title, caption, paragraph, ...), and metadata. */
import type { Article } from '../article/types.js';
import type { DigestOptions } from '../digest-options.js';
import type { Stage } from '../pipeline.js';

export type { LayoutOptions } from './options.js';

export const layoutStage: Stage = {
  name: 'layout',
  reads: ['text'],
  writes: ['blocks', 'meta', 'highlights'],
  run(article: Article, options: DigestOptions): Article {
    if (options.layout?.skip) return article;
    return article; // not implemented yet: blocks stay absent
  },
};
