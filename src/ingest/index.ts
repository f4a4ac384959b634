/** ingest: bytes in (files, folders, stdin, JSONL ...), pages out, each ready to become an Article. */

export { normalizeText } from './normalize.js';
export { contentId, looksLikeHtml, type PageInput, pageToArticle } from './page.js';
export { type PageResult, type ReadOptions, readPages } from './read.js';
