/**
 * The whole pipeline on a short invented news story laid out like a real page
 * (caption, highlights, dateline, credit line): a general speaking after a meeting,
 * a statement from an army, reported speech and "according to X" claims.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Article, Quote } from '../../src/article/types.js';
import { digest } from '../../src/digest.js';

const page = readFileSync(
  join(import.meta.dirname, '..', 'fixtures', 'quotes', 'story-general', 'page.txt'),
  'utf8',
);

describe('quotes on a whole story', () => {
  let article: Article;
  let quotes: Quote[];
  const text = (s: { start: number; end: number }) => article.text.slice(s.start, s.end);
  const find = (cue: string, speakerPart: string) =>
    quotes.find(
      (q) => text(q.cue) === cue && q.speaker !== undefined && text(q.speaker).includes(speakerPart),
    );

  beforeAll(async () => {
    article = await digest(page);
    quotes = article.quotes ?? [];
  });

  it('finds the general quoted after the meeting, with her full title as the source', () => {
    const q = find('said', 'Mira Kovac');
    expect(q?.kind).toBe('direct');
    expect(text(q!).startsWith('\u201cOur two armies will share the work')).toBe(true);
    expect(text(q!.speaker!)).toBe('Chief of the Valdoran General Staff Gen. Mira Kovac');
  });

  it('finds the claim resting on the ministry news service', () => {
    const q = find('according to', "the ministry's news service");
    expect(q?.kind).toBe('according-to');
    // The claim that rests on the news service is the general's quote in the same sentence.
    expect(text(q!).startsWith('\u201cOur two armies')).toBe(true);
  });

  it("finds the army's statement as reported speech", () => {
    const q = find('said in a statement', 'The Norland army');
    expect(q?.kind).toBe('reported');
    expect(text(q!)).toContain('the two commanders had discussed');
  });

  it('keeps the quote over two paragraphs as one, said by Kovac', () => {
    const q = find('said', 'Kovac');
    const multi = quotes.find((x) => x.kind === 'direct' && text(x).includes('What we need now'));
    expect(multi).toBeDefined();
    expect(text(multi!)).toContain('The brigades did not finish the work alone.');
    expect(q).toBeDefined();
  });

  it('finds the activist-group claim with "according to"', () => {
    const q = find('according to', 'River Watch');
    expect(q?.kind).toBe('according-to');
    expect(text(q!).startsWith('Emsk is home to about 80,000 people')).toBe(true);
  });

  it('resolves "She" to the same entity as the named general, when entities name her', () => {
    const named = find('said', 'Mira Kovac');
    const she = quotes.find((q) => q.speaker && text(q.speaker) === 'She');
    expect(she).toBeDefined();
    if (named?.speaker?.entity !== undefined) expect(she!.speaker!.entity).toBe(named.speaker.entity);
  });

  it('attributes nothing in the caption, the highlights or the credit line', () => {
    for (const q of quotes) {
      expect(text(q)).not.toContain('Story highlights');
      expect(text(q)).not.toContain('contributed to this story');
    }
  });
});
