/**
 * The version of the Article JSON form, in a module of its own so that code that only
 * stamps articles (ingest) does not load valibot and build every schema.
 * Bumped on any change to the JSON form; minor for additions, major for breaks.
 */
export const SCHEMA_VERSION = '1.0';
