/** The traps of issue 7: each a fixture written for the project (test/fixtures/quotes/traps/). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readQuotes } from './quote-helpers.js';

const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, '..', 'fixtures', 'quotes', 'traps', `${name}.txt`), 'utf8');

describe('quote traps', () => {
  it('scare quotes around one word are not a direct quote', () => {
    const quotes = readQuotes(fixture('scare-quotes'));
    expect(quotes.filter((q) => q.kind === 'direct')).toEqual([]);
    expect(quotes.some((q) => q.content === '\u201csuccess\u201d' || q.content === 'success')).toBe(false);
  });

  it('titles of songs and films in quotes are not quotes', () => {
    expect(readQuotes(fixture('titles'))).toEqual([]);
  });

  it('a quote inside a quote stays part of the outer quote, said by the outer speaker', () => {
    const text = fixture('quote-in-quote');
    const quotes = readQuotes(text);
    expect(quotes).toHaveLength(1);
    expect(quotes[0]).toMatchObject({ kind: 'direct', cue: 'said', speaker: 'Tomas Berg' });
    expect(quotes[0]!.content).toContain('\u2018Never sell the farm,\u2019');
    expect(quotes[0]!.content.startsWith('\u201cMy father')).toBe(true);
  });

  it('an opening quote never closed ends with its paragraph', () => {
    const quotes = readQuotes(fixture('unclosed-quote'));
    const direct = quotes.find((q) => q.kind === 'direct');
    expect(direct).toMatchObject({
      content: '\u201cWe have no comment on the arrest',
      speaker: 'The spokesman',
    });
    // The next paragraph is its own attribution, not swallowed by the open quote.
    expect(quotes).toContainEqual(
      expect.objectContaining({
        content: 'The court will sit again on Thursday',
        cue: 'said',
        speaker: 'the clerk',
      }),
    );
  });

  it('a colon-introduced quote takes the subject before the colon as speaker', () => {
    expect(readQuotes(fixture('colon-quote'))).toEqual([
      {
        kind: 'direct',
        content: '\u201cThe budget cannot grow this year.\u201d',
        cue: ':',
        speaker: 'The minister',
      },
    ]);
  });

  it('a quote followed by a dash and a name is attributed to the name', () => {
    expect(readQuotes(fixture('dash-name'))).toEqual([
      {
        kind: 'direct',
        content: '\u201cEvery vote will be counted.\u201d',
        cue: '\u2014',
        speaker: 'Elena Voss',
      },
    ]);
  });

  it('so is one in the lower-cased, spaced form of tokenised news (straight marks, "-" or "--")', () => {
    expect(readQuotes(fixture('dash-name-spaced'))).toEqual([
      {
        kind: 'direct',
        content: '" we will run the ferries again on monday , "',
        cue: '-',
        speaker: 'marta lind',
      },
      {
        kind: 'direct',
        content: '" nobody should be stranded on the island . "',
        cue: '--',
        speaker: 'marta lind',
      },
    ]);
  });
});
