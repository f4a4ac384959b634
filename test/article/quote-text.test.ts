import { describe, expect, it } from 'vitest';
import { quotedWords } from '../../src/article/quote-text.js';
import type { Quote } from '../../src/article/types.js';

/** A quote over the whole text, its cue and speaker the given substrings. */
function quoteOf(text: string, cue: string, speaker: string): Quote {
  const c = text.indexOf(cue);
  const s = text.indexOf(speaker);
  return {
    kind: 'direct',
    start: 0,
    end: text.length,
    cue: { start: c, end: c + cue.length },
    speaker: { start: s, end: s + speaker.length },
  };
}

describe('quotedWords', () => {
  it('elides the attribution between the two passages of a broken quote', () => {
    const text = '“The pier opens in May,” said Ines Okafor, the harbour chief. “Bring a coat.”';
    expect(quotedWords(text, quoteOf(text, 'said', 'Ines Okafor'))).toBe(
      '“The pier opens in May,” … “Bring a coat.”',
    );
  });

  it('reads a speaker before the cue as part of the attribution', () => {
    const text = '"The pier opens in May," Ines Okafor said. "Bring a coat."';
    expect(quotedWords(text, quoteOf(text, 'said', 'Ines Okafor'))).toBe(
      '"The pier opens in May," … "Bring a coat."',
    );
  });

  it('gives the content as it is when the cue is outside it', () => {
    const text = 'Ines Okafor said the pier would open in May.';
    const q: Quote = { kind: 'reported', start: 17, end: 44, cue: { start: 12, end: 16 } };
    expect(quotedWords(text, q)).toBe('the pier would open in May.');
  });
});
