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

  it('types the dateline place that opens the first paragraph as LOC, and its later mentions of the same name', () => {
    const out = typeDatelinePlaces(article('HALDEN, Vermont'), mentions);
    // "Halden Trust" only contains the place's name: the tagger's type stays.
    expect(out.map((m) => m.type)).toEqual(['LOC', 'LOC', 'ORG', 'LOC']);
  });

  it('leaves a mention that does not spell a dateline part as the tagger said', () => {
    const out = typeDatelinePlaces(article('HALDEN, Vermont'), [
      mentions[2]!,
      { ...at('mill'), type: 'ORG' },
    ]);
    expect(out.map((m) => m.type)).toEqual(['ORG', 'ORG']);
    // Mid-sentence, a mention that spells a whole dateline part is that place (since entities-16).
    const whole = typeDatelinePlaces(article('Halden Trust'), [mentions[2]!]);
    expect(whole.map((m) => m.type)).toEqual(['LOC']);
  });

  it('changes nothing without a dateline', () => {
    expect(typeDatelinePlaces(article(undefined), mentions)).toEqual(mentions);
  });

  it("lends the place's type to a later mention with a possessive or another case, not to a person's name", () => {
    const t = "ORRISH — The Orrish ferry sails at six. Orrish's mayor, Lena Orrish, said Orrish would pay.";
    const pos = (s: string, from = 0) => {
      const start = t.indexOf(s, from);
      return { start, end: start + s.length };
    };
    const a = {
      schemaVersion: '1.0',
      id: 't2',
      text: t,
      source: { format: 'text' },
      blocks: [{ kind: 'paragraph', start: 0, end: t.length }],
      meta: { authors: [], contributors: [], dateline: 'ORRISH' },
    } as unknown as Article;
    const ms: Mention[] = [
      { ...pos('Orrish', 10), type: 'PER' },
      { ...pos("Orrish's"), type: 'ORG' },
      { ...pos('Lena Orrish'), type: 'PER' },
      { ...pos('Orrish', t.indexOf('said')), type: 'PER' },
    ];
    // The town's name is also a person's surname in this story: the lone mentions keep the tagger's type.
    expect(typeDatelinePlaces(a, ms).map((m) => m.type)).toEqual(['PER', 'ORG', 'PER', 'PER']);
    // Without the person, they are the town.
    const noPerson = [ms[0]!, ms[1]!, ms[3]!];
    expect(typeDatelinePlaces(a, noPerson).map((m) => m.type)).toEqual(['LOC', 'LOC', 'LOC']);
  });
});
