/**
 * The version of the Article JSON form, in a module of its own so that code that only
 * stamps articles (ingest) does not load valibot and build every schema.
 * Bumped on any change to the JSON form; minor for additions, major for breaks.
 */
export const SCHEMA_VERSION = '1.1';

/**
 * The versions an Article may carry and still meet this contract: 1.1 added only a warning code
 * (W_NOT_ENGLISH), so every 1.0 Article is a valid 1.1 one.
 */
export const SCHEMA_VERSIONS = ['1.0', SCHEMA_VERSION] as const;
