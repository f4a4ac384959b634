/** How the source phrase is read around a cue: appositions kept, asides left out. Sentences written for the project. */
import { describe, expect, it } from 'vitest';
import { shippedLexicon } from '../../src/quotes/cue-lexicon.js';
import { extractAttributions } from '../../src/quotes/extract-attributions.js';
import { sentenceSpans } from '../../src/text/sentences.js';
import { readQuotes } from './quote-helpers.js';

const speakerOf = (text: string) => readQuotes(text)[0]?.speaker;

describe('source before the cue', () => {
  it('leaves a participial aside between the name and the cue out of the source', () => {
    expect(
      speakerOf('Ines Varga, citing figures from the ferry company, said that crossings had doubled.'),
    ).toBe('Ines Varga');
  });

  it('leaves a prepositional aside out of the source', () => {
    expect(speakerOf('Tomas Berg, in a short interview on Friday, said the mill would reopen.')).toBe(
      'Tomas Berg',
    );
  });

  it('keeps a relative clause with the name it follows', () => {
    expect(speakerOf('Ada Lund, who ran the harbour for ten years, said the pier was unsafe.')).toBe(
      'Ada Lund, who ran the harbour for ten years',
    );
  });

  it('keeps the name and its apposition from the start, even when long', () => {
    expect(
      speakerOf(
        'Ruth Okafor, the deputy director of the regional office for coastal planning and flood defence, said the wall would hold.',
      ),
    ).toBe('Ruth Okafor, the deputy director of the regional office for coastal planning and flood defence');
  });

  it('stops at an adverbial that opens the sentence', () => {
    expect(speakerOf('On Monday, Ada Lund, the harbour engineer, said the pier was unsafe.')).toBe(
      'Ada Lund, the harbour engineer',
    );
  });

  it('keeps a parenthesis inside the name', () => {
    expect(speakerOf('Rep. Jane Holm (D-Ore.) said the bill would pass.')).toBe('Rep. Jane Holm (D-Ore.)');
  });

  it('leaves time words between the name and the cue out of the source', () => {
    expect(speakerOf('Rep. Jane Holm last month warned that the bill would fail.')).toBe('Rep. Jane Holm');
  });

  it('takes the pronoun right before the cue as the source', () => {
    const quotes = readQuotes('The plan, in which he promised a new bridge, was dropped.');
    expect(quotes.find((q) => q.cue === 'promised')?.speaker).toBe('he');
  });

  it('leaves the subordinator that opens the phrase out of the source', () => {
    const quotes = readQuotes('Long before the union announced that it would strike, the mill had closed.');
    expect(quotes.find((q) => q.cue === 'announced')?.speaker).toBe('the union');
  });

  it('gives a participle the subject after an opening aside', () => {
    const quotes = readQuotes(
      'Long before the vote, Marta Ruiz was campaigning, saying the mill had to stay open.',
    );
    expect(quotes.find((q) => q.cue === 'saying')?.speaker).toBe('Marta Ruiz');
  });
});

describe('source after the cue', () => {
  it("keeps the apposition of an inverted source that ends the sentence (with '' marks)", () => {
    expect(readQuotes("''The pier is safe,'' said Ada Lund, the harbour engineer.")).toEqual([
      {
        kind: 'direct',
        content: "''The pier is safe,''",
        cue: 'said',
        speaker: 'Ada Lund, the harbour engineer',
      },
    ]);
  });

  it('does not read "…, told reporters" as an inverted source after a relative clause', () => {
    expect(
      speakerOf('"The bridge stays shut," Ada Lund, who has run the port since May, told reporters in Oslo.'),
    ).toBe('Ada Lund, who has run the port since May');
  });
});

describe('no source', () => {
  it('gives an agentless passive cue no source', () => {
    const quotes = readQuotes('It was widely reported that the mill would close in May.');
    const q = quotes.find((x) => x.cue.includes('reported'));
    expect(q).toBeDefined();
    expect(q!.speaker).toBeUndefined();
    expect(q!.content).toBe('that the mill would close in May');
  });

  it('still reads the agent of a passive with "by"', () => {
    const quotes = readQuotes('The closure was first reported by the Valley Courier.');
    expect(quotes.find((x) => x.cue.includes('reported'))?.speaker).toBe('the Valley Courier');
  });
});

/** The extractor given its cues (as `eval quotes --method gold-cues` does), read back as strings. */
function withCues(text: string, cues: string[]) {
  const givenCues = cues.map((c) => ({ start: text.indexOf(c), end: text.indexOf(c) + c.length }));
  return extractAttributions({
    text,
    sentences: sentenceSpans(text),
    lexicon: shippedLexicon(),
    givenCues,
  }).map((a) => ({
    cue: text.slice(a.cue.start, a.cue.end),
    content: text.slice(a.content.start, a.content.end),
    ...(a.source ? { source: text.slice(a.source.start, a.source.end) } : {}),
  }));
}

describe('possessors of nominal cues, with given cues', () => {
  it('takes a possessive determiner before a nominal cue as the source', () => {
    const [a] = withCues('The council rejected the plan and cast doubt on his claims about the budget.', [
      'claims',
    ]);
    expect(a?.source).toBe('his');
  });

  it("takes a name with 's before a nominal cue as the source", () => {
    const [a] = withCues("Voters have heard Mayor Ada Lund's promises of a new bridge before.", ['promises']);
    expect(a?.source).toBe("Mayor Ada Lund's");
  });
});

describe('function words alone', () => {
  it('are no source ("In …" before a cue)', () => {
    const [a] = withCues('In rallies across the state, the mayor promised a new bridge.', ['rallies']);
    expect(a?.source).toBeUndefined();
  });
});

describe('existential "there"', () => {
  it('is no source', () => {
    const [a] = withCues('There were questions about the ferry contract all week.', ['questions about']);
    expect(a).toMatchObject({ cue: 'questions about', content: 'the ferry contract all week' });
    expect(a!.source).toBeUndefined();
  });
});

describe('passive cues with given cues', () => {
  it('reads a passive whose cue ends with its particle ("was asked about") as agentless', () => {
    const [a] = withCues('The minister was asked about the ferry contract on Monday.', ['was asked about']);
    expect(a).toMatchObject({ cue: 'was asked about' });
    expect(a!.source).toBeUndefined();
  });

  it('reads an adjective of feeling ("are concerned that") as having its subject for source', () => {
    const [a] = withCues('Some harbour pilots are concerned that the channel is too shallow.', [
      'are concerned',
    ]);
    expect(a).toMatchObject({ cue: 'are concerned', source: 'Some harbour pilots' });
  });

  it('reads a participle before "as" as passive ("known as")', () => {
    const [a] = withCues('The harbour, known as the Old Basin, will be dredged.', ['known as']);
    expect(a?.source).toBeUndefined();
  });
});

describe('sources with given cues', () => {
  it('reads past an earlier cue inside the relative clause of the source', () => {
    const found = withCues('Ada Lund, who says the pier is unsafe, told the council it should close.', [
      'says',
      'told',
    ]);
    expect(found.find((a) => a.cue === 'told')?.source).toBe('Ada Lund, who says the pier is unsafe');
  });

  it('gives "… but said" the source of the sentence', () => {
    const found = withCues('The mayor refused to name the buyers but said the sale was legal.', [
      'refused',
      'said',
    ]);
    expect(found.find((a) => a.cue === 'said')).toMatchObject({
      source: 'The mayor',
      content: 'the sale was legal',
    });
  });

  it('reads a lone preposition cue like "according to": the phrase after it is the source', () => {
    expect(withCues('In the latest poll, the mayor leads by ten points.', ['In'])).toEqual([
      { cue: 'In', source: 'the latest poll', content: 'the mayor leads by ten points' },
    ]);
  });
});
