import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/article/schema.js';
import type { Article } from '../../src/article/types.js';
import { checkArticle } from '../../src/article/validate.js';
import { digest } from '../../src/digest.js';
import { extractiveHighlights, parseHighlightsMode, summarizeStage } from '../../src/summarize/index.js';
import { sentenceSpans } from '../../src/text/sentences.js';
import { type FakeLlm, failure, ok, startFakeLlm } from './fake-llm-server.js';

const STORY = [
  'A new electric ferry began service across the harbour on Monday, carrying 120 passengers on its first crossing.',
  'The city council said the ferry would cut fuel costs by a third over ten years.',
  'Officials spent four years planning the route, which links the old port with the northern suburbs.',
  '"This is a quiet boat and a clean one," said harbour master Lena Okafor.',
  'Some residents worried about the price of tickets, which will rise from $2 to $3 next spring.',
  'The council said the fare rise would pay for a second ferry in 2027.',
  'The first ferry was built at a local yard that employs 300 people.',
  'Weather delays are expected in winter, the operator said.',
].join(' ');

function article(text: string, extra: Partial<Article> = {}): Article {
  return {
    schemaVersion: SCHEMA_VERSION,
    id: 't',
    text,
    source: { format: 'text' },
    sentences: sentenceSpans(text),
    ...extra,
  };
}

describe('summarizeStage, extractive', () => {
  it('chooses 3 or 4 distinct body sentences, each with its sentence index and span', async () => {
    const a = article(STORY);
    const out = (await summarizeStage.run(a, {})) as Article;
    expect(out.text).toBe(a.text);
    expect(out.highlights?.origin).toBe('extractive');
    const items = out.highlights!.items;
    expect(items.length).toBeGreaterThanOrEqual(3);
    expect(items.length).toBeLessThanOrEqual(4);
    const indices = items.map((i) => i.sentence!);
    expect(new Set(indices).size).toBe(indices.length);
    expect([...indices].sort((x, y) => x - y)).toEqual(indices); // document order
    for (const item of items) {
      const s = a.sentences![item.sentence!]!;
      expect(item.span).toEqual({ start: s.start, end: s.end });
      expect(item.text).toBe(a.text.slice(s.start, s.end));
    }
    expect(checkArticle(out).ok).toBe(true);
  });

  it('works on lower-cased, tokenized text as on cased text', async () => {
    const lower = STORY.toLowerCase()
      .replace(/([,."])/g, ' $1 ')
      .replace(/\s+/g, ' ');
    const out = (await summarizeStage.run(article(lower), {})) as Article;
    expect(out.highlights!.items.length).toBeGreaterThanOrEqual(3);
  });

  it('offers each method', () => {
    for (const method of ['lead3', 'textrank', 'lexrank', 'model'] as const) {
      const h = extractiveHighlights(article(STORY), method);
      expect(h.items.length, method).toBeGreaterThanOrEqual(3);
    }
    expect(extractiveHighlights(article(STORY), 'lead3').items.map((i) => i.sentence)).toEqual([0, 1, 2]);
  });

  it('skips titles when blocks say which sentences are body', async () => {
    const title = 'Harbour gets electric ferry';
    const text = `${title}\n\n${STORY}`;
    const bodyStart = title.length + 2;
    const sentences = [
      { start: 0, end: title.length, block: 0 },
      ...sentenceSpans(text, bodyStart).map((s) => ({ ...s, block: 1 })),
    ];
    const a = article(text, {
      blocks: [
        { kind: 'title', start: 0, end: title.length },
        { kind: 'paragraph', start: bodyStart, end: text.length },
      ],
      sentences,
    });
    const out = (await summarizeStage.run(a, { summarize: { method: 'lead3' } })) as Article;
    expect(out.highlights!.items.map((i) => i.sentence)).toEqual([1, 2, 3]);
  });

  it('keeps the page highlights unless extractive ones are asked for', async () => {
    const page = { origin: 'page' as const, items: [{ text: 'Ferry starts', span: { start: 2, end: 14 } }] };
    const a = article(STORY, { highlights: page });
    expect(((await summarizeStage.run(a, {})) as Article).highlights).toBe(page);
    const forced = (await summarizeStage.run(a, { summarize: { highlights: 'extractive' } })) as Article;
    expect(forced.highlights!.origin).toBe('extractive');
  });

  it('splits the text itself when no text stage ran (spans, no sentence index)', async () => {
    const a: Article = { schemaVersion: SCHEMA_VERSION, id: 'x', text: STORY, source: { format: 'text' } };
    const out = (await summarizeStage.run(a, {})) as Article;
    expect(out.highlights!.items.length).toBeGreaterThanOrEqual(3);
    for (const item of out.highlights!.items) {
      expect(item.sentence).toBeUndefined();
      expect(STORY.slice(item.span!.start, item.span!.end)).toBe(item.text);
    }
  });

  it('is skipped on request', async () => {
    const a = article(STORY);
    expect(await summarizeStage.run(a, { summarize: { skip: true } })).toBe(a);
  });

  it('gives highlights through digest() that pass the Article checks', async () => {
    const out = await digest(STORY);
    expect(out.highlights?.items.length).toBeGreaterThan(0);
  });

  it('parses the --highlights value', () => {
    expect(parseHighlightsMode(undefined)).toBe('page');
    expect(parseHighlightsMode('llm')).toBe('llm');
    expect(() => parseHighlightsMode('abstract')).toThrow(/expecting one of page, extractive, llm/);
  });
});

describe('summarizeStage, llm', () => {
  let fake: FakeLlm;
  beforeAll(async () => {
    fake = await startFakeLlm();
  });
  afterAll(() => fake.close());
  const llm = () => ({ baseUrl: fake.baseUrl, model: 'm', timeoutMs: 2000, retries: 1, backoffMs: 1 });

  it('uses the generated items and marks the unsupported ones', async () => {
    fake.reset([
      ok(
        '- An electric ferry started crossing the harbour on Monday with 120 passengers.\n' +
          '- Fares rise from $2 to $3 to pay for a second ferry in 2027.\n' +
          '- Mayor John Smith said 500 jobs were created.',
      ),
    ]);
    const out = (await summarizeStage.run(article(STORY), {
      summarize: { highlights: 'llm', llm: llm() },
    })) as Article;
    expect(out.highlights!.origin).toBe('llm');
    const items = out.highlights!.items;
    expect(items.map((i) => i.text)).toEqual([
      'An electric ferry started crossing the harbour on Monday with 120 passengers.',
      'Fares rise from $2 to $3 to pay for a second ferry in 2027.',
      'Mayor John Smith said 500 jobs were created.',
    ]);
    expect(items[0]!.unsupported).toBeUndefined();
    expect(items[1]!.unsupported).toBeUndefined();
    expect(items[2]!.unsupported).toEqual([
      'number "500" is not in the article',
      'name "John Smith" is not in the article', // "Mayor" opens the item: not read as a name
    ]);
    for (const item of items) expect(item.span).toBeUndefined();
    expect(fake.requests[0]!.body.messages!.at(-1)!.content).toContain('electric ferry');
    expect(out.warnings).toBeUndefined();
    expect(checkArticle(out).ok).toBe(true);
  });

  it('falls back to extractive highlights with a warning when the endpoint keeps failing', async () => {
    fake.reset([failure(503, 'overloaded')]);
    const out = (await summarizeStage.run(article(STORY), {
      summarize: { highlights: 'llm', llm: llm() },
    })) as Article;
    expect(out.highlights!.origin).toBe('extractive');
    expect(fake.requests).toHaveLength(2); // one retry
    expect(out.warnings).toHaveLength(1);
    expect(out.warnings![0]).toMatchObject({ code: 'W_LLM_FALLBACK', stage: 'summarize' });
    expect(out.warnings![0]!.message).toMatch(/HTTP 503/);
  });

  it('falls back when no endpoint is configured, without any request', async () => {
    fake.reset([ok('unused')]);
    const saved = { ...process.env };
    delete process.env['NEWSDIGEST_LLM_BASE_URL'];
    delete process.env['NEWSDIGEST_LLM_MODEL'];
    try {
      const out = (await summarizeStage.run(article(STORY), { summarize: { highlights: 'llm' } })) as Article;
      expect(out.highlights!.origin).toBe('extractive');
      expect(out.warnings![0]!.message).toMatch(/no LLM endpoint/);
      expect(fake.requests).toHaveLength(0);
    } finally {
      process.env = saved;
    }
  });

  it('falls back when the reply holds no highlights', async () => {
    fake.reset([ok('   \n  ')]);
    const out = (await summarizeStage.run(article(STORY), {
      summarize: { highlights: 'llm', llm: llm() },
    })) as Article;
    expect(out.highlights!.origin).toBe('extractive');
    expect(out.warnings![0]!.message).toMatch(/no highlights/);
  });
});
