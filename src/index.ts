/**
 * newsdigest's public API: digest(), the Article model and its JSON Schema, the readers that
 * turn files into pages (readPages, decodeBytes), the typed error, the version.
 */
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
  QuoteMode,
  Sentence,
  Source,
  Span,
  Speaker,
} from './article/types.js';
export { type ArticleCheck, type ArticleIssue, checkArticle } from './article/validate.js';
export { type DigestedArticle, type DigestInput, digest, digestArticle, STAGES } from './digest.js';
export {
  checkDigestOptions,
  type DigestOptions,
  type FullDigestOptions,
  type LanguageOptions,
} from './digest-options.js';
export { type ErrorCode, isNewsdigestError, NewsdigestError } from './errors.js';
export { type Decoded, type DecodeOptions, decodeBytes } from './ingest/decode.js';
export type { PageInput } from './ingest/page.js';
export { type PageResult, type ReadOptions, readPages } from './ingest/read.js';
export { VERSION } from './version.js';
