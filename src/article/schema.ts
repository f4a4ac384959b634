/**
 * The Article contract: one normalised text plus layers of half-open spans into it.
 *
 * These valibot schemas are the single definition of the public JSON form. The
 * TypeScript types are inferred from them, runtime validation uses them, and the
 * shipped JSON Schema (`newsdigest schema`) is generated from them, so the three
 * can never drift apart.
 */
import * as v from 'valibot';
import { SCHEMA_VERSION, SCHEMA_VERSIONS } from './schema-version.js';

export { SCHEMA_VERSION, SCHEMA_VERSIONS };

const offset = v.pipe(v.number(), v.integer(), v.minValue(0));

/** A half-open range `[start, end)` of UTF-16 code units in `Article.text`. */
export const SpanSchema = v.object({ start: offset, end: offset });

export const BLOCK_KINDS = [
  'title',
  'caption',
  'highlight',
  'dateline',
  'byline',
  'subheading',
  'paragraph',
  'list',
  'table',
  'blockquote',
  'related',
  'credit',
  'boilerplate',
] as const;

export const BlockSchema = v.object({
  kind: v.picklist(BLOCK_KINDS),
  start: offset,
  end: offset,
});

/** A body sentence; `block` is the index of the block it lies in, when blocks exist. */
export const SentenceSchema = v.object({
  start: offset,
  end: offset,
  block: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});

export const MetaSchema = v.object({
  title: v.optional(v.string()),
  authors: v.array(v.string()),
  contributors: v.array(v.string()),
  publisher: v.optional(v.string()),
  dateline: v.optional(v.string()),
  /** ISO 8601 date or date-time. */
  published: v.optional(v.string()),
  updated: v.optional(v.string()),
  /** BCP 47 primary language tag, e.g. "en". */
  language: v.optional(v.string()),
});

export const HighlightItemSchema = v.object({
  text: v.string(),
  /** Index into `sentences` of the sentence this item was taken from (extractive). */
  sentence: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  /** Where the item lies in `text`, when it lies there at all (page and extractive items). */
  span: v.optional(SpanSchema),
  /** For generated items: problems found when checking the item against the article. */
  unsupported: v.optional(v.array(v.string())),
});

export const HighlightsSchema = v.object({
  origin: v.picklist(['page', 'extractive', 'llm']),
  items: v.array(HighlightItemSchema),
});

export const ENTITY_TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;

export const EntitySchema = v.object({
  id: v.string(),
  type: v.picklist(ENTITY_TYPES),
  name: v.string(),
  aliases: v.array(v.string()),
  mentions: v.array(SpanSchema),
});

/** Who a quote is attributed to: where they are named in the text, and the entity when resolved. */
export const SpeakerSchema = v.object({
  start: offset,
  end: offset,
  entity: v.optional(v.string()),
});

export const QUOTE_KINDS = ['direct', 'reported', 'according-to'] as const;

/**
 * What a quote reports (since 1.1): words said or written (`speech`), a belief or expectation held
 * (`belief`), an intention (`intention`), something seen (`perception`), or what a document or
 * figure shows (`evidence`). Read from the cue's words (src/quotes/cue-mode.ts).
 */
export const QUOTE_MODES = ['speech', 'belief', 'intention', 'perception', 'evidence'] as const;

export const QuoteSchema = v.object({
  kind: v.picklist(QUOTE_KINDS),
  /** Since 1.1: what the quote reports; the quotes stage sets it on every quote. */
  mode: v.optional(v.picklist(QUOTE_MODES)),
  /** The content: what was said or claimed. */
  start: offset,
  end: offset,
  cue: SpanSchema,
  speaker: v.optional(SpeakerSchema),
});

export const SourceSchema = v.object({
  format: v.picklist(['text', 'html']),
  /** Where the page came from: a file path, "stdin", "file.jsonl:12", "crawl.warc.gz#34". */
  origin: v.optional(v.string()),
  url: v.optional(v.string()),
  /** The page's HTML, kept while the stages run; dropped from the output unless `keepHtml` is set. */
  html: v.optional(v.string()),
  /** The character encoding the bytes were decoded from, and how it was determined. */
  encoding: v.optional(v.string()),
  encodingFrom: v.optional(v.picklist(['bom', 'header', 'meta', 'detected', 'default', 'given'])),
  fetchedAt: v.optional(v.string()),
});

/**
 * A problem found on the way, the Article written all the same. Codes so far: E_NO_ARTICLE (layout:
 * no story text on the page), W_LLM_FALLBACK (summarize: the LLM failed, extractive highlights
 * instead), W_NOT_ENGLISH (language, since 1.1: the page does not read as English, so entities and
 * quotes are left empty; the message names the language or "unknown").
 */
export const WarningSchema = v.object({
  code: v.string(),
  message: v.string(),
  stage: v.optional(v.string()),
});

export const ArticleSchema = v.object({
  /** The version of this contract the Article was written under (1.0 Articles meet 1.1). */
  schemaVersion: v.picklist(SCHEMA_VERSIONS),
  id: v.string(),
  text: v.string(),
  source: SourceSchema,
  blocks: v.optional(v.array(BlockSchema)),
  sentences: v.optional(v.array(SentenceSchema)),
  meta: v.optional(MetaSchema),
  highlights: v.optional(HighlightsSchema),
  entities: v.optional(v.array(EntitySchema)),
  quotes: v.optional(v.array(QuoteSchema)),
  warnings: v.optional(v.array(WarningSchema)),
});
