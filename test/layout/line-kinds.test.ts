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
