import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/article/types.js';
import { createApp } from '../../src/serve/app.js';
import { annotatedHtml } from '../../src/serve/web/annotate.js';
import { SHOWN_TEXT_MAX } from '../../src/serve/web/pages.js';
import { articleRecord } from '../../src/store/record.js';
import { escapeHtml } from '../../src/store/snippet.js';
import { openStore } from '../../src/store/sqlite-store.js';
import { fixtureArticles } from '../store/fixture-articles.js';

type Mark = Parameters<typeof annotatedHtml>[3][number];

/** The filter-per-cut version annotatedHtml replaced: the reference its output must equal. */
function reference(text: string, from: number, to: number, marks: readonly Mark[]): string {
  const inside = marks.filter((m) => m.start < to && m.end > from && m.end > m.start);
  const cuts = new Set<number>([from, to]);
  for (const m of inside) {
    cuts.add(Math.max(from, m.start));
    cuts.add(Math.min(to, m.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  let out = '';
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    const piece = escapeHtml(text.slice(a, b));
    const covering = inside.filter((m) => m.start <= a && m.end >= b);
    if (covering.length === 0) {
      out += piece;
      continue;
    }
    const classes = [...new Set(covering.flatMap((m) => m.cls.split(' ')))].join(' ');
    const entity = covering.find((m) => m.entity !== undefined)?.entity;
    const quote = covering.find((m) => m.quote !== undefined)?.quote;
    let attrs = ` class="${escapeHtml(classes)}"`;
    if (entity !== undefined) attrs += ` data-entity="${escapeHtml(entity)}"`;
    if (quote !== undefined) attrs += ` data-quote="${quote}"`;
    out += `<span${attrs}>${piece}</span>`;
  }
  return out;
}

/** A small deterministic generator (no Math.random: the same cases every run). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('annotatedHtml in one sweep', () => {
  it('gives the same HTML as a filter of every mark at every cut, for overlapping, nested, empty and clipped marks', () => {
    const text = 'Ana Costa said <the> "bridge" & the pier would open soon, officials said. '.repeat(4);
    const classes = ['ent ent-PER', 'qt qt-direct', 'cue', 'spk', 'ent ent-ORG'];
    for (let seed = 1; seed <= 200; seed++) {
      const rnd = lcg(seed);
      const marks: Mark[] = [];
      const n = Math.floor(rnd() * 12);
      for (let i = 0; i < n; i++) {
        const start = Math.floor(rnd() * text.length);
        const end = Math.min(text.length, start + Math.floor(rnd() * 40) - 3);
        const mark: Mark = { start, end, cls: classes[Math.floor(rnd() * classes.length)]! };
        if (rnd() < 0.5) mark.entity = `e${i}`;
        else mark.quote = i;
        marks.push(mark);
      }
      const from = Math.floor(rnd() * 60);
      const to = from + Math.floor(rnd() * (text.length - from));
      expect(annotatedHtml(text, from, to, marks), `seed ${seed}`).toBe(reference(text, from, to, marks));
    }
  });

  it('marks 300,000 quote spans of a long text', () => {
    const sentence = 'The council said the bridge would open soon. ';
    const text = sentence.repeat(100_000);
    const marks: Mark[] = [];
    for (let i = 0; i < 100_000; i++) {
      const at = i * sentence.length;
      marks.push({ start: at + 17, end: at + 43, cls: 'qt qt-reported', quote: i });
      marks.push({ start: at + 12, end: at + 16, cls: 'cue', quote: i });
      marks.push({ start: at, end: at + 11, cls: 'spk', quote: i });
    }
    const out = annotatedHtml(text, 0, text.length, marks);
    expect(out.match(/<span /g)).toHaveLength(300_000);
    expect(
      out.endsWith('<span class="qt qt-reported" data-quote="99999">the bridge would open soon</span>. '),
    ).toBe(true);
  });
});

describe('a long article on the server', () => {
  it('shows its start with a note, and the search page gives it a snippet', async () => {
    const base = fixtureArticles()[0]!;
    const sentence = 'The council said the bridge would open soon. ';
    const text = `Bridge news\n\n${sentence.repeat(20_000)}The zebra crossing stays.`;
    const quotes = [];
    for (let i = 0; i < 2_000; i++) {
      const at = 13 + i * sentence.length;
      quotes.push({
        kind: 'reported' as const,
        start: at + 17,
        end: at + 43,
        cue: { start: at + 12, end: at + 16 },
        speaker: { start: at, end: at + 11 },
      });
    }
    const article: Article = {
      ...base,
      id: 'long-one',
      text,
      blocks: [
        { kind: 'title', start: 0, end: 11 },
        { kind: 'paragraph', start: 13, end: text.length },
      ],
      entities: [],
      quotes,
      meta: { title: 'Bridge news', authors: [], contributors: [] },
    } as Article;
    const store = openStore(':memory:');
    store.putBatch([{ hash: 'h-long', record: articleRecord(article) }]);
    const app = createApp({ store });
    const res = await app.request('/articles/long-one');
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain('id="truncated"');
    expect(body).toContain(
      `its first ${SHOWN_TEXT_MAX.toLocaleString('en')} of ${text.length.toLocaleString('en')} characters`,
    );
    expect(body).not.toContain('zebra');
    // Quotes past the 500 shown have no panel and no mark in the text.
    expect(body).toContain('id="quote-499"');
    expect(body).not.toContain('id="quote-500"');
    expect(body).not.toContain('data-quote="500"');
    const search = await app.request('/v1/articles?q=zebra');
    const hit = ((await search.json()) as { items: { snippet: string }[] }).items[0]!;
    expect(hit.snippet).toMatch(/^….*<mark>zebra<\/mark> crossing stays\.$/);
    store.close();
  });
});
