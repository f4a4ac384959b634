import { describe, expect, it } from 'vitest';
import { readJsonLd } from '../../../src/layout/html/json-ld.js';

describe('readJsonLd', () => {
  it('finds the article in a @graph beside other nodes', () => {
    const script = JSON.stringify({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebSite', name: 'The Valley Ledger' },
        { '@type': 'NewsArticle', headline: 'Ferry returns to Greystone', datePublished: '2026-03-02' },
      ],
    });
    const found = readJsonLd([script]);
    expect(found?.headline).toBe('Ferry returns to Greystone');
    expect(found?.datePublished).toBe('2026-03-02');
  });

  it('reads a page whose JSON-LD holds an array of a million values, and still finds the article after it', () => {
    const script = JSON.stringify([
      { '@type': 'NewsArticle', headline: 'Council votes on the harbour budget' },
      Array.from({ length: 1_000_000 }, (_, i) => i),
    ]);
    expect(readJsonLd([script])?.headline).toBe('Council votes on the harbour budget');
  });

  it('reads JSON-LD with a comma before a closing bracket, leaving commas inside strings alone', () => {
    const script = `{"@type": "NewsArticle", "headline": "Locks, gates, and boats", "datePublished": "2026-03-02T16:06:51-05:00",
      "keywords": ["Canal", "Harbour, ]", ], "publisher": {"@type": "Organization", "name": "Quayside Weekly",},}`;
    const found = readJsonLd([script]);
    expect(found?.headline).toBe('Locks, gates, and boats');
    expect(found?.datePublished).toBe('2026-03-02T16:06:51-05:00');
    expect(found?.publisher).toBe('Quayside Weekly');
  });

  it('skips a script that is not JSON', () => {
    expect(readJsonLd(['{ not json'])).toBeUndefined();
  });
});
