import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/article/schema.js';
import type { Article } from '../../src/article/types.js';
import { digest } from '../../src/digest.js';
import { entitiesStage } from '../../src/entities/index.js';
import { spansToTag } from '../../src/entities/mentions.js';

const TEXT = [
  'Dunford visits Raqqa front',
  '',
  'Gen. Joseph Dunford arrived in Baghdad on Tuesday for talks with the Syrian Democratic Forces (SDF). ' +
    'Dunford said the SDF had made progress against the Islamic State group. ' +
    'Officials in Washington declined to comment on Dunford\u2019s visit.',
].join('\n');

const article = (extra: Partial<Article> = {}): Article => ({
  schemaVersion: SCHEMA_VERSION,
  id: 't',
  text: TEXT,
  source: { format: 'text' },
  ...extra,
});

describe('entitiesStage', () => {
  it('returns mentions as spans of Article.text, merged into typed entities', async () => {
    const result = await digest(TEXT);
    const text = result.text;
    expect(text).toBe(TEXT);
    const entities = result.entities ?? [];
    const byName = new Map(entities.map((e) => [e.name, e]));
    const dunford = byName.get('Joseph Dunford');
    expect(dunford?.type).toBe('PER');
    const surfaces = dunford!.mentions.map((m) => text.slice(m.start, m.end));
    expect(surfaces).toContain('Joseph Dunford');
    expect(surfaces.filter((s) => s === 'Dunford').length).toBeGreaterThanOrEqual(2);
    const sdf = entities.find((e) => e.aliases.includes('SDF') || e.name === 'SDF');
    expect(sdf?.type).toBe('ORG');
    expect(sdf!.mentions.length).toBe(3);
    expect(byName.get('Baghdad')?.type).toBe('LOC');
    expect(entities.map((e) => e.id)).toEqual(entities.map((_, i) => `e${i + 1}`));
    for (const e of entities)
      for (const m of e.mentions) expect(text.slice(m.start, m.end).trim()).toBe(text.slice(m.start, m.end));
  });

  it('tags the title block when the sentences layer leaves it out', () => {
    const titleEnd = TEXT.indexOf('\n');
    const bodyStart = TEXT.indexOf('Gen.');
    const a = article({
      blocks: [
        { kind: 'title', start: 0, end: titleEnd },
        { kind: 'paragraph', start: bodyStart, end: TEXT.length },
      ],
      sentences: [{ start: bodyStart, end: TEXT.indexOf('(SDF).') + 6, block: 1 }],
    });
    const spans = spansToTag(a);
    expect(spans[0]).toEqual({ start: 0, end: titleEnd });
    const result = entitiesStage.run(a, {}) as Article;
    const inTitle = (result.entities ?? []).flatMap((e) => e.mentions).filter((m) => m.end <= titleEnd);
    expect(inTitle.length).toBeGreaterThan(0);
  });

  it('lists the spans of a page with more sentences than call arguments fit (200,000)', () => {
    const text = 'He ran. '.repeat(200_000);
    const sentences = Array.from({ length: 200_000 }, (_, i) => ({ start: i * 8, end: i * 8 + 7, block: 0 }));
    const spans = spansToTag({ ...article(), text, sentences });
    expect(spans).toHaveLength(200_000);
    expect(spans[199_999]).toEqual({ start: 1_599_992, end: 1_599_999 });
  });

  it('falls back to the whole text without sentences or blocks', () => {
    const result = entitiesStage.run(article(), {}) as Article;
    expect((result.entities ?? []).length).toBeGreaterThan(2);
  });

  it('still finds entities, with valid spans, in lower-cased text', () => {
    const text = TEXT.toLowerCase();
    const lower = entitiesStage.run(article({ text }), {}) as Article;
    const mentions = (lower.entities ?? []).flatMap((e) => e.mentions);
    expect(mentions.length).toBeGreaterThan(0);
    for (const m of mentions) expect(m.end).toBeLessThanOrEqual(text.length);
    expect(mentions.map((m) => text.slice(m.start, m.end))).toContain('baghdad');
  });

  it('is skipped with entities.skip', () => {
    expect((entitiesStage.run(article(), { entities: { skip: true } }) as Article).entities).toBeUndefined();
  });
});
