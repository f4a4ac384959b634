/**
 * The corpus store as the rest of newsdigest sees it: a small interface, so that
 * the embedded SQLite store could be replaced by a PostgreSQL one (DESIGN.md,
 * "Beyond one machine") without the batch runner, the CLI or the server changing.
 */
import type { Article, EntityType, QuoteKind } from '../article/types.js';
import type { CueMode as QuoteMode } from '../quotes/cue-mode.js';

export type { QuoteMode };

import type { ErrorCode } from '../errors.js';

/** What is stored for one article, computed from it once (in a worker, off the main thread). */
export interface StoreRecord {
  id: string;
  title: string;
  /** The story's text as indexed for search (body blocks when layout found them, else all the text). */
  body: string;
  url?: string;
  origin?: string;
  publisher?: string;
  published?: string;
  /** The Article as JSON: the public contract, returned as is. */
  json: string;
  entities: EntityRecord[];
  quotes: QuoteRecord[];
}

export interface EntityRecord {
  /** The entity's id inside its article. */
  localId: string;
  type: EntityType;
  name: string;
  /** `normName(name)`: computed where the record is built (a worker), not by the writer. */
  norm: string;
  /** The name and its aliases as written, each once: what `--entity X` matches (case-insensitively). */
  aliases: string[];
  /** `normName` of each alias, in the same order. */
  aliasNorms: string[];
  mentions: [number, number][];
}

export interface QuoteRecord {
  kind: QuoteKind;
  /** The Article's `Quote.mode`, else cueMode of the cue (an Article digested before 1.1's mode). */
  mode: QuoteMode;
  start: number;
  end: number;
  text: string;
  cue: string;
  /** How the speaker is named: the resolved entity's name, else the speaker span's text. */
  speaker?: string;
  /** `normName(speaker)`, when there is a speaker. */
  speakerNorm?: string;
  /** Local id of the resolved speaker entity, when the quotes stage resolved one. */
  speakerEntity?: string;
}

/** One article to store, with the hash of the input it was made from (the key of "already stored"). */
export interface StoreItem {
  hash: string;
  record: StoreRecord;
  /**
   * An article already stored with this hash is replaced by this one (`ingest --force`: the page
   * digested again) instead of being kept: its row is rewritten in place (same rowid, same id) and
   * every row derived from it (full-text rows, entity mentions, aliases, quotes) is dropped and
   * written anew, in the batch's transaction. Without it (or with no such article) the item is
   * stored as new, or left out when its hash is stored already.
   */
  replace?: boolean;
}

/** A per-input failure, stored so that a batch can go on and the failures be listed later. */
export interface StoredError {
  /** The input's content hash, when the input was read at all. */
  hash?: string;
  origin: string;
  code: ErrorCode;
  message: string;
  at?: string;
}

export interface ArticleFilters {
  /** Full-text query: plain words (all must match), or FTS5 syntax ("phrase", AND, OR, NOT, prefix*). */
  q?: string;
  /** Any name or alias of an entity mentioned in the article (case-insensitive). */
  entity?: string;
  /** Any name of a speaker quoted in the article (the span's text or the resolved entity's aliases). */
  speaker?: string;
  /** With `speaker`: only quotes of this mode count ("articles where Costa said something"). */
  mode?: QuoteMode;
  publisher?: string;
  /** Published on or after this date (YYYY-MM-DD or any ISO 8601 prefix). */
  from?: string;
  /** Published on or before this date (inclusive). */
  to?: string;
}

export interface Page {
  /** A number, or the text a user typed (checked here, and named as typed when it is no number). */
  limit?: number | string;
  /** Opaque: the `next` of the previous page. */
  cursor?: string;
  /** Count every match as well (Paged.total): one more query (search, entities, quotes). */
  total?: boolean;
}

export interface ArticleHit {
  id: string;
  title: string;
  url: string | null;
  publisher: string | null;
  published: string | null;
  /** HTML: the text escaped, matched terms in <mark>. Safe to insert as markup. */
  snippet: string;
  /** bm25 score when a query was given (lower is better, as SQLite reports it). */
  score: number | null;
}

export interface Paged<T> {
  items: T[];
  /** Cursor of the next page, or null on the last one. */
  next: string | null;
  /** How many items match in all, every page together (when asked for: Page.total). */
  total?: number;
}

export interface EntitySummary {
  id: number;
  type: EntityType;
  name: string;
  /** Articles that mention it. */
  articles: number;
  mentions: number;
}

export interface MentionContext {
  start: number;
  end: number;
  /** Text around the mention: `before`, the mention itself, `after`. */
  before: string;
  text: string;
  after: string;
}

export interface EntityDetail extends EntitySummary {
  aliases: string[];
  /** Its mentions, article by article. */
  occurrences: Paged<{
    article: { id: string; title: string };
    localId: string;
    mentions: MentionContext[];
  }>;
}

export interface QuoteHit {
  article: { id: string; title: string };
  kind: QuoteKind;
  mode: QuoteMode;
  start: number;
  end: number;
  text: string;
  cue: string;
  speaker: { name: string; entity: number | null } | null;
}

export interface QuoteFilters {
  speaker?: string;
  q?: string;
  /** Only quotes of this kind. */
  kind?: QuoteKind;
  /** Only quotes of these modes (the API takes one; the speaker page asks for all but speech). */
  mode?: QuoteMode | readonly QuoteMode[];
}

export interface EntityFilters {
  /** Only entities of this type. */
  type?: EntityType;
}

export interface StoreStats {
  articles: number;
  entities: number;
  quotes: number;
  errors: number;
}

/** A batch written in parts (CorpusStore.openBatch): nothing of it is seen by others before `commit`. */
export interface BatchTransaction {
  /**
   * Writes these rows as putBatch would, in the open transaction. Returns the hashes it left out
   * because an article with that hash was already stored (earlier, or in this batch).
   */
  put(items: readonly StoreItem[], errors?: readonly StoredError[]): string[];
  /** Commits everything put; the store's caches learn the batch's new entities only now. */
  commit(): void;
  /** Drops everything put (a failed write, or a run stopped before the batch was whole). */
  rollback(): void;
}

export interface CorpusStore {
  /**
   * The database file, when other connections (the batch's worker threads) can open it and
   * write to it themselves; undefined for a store only this connection can reach (in memory).
   */
  readonly file?: string | undefined;
  /** True when an article made from an input with this hash is stored. */
  has(hash: string): boolean;
  /**
   * Stores articles (and clears their inputs' earlier errors) in one transaction: all or none.
   * Returns the hashes of the items it left out because an article with that hash was already
   * stored (by an earlier batch or another connection).
   */
  putBatch(items: readonly StoreItem[], errors?: readonly StoredError[]): string[];
  /**
   * Makes replacing articles (StoreItem.replace) cheap for the run about to start: an index of
   * quotes by article, which plain ingests do not keep (migration 2 dropped it: nothing reads
   * quotes by article, and it cost every write). `endReplace` drops it again. Either may be left
   * out by a store that needs no such thing; without them replacing is still right, only slower.
   */
  beginReplace?(): void;
  endReplace?(): void;
  /**
   * Opens one transaction that takes a batch in parts, as its pages are digested, and commits
   * them all or none: `putBatch` spread over several calls. The batch's writing worker writes each
   * chunk as soon as it is digested instead of holding every record of the batch until its
   * commit (records held across collections were most of what its GC copied and promoted).
   * Stores that cannot keep a transaction open leave it out; the writer then uses putBatch.
   */
  openBatch?(): BatchTransaction;
  /** Moves committed writes from the write-ahead log into the database file, if the store has one. */
  checkpoint?(): void;
  errors(): StoredError[];
  search(filters: ArticleFilters, page?: Page): Paged<ArticleHit>;
  article(id: string): Article | undefined;
  /** The stored Article as JSON text, as article() parses it (the API sends it as it is). */
  articleJson?(id: string): string | undefined;
  entities(q: string | undefined, page?: Page, filters?: EntityFilters): Paged<EntitySummary>;
  entity(id: number, page?: Page): EntityDetail | undefined;
  quotes(filters: QuoteFilters, page?: Page): Paged<QuoteHit>;
  /** The corpus entity ids of an article's entities, by their local id. */
  articleEntityIds(id: string): Map<string, number>;
  stats(): StoreStats;
  close(): void;
}
