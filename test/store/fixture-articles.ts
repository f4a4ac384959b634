/**
 * Builds Articles with every layer filled from the short fixture stories in
 * test/fixtures/corpus/articles.json, finding each span's offsets by its text, so
 * the store and server can be tested whatever the stages fill today.
 */
import { readFileSync } from 'node:fs';
import { SCHEMA_VERSION } from '../../src/article/schema.js';
import type { Article, Block, Entity, EntityType, Quote, QuoteKind } from '../../src/article/types.js';

export interface FixtureStory {
  id: string;
  title: string;
  publisher?: string;
  published?: string;
  url?: string;
  paragraphs: string[];
  entities: { id: string; type: EntityType; name: string; aliases: string[]; mentions: string[] }[];
  quotes: { kind: QuoteKind; content: string; cue: string; speaker: string; entity?: string }[];
}

export const FIXTURE_PATH = new URL('../fixtures/corpus/articles.json', import.meta.url);

function occurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  const word = /[\p{L}\p{N}]/u;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
    const before = text[i - 1];
    const after = text[i + needle.length];
    if ((before && word.test(before)) || (after && word.test(after))) continue;
    found.push(i);
  }
  return found;
}

export function buildArticle(story: FixtureStory): Article {
  const parts = [story.title, ...story.paragraphs];
  const text = parts.join('\n\n');
  const blocks: Block[] = [];
  let at = 0;
  for (const [i, p] of parts.entries()) {
    blocks.push({ kind: i === 0 ? 'title' : 'paragraph', start: at, end: at + p.length });
    at += p.length + 2;
  }
  // Longest mention texts first, so "Hale" inside "Martin Hale" is not taken twice.
  const taken: [number, number][] = [];
  const free = (s: number, e: number) => taken.every(([ts, te]) => e <= ts || s >= te);
  const all = story.entities.flatMap((e) => e.mentions.map((m) => ({ e, m })));
  all.sort((a, b) => b.m.length - a.m.length);
  const mentions = new Map<string, { start: number; end: number }[]>();
  for (const { e, m } of all) {
    for (const s of occurrences(text, m)) {
      if (!free(s, s + m.length)) continue;
      taken.push([s, s + m.length]);
      mentions.set(e.id, [...(mentions.get(e.id) ?? []), { start: s, end: s + m.length }]);
    }
  }
  const entities: Entity[] = story.entities.map((e) => ({
    id: e.id,
    type: e.type,
    name: e.name,
    aliases: e.aliases,
    mentions: (mentions.get(e.id) ?? []).sort((a, b) => a.start - b.start),
  }));
  const quotes: Quote[] = story.quotes.map((q) => {
    const start = text.indexOf(q.content);
    if (start < 0) throw new Error(`fixture ${story.id}: quote not found: ${q.content}`);
    const end = start + q.content.length;
    const cueAfter = text.indexOf(q.cue, end);
    const cueStart = cueAfter >= 0 ? cueAfter : text.lastIndexOf(q.cue, start);
    const spAfter = text.indexOf(q.speaker, end);
    const spStart = spAfter >= 0 ? spAfter : text.lastIndexOf(q.speaker, start);
    const quote: Quote = {
      kind: q.kind,
      start,
      end,
      cue: { start: cueStart, end: cueStart + q.cue.length },
      speaker: { start: spStart, end: spStart + q.speaker.length },
    };
    if (q.entity) quote.speaker!.entity = q.entity;
    return quote;
  });
  const article: Article = {
    schemaVersion: SCHEMA_VERSION,
    id: story.id,
    text,
    source: { format: 'text', origin: `fixtures/${story.id}` },
    blocks,
    meta: { title: story.title, authors: [], contributors: [] },
    entities,
    quotes,
  };
  if (story.url) article.source.url = story.url;
  if (story.publisher) article.meta!.publisher = story.publisher;
  if (story.published) article.meta!.published = story.published;
  return article;
}

export function fixtureArticles(): Article[] {
  const stories = JSON.parse(readFileSync(FIXTURE_PATH, 'utf8')) as FixtureStory[];
  return stories.map(buildArticle);
}
