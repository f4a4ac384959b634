import { describe, expect, it } from 'vitest';
import { tokenArray, tokenOffsets, tokenSpans } from '../../src/text/tokens.js';

const tok = (text: string) => tokenSpans(text).map((s) => text.slice(s.start, s.end));

describe('tokenSpans', () => {
  it('keeps abbreviations, party-state tags, money and decimals whole', () => {
    expect(tok('Sen. Ada Lowe, D-Calif., said the U.S. plan costs $3.2 billion.')).toEqual([
      'Sen.',
      'Ada',
      'Lowe',
      ',',
      'D-Calif.',
      ',',
      'said',
      'the',
      'U.S.',
      'plan',
      'costs',
      '$3.2',
      'billion',
      '.',
    ]);
  });

  it('keeps the period of titles, months, a.m./p.m., Inc. and initials', () => {
    expect(tok('Lt. Col. Rui T. Sousa met Harlow Inc. at 5 a.m. on Jan. 15.')).toEqual([
      'Lt.',
      'Col.',
      'Rui',
      'T.',
      'Sousa',
      'met',
      'Harlow',
      'Inc.',
      'at',
      '5',
      'a.m.',
      'on',
      'Jan.',
      '15',
      '.',
    ]);
  });

  it('splits the final period off ordinary words and numbers', () => {
    expect(tok('It rose 4.5%. Then 1,000 more.')).toEqual([
      'It',
      'rose',
      '4.5',
      '%',
      '.',
      'Then',
      '1,000',
      'more',
      '.',
    ]);
  });

  it('splits clitics as the PTB does and keeps names with apostrophes', () => {
    expect(tok("He's sure they don't know O'Neill's plan; we can't.")).toEqual([
      'He',
      "'s",
      'sure',
      'they',
      'do',
      "n't",
      'know',
      "O'Neill",
      "'s",
      'plan',
      ';',
      'we',
      'ca',
      "n't",
      '.',
    ]);
    expect(tok('the players’ union')).toEqual(['the', 'players', '’', 'union']);
  });

  it('reads PTB-tokenized text as it stands', () => {
    expect(tok("( cnn ) -- `` it 's over , '' he said . we do n't know")).toEqual([
      '(',
      'cnn',
      ')',
      '--',
      '``',
      'it',
      "'s",
      'over',
      ',',
      "''",
      'he',
      'said',
      '.',
      'we',
      'do',
      "n't",
      'know',
    ]);
  });

  it('keeps URLs, e-mail addresses, handles, times and hyphenated words whole', () => {
    expect(
      tok('See https://example.org/a?b=1. Mail desk@example.org at 10:30 re @citydesk #1 well-known AT&T'),
    ).toEqual([
      'See',
      'https://example.org/a?b=1',
      '.',
      'Mail',
      'desk@example.org',
      'at',
      '10:30',
      're',
      '@citydesk',
      '#1',
      'well-known',
      'AT&T',
    ]);
  });

  it('keeps runs of dots, dashes and ?! together', () => {
    expect(tok('Wait... what?! No -- never')).toEqual(['Wait', '...', 'what', '?!', 'No', '--', 'never']);
  });

  it('keeps a character outside the BMP whole', () => {
    expect(tok('Great 🙂 day')).toEqual(['Great', '🙂', 'day']);
  });

  it('tokenizes only [start, end) with offsets into the whole text', () => {
    const text = 'skip this. Take these words. not this';
    const start = text.indexOf('Take');
    const end = text.indexOf(' not');
    expect(tokenSpans(text, start, end).map((s) => text.slice(s.start, s.end))).toEqual([
      'Take',
      'these',
      'words',
      '.',
    ]);
  });

  it('gives the same tokens in the flat and typed-array forms', () => {
    const text = 'Gen. Ruiz left at 9 p.m.';
    const spans = tokenSpans(text);
    const flat = tokenOffsets(text);
    const arr = tokenArray(text);
    expect(flat).toEqual(spans.flatMap((s) => [s.start, s.end]));
    expect(Array.from(arr)).toEqual(flat);
  });
});

describe('tokens and sentences agree', () => {
  it('never puts a sentence boundary inside a token (news fixtures)', async () => {
    const { readFileSync } = await import('node:fs');
    const { sentenceSpans } = await import('../../src/text/sentences.js');
    const cases = JSON.parse(
      readFileSync(new URL('../fixtures/text/news-sentences.json', import.meta.url), 'utf8'),
    ) as { text: string }[];
    for (const { text } of cases) {
      const starts = new Set<number>();
      const ends = new Set<number>();
      for (const t of tokenSpans(text)) {
        starts.add(t.start);
        ends.add(t.end);
      }
      for (const s of sentenceSpans(text)) {
        expect(starts.has(s.start), `${text} @${s.start}`).toBe(true);
        expect(ends.has(s.end), `${text} @${s.end}`).toBe(true);
      }
    }
  });
});
