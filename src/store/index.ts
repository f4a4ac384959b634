/** store: the corpus behind a small interface (CorpusStore); SQLite with FTS5 is the embedded default. */
export { articleRecord, articleTitle, normName } from './record.js';
export { type OpenOptions, openStore } from './sqlite-store.js';
export type * from './types.js';
