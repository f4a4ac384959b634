/** newsdigest's public API: digest(), the Article model and its JSON Schema, the version. */
export { articleJsonSchema } from './article/json-schema.js';
export { ArticleSchema, SCHEMA_VERSION } from './article/schema.js';
export type {
  Article,
  ArticleWarning,
  Block,
  BlockKind,
  Entity,
  EntityType,
  HighlightItem,
  Highlights,
  Meta,
  Quote,
  QuoteKind,
  Sentence,
  Source,
  Span,
  Speaker,
} from './article/types.js';
export { type ArticleCheck, type ArticleIssue, checkArticle } from './article/validate.js';
export { digest, digestArticle, STAGES } from './digest.js';
export type { DigestOptions } from './digest-options.js';
export { type ErrorCode, NewsdigestError } from './errors.js';
export type { PageInput } from './ingest/page.js';
export { VERSION } from './version.js';
