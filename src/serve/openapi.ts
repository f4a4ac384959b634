/** The API's OpenAPI 3.1 document, served at /openapi.json. The Article schema is the generated one. */
import { articleJsonSchema } from '../article/json-schema.js';
import { ENTITY_TYPES, QUOTE_KINDS, QUOTE_MODES } from '../article/schema.js';
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

/** The 400 of a route that reads: what each of its parameters can get wrong. */
const badParameter = (more: string) =>
  errorResponse(
    `A parameter the route does not take, or given twice (E_BAD_QUERY, \`input\`: its name)${more}`,
  );
const PAGE_400 = '; `limit` not a whole number from 1 to 100; `cursor` not one this server gave';

/** Every method OpenAPI names; the ones a path does not take answer 405 with Allow. */
const METHODS = ['get', 'head', 'post', 'put', 'patch', 'delete', 'options', 'trace'] as const;

/**
 * The operations of the methods a path does not take, each answering only 405 E_METHOD with an
 * Allow header: listed so that the document names every status each route can answer.
 */
function notAllowedOperations(allow: readonly (typeof METHODS)[number][]): Record<string, object> {
  const header = allow.map((m) => m.toUpperCase()).join(', ');
  const ops: Record<string, object> = {};
  for (const method of METHODS) {
    if (allow.includes(method)) continue;
    ops[method] = {
      summary: `Not allowed: this path takes ${header}`,
      responses: {
        405: {
          ...errorResponse(`Method not allowed (E_METHOD, \`input\`: "method")`),
          headers: {
            Allow: { description: 'The methods this path takes', schema: { type: 'string', const: header } },
          },
        },
      },
    };
  }
  return ops;
}
const READ_ONLY = notAllowedOperations(['get', 'head']);

function paged(item: object, total?: string) {
  return {
    type: 'object',
    required: ['items', 'next'],
    properties: {
      items: { type: 'array', items: item },
      next: nullableStr,
      ...(total ? { total: { type: 'integer', minimum: 0, description: total } } : {}),
    },
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
            400: errorResponse(
              'Empty, malformed or binary input, a content type other than JSON, text or HTML, or any query parameter',
            ),
            413: errorResponse('Body larger than the limit'),
            503: errorResponse('As many digests running or waiting as the server takes; see Retry-After'),
            504: errorResponse('Took longer than the time limit'),
          },
        },
        ...notAllowedOperations(['post']),
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
              content: {
                'application/json': {
                  schema: paged(
                    { $ref: '#/components/schemas/ArticleHit' },
                    'How many articles match in all, every page together (counted at each request)',
                  ),
                },
              },
            },
            400: badParameter(`; bad query syntax (\`q\`); \`from\` or \`to\` not a real date${PAGE_400}`),
          },
        },
        ...READ_ONLY,
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
            400: badParameter(' (it takes none)'),
            404: errorResponse('No such article (`input`: the id)'),
          },
        },
        ...READ_ONLY,
      },
      '/v1/entities': {
        get: {
          summary: 'Entities across the corpus, most widely mentioned first',
          parameters: [
            param('q', 'Names or aliases starting with, or names containing, these words.'),
            param('type', 'Only entities of this type.', { enum: ENTITY_TYPES }),
            ...pageParams,
          ],
          responses: {
            200: {
              description: 'Entities',
              content: {
                'application/json': {
                  schema: paged(
                    { $ref: '#/components/schemas/EntitySummary' },
                    'How many entities match in all, every page together (counted at each request)',
                  ),
                },
              },
            },
            400: badParameter(`; \`type\` not one of ${ENTITY_TYPES.join(', ')}${PAGE_400}`),
          },
        },
        ...READ_ONLY,
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
            400: badParameter(PAGE_400),
            404: errorResponse('No such entity (`input`: the id)'),
          },
        },
        ...READ_ONLY,
      },
      '/v1/quotes': {
        get: {
          summary: 'Quotes, by speaker and words',
          parameters: [
            param('speaker', 'Speaker name: as written, or any alias of the resolved entity.'),
            param('q', 'Words in the quote (same syntax as for articles).'),
            param('kind', 'Only quotes of this kind.', { enum: QUOTE_KINDS }),
            param(
              'mode',
              'Only quotes of this mode: speech (said or written), belief, intention, perception, evidence. Default: all.',
              { enum: QUOTE_MODES },
            ),
            ...pageParams,
          ],
          responses: {
            200: {
              description: 'Quotes',
              content: {
                'application/json': {
                  schema: paged(
                    { $ref: '#/components/schemas/QuoteHit' },
                    'How many quotes match in all, every page together (counted at each request)',
                  ),
                },
              },
            },
            400: badParameter(
              `; bad query syntax (\`q\`); \`kind\` not one of ${QUOTE_KINDS.join(', ')}; \`mode\` not one of ${QUOTE_MODES.join(', ')}${PAGE_400}`,
            ),
          },
        },
        ...READ_ONLY,
      },
      '/openapi.json': {
        get: {
          summary: 'This document',
          responses: {
            200: {
              description: 'The OpenAPI document',
              content: { 'application/json': { schema: { type: 'object' } } },
            },
            400: badParameter(' (it takes none)'),
          },
        },
        ...READ_ONLY,
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
              required: ['code', 'message', 'input'],
              properties: {
                code: str,
                message: { type: 'string', description: 'One line for a person, starting with the input' },
                input: {
                  type: 'string',
                  description:
                    'The input at fault: a parameter\'s name, "body", "content-type", "method", an id, or the path when the request as a whole is (no such route, busy, too slow)',
                },
              },
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
            type: { enum: ENTITY_TYPES },
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
            kind: { enum: QUOTE_KINDS },
            mode: { enum: QUOTE_MODES },
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
