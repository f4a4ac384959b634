import type * as v from 'valibot';
import type {
  ArticleSchema,
  BLOCK_KINDS,
  BlockSchema,
  ENTITY_TYPES,
  EntitySchema,
  HighlightItemSchema,
  HighlightsSchema,
  MetaSchema,
  QUOTE_KINDS,
  QUOTE_MODES,
  QuoteSchema,
  SentenceSchema,
  SourceSchema,
  SpanSchema,
  SpeakerSchema,
  WarningSchema,
} from './schema.js';

export type Span = v.InferOutput<typeof SpanSchema>;
export type BlockKind = (typeof BLOCK_KINDS)[number];
export type Block = v.InferOutput<typeof BlockSchema>;
export type Sentence = v.InferOutput<typeof SentenceSchema>;
export type Meta = v.InferOutput<typeof MetaSchema>;
export type HighlightItem = v.InferOutput<typeof HighlightItemSchema>;
export type Highlights = v.InferOutput<typeof HighlightsSchema>;
export type EntityType = (typeof ENTITY_TYPES)[number];
export type Entity = v.InferOutput<typeof EntitySchema>;
export type QuoteKind = (typeof QUOTE_KINDS)[number];
export type QuoteMode = (typeof QUOTE_MODES)[number];
export type Quote = v.InferOutput<typeof QuoteSchema>;
export type Speaker = v.InferOutput<typeof SpeakerSchema>;
export type Source = v.InferOutput<typeof SourceSchema>;
export type ArticleWarning = v.InferOutput<typeof WarningSchema>;
export type Article = v.InferOutput<typeof ArticleSchema>;

/** The layers a stage can read or write. */
export type Layer = 'text' | 'blocks' | 'sentences' | 'meta' | 'highlights' | 'entities' | 'quotes';
