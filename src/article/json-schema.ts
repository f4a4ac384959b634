/** The Article's JSON Schema, generated from the same valibot schema that validates it. */
import { toJsonSchema } from '@valibot/to-json-schema';
import { ArticleSchema, SCHEMA_VERSION } from './schema.js';

export function articleJsonSchema(): Record<string, unknown> {
  const schema = toJsonSchema(ArticleSchema, { errorMode: 'ignore' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: `https://newsdigest.dev/schema/article-${SCHEMA_VERSION}.json`,
    title: 'newsdigest Article',
    description:
      'One news page: its normalised text plus layers of half-open [start, end) spans into it, counted in UTF-16 code units.',
  };
}
