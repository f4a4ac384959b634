/** Quotes broken by their attribution: "“A,” said X. “B.”" is one quote of one speaker. */
import { describe, expect, it } from 'vitest';
import { findQuoteRegions } from '../../src/quotes/quote-marks.js';
import { joinSplitQuotes, type SplitQuoteCandidate } from '../../src/quotes/split-quotes.js';
import { readQuotes } from './quote-helpers.js';

/** A direct attribution whose content, cue and source are the given substrings of `text`. */
function direct(text: string, content: string, cue: string, source: string): SplitQuoteCandidate {
  const at = (s: string, from = 0) => {
    const start = text.indexOf(s, from);
    if (start < 0) throw new Error(`"${s}" is not in the fixture`);
    return { start, end: start + s.length };
  };
  const c = at(content);
  const q = at(cue, c.end);
  return { kind: 'direct', content: c, cue: q, source: at(source, q.start) };
}

describe('joinSplitQuotes', () => {
  it('runs the quote on over the passage that opens the next sentence', () => {
    const text = '“We will rebuild the pier by spring,” said Ines Okafor. “The money is already there.”';
    const a = [direct(text, '“We will rebuild the pier by spring,”', 'said', 'Ines Okafor')];
    joinSplitQuotes(text, findQuoteRegions(text), a);
    expect(text.slice(a[0]!.content.start, a[0]!.content.end)).toBe(text);
  });

  it('reads past a relative clause on the speaker', () => {
    const text =
      '"People kept asking," said Tomasz Wilk, who chairs the traders\' group. "Tonight we had an answer."';
    const a = [direct(text, '"People kept asking,"', 'said', 'Tomasz Wilk')];
    joinSplitQuotes(text, findQuoteRegions(text), a);
    expect(text.slice(a[0]!.content.start, a[0]!.content.end)).toBe(text);
  });

  it('leaves a passage in the next paragraph alone', () => {
    const text = '“We will rebuild the pier,” said Ines Okafor.\n\n“The money is there.”';
    const a = [direct(text, '“We will rebuild the pier,”', 'said', 'Ines Okafor')];
    joinSplitQuotes(text, findQuoteRegions(text), a);
    expect(text.slice(a[0]!.content.start, a[0]!.content.end)).toBe('“We will rebuild the pier,”');
  });

  it('leaves a passage that another attribution claims alone', () => {
    const text = '“We will rebuild the pier,” said Ines Okafor. “Not with our money,” said Ruth Abara.';
    const a = [
      direct(text, '“We will rebuild the pier,”', 'said', 'Ines Okafor'),
      direct(text, '“Not with our money,”', 'said', 'Ruth Abara'),
    ];
    joinSplitQuotes(text, findQuoteRegions(text), a);
    expect(text.slice(a[0]!.content.start, a[0]!.content.end)).toBe('“We will rebuild the pier,”');
  });

  it('does not join when the quote follows its cue', () => {
    const text = 'Ines Okafor said: “We will rebuild the pier.” “The money is there.”';
    const a: SplitQuoteCandidate[] = [
      {
        kind: 'direct',
        content: { start: 18, end: 44 },
        cue: { start: 12, end: 16 },
        source: { start: 0, end: 11 },
      },
    ];
    joinSplitQuotes(text, findQuoteRegions(text), a);
    expect(a[0]!.content).toEqual({ start: 18, end: 44 });
  });

  it('joins the two passages in the quotes layer, with the speaker of the first', () => {
    const text = '“We will rebuild the pier by spring,” said Ines Okafor. “The money is already there.”';
    const quotes = readQuotes(text);
    expect(quotes).toHaveLength(1);
    expect(quotes[0]).toMatchObject({ kind: 'direct', content: text, cue: 'said', speaker: 'Ines Okafor' });
  });
});
