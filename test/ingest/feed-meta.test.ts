import { describe, expect, it } from 'vitest';
import { digest } from '../../src/digest.js';
import { FeedReader, htmlText, rfc822ToIso, rssAuthorName } from '../../src/ingest/feed.js';
import type { PageInput } from '../../src/ingest/page.js';

/** The pages a whole feed gives (errors as their messages). */
function read(xml: string, origin = 'in.rss'): (PageInput | string)[] {
  const reader = new FeedReader(origin);
  return [...reader.write(xml), ...reader.end()].map((r) => (r.ok ? r.page : r.error.message));
}

function page(x: PageInput | string | undefined): PageInput {
  if (typeof x !== 'object') throw new Error(`expected a page, got ${String(x)}`);
  return x;
}

const STORY =
  '<p>MARLOW BAY — The ferry board raised fares by 8 percent on Tuesday, blaming the price of fuel.</p>' +
  '<p>“We held them for two winters,” said Ines Varga, who chairs the board.</p>';

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>The Marlow  Courier</title>
<link>https://courier.example/</link>
<image><title>Courier logo</title><url>https://courier.example/logo.png</url></image>
<item>
<title>Ferry fares rise</title>
<link>https://courier.example/fares</link>
<pubDate>Wed, 04 Feb 2026 07:05:00 +0100</pubDate>
<dc:creator>Rosa Lindqvist</dc:creator>
<dc:creator>Anton Bell</dc:creator>
<content:encoded><![CDATA[${STORY}]]></content:encoded>
</item>
<item>
<title>Pier repairs on budget</title>
<pubDate>Thu, 5 Feb 26 18:40 EST</pubDate>
<author>desk@courier.example (Tomas Reyna)</author>
<description>&lt;p&gt;The pier repairs cost less than planned, the harbour master said on Thursday.&lt;/p&gt;</description>
</item>
</channel>
</rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title type="html">Valley &lt;b&gt;Ledger&lt;/b&gt;</title>
<author><name>Ledger Staff Writer</name></author>
<id>urn:example:ledger</id>
<updated>2026-06-12T18:30:00Z</updated>
<entry>
<title type="html">Council &lt;em&gt;delays&lt;/em&gt; parking &amp;amp; &lt;script&gt;alert(1)&lt;/script&gt;review</title>
<id>urn:example:ledger:1</id>
<published>2026-06-10T08:00:00+02:00</published>
<updated>2026-06-11T09:00:00Z</updated>
<author><name>Priya Ramaswamy</name><email>priya@ledger.example</email></author>
<content type="html">${STORY.replace(/</g, '&lt;').replace(/>/g, '&gt;')}</content>
</entry>
<entry>
<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Gym <i>approved</i></div></title>
<id>urn:example:ledger:2</id>
<updated>2026-06-08T12:00:00Z</updated>
<content type="html">&lt;p&gt;The school board voted on Monday to build a new gym.&lt;/p&gt;</content>
</entry>
</feed>`;

describe('what a feed says of its items: authors, publisher, dates, HTML titles', () => {
  it('puts dc:creator, RSS author and the channel title in the item page’s head', () => {
    const [first, second] = read(RSS).map(page);
    expect(first?.html).toMatch(
      /^<head><meta name="author" content="Rosa Lindqvist, Anton Bell"><meta property="og:site_name" content="The Marlow Courier"><\/head>\n<h1>Ferry fares rise<\/h1>\n<p>MARLOW BAY/,
    );
    expect(second?.html).toContain('<meta name="author" content="Tomas Reyna">');
    // The channel's <image><title> is not its title.
    expect(second?.html).not.toContain('Courier logo');
  });

  it('keeps an RSS pubDate’s time and zone, as Atom dates keep theirs', () => {
    const [first, second] = read(RSS).map(page);
    expect(first?.published).toBe('2026-02-04T07:05:00+01:00');
    expect(second?.published).toBe('2026-02-05T18:40:00-05:00');
  });

  it('reads an Atom title of type html or xhtml as text: tags dropped, entities decoded, scripts not kept', () => {
    const [first, second] = read(ATOM, 'in.atom').map(page);
    expect(first?.title).toBe('Council delays parking & review');
    expect(first?.html).toContain('<h1>Council delays parking &amp; review</h1>');
    expect(first?.html).not.toMatch(/<em>|<script|alert/);
    expect(second?.title).toBe('Gym approved');
    // The feed's own title, of type html, is the publisher as text.
    expect(first?.html).toContain('<meta property="og:site_name" content="Valley Ledger">');
  });

  it('gives Atom entries their own authors, else the feed’s, and their updated date', () => {
    const [first, second] = read(ATOM, 'in.atom').map(page);
    expect(first?.html).toContain(
      '<meta name="author" content="Priya Ramaswamy"><meta property="og:site_name" content="Valley Ledger"><meta property="article:modified_time" content="2026-06-11T09:00:00Z">',
    );
    expect(first?.published).toBe('2026-06-10T08:00:00+02:00');
    expect(second?.html).toContain('<meta name="author" content="Ledger Staff Writer">');
  });

  it('ends in the digested Article’s meta: authors, publisher, published with its time, updated', async () => {
    const [rss] = read(RSS).map(page);
    const a = await digest(rss!);
    expect(a.meta.authors).toEqual(['Rosa Lindqvist', 'Anton Bell']);
    expect(a.meta.publisher).toBe('The Marlow Courier');
    expect(a.meta.published).toBe('2026-02-04T07:05:00+01:00');
    expect(a.meta.title).toBe('Ferry fares rise');
    const [atom] = read(ATOM, 'in.atom').map(page);
    const b = await digest(atom!);
    expect(b.meta.authors).toEqual(['Priya Ramaswamy']);
    expect(b.meta.publisher).toBe('Valley Ledger');
    expect(b.meta.title).toBe('Council delays parking & review');
    expect(b.meta.published).toBe('2026-06-10T08:00:00+02:00');
    expect(b.meta.updated).toBe('2026-06-11T09:00:00Z');
  });

  it('escapes what it writes into the head', () => {
    const xml = `<rss><channel><title>A "quoted" &amp; &lt;tagged&gt; name</title><item><title>T</title>
<dc:creator>Ann "Nan" O&apos;Hare</dc:creator><description>&lt;p&gt;Words.&lt;/p&gt;</description></item></channel></rss>`;
    const [item] = read(xml).map(page);
    expect(item?.html).toContain(
      '<meta name="author" content="Ann &quot;Nan&quot; O\'Hare"><meta property="og:site_name" content="A &quot;quoted&quot; &amp; &lt;tagged> name">',
    );
  });
});

describe('rfc822ToIso', () => {
  it.each([
    ['Tue, 03 Mar 2026 09:15:00 +0100', '2026-03-03T09:15:00+01:00'],
    ['Tue, 03 Mar 2026 09:15:00 GMT', '2026-03-03T09:15:00Z'],
    ['3 March 2026 09:15 PDT', '2026-03-03T09:15:00-07:00'],
    ['Sat, 31 Jan 98 23:59:60 -0000', '1998-01-31T23:59:60'], // -0000: the zone is unknown
    ['Tue, 03 Mar 2026 09:15:00 J', '2026-03-03T09:15:00'], // a military letter: unknown
    ['Tue, 03 Mar 2026', '2026-03-03'],
    ['  Tue, 03 Mar 2026 09:15:00 +05:30 ', '2026-03-03T09:15:00+05:30'],
  ])('%s → %s', (value, iso) => {
    expect(rfc822ToIso(value)).toBe(iso);
  });

  it('leaves what is not an RFC 822 date (or not a real day) alone', () => {
    expect(rfc822ToIso('2026-03-03T09:15:00Z')).toBeUndefined();
    expect(rfc822ToIso('Mon, 30 Feb 2026 10:00:00 GMT')).toBeUndefined();
    expect(rfc822ToIso('Mon, 02 Foo 2026 10:00:00 GMT')).toBeUndefined();
    expect(rfc822ToIso('Mon, 02 Mar 2026 25:00:00 GMT')).toBeUndefined();
  });
});

describe('rssAuthorName and htmlText', () => {
  it('finds the name in an RSS author, and none in a bare address', () => {
    expect(rssAuthorName('news@x.example (Tom Reyes)')).toBe('Tom Reyes');
    expect(rssAuthorName('Tom Reyes <news@x.example>')).toBe('Tom Reyes');
    expect(rssAuthorName('Tom  Reyes')).toBe('Tom Reyes');
    expect(rssAuthorName('news@x.example')).toBeUndefined();
  });

  it('keeps the text of markup only', () => {
    expect(
      htmlText('A <b>bold</b> &amp; <img src=x onerror="alert(1)">plain<br>line<style>p{}</style>'),
    ).toBe('A bold & plain line');
  });
});

describe('a feed item of plain text', () => {
  it('carries the feed’s authors and publisher to the Article’s meta', async () => {
    const xml = `<rss xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>The Marlow Courier</title>
<item><title>Library hours extended</title><dc:creator>Rosa Lindqvist</dc:creator>
<description>The library will stay open until 9 p.m. on weekdays, the library board said on Monday.</description></item>
</channel></rss>`;
    const [item] = read(xml).map(page);
    expect(item).toMatchObject({ authors: ['Rosa Lindqvist'], publisher: 'The Marlow Courier' });
    expect(item?.text).toBeDefined();
    const a = await digest(item!);
    expect(a.meta.authors).toEqual(['Rosa Lindqvist']);
    expect(a.meta.publisher).toBe('The Marlow Courier');
  });
});
