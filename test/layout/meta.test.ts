import { describe, expect, it } from 'vitest';
import { digest } from '../../src/digest.js';
import { cleanAuthors, namesFromByline } from '../../src/layout/meta/authors.js';
import { dateFromText, dateFromUrl, toIsoDate } from '../../src/layout/meta/dates.js';
import { fixture } from './helpers.js';

describe('metadata', () => {
  it('takes JSON-LD first: headline, people (not the organisation), publisher, dates', async () => {
    const a = await digest({ html: fixture('article-page.html'), fetchedAt: '2026-03-05T00:00:00Z' });
    expect(a.meta).toMatchObject({
      title: 'Tram line to reach the airport by 2029',
      authors: ['Oskar Lindqvist'],
      publisher: 'The Fenwick Courier',
      published: '2026-03-04T08:15:00Z',
      updated: '2026-03-04T11:40:00Z',
      language: 'en',
      dateline: 'FENWICK',
    });
  });

  it('falls back to meta tags and the visible byline, refusing the site, comment authors and relative dates', async () => {
    const a = await digest({
      html: fixture('meta-traps.html'),
      url: 'https://vireux.example/2026/04/11/marche-couvert',
      fetchedAt: '2026-04-12T09:00:00Z',
    });
    expect(a.meta?.authors).toEqual(['Claire Dumont']);
    expect(a.meta?.authors).not.toContain('Marcel Roy');
    expect(a.meta?.title).toBe('Le marché couvert rouvre ses portes');
    expect(a.meta?.language).toBe('fr');
    // The future dates in scripts are later than the fetch: never taken. The URL's date is.
    expect(a.meta?.published).toBe('2026-04-11');
  });

  it('never invents a date from "2 hours ago"', async () => {
    const a = await digest({
      html: '<article><p class="byline">By Ana Costa</p><p class="date">Updated 2 hours ago</p><p>The library will open on Sundays from next month, the county said, after a survey of its members.</p></article>',
    });
    expect(a.meta?.published).toBeUndefined();
    expect(a.meta?.authors).toEqual(['Ana Costa']);
  });

  it('reads bylines into people only', () => {
    expect(namesFromByline('By Jane Doe and John Roe, CNN')).toEqual(['Jane Doe', 'John Roe', 'CNN']);
    expect(cleanAuthors(namesFromByline('By Jane Doe and John Roe, CNN'))).toEqual(['Jane Doe', 'John Roe']);
    expect(cleanAuthors(namesFromByline('By Justine Coleman - 11/18/19 11:04 PM EST'))).toEqual([
      'Justine Coleman',
    ]);
    expect(
      cleanAuthors(['Staff Reporter', 'Home', 'November 3, 2019', 'The Daily Post', 'Mary-Ann O’Neil']),
    ).toEqual(['Mary-Ann O’Neil']);
    expect(cleanAuthors(['Daily Post Staff'], [])).toEqual([]);
    expect(cleanAuthors(['Valley Ledger'], ['Valley Ledger'])).toEqual([]);
  });

  it('reads dates in the forms pages use', () => {
    expect(toIsoDate('2026-06-12T18:30:00Z')).toBe('2026-06-12T18:30:00Z');
    expect(toIsoDate('2026-06-12T18:30:00+0200')).toBe('2026-06-12T18:30:00+02:00');
    expect(toIsoDate('2026-02-30')).toBeUndefined();
    expect(dateFromText('Published November 18, 2019 4:10pm')).toBe('2019-11-18');
    expect(dateFromText('23 Nov 2017')).toBe('2017-11-23');
    expect(dateFromText('11/18/2019')).toBe('2019-11-18');
    expect(dateFromText('3 hours ago')).toBeUndefined();
    expect(dateFromUrl('https://x.example/2019/11/18/slug')).toBe('2019-11-18');
    expect(dateFromUrl('https://x.example/article/12345')).toBeUndefined();
  });
});
