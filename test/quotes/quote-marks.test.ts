import { describe, expect, it } from 'vitest';
import { findQuoteRegions } from '../../src/quotes/quote-marks.js';

const passages = (text: string) =>
  findQuoteRegions(text).map((r) => ({ text: text.slice(r.start, r.end), closed: r.closed }));

describe('findQuoteRegions', () => {
  it('finds curly and straight quotes, marks included', () => {
    const text = 'She said \u201cwe are ready\u201d and he said "so are we" later.';
    expect(passages(text)).toEqual([
      { text: '\u201cwe are ready\u201d', closed: true },
      { text: '"so are we"', closed: true },
    ]);
  });

  it('keeps a quote over several paragraphs as one passage (reopened-quote convention)', () => {
    const text =
      '\u201cThe harbour will reopen in spring.\n\n\u201cUntil then, the ferries run from the north pier,\u201d she said.';
    const found = passages(text);
    expect(found).toHaveLength(1);
    expect(found[0]!.text.startsWith('\u201cThe harbour')).toBe(true);
    expect(found[0]!.text.endsWith('north pier,\u201d')).toBe(true);
  });

  it('ends a quote that is never closed with its paragraph', () => {
    const text =
      'He shouted \u201cnobody leaves this room\n\nThe meeting ended at noon. Later "a vote" was held.';
    expect(passages(text)).toEqual([
      { text: '\u201cnobody leaves this room', closed: false },
      { text: '"a vote"', closed: true },
    ]);
  });

  it("reads two apostrophes ('') as a double mark, over paragraphs too", () => {
    const text =
      "''The pier is safe,'' said Ada Lund, the harbour engineer. ''We checked it twice.\n\n''And we will check it again.''";
    expect(passages(text)).toEqual([
      { text: "''The pier is safe,''", closed: true },
      { text: "''We checked it twice.\n\n''And we will check it again.''", closed: true },
    ]);
  });

  it("leaves a lone apostrophe and a possessive s' alone next to ''", () => {
    const text = "The workers' union said ''no deal'' on Friday.";
    expect(passages(text)).toEqual([{ text: "''no deal''", closed: true }]);
  });

  it('does not open a passage on apostrophes or single quotes', () => {
    const text = "The mayor\u2019s aide called it \u2018a mistake\u2019 and didn't say more.";
    expect(passages(text)).toEqual([]);
  });

  it('keeps a quote inside a quote within the outer passage', () => {
    const text = '\u201cShe told me \u2018never again\u2019 and left,\u201d he said.';
    expect(passages(text)).toEqual([
      { text: '\u201cShe told me \u2018never again\u2019 and left,\u201d', closed: true },
    ]);
  });

  it('reads the edges of the text as spaces: a mark at the very end, an unclosed quote with trailing spaces', () => {
    // A straight mark after a space with nothing after it does not open; an open quote ends
    // at its last word, not at the spaces after it.
    expect(passages('He said "')).toEqual([]);
    expect(passages("Ends with ''")).toEqual([]);
    expect(passages('She said \u201cwe will be back  \n')).toEqual([
      { text: '\u201cwe will be back', closed: false },
    ]);
    expect(passages('"Opened at the start')).toEqual([{ text: '"Opened at the start', closed: false }]);
  });

  it('keeps a quote reopened after a sentence within one paragraph as one passage (paragraph breaks lost)', () => {
    const text = 'He said: "We lost. "We will be back next year," he added. "Fine" was all she said.';
    expect(passages(text)).toEqual([
      { text: '"We lost. "We will be back next year,"', closed: true },
      { text: '"Fine"', closed: true },
    ]);
  });

  it('ends an open passage at a new opening curly mark on the same line, and keeps lone apostrophes inside', () => {
    const text = "He said \u201cthe crew's plan \u201cworks\u201d now.";
    expect(passages(text)).toEqual([
      { text: "\u201cthe crew's plan", closed: false },
      { text: '\u201cworks\u201d', closed: true },
    ]);
  });

  it('closes a passage at an opening curly mark written as a closing one (no blank before, a blank after)', () => {
    const text =
      '\u201cThe ferry is late,\u201c said Ana Ruiz. She left. \u201cIt was late.\u201c\nThen rain.';
    expect(passages(text)).toEqual([
      { text: '\u201cThe ferry is late,\u201c', closed: true },
      { text: '\u201cIt was late.\u201c', closed: true },
    ]);
  });

  it('still opens at an opening curly mark after a blank, or glued to the word it opens', () => {
    const text = 'He said \u201cwe wait \u201cnow\u201d and (\u201cthen\u201d) go.';
    expect(passages(text)).toEqual([
      { text: '\u201cwe wait', closed: false },
      { text: '\u201cnow\u201d', closed: true },
      { text: '\u201cthen\u201d', closed: true },
    ]);
  });
});

describe('findQuoteRegions on marks with blanks on both sides (PTB-tokenised text)', () => {
  it('reads spaced marks by their place: open, close, open, close', () => {
    const text =
      'the ferry left at noon , officials said . " we waited all morning . nobody told us anything , " one passenger said . another added : " it was cold . "';
    expect(passages(text)).toEqual([
      { text: '" we waited all morning . nobody told us anything , "', closed: true },
      { text: '" it was cold . "', closed: true },
    ]);
  });

  it('reads a quoted title between spaced marks as a passage, as in cased text', () => {
    const text = 'her film " north road " opened on friday , and " the pier " follows in may .';
    expect(passages(text)).toEqual([
      { text: '" north road "', closed: true },
      { text: '" the pier "', closed: true },
    ]);
  });

  it('keeps a spaced quote running over paragraphs (reopened-quote convention)', () => {
    const text =
      'the mayor said : " we will rebuild the pier .\n" and the market will come back , " she said .';
    expect(passages(text)).toEqual([
      { text: '" we will rebuild the pier .\n" and the market will come back , "', closed: true },
    ]);
  });

  it('closes a curly or unspaced passage with a spaced mark, as before', () => {
    const text = "He said \"we can't call it 'finished,' \" and left.";
    expect(passages(text)).toEqual([{ text: "\"we can't call it 'finished,' \"", closed: true }]);
  });

  it('opens nothing at a lone spaced mark in cased prose', () => {
    const text = 'The council met on Monday " and voted to close the road.\n\nThe road reopens in May.';
    expect(passages(text)).toEqual([]);
  });

  it('opens nothing at spaced marks when a paragraph holds an odd number of them', () => {
    // Three marks: which one is the stray cannot be told, so none of the spaced ones opens.
    const text =
      'the board said " yes " to the plan , and then " later changed its mind .\n\nthe vote is in june .';
    expect(passages(text)).toEqual([]);
  });

  it('opens no passage at a spaced mark that nothing closes in its paragraph', () => {
    // Four marks, but ill-paired by the writer (an inch mark written without a blank): the
    // spaced one would open a passage that never closes; it is read as a stray, not as an opening.
    const text = 'The "Harbour" cafe sold its 6" shelf and " then closed.\n\nIt reopens in May.';
    expect(passages(text)).toEqual([{ text: '"Harbour"', closed: true }]);
  });

  it('opens at a spaced mark after a colon even among ill-paired marks', () => {
    const text = 'he said : " we will rebuild the pier . " the stray mark " stays .';
    expect(passages(text)).toEqual([{ text: '" we will rebuild the pier . "', closed: true }]);
  });

  it('reads inch marks between numbers as measurements, not quotation marks', () => {
    expect(passages('The shelf is 5 " 9 wide and the desk 6 " 2 high.')).toEqual([]);
    expect(passages('the suspect , who is 5 \' 1 " , was held . " he ran , " a witness said .')).toEqual([
      { text: '" he ran , "', closed: true },
    ]);
  });

  it('reads spaced double apostrophes like spaced straight marks', () => {
    const text = "the coach said '' we played well '' after the game .";
    expect(passages(text)).toEqual([{ text: "'' we played well ''", closed: true }]);
  });
});
