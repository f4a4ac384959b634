import { describe, expect, it } from 'vitest';
import { articleJsonSchema } from '../../src/article/json-schema.js';
import { SCHEMA_VERSION } from '../../src/article/schema.js';
import type { Article } from '../../src/article/types.js';
import { checkArticle } from '../../src/article/validate.js';

const base: Article = {
  schemaVersion: SCHEMA_VERSION,
  id: 'a1',
  text: 'Hello world. Bye.',
  source: { format: 'text' },
};

describe('checkArticle', () => {
  it('accepts a minimal Article', () => {
    expect(checkArticle(base).ok).toBe(true);
  });

  it('rejects a span past the end of the text, naming where it is', () => {
    const check = checkArticle({
      ...base,
      sentences: [
        { start: 0, end: 12 },
        { start: 13, end: 40 },
      ],
    });
    expect(check.ok).toBe(false);
    if (!check.ok)
      expect(check.issues).toEqual([
        { path: 'sentences[1]', message: "end 40 is past the text's length 17" },
      ]);
  });

  it('rejects reversed and overlapping spans', () => {
    const check = checkArticle({
      ...base,
      blocks: [
        { kind: 'paragraph', start: 0, end: 12 },
        { kind: 'paragraph', start: 10, end: 8 },
      ],
    });
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.issues.map((i) => i.path)).toEqual(['blocks[1]', 'blocks[1]']);
    }
  });

  it('rejects a quote whose speaker names an entity that does not exist', () => {
    const check = checkArticle({
      ...base,
      entities: [],
      quotes: [
        {
          kind: 'direct',
          start: 0,
          end: 5,
          cue: { start: 6, end: 11 },
          speaker: { start: 13, end: 16, entity: 'e9' },
        },
      ],
    });
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.issues[0]!.path).toBe('quotes[0].speaker.entity');
  });

  it('rejects a wrong schema version and an unknown block kind', () => {
    const check = checkArticle({
      ...base,
      schemaVersion: '0.9',
      blocks: [{ kind: 'sidebar', start: 0, end: 1 }],
    });
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.issues.map((i) => i.path).sort()).toEqual(['blocks.0.kind', 'schemaVersion']);
  });
});

describe('JSON Schema', () => {
  it('is generated from the runtime schema and names every layer', () => {
    const schema = articleJsonSchema() as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties)).toEqual([
      'schemaVersion',
      'id',
      'text',
      'source',
      'blocks',
      'sentences',
      'meta',
      'highlights',
      'entities',
      'quotes',
      'warnings',
    ]);
    expect(schema.required).toEqual(['schemaVersion', 'id', 'text', 'source']);
  });
});
