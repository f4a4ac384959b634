import { describe, expect, it } from 'vitest';
import { PRIMER_LINES, primeScanners } from '../../src/text/prime.js';
import { sentenceSpans } from '../../src/text/sentences.js';
import { tokenSpans } from '../../src/text/tokens.js';

const text = PRIMER_LINES.join('\n');
const tokens = tokenSpans(text).map((s) => text.slice(s.start, s.end));

describe('primeScanners', () => {
  it('runs, and leaves the scanners giving what they gave before', () => {
    const before = [tokenSpans(text), sentenceSpans(text)];
    primeScanners();
    expect([tokenSpans(text), sentenceSpans(text)]).toEqual(before);
  });

  // The primer is only useful while its text takes every branch of the tokenizer: each rule
  // of src/text/tokens.ts, checked by a token it must produce.
  it.each([
    ['an abbreviation with its period', 'Gen.'],
    ['an initial', 'E.'],
    ['a party-state tag', 'D-Calif.'],
    ['a letter-dot abbreviation', 'U.S.'],
    ['a title abbreviation', 'Mr.'],
    ['a state abbreviation', 'Ore.'],
    ['a currency amount', '$3.2bn'],
    ['a non-ASCII currency', '£2.5bn'],
    ['digits joined by a comma', '1,000'],
    ['digits joined by a slash', '3/4'],
    ['a time', '10:30'],
    ['a clitic', "'s"],
    ['a negation clitic', "n't"],
    ['the rarer clitics', "'ll"],
    ['a standing clitic', "'re"],
    ['a run of dashes', '--'],
    ['a run of ! and ?', '?!'],
    ['a run of periods', '...'],
    ['a URL', 'www.example.com'],
    ['a URL with a scheme', 'https://example.org/a?b=1'],
    ['an e-mail address', 'jo_ann@example.net'],
    ['a handle', '@user'],
    ['a curly apostrophe inside a word', 'O’Brien'],
    ['capitals joined by &', 'AT&T'],
    ['PTB quotes', '``'],
    ['a trailing apostrophe', "'"],
    ['a character outside the BMP', '😀'],
    ['an ellipsis character', '…'],
    ['a letter without case', '東京'],
  ])('holds %s (%s)', (_, token) => {
    expect(tokens).toContain(token);
  });

  it('holds the sentence rules: enumerations, bullets, detached closing quotes, footnotes', () => {
    const sentences = sentenceSpans(text).map((s) => text.slice(s.start, s.end));
    expect(sentences).toContain('1. First item.');
    expect(sentences.some((s) => s.startsWith('• A bullet'))).toBe(true);
    expect(sentences).toContain("So . ''");
    expect(sentences).toContain('"Fine." [1]');
  });
});
