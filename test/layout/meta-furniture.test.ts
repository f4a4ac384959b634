/**
 * meta-17: a dateline's four-letter capital place is no agency ("ROME —"); desks named by the site's
 * distinctive word ("Mail Sport" on the Daily Mail) are no authors; page furniture read as a byline
 * (comment-form labels, feed links, "Publish date", a category) is no author. Pages and names
 * written for the project (item 4, the figure credit, is in figure-credit.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { digest } from '../../src/digest.js';
import { cleanAuthors, isSiteDesk, namesFromByline, siteWords } from '../../src/layout/meta/authors.js';
import { isAgencyWord } from '../../src/layout/meta/dateline-words.js';

const skip = { entities: { skip: true }, quotes: { skip: true } } as const;
const lead =
  ' — The harbour board raised mooring fees on Friday, its chair said.\n\nBoat owners had expected a smaller rise, their club said.';

const story =
  '<p>The county opened its new slate museum on Saturday in the old quarry office, with tools donated by three families of cutters.</p>' +
  '<p>Entry is free until the end of the month, the curator said, and school groups can book guided visits on weekdays.</p>';

function page(siteName: string, body: string, after = ''): string {
  return `<html><head><title>Slate museum opens</title><meta property="og:site_name" content="${siteName}"></head><body><article><h1>Slate museum opens in the quarry office</h1>${body}</article>${after}</body></html>`;
}

describe('a dateline word of capitals: place or agency', () => {
  it.each(['ROME', 'OSLO', 'BAKU', 'LIMA', 'GOA'])(
    '"%s —" is the dateline, not the publisher',
    async (place) => {
      const a = await digest({ text: `${place}${lead}` }, skip);
      expect(a.meta?.dateline).toBe(place);
      expect(a.meta?.publisher).toBeUndefined();
    },
  );

  it.each(['CNN', 'AFP', 'ANSA', 'TASS', 'UPI'])('"%s —" is the agency, the publisher', async (agency) => {
    const a = await digest({ text: `${agency}${lead}` }, skip);
    expect(a.meta?.publisher).toBe(agency);
    expect(a.meta?.dateline).toBeUndefined();
  });

  it('an unknown four-letter word is a place, an unknown three-letter one an agency', () => {
    expect(isAgencyWord('VARD')).toBe(false);
    expect(isAgencyWord('XNA')).toBe(true);
    expect(isAgencyWord('UFA')).toBe(false);
  });

  it("on a page, the site's name is the publisher and the capital the dateline", async () => {
    const a = await digest({ html: page('The Caspian Ledger', `<p>BAKU — ${story.slice(3)}`) }, skip);
    expect(a.meta?.publisher).toBe('The Caspian Ledger');
    expect(a.meta?.dateline).toBe('BAKU');
  });
});

describe("a desk named by the site's distinctive word", () => {
  const daily = siteWords(['The Daily Quarry']);
  const sites = new Set(['dailyquarry']);

  it('"Quarry Sport" on "The Daily Quarry" is a desk; a person is not', () => {
    expect([...daily]).toEqual(['quarry']);
    expect(isSiteDesk('Quarry Sport', sites, daily)).toBe(true);
    expect(isSiteDesk('Quarry Money Team', sites, daily)).toBe(true);
    expect(isSiteDesk('Ilse Quarry', sites, daily)).toBe(false);
    expect(isSiteDesk('Sport Writer', sites, daily)).toBe(false);
  });

  it('a desk byline gives no author, and the search stops there', async () => {
    const a = await digest(
      {
        html: page(
          'The Daily Quarry',
          `<div class="byline">By Quarry Sport</div>${story}`,
          '<aside class="related"><div class="byline">By Ilse Varga</div><a href="/x">Other story</a></aside>',
        ),
      },
      skip,
    );
    expect(a.meta?.authors).toEqual([]);
  });

  it('a person on the same site is still the author', async () => {
    const a = await digest(
      { html: page('The Daily Quarry', `<div class="byline">By Ilse Varga</div>${story}`) },
      skip,
    );
    expect(a.meta?.authors).toEqual(['Ilse Varga']);
  });
});

describe('page furniture is no author', () => {
  it('refuses wording, feed links, categories and run-together phrases; keeps names', () => {
    expect(
      cleanAuthors([
        'Save my name',
        'Entries feed',
        'Publish date',
        'Contact us',
        'Nessun commento',
        'Kit Reviews',
        'Tutti e Tutto',
        'NoteのWindows Live Writerを試す',
        'Ilse Varga',
        'Omar al-Sayegh',
        'Pieter van Hout',
        'Bram Oster Jr.',
      ]),
    ).toEqual(['Ilse Varga', 'Omar al-Sayegh', 'Pieter van Hout', 'Bram Oster Jr']);
  });

  it('keeps an all-lowercase name (lowercased text)', () => {
    expect(cleanAuthors(['ilse varga'])).toEqual(['ilse varga']);
  });

  it('reads the name after a date', () => {
    expect(namesFromByline('October 9, 2018 | by Ilse Varga')).toEqual(['Ilse Varga']);
    expect(cleanAuthors(namesFromByline('November 20, 2019 Ilse Varga'))).toEqual(['Ilse Varga']);
    expect(cleanAuthors(namesFromByline('21/06/2014 Ilse Varga'))).toEqual(['Ilse Varga']);
  });

  it("takes the story's byline, not a reader's comment, a form label or a link after the story", async () => {
    const a = await digest(
      {
        html: page(
          'The Daily Quarry',
          `<div class="byline">October 9, 2018 | by Ilse Varga</div>${story}<div class="entry-meta">Nessun commento</div>`,
          '<div class="comments"><div class="comment-author">Bram Oster on May 3, 2019 at 4:47 pm said:</div><p>Lovely museum.</p></div>',
        ),
      },
      skip,
    );
    expect(a.meta?.authors).toEqual(['Ilse Varga']);
  });

  it('a lower-case piece of a cased byline is no name; a reader after the story is none either', async () => {
    const a = await digest(
      {
        html: page(
          'The Daily Quarry',
          `<div class="byline">A grant to the museum to restore, catalogue, and show quarry tools</div>${story}`,
          '<div class="comments"><div class="byline">Bram Oster</div><p>Lovely museum, I went twice with my children and their school.</p></div>',
        ),
      },
      skip,
    );
    expect(a.meta?.authors).toEqual([]);
  });
});
