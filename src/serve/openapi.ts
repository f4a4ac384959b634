/** The API's OpenAPI 3.1 document, served at /openapi.json. The Article schema is the generated one. */
import { articleJsonSchema } from '../article/json-schema.js';
import { VERSION } from '../version.js';

const str = { type: 'string' };
const nullableStr = { type: ['string', 'null'] };

function param(name: string, description: string, schema: object = str) {
  return { name, in: 'query', required: false, description, schema };
}

const pageParams = [
  param('limit', 'How many items (1 to 100, default 20).', { type: 'integer', minimum: 1, maximum: 100 }),
  param('cursor', 'The `next` of the previous page.'),
];

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

function paged(item: object) {
  return {
    type: 'object',
    required: ['items', 'next'],
    properties: { items: { type: 'array', items: item }, next: nullableStr },
  };
}

export function openApiDocument(): Record<string, unknown> {
  const { $schema: _drop, ...article } = articleJsonSchema();
  return {
    openapi: '3.1.0',
    info: {
      title: 'newsdigest corpus API',
      version: VERSION,
      description:
        'Digest news pages and search a corpus of them: full text (bm25), entities (any alias), speakers, publishers and dates.',
    },
    paths: {
      '/v1/digest': {
        post: {
          summary: 'Digest one page (text or HTML) into an Article',
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: { text: str, html: str, url: str, id: str },
                  description: 'Give `text` or `html`.',
                },
              },
              'text/plain': { schema: str },
              'text/html': { schema: str },
            },
          },
          responses: {
            200: {
              description: 'The Article',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Article' } } },
            },
            400: errorResponse('Empty, malformed or binary input'),
            413: errorResponse('Body larger than the limit'),
            503: errorResponse('As many digests running or waiting as the server takes; see Retry-After'),
            504: errorResponse('Took longer than the time limit'),
          },
        },
      },
      '/v1/articles': {
        get: {
          summary: 'Search articles',
          parameters: [
            param(
              'q',
              'Full-text query: plain words (all must match) or FTS5 syntax ("phrase", AND, OR, NOT, prefix*).',
            ),
            param('entity', 'An entity mentioned, by any name or alias.'),
            param('speaker', 'A speaker quoted in the article.'),
            param('publisher', 'The publisher.'),
            param('from', 'Published on or after (YYYY-MM-DD).'),
            param('to', 'Published on or before (YYYY-MM-DD, inclusive).'),
            ...pageParams,
          ],
          responses: {
            200: {
              description: 'Best matches first (bm25) with a query; newest first without one',
              content: { 'application/json': { schema: paged({ $ref: '#/components/schemas/ArticleHit' }) } },
            },
            400: errorResponse('Bad query syntax or parameter'),
          },
        },
      },
      '/v1/articles/{id}': {
        get: {
          summary: 'One stored Article',
          parameters: [{ name: 'id', in: 'path', required: true, schema: str }],
          responses: {
            200: {
              description: 'The Article',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Article' } } },
            },
            404: errorResponse('No such article'),
          },
        },
      },
      '/v1/entities': {
        get: {
          summary: 'Entities across the corpus, most widely mentioned first',
          parameters: [
            param('q', 'Names or aliases starting with, or names containing, these words.'),
            ...pageParams,
          ],
          responses: {
            200: {
              description: 'Entities',
              content: {
                'application/json': { schema: paged({ $ref: '#/components/schemas/EntitySummary' }) },
              },
            },
          },
        },
      },
      '/v1/entities/{id}': {
        get: {
          summary: 'One entity, its aliases and its mentions across the corpus (paged by article)',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'integer' } },
            ...pageParams,
          ],
          responses: {
            200: {
              description: 'The entity',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/EntityDetail' } } },
            },
            404: errorResponse('No such entity'),
          },
        },
      },
      '/v1/quotes': {
        get: {
          summary: 'Quotes, by speaker and words',
          parameters: [
            param('speaker', 'Speaker name: as written, or any alias of the resolved entity.'),
            param('q', 'Words in the quote (same syntax as for articles).'),
            ...pageParams,
          ],
          responses: {
            200: {
              description: 'Quotes',
              content: { 'application/json': { schema: paged({ $ref: '#/components/schemas/QuoteHit' }) } },
            },
            400: errorResponse('Bad query syntax or parameter'),
          },
        },
      },
    },
    components: {
      schemas: {
        Article: article,
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: { code: str, message: str, input: str },
            },
          },
        },
        ArticleHit: {
          type: 'object',
          required: ['id', 'title', 'snippet'],
          properties: {
            id: str,
            title: str,
            url: nullableStr,
            publisher: nullableStr,
            published: nullableStr,
            snippet: { type: 'string', description: 'HTML: the text escaped, matches in <mark>.' },
            score: {
              type: ['number', 'null'],
              description: 'bm25 (lower is better) when a query was given.',
            },
          },
        },
        EntitySummary: {
          type: 'object',
          properties: {
            id: { type: 'integer' },
            type: { enum: ['PER', 'ORG', 'LOC', 'MISC'] },
            name: str,
            articles: { type: 'integer' },
            mentions: { type: 'integer' },
          },
        },
        EntityDetail: {
          allOf: [
            { $ref: '#/components/schemas/EntitySummary' },
            {
              type: 'object',
              properties: {
                aliases: { type: 'array', items: str },
                occurrences: paged({
                  type: 'object',
                  properties: {
                    article: { type: 'object', properties: { id: str, title: str } },
                    localId: str,
                    mentions: {
                      type: 'array',
                      items: {
                        type: 'object',
                        properties: {
                          start: { type: 'integer' },
                          end: { type: 'integer' },
                          before: str,
                          text: str,
                          after: str,
                        },
                      },
                    },
                  },
                }),
              },
            },
          ],
        },
        QuoteHit: {
          type: 'object',
          properties: {
            article: { type: 'object', properties: { id: str, title: str } },
            kind: { enum: ['direct', 'reported', 'according-to'] },
            start: { type: 'integer' },
            end: { type: 'integer' },
            text: str,
            cue: str,
            speaker: {
              type: ['object', 'null'],
              properties: { name: str, entity: { type: ['integer', 'null'] } },
            },
          },
        },
      },
    },
  };
}
