import { describe, expect, it } from 'vitest';
import { digest } from '../../src/digest.js';
import { toIsoDate } from '../../src/layout/meta/dates.js';

const story =
  '<p>The council voted on Tuesday to extend the harbour ferry timetable into the winter months, after a petition signed by four hundred residents.</p>' +
  '<p>Ferries will run every forty minutes until nine in the evening, the operator said, and the fares stay as they were.</p>';

function page(head: string, h1 = 'Harbour ferries to run through the winter'): string {
  return `<html><head>${head}</head><body><article><h1>${h1}</h1>${story}</article></body></html>`;
}

describe('titles: the site name goes, the headline stays', () => {
  it('strips a suffix naming og:site_name from the og:title', async () => {
    const a = await digest({
      html: page(
        '<meta property="og:title" content="Harbour ferries to run through the winter | PortwellPost"><meta property="og:site_name" content="Portwell Post">',
      ),
    });
    expect(a.meta?.title).toBe('Harbour ferries to run through the winter');
  });

  it('strips a suffix naming the JSON-LD publisher from the JSON-LD headline', async () => {
    const ld = JSON.stringify({
      '@type': 'NewsArticle',
      headline: 'Harbour ferries to run through the winter - Portwell Post',
      publisher: { '@type': 'Organization', name: 'Portwell Post' },
    });
    const a = await digest({ html: page(`<script type="application/ld+json">${ld}</script>`) });
    expect(a.meta?.title).toBe('Harbour ferries to run through the winter');
  });

  it('strips the host name and a section prefix', async () => {
    const a = await digest({
      html: page(
        '<meta property="og:title" content="Letters | Harbour ferries to run through the winter - Portwellpost.example"><meta property="article:section" content="Letters">',
      ),
      url: 'https://www.portwellpost.example/2026/01/05/ferries',
    });
    expect(a.meta?.title).toBe('Harbour ferries to run through the winter');
  });

  it('strips a short prefix when the page heading reads as the title without it', async () => {
    const a = await digest({
      html: page('<meta property="og:title" content="Analysis | Harbour ferries to run through the winter">'),
    });
    expect(a.meta?.title).toBe('Harbour ferries to run through the winter');
  });

  it('keeps a separator that is part of the headline', async () => {
    const headline = 'Ferry review – slow, cold, and worth every minute';
    const a = await digest({
      html: page(
        `<meta property="og:title" content="${headline}"><meta property="og:site_name" content="Portwell Post">`,
        headline,
      ),
      url: 'https://portwellpost.example/ferry-review',
    });
    expect(a.meta?.title).toBe(headline);
  });

  it('keeps a long <title> tail that is no site name', async () => {
    const a = await digest({
      html: `<html><head><title>Die Fähre – der lange Weg durch den Winter am Hafen</title></head><body>${story}</body></html>`,
    });
    expect(a.meta?.title).toBe('Die Fähre – der lange Weg durch den Winter am Hafen');
  });

  it('still takes a short tail off a <title> given alone', async () => {
    const a = await digest({
      html: `<html><head><title>Harbour ferries to run through the winter - Portwell Post</title></head><body>${story}</body></html>`,
    });
    expect(a.meta?.title).toBe('Harbour ferries to run through the winter');
  });
});

describe('published dates from more meta tags', () => {
  it('reads a tag named by property and itemprop (article:published, datePublished dateCreated)', async () => {
    const a = await digest({
      html: page(
        '<meta property="article:published" itemprop="datePublished dateCreated" content="2026-01-05T11:00:09.000Z">',
      ),
    });
    expect(a.meta?.published).toBe('2026-01-05T11:00:09Z');
  });

  it('reads a compact pdate', async () => {
    const a = await digest({ html: page('<meta name="pdate" content="20260105">') });
    expect(a.meta?.published).toBe('2026-01-05');
    expect(toIsoDate('20260230')).toBeUndefined();
  });

  it('reads <time itemprop="datePublished"> outside the article', async () => {
    const a = await digest({
      html: `<html><body><header><time itemprop="datePublished" datetime="2026-01-05T10:03:33+01:00">5 Jan</time></header><article><p class="byline">By Ana Costa, January 4, 2026</p>${story}</article></body></html>`,
    });
    // Before the visible byline's date: the page marked this one as the publication date.
    expect(a.meta?.published).toBe('2026-01-05T10:03:33+01:00');
  });

  it('skips a tag that does not parse and takes the next', async () => {
    const a = await digest({
      html: page(
        '<meta itemprop="datePublished" content="0001-01-01T00:00:00Z"><meta name="publish-date" content="2026-01-04">',
      ),
    });
    expect(a.meta?.published).toBe('2026-01-04');
  });
});
