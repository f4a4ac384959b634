import { describe, expect, it } from 'vitest';
import { primeQuoteMarks, QUOTE_PRIMER_CURLY, QUOTE_PRIMER_LINES } from '../../src/quotes/prime.js';
import { findQuoteRegions } from '../../src/quotes/quote-marks.js';

/** The passages of a text as their strings, with whether each was closed. */
function passages(text: string): [string, boolean][] {
  return findQuoteRegions(text).map((r) => [text.slice(r.start, r.end), r.closed]);
}

describe('the quotation-mark primer', () => {
  it('takes the branch of every convention of the scanner', () => {
    const plain = passages(QUOTE_PRIMER_LINES.join('\n'));
    const curly = passages(QUOTE_PRIMER_CURLY.join('\n'));
    const all = [...plain, ...curly];
    const has = (test: (s: string, closed: boolean) => boolean) => all.some(([s, closed]) => test(s, closed));
    // Straight marks, closed; a passage reopened on the next paragraph (straight, doubled, curly).
    expect(has((s, c) => c && s === '"Fine."')).toBe(true);
    expect(has((s, c) => c && s.includes('\n"and the second'))).toBe(true);
    expect(has((s, c) => c && s.startsWith("''run on\n''"))).toBe(true);
    expect(has((s, c) => c && s.startsWith('\u201cA quote over paragraphs\n\u201c'))).toBe(true);
    // Spaced (PTB) marks, straight and doubled; an inch mark is no passage.
    expect(has((s, c) => c && s === '" we will go . "')).toBe(true);
    expect(has((s, c) => c && s === "'' we will go . ''")).toBe(true);
    expect(all.some(([s]) => s.includes('5 " 9'))).toBe(false);
    // Unclosed passages end with their paragraph; a new opening mark ends the one before.
    expect(has((s, c) => !c && s === "''stays open")).toBe(true);
    expect(has((s, c) => !c && s === '\u201cunclosed')).toBe(true);
    // A low opening mark; an opening curly mark shaped as a closing one closes.
    expect(has((s, c) => c && s.startsWith('\u201e'))).toBe(true);
    expect(has((s, c) => c && s.endsWith('unusual,\u201c'))).toBe(true);
    // A straight mark after a sentence's end, inside a passage, reopens it.
    expect(has((s, c) => c && s.includes('long. "And it went on,"'))).toBe(true);
  });

  it('changes nothing the scanner finds afterwards', () => {
    const text = "He said: \"We will go.\" Then \u201cit ended\n\u201con the next line.\u201d And ''so'' on.";
    const before = findQuoteRegions(text);
    primeQuoteMarks();
    primeQuoteMarks();
    expect(findQuoteRegions(text)).toEqual(before);
  });
});
