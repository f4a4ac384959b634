/**
 * Contents and their own cues (curve-16, part 2), on sentences written for the project.
 *
 * A quotation that opens a sentence of its own right after "X said," is the content alone, without
 * the clause before the source (PolNeAR train: 37 of 41 such contents were the quotation alone). A
 * quotation that goes on with that clause, and a pseudo-cleft ("what X said was Y"), keep the span
 * around the cue, as PolNeAR marks them (pseudo-clefts: 4 of the 5 in train include "what X said").
 */
import { describe, expect, it } from 'vitest';
import { readGivenCues, readQuotes } from './quote-helpers.js';

describe('a quotation that opens a sentence after "X said,"', () => {
  it('is the content, without the clause before the source', () => {
    const text =
      'Holding up a folded map of the lanes, Ames said, “We will open the north gate first and the river stalls after dark.”';
    const [a] = readGivenCues(text, ['said']);
    expect(a).toEqual({
      source: 'Ames',
      cue: 'said',
      content: '“We will open the north gate first and the river stalls after dark.”',
    });
  });

  it('is read so by the stage too, as a direct quote', () => {
    const text =
      'Standing by the fish stalls on Friday, Ames said, “Nobody here has seen a queue like this in ten years.”';
    const quotes = readQuotes(text).filter((q) => q.cue === 'said');
    expect(quotes).toEqual([
      {
        kind: 'direct',
        cue: 'said',
        speaker: 'Ames',
        content: '“Nobody here has seen a queue like this in ten years.”',
      },
    ]);
  });

  it('keeps the span around the cue when the quotation goes on with the clause before it', () => {
    const text =
      'A late start, Ames said, “would cost the stalls a full evening of trade and most of their fresh stock.”';
    const [a] = readGivenCues(text, ['said']);
    expect(a?.source).toBe('Ames');
    expect(a?.content).toBe(text);
  });

  it('keeps the span around the cue in a reported clause set off by commas', () => {
    const text =
      'The stalls will stay open until midnight, Ames said, and the lanes will be swept before dawn.';
    const [a] = readGivenCues(text, ['said']);
    expect(a?.source).toBe('Ames');
    expect(a?.content.startsWith('The stalls will stay open until midnight')).toBe(true);
    expect(a?.content).toContain('swept before dawn');
  });
});

describe('a pseudo-cleft ("what X said was Y")', () => {
  it('keeps "what X said" in the content, as PolNeAR marks it', () => {
    const text =
      'The harbour fair closed on Sunday, having drawn what the stewards said was the largest crowd in its history.';
    const quotes = readQuotes(text);
    const said = quotes.find((q) => q.cue === 'said');
    expect(said).toMatchObject({ kind: 'reported', speaker: 'the stewards' });
    expect(said?.content).toBe('what the stewards said was the largest crowd in its history');
  });
});
