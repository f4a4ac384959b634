import { describe, expect, it } from 'vitest';
import type { BlockKind } from '../../src/article/types.js';
import { furnitureKind } from '../../src/layout/line-kinds.js';
import {
  BOILERPLATE_LINE,
  BYLINE,
  CREDIT,
  DATE_LINE,
  DATELINE_ONLY,
  isDateLine,
  PHOTO_CREDIT,
  PROMO_LINE,
  RELATED_HEADING,
  RELATED_PREFIX,
  RELATIVE_DATE,
} from '../../src/layout/patterns.js';
import { seededRandom as random } from '../../src/seeded-random.js';

/** The patterns alone, in furnitureKind's order: what its character tests must never change. */
function byPatterns(line: string): BlockKind | undefined {
  const len = line.length;
  if (len <= 60 && DATELINE_ONLY.test(line)) return 'dateline';
  if (
    len <= 120 &&
    (BYLINE.test(line) || DATE_LINE.test(line) || isDateLine(line) || RELATIVE_DATE.test(line))
  )
    return 'byline';
  if (len <= 60 && BOILERPLATE_LINE.test(line)) return 'boilerplate';
  if (len <= 250 && PHOTO_CREDIT.test(line)) return 'caption';
  if (len <= 250 && PROMO_LINE.test(line)) return 'boilerplate';
  if (len <= 300 && CREDIT.test(line)) return 'credit';
  if (len <= 200 && RELATED_PREFIX.test(line)) return 'related';
  if (len <= 60 && RELATED_HEADING.test(line)) return 'related';
  return undefined;
}

// Words of the furniture the patterns look for, and of ordinary prose.
const PIECES = [
  'By',
  'by',
  'BY',
  'Written by',
  'Photos by',
  'Jane',
  'Doe',
  'and',
  'Harbour Post',
  'Published',
  'UPDATED:',
  'posted',
  'Mon',
  'Tuesday,',
  'Nov',
  'November',
  'sept.',
  '6,',
  '18th',
  '2016',
  '3:04',
  'PM',
  'ET',
  '10.48',
  '11/18/2019',
  '2 hours ago',
  '5 mins ago',
  'yesterday',
  'Just now',
  'today',
  'PORTWELL,',
  'Maine',
  '(Reuters)',
  '(CNN)',
  'CNN',
  '—',
  '–',
  '--',
  '-',
  'Photo:',
  'Photograph:',
  '(Photo: Ledger staff)',
  '/ Getty Images',
  'Getty Images',
  'AP',
  'Advertisement',
  'Share',
  'Read more:',
  'Related articles',
  'More from World',
  'Sign up for',
  'Follow us on',
  'contributed to this report.',
  'Reporting by',
  '; editing by',
  'the',
  'council',
  'said',
  'on',
  'Tuesday',
  'that',
  'reporters',
  'were',
  'told',
  'é',
  '.',
  ',',
  ':',
  '|',
];
const SEPARATORS = [' ', ' ', ' ', '', '\u00a0', '\t', '  '];

function lines(count: number, seed: number): string[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let s = '';
    const parts = 1 + Math.floor(next() * 9);
    for (let p = 0; p < parts; p++) s += (p ? pick(SEPARATORS) : '') + pick(PIECES);
    if (next() < 0.1) s += pick(SEPARATORS);
    out.push(next() < 0.2 ? s.toLowerCase() : s);
  }
  return out;
}

describe('furniture by wording', () => {
  it('names the furniture of a page', () => {
    expect(furnitureKind('PORTWELL, Maine (Harbour Post) —')).toBe('dateline');
    expect(furnitureKind('By Jane Doe and John Roe, CNN')).toBe('byline');
    expect(furnitureKind('Published 3:04 PM ET, Sun November 6, 2016')).toBe('byline');
    expect(furnitureKind('Updated 2 hours ago')).toBe('byline');
    expect(furnitureKind('Advertisement')).toBe('boilerplate');
    expect(furnitureKind('The harbour master, seen at dawn (Photo: Ledger staff)')).toBe('caption');
    expect(furnitureKind('Jane Doe contributed to this report.')).toBe('credit');
    expect(furnitureKind('Read more: what the council decided')).toBe('related');
    expect(
      furnitureKind('The council met on Tuesday, November 6, and voted to close the harbour.'),
    ).toBeUndefined();
  });

  it('gives the patterns’ answer on lines that open with each pattern’s words, in any case', () => {
    // Lines each of BOILERPLATE_LINE, PROMO_LINE, CREDIT, RELATED_PREFIX and RELATED_HEADING
    // matches, and near misses: what any character test put before a pattern must never change.
    const samples = [
      'Advertisement',
      'ADVERTISING',
      'Anzeige',
      'Werbung',
      'Publicité',
      'pubblicità',
      'РЕКЛАМА',
      'реклама',
      '광고',
      '広告',
      'iklan',
      '3 min read',
      'Reading time: 4 minutes',
      'Tempo de leitura: 2 min',
      'Lesezeit: 3 Min.',
      'Sponsored content',
      'Story continues below advertisement',
      'Continue reading below',
      'Sharing is caring!',
      'Enlarge this image',
      'View the gallery',
      'Open photos',
      'Back to top',
      'See slideshow',
      'Image 3 of 12',
      'Slide 2 of 9',
      'Picture 1 of 4',
      '12 shares',
      'Like this story? Share it',
      'Share on Facebook',
      'Tweet',
      'Email',
      'Print',
      'Comments',
      '14 comments',
      'Follow us on Twitter',
      'Sign up',
      'Subscribe now',
      'Login',
      'Log in',
      'Skip to main content',
      'Close',
      'Menu',
      'Search',
      'Home',
      'Getty Images',
      'AP Photo',
      'Reuters',
      'Loading...',
      'Read more',
      'Show more',
      'See more',
      'View comments',
      'Facebook',
      'twitter',
      'LinkedIn',
      'WhatsApp',
      'Pinterest',
      'Reddit',
      'Copy link',
      'Link copied',
      'All rights reserved.',
      '© 2026 The Harbour Post',
      'Filed under: Harbours',
      'Tags: council, harbour',
      'Topics: local',
      'Categories: news',
      'Category news',
      'Posted in Local',
      'Subscribe to our newsletter',
      'Sign up for the morning briefing',
      'Follow Jane Doe on Twitter',
      'Never miss a story',
      'This video requires JavaScript',
      'Please enable JavaScript',
      'Enable JavaScript to see this',
      'Get the latest news',
      'Download the free app',
      'Have a news tip? Write to us',
      'Click here to subscribe',
      'More great harbour stories',
      'Join the conversation',
      'Jane Doe contributed to this report.',
      'JANE DOE CONTRIBUTED REPORTING',
      'Reporting by Jane Doe; Editing by John Roe',
      'Additional reporting by Jane Doe',
      'Editing by John Roe',
      'Writing by Jane Doe',
      'Compiled by the desk',
      'This story has been updated',
      'This article was corrected',
      '(Photo credit: Ledger staff)',
      'Photos: Harbour Post',
      'Image credit: AP',
      'Video: the harbour',
      'Read also: the vote',
      'Also read: the vote',
      'More: the vote',
      'Related coverage | the vote',
      'See also - the vote',
      'Watch: the vote',
      'Listen › the vote',
      'Opinion: the vote',
      'Recommended: the vote',
      'More from World: the vote',
      'Click here: the vote',
      'More on this story: the vote',
      'Latest - the vote',
      'Related articles',
      'Don’t miss',
      "Don't miss",
      'Trending now',
      'Most read today',
      'More top stories',
      'You may also like',
      'Recommended for you',
      'More from Harbour Post',
      'More stories',
      'Read next',
      'Up next',
      'See also',
      'Also read',
      'Leggi anche',
      'Lesen Sie auch',
      'À lire aussi',
      'à lire aussi',
      'Lire aussi',
      'Te puede interesar',
      'Leia também',
      'Baca juga',
      'The harbour reopened',
      'Tagged harbour',
      'A',
      'x',
      '7',
      '',
    ];
    const kinds = new Set<string>();
    for (const base of samples) {
      for (const line of [base, base.toLowerCase(), base.toUpperCase()]) {
        const want = byPatterns(line);
        kinds.add(String(want));
        expect({ line, got: furnitureKind(line) }).toEqual({ line, got: want });
      }
    }
    expect([...kinds].sort()).toEqual(['boilerplate', 'caption', 'credit', 'related', 'undefined'].sort());
  });

  it('gives the patterns’ answer on 30,000 generated lines, cased and lowercased', () => {
    const generated = lines(30_000, 11);
    const kinds = new Set<string>();
    for (const line of generated) {
      const want = byPatterns(line);
      kinds.add(String(want));
      if (furnitureKind(line) !== want)
        expect({ line, got: furnitureKind(line) }).toEqual({ line, got: want });
    }
    // The generator reaches every kind the patterns give, and prose.
    expect([...kinds].sort()).toEqual(
      ['boilerplate', 'byline', 'caption', 'credit', 'dateline', 'related', 'undefined'].sort(),
    );
  });
});
