import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/article/types.js';
import { typeDatelinePlaces } from '../../src/entities/dateline-places.js';
import type { Mention } from '../../src/entities/merge.js';

const text = 'HALDEN, Vermont — The Halden Trust said on Monday it would sell the mill.\n\nHALDEN wins.';

function article(dateline: string | undefined): Article {
  return {
    schemaVersion: '1.0',
    id: 't',
    text,
    source: { format: 'text' },
    blocks: [
      { kind: 'paragraph', start: 0, end: 73 },
      { kind: 'paragraph', start: 75, end: 87 },
    ],
    meta: { authors: [], contributors: [], ...(dateline ? { dateline } : {}) },
  } as unknown as Article;
}

const at = (s: string, from = 0): { start: number; end: number } => {
  const start = text.indexOf(s, from);
  return { start, end: start + s.length };
};

describe('typeDatelinePlaces', () => {
  const mentions: Mention[] = [
    { ...at('HALDEN'), type: 'ORG' },
    { ...at('Vermont'), type: 'LOC' },
    { ...at('Halden Trust'), type: 'ORG' },
    { ...at('HALDEN', 10), type: 'ORG' },
  ];

  it('types the dateline place that opens the first paragraph as LOC, and nothing else', () => {
    const out = typeDatelinePlaces(article('HALDEN, Vermont'), mentions);
    expect(out.map((m) => m.type)).toEqual(['LOC', 'LOC', 'ORG', 'ORG']);
  });

  it('leaves a mention that only contains the place name, or sits mid-sentence, as the tagger said', () => {
    const out = typeDatelinePlaces(article('Halden Trust'), [mentions[2]!, { ...at('mill'), type: 'ORG' }]);
    expect(out.map((m) => m.type)).toEqual(['ORG', 'ORG']);
  });

  it('changes nothing without a dateline', () => {
    expect(typeDatelinePlaces(article(undefined), mentions)).toEqual(mentions);
  });
});
