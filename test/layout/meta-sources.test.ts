/**
 * Review-16 items 4 and 15 (metadata): a dateline's place is never the publisher, the page's site
 * name wins; a site-name tag that names a section loses to the host's own agency; desks, sections
 * and breadcrumbs are not authors; what the feed or record said is kept. Pages written for the project.
 */
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/article/schema.js';
import type { Article } from '../../src/article/types.js';
import { digest, digestArticle } from '../../src/digest.js';
import { cleanAuthors, isSiteDesk } from '../../src/layout/meta/authors.js';
import { textsOfKind } from './helpers.js';

const story =
  '<p>The ferry operator said on Monday that crossings to the outer islands would stop for three weeks in March while the piers are rebuilt.</p>' +
  '<p>Islanders will be carried by a chartered boat twice a day, the operator said, and season tickets will be extended by a month.</p>';

function page(head: string, body: string): string {
  return `<html><head>${head}</head><body>${body}</body></html>`;
}

describe('publisher: the site, never the dateline place', () => {
  it('a plain-text "CITY —" dateline gives the dateline only', async () => {
    const a = await digest({
      text: 'OSTERVIK — The harbour board raised mooring fees on Friday, its chair said.\n\nBoat owners had expected a smaller rise, their club said.',
    });
    expect(a.meta?.dateline).toBe('OSTERVIK');
    expect(a.meta?.publisher).toBeUndefined();
  });

  it('an agency alone before the dash is still the publisher', async () => {
    const a = await digest({
      text: 'CNN — The harbour board raised mooring fees on Friday, its chair said.\n\nBoat owners had expected a smaller rise, their club said.',
    });
    expect(a.meta?.publisher).toBe('CNN');
    expect(a.meta?.dateline).toBeUndefined();
  });

  it("takes the site's name from the <title>'s tail when the <h1> is the title without it", async () => {
    const a = await digest({
      html: page(
        '<title>Island ferries stop for pier works | The Fjordside Ledger</title>',
        `<article><h1>Island ferries stop for pier works</h1><p>OSTERVIK — ${story.slice(3)}</article>`,
      ),
    });
    expect(a.meta?.publisher).toBe('The Fjordside Ledger');
    expect(a.meta?.dateline).toBe('OSTERVIK');
  });

  it("a <title> tail that is the headline's second part is no site name", async () => {
    const a = await digest({
      html: page(
        '<title>Island ferries stop - the piers are rebuilt at last</title>',
        `<article><h1>Island ferries stop - the piers are rebuilt at last</h1><p>OSTERVIK — ${story.slice(3)}</article>`,
      ),
    });
    expect(a.meta?.publisher).toBeUndefined();
    expect(a.meta?.dateline).toBe('OSTERVIK');
  });

  it("a site-name tag naming a section loses to the dateline's agency when that agency is the host", async () => {
    const body = `<article><h1>Island ferries stop for pier works</h1><p>OSTERVIK (Nordwire) - ${story.slice(3)}</article>`;
    const onHost = await digest({
      html: page('<meta property="og:site_name" content="World">', body),
      url: 'https://www.nordwire.example/world/island-ferries-stop',
    });
    expect(onHost.meta?.publisher).toBe('Nordwire');
    // Elsewhere the agency's copy is the site's story: its site name stays.
    const elsewhere = await digest({
      html: page('<meta property="og:site_name" content="World">', body),
      url: 'https://www.fjordside.example/world/island-ferries-stop',
    });
    expect(elsewhere.meta?.publisher).toBe('World');
    // A site name holding the host's name is the site's, whatever the dateline says.
    const named = await digest({
      html: page('<meta property="og:site_name" content="Nordwire Europe">', body),
      url: 'https://www.nordwire.example/world/island-ferries-stop',
    });
    expect(named.meta?.publisher).toBe('Nordwire Europe');
  });
});

describe('authors: people, not desks or sections', () => {
  it("refuses the site's desk and reads no later byline in its place", async () => {
    const a = await digest({
      html: page(
        '<meta property="og:site_name" content="The Fjordside">',
        `<article><h1>Island ferries stop for pier works</h1><p class="byline">By Fjordside Sport</p>${story}</article>` +
          '<aside class="related"><ul><li><a href="/a">Pier repairs ahead of schedule</a><p class="byline">By Tova Lind</p></li></ul></aside>',
      ),
    });
    expect(a.meta?.authors).toEqual([]);
  });

  it('reads the byline under the headline before the breadcrumb above it', async () => {
    const a = await digest({
      html: page(
        '<meta property="og:site_name" content="Fjordside Ledger">',
        '<article><div class="post-meta"><ol><li>Home</li><li>Claim Reviews</li></ol>' +
          '<h1>Island ferries stop for pier works</h1><p class="author">Nora Vale</p></div>' +
          story +
          '</article>',
      ),
    });
    expect(textsOfKind(a, 'byline')).toEqual(['Home', 'Claim Reviews', 'Nora Vale']);
    expect(a.meta?.authors).toEqual(['Nora Vale']);
  });

  it('names desks by the site name', () => {
    const sites = new Set(['fjordsideledger', 'telegraph']);
    expect(isSiteDesk('Telegraph Sport', sites)).toBe(true);
    expect(isSiteDesk('Fjordside Ledger Staff', sites)).toBe(true);
    expect(isSiteDesk('Fjordside', sites)).toBe(false); // one word: not a name anyway
    expect(isSiteDesk('The Fjordside-Ledger', new Set(['thefjordsideledger']))).toBe(true); // the site itself
    expect(
      cleanAuthors(['Fjordside Ledger'], [], (n) => isSiteDesk(n, new Set(['fjordsideledgerweekend']))),
    ).toEqual([]); // cut short
    expect(cleanAuthors(['Mira Telegraph', 'Tova Lind'], [], (n) => isSiteDesk(n, sites))).toEqual([
      'Mira Telegraph',
      'Tova Lind',
    ]);
  });

  it('a credit\'s "Site\' Name contributed" gives the name', async () => {
    const a = await digest({
      html: page(
        '<meta property="og:site_name" content="Fjordside News">',
        `<article><h1>Island ferries stop for pier works</h1>${story}<p>Fjordside News’ Tova Lind contributed to this report.</p></article>`,
      ),
    });
    expect(a.meta?.contributors).toEqual(['Tova Lind']);
  });
});

describe('what the feed or record said', () => {
  it('keeps a given publisher and authors when the page has none', async () => {
    const article: Article = {
      schemaVersion: SCHEMA_VERSION,
      id: 'given-meta',
      text: 'OSTERVIK — The harbour board raised mooring fees on Friday, its chair said.\n\nBoat owners had expected a smaller rise, their club said.',
      source: { format: 'text', origin: 'feed.xml#1' },
      meta: {
        authors: ['Ivo Marsh'],
        contributors: [],
        publisher: 'The Fjordside Ledger',
        title: 'Mooring fees rise',
      },
    };
    const a = await digestArticle(article, { entities: { skip: true }, quotes: { skip: true } });
    expect(a.meta?.publisher).toBe('The Fjordside Ledger');
    expect(a.meta?.authors).toEqual(['Ivo Marsh']);
    expect(a.meta?.dateline).toBe('OSTERVIK');
  });
});
