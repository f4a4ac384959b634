import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Quote, Span } from '../../src/article/types.js';
import { digest } from '../../src/digest.js';
import {
  COLON_LEAD_IN,
  PRONOUN_AFTER_SPEAKER,
  QUOTE_CONTINUATION,
  standAlone,
} from '../../src/summarize/stand-alone.js';
import { sentenceSpans } from '../../src/text/sentences.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/summarize/stand-alone/${name}`, import.meta.url), 'utf8');

/** The span of the `nth` occurrence of `word` in `text`. */
function at(text: string, word: string, nth = 0): Span {
  let start = -1;
  for (let i = 0; i <= nth; i++) start = text.indexOf(word, start + 1);
  if (start < 0) throw new Error(`no "${word}"`);
  return { start, end: start + word.length };
}

/** A quote whose content runs from `from` to the end of `to` (both quoted passages of the text). */
function quote(text: string, from: string, to: string, cue: string, speaker?: string): Quote {
  const q: Quote = { kind: 'direct', start: at(text, from).start, end: at(text, to).end, cue: at(text, cue) };
  if (speaker) q.speaker = at(text, speaker);
  return q;
}

describe('standAlone', () => {
  it('flags the second half of a quote broken by its attribution, needing the sentence with the cue', () => {
    const text =
      'The ferry sailed again on Saturday. "We waited all winter," said Ines Okafor, a baker. "Now the bread crosses early again." Tickets cost four pounds.';
    const spans = sentenceSpans(text);
    expect(spans).toHaveLength(4);
    const q = quote(text, '"We waited', 'early again."', 'said', 'Ines Okafor, a baker');
    const sa = standAlone(text, spans, [q]);
    expect(Array.from(sa.flags)).toEqual([0, 0, QUOTE_CONTINUATION, 0]);
    expect([sa.first[2], sa.last[2]]).toEqual([1, 2]);
  });

  it('reads a quote over sentences from its marks when the layer holds it in pieces (lower-cased PTB text)', () => {
    // Marks with blanks on both sides are read by their place (the quotes stage's reader); the cue is the layer's.
    const text =
      'the bridge reopened on monday . " it took two years . the cost was $ 4 million , " the mayor said . " we are proud . " tolls start in may .';
    const spans = sentenceSpans(text);
    expect(spans.map((s) => text.slice(s.start, s.end).split(' ')[0])).toEqual([
      'the',
      '"',
      'the',
      '"',
      'tolls',
    ]);
    const reported: Quote = {
      kind: 'reported',
      start: at(text, 'the cost').start,
      end: at(text, 'million').end,
      cue: at(text, 'said'),
      speaker: at(text, 'the mayor'),
    };
    const sa = standAlone(text, spans, [reported]);
    // `" it took two years .` is inside a passage that the sentence with the cue closes;
    // `" we are proud . "` is quoted from end to end with no cue of its own.
    expect(Array.from(sa.flags)).toEqual([0, QUOTE_CONTINUATION, 0, QUOTE_CONTINUATION, 0]);
    expect([sa.first[1], sa.last[1]]).toEqual([1, 2]);
    expect([sa.first[3], sa.last[3]]).toEqual([2, 3]);
  });

  it('reads a quote reopened within a paragraph whose breaks were lost, when the layer holds only its start', () => {
    const text =
      'The coach spoke after the game. He said: "We were poor today. "Nobody played well. We will be back." Tickets are on sale.';
    const spans = sentenceSpans(text);
    expect(spans).toHaveLength(5);
    const start: Quote = {
      kind: 'direct',
      start: at(text, 'We were poor').start,
      end: at(text, 'today.').end,
      cue: at(text, 'said'),
      speaker: at(text, 'He'),
    };
    const sa = standAlone(text, spans, [start]);
    // "He" is the speaker and needs the sentence before; the reopened passage needs the cue.
    expect(Array.from(sa.flags)).toEqual([
      0,
      PRONOUN_AFTER_SPEAKER,
      QUOTE_CONTINUATION,
      QUOTE_CONTINUATION,
      0,
    ]);
    expect([sa.first[2], sa.last[2]]).toEqual([1, 2]);
    expect([sa.first[3], sa.last[3]]).toEqual([1, 3]);
  });

  it('leaves alone a mark the sentence splitter moved to the next sentence, and quoted titles', () => {
    const text =
      'she said : " i will stay . " the film " north road " opened in 1999 . critics liked the film . it won two prizes .';
    const spans = sentenceSpans(text);
    const sa = standAlone(text, spans, [
      { kind: 'direct', ...at(text, 'i will stay'), cue: at(text, 'said') },
    ]);
    expect(Array.from(sa.flags)).toEqual(new Array(spans.length).fill(0));
  });

  it('flags a pronoun opening the sentence after a named speaker, or speaking itself', () => {
    const text =
      'Councillor Dana Whitfield said the market would be reviewed. She said residents worried about parking. He added that stalls would close early.';
    const spans = sentenceSpans(text);
    const quotes: Quote[] = [
      {
        kind: 'reported',
        ...at(text, 'the market would be reviewed'),
        cue: at(text, 'said'),
        speaker: at(text, 'Councillor Dana Whitfield'),
      },
      {
        kind: 'reported',
        ...at(text, 'residents worried about parking'),
        cue: at(text, 'said', 1),
        speaker: at(text, 'She'),
      },
      {
        kind: 'reported',
        ...at(text, 'stalls would close early'),
        cue: at(text, 'added'),
        speaker: at(text, 'He'),
      },
    ];
    const sa = standAlone(text, spans, quotes);
    expect(Array.from(sa.flags)).toEqual([0, PRONOUN_AFTER_SPEAKER, PRONOUN_AFTER_SPEAKER]);
    expect([sa.first[1], sa.last[1]]).toEqual([0, 1]);
    expect([sa.first[2], sa.last[2]]).toEqual([1, 2]);
    // Without the layer there is no speaker to point back to.
    expect(Array.from(standAlone(text, spans).flags)).toEqual([0, 0, 0]);
  });

  it('flags a lead-in ending in a colon, needing what it announces', () => {
    const text =
      'The line closes in August.\n\nThe director gave a reason:\n\nThe rails are forty years old.';
    const spans = sentenceSpans(text);
    expect(spans).toHaveLength(3);
    const sa = standAlone(text, spans);
    expect(Array.from(sa.flags)).toEqual([0, COLON_LEAD_IN, 0]);
    expect([sa.first[1], sa.last[1]]).toEqual([1, 2]);
    // A lead-in with nothing after it can be shown with nothing.
    const end = standAlone('The director gave a reason:', [{ start: 0, end: 27 }]);
    expect(end.first[0]).toBe(-1);
  });

  it('marks a quote whose attribution is not found as needing what cannot be had', () => {
    const text = 'The ferry sailed again. "Now the bread crosses early again." Tickets cost four pounds.';
    const sa = standAlone(text, sentenceSpans(text));
    expect(Array.from(sa.flags)).toEqual([0, QUOTE_CONTINUATION, 0]);
    expect(sa.first[1]).toBe(-1);
  });
});

describe('extractive highlights that stand alone (digest)', () => {
  const highlights = async (name: string) => {
    const article = await digest(fixture(name), { summarize: { highlights: 'extractive' } });
    return article.highlights!.items.map((i) => i.text);
  };

  it('carries a broken quote together with its attribution', async () => {
    expect(await highlights('broken-quote.txt')).toEqual([
      'The harbour ferry between Pellwick and Orran Island sailed again on Saturday after four months of repairs to its engines and hull.',
      '"People on the island kept asking when the ferry would come back," said Ines Okafor, who runs the island\'s only bakery. "Today the ferry to Orran Island finally came back, and the bread crossed before eight again."',
      "A second vessel is due to join the route in 2028, the county's transport office said.",
    ]);
  });

  it('carries a quote over two paragraphs from the sentence that opens it with its speaker', async () => {
    expect(await highlights('two-paragraph-quote.txt')).toEqual([
      'The Marsten public library will stay open until 9 p.m. on weekdays from next month, after a trial that drew more evening visitors than expected.',
      'The head librarian, Olu Brandt, spoke at a council meeting on Tuesday: "The evening trial brought in students and shift workers. "During the six-week trial, the number of visitors after 6 p.m. doubled to about 300 a night, most of them students. Many of them told us they had nowhere else to study."',
    ]);
  });

  it('carries a colon lead-in with the quote it announces and the speaker its pronoun stands for', async () => {
    expect(await highlights('colon-lead-in.txt')).toEqual([
      'The rail line between Dunmere and Calloway will close for nine days in August while engineers replace two miles of track and a signal box.',
      'The operator\'s regional director, Hamid Sorel, apologised to passengers. He said: "The rail line will close for nine days in August, and replacement buses will run every twenty minutes between Dunmere and Calloway."',
    ]);
  });

  it('gives each item the span it shows and the index of its first sentence', async () => {
    const article = await digest(fixture('broken-quote.txt'), { summarize: { highlights: 'extractive' } });
    const quoted = article.highlights!.items[1]!;
    const sentences = article.sentences!;
    expect(quoted.sentence).toBeDefined();
    expect(quoted.span!.start).toBe(sentences[quoted.sentence!]!.start);
    expect(quoted.span!.end).toBe(sentences[quoted.sentence! + 1]!.end);
  });
});
