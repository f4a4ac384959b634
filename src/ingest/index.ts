/** ingest: bytes in (files, folders, globs, stdin, JSONL, RSS/Atom, WARC), pages out, each ready to become an Article. */

export { type Decoded, type DecodeOptions, decodeBytes } from './decode.js';
export { normalizeText } from './normalize.js';
export { contentId, looksLikeHtml, type PageInput, pageToArticle } from './page.js';
export { type PageResult, type ReadOptions, readPages } from './read.js';
export { SkippedRecords } from './skipped.js';
export type { SkippedRecord, SkipReason } from './warc.js';
