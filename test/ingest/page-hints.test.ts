import { describe, expect, it } from 'vitest';
import { digest } from '../../src/digest.js';
import { pageToArticle } from '../../src/ingest/page.js';

describe('what the container says of a page seeds meta', () => {
  it('keeps a feed item title and an RFC 822 date as ISO 8601', () => {
    const article = pageToArticle({
      text: 'The harbour ferry will stop running on Sundays.',
      title: '  Ferry   cuts Sunday service ',
      published: 'Tue, 10 Jun 2025 04:00:00 GMT',
    });
    expect(article.meta).toEqual({
      authors: [],
      contributors: [],
      title: 'Ferry cuts Sunday service',
      published: '2025-06-10',
    });
  });

  it('leaves meta absent when the container says nothing, and drops a date it cannot read', () => {
    expect(pageToArticle({ text: 'Just a line.' }).meta).toBeUndefined();
    expect(pageToArticle({ text: 'Just a line.', published: 'sometime soon' }).meta).toBeUndefined();
  });

  it('is used by layout when the page itself has no better title or date', async () => {
    const article = await digest({
      html: '<html><body><p>The harbour ferry will stop running on Sundays, the operator said on Monday.</p></body></html>',
      title: 'Ferry cuts Sunday service',
      published: '2025-06-10T08:00:00Z',
    });
    expect(article.meta?.title).toBe('Ferry cuts Sunday service');
    expect(article.meta?.published).toBe('2025-06-10T08:00:00Z');
  });

  it('gives way to the page’s own og:title', async () => {
    const article = await digest({
      html: '<html><head><meta property="og:title" content="Sunday ferries end in June"></head><body><p>The harbour ferry will stop running on Sundays, the operator said on Monday.</p></body></html>',
      title: 'Ferry cuts Sunday service',
    });
    expect(article.meta?.title).toBe('Sunday ferries end in June');
  });
});
