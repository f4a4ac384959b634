/** entities: people, organisations, places and other names, with mentions merged. */
import type { Article } from '../article/types.js';
import type { DigestOptions } from '../digest-options.js';
import type { Stage } from '../pipeline.js';
import { typeDatelinePlaces } from './dateline-places.js';
import { findMentions, spansToTag } from './mentions.js';
import { mergeMentions } from './merge.js';
import { shippedTagger } from './shipped-tagger.js';

export type { EntitiesOptions } from './options.js';

export const entitiesStage: Stage = {
  name: 'entities',
  reads: ['text', 'blocks', 'sentences', 'meta'],
  writes: ['entities'],
  run(article: Article, options: DigestOptions): Article {
    if (options.entities?.skip) return article;
    const tagged = findMentions(article.text, spansToTag(article), shippedTagger());
    const mentions = typeDatelinePlaces(article, tagged);
    return { ...article, entities: mergeMentions(article.text, mentions) };
  },
};
