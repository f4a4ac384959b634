/** Each construction the quotes layer covers, on sentences written for the project. */
import { describe, expect, it } from 'vitest';
import { shippedLexicon } from '../../src/quotes/cue-lexicon.js';
import { extractAttributions, tokenIndexAt, tokenTable } from '../../src/quotes/extract-attributions.js';
import { findQuoteRegions } from '../../src/quotes/quote-marks.js';
import { sentenceSpans } from '../../src/text/sentences.js';
import { entity, readQuotes } from './quote-helpers.js';

describe('direct quotes', () => {
  it('reads a curly quote followed by its speaker', () => {
    expect(readQuotes('\u201cWe will rebuild the bridge before winter,\u201d the mayor said.')).toEqual([
      {
        kind: 'direct',
        content: '\u201cWe will rebuild the bridge before winter,\u201d',
        cue: 'said',
        speaker: 'the mayor',
      },
    ]);
  });

  it('reads a straight-quoted passage introduced by "said:"', () => {
    expect(readQuotes('The mayor said: "We will rebuild the bridge before winter."')).toEqual([
      {
        kind: 'direct',
        content: '"We will rebuild the bridge before winter."',
        cue: 'said',
        speaker: 'The mayor',
      },
    ]);
  });

  it('keeps a quote broken by "she said" as one content covering both parts', () => {
    const [q] = readQuotes('\u201cThe bridge is safe,\u201d she said, \u201cand it will stay open.\u201d');
    expect(q).toMatchObject({ kind: 'direct', cue: 'said', speaker: 'she' });
    expect(q!.content.startsWith('\u201cThe bridge is safe')).toBe(true);
    expect(q!.content.endsWith('stay open.\u201d')).toBe(true);
  });

  it('keeps a quote over two paragraphs (reopened-quote convention) as one content', () => {
    const text =
      '\u201cThe first phase starts in March.\n\n\u201cThe second phase follows in the autumn,\u201d the engineer said.';
    const quotes = readQuotes(text);
    expect(quotes).toHaveLength(1);
    expect(quotes[0]).toMatchObject({ kind: 'direct', cue: 'said', speaker: 'the engineer' });
    expect(quotes[0]!.content).toContain('first phase');
    expect(quotes[0]!.content).toContain('second phase');
  });

  it('takes the quote of the next paragraph when a sentence ends with "told X:"', () => {
    const text =
      'Port director Sam Okafor spoke to the Courier on Monday and told the paper:\n\n\u201cThere is no crisis at the port.\u201d';
    expect(readQuotes(text)).toEqual([
      {
        kind: 'direct',
        content: '\u201cThere is no crisis at the port.\u201d',
        cue: 'told',
        speaker: 'Port director Sam Okafor',
      },
    ]);
  });
});

describe('reported speech', () => {
  const cases: [string, string, string, string][] = [
    // text, content, cue, speaker
    [
      'Marta Ruiz said the council had approved the budget.',
      'the council had approved the budget',
      'said',
      'Marta Ruiz',
    ],
    [
      'Marta Ruiz said that the council had approved the budget.',
      'that the council had approved the budget',
      'said',
      'Marta Ruiz',
    ],
    [
      'The council approved the budget on Tuesday, Marta Ruiz said.',
      'The council approved the budget on Tuesday',
      'said',
      'Marta Ruiz',
    ],
    [
      'The council approved the budget on Tuesday, said Marta Ruiz.',
      'The council approved the budget on Tuesday',
      'said',
      'Marta Ruiz',
    ],
    [
      'The minister told reporters the talks would resume next week.',
      'the talks would resume next week',
      'told',
      'The minister',
    ],
    [
      'The harbour authority said in a statement that the port would close for two days.',
      'that the port would close for two days',
      'said in a statement',
      'The harbour authority',
    ],
    [
      'The Valley Courier has learned that the plant will shut down in May.',
      'that the plant will shut down in May',
      'has learned',
      'The Valley Courier',
    ],
  ];
  // The complementizer "that" is part of the content, as PolNeAR marks it.
  for (const [text, content, cue, speaker] of cases) {
    it(`reads "${text}"`, () => {
      expect(readQuotes(text)).toEqual([{ kind: 'reported', content, cue, speaker }]);
    });
  }

  it('keeps an apposition with the speaker ("X, a spokesman, said")', () => {
    const [q] = readQuotes('Jon Amadi, a spokesman for the port, said the strike was over.');
    expect(q).toMatchObject({ content: 'the strike was over', cue: 'said' });
    expect(q!.speaker).toContain('Jon Amadi');
  });

  it('gives a participle cue the subject of the sentence as speaker', () => {
    expect(readQuotes('Donald Ferris went with the favourites, saying he liked their defence.')).toEqual([
      { kind: 'reported', content: 'he liked their defence', cue: 'saying', speaker: 'Donald Ferris' },
    ]);
  });
});

describe('an opening participle clause (cues given)', () => {
  const read = (text: string, cue: string) => {
    const start = text.indexOf(cue);
    const [a] = extractAttributions({
      text,
      sentences: sentenceSpans(text),
      lexicon: shippedLexicon(),
      givenCues: [{ start, end: start + cue.length }],
    });
    return (
      a && {
        source: a.source && text.slice(a.source.start, a.source.end),
        content: text.slice(a.content.start, a.content.end),
      }
    );
  };

  it('takes the subject after the clause as the speaker', () => {
    expect(
      read(
        'Citing the flood of last spring, Mayor Lena Ortiz urged the council to raise the levee.',
        'Citing',
      ),
    ).toEqual({
      source: 'Mayor Lena Ortiz',
      content: 'the flood of last spring, Mayor Lena Ortiz urged the council to raise the levee',
    });
    expect(
      read('But after warning of delays, the harbour board approved the plan.', 'warning of')?.source,
    ).toBe('the harbour board');
  });

  it('reads no speaker there when no comma closes the clause', () => {
    expect(read('Citing the flood the council met again.', 'Citing')?.source).toBeUndefined();
  });
});

describe('according to', () => {
  it('reads "According to X, …"', () => {
    expect(readQuotes('According to the weather service, the storm will reach the coast by Friday.')).toEqual(
      [
        {
          kind: 'according-to',
          content: 'the storm will reach the coast by Friday',
          cue: 'According to',
          speaker: 'the weather service',
        },
      ],
    );
  });

  it('reads "…, according to X"', () => {
    expect(readQuotes('The storm will reach the coast by Friday, according to the weather service.')).toEqual(
      [
        {
          kind: 'according-to',
          content: 'The storm will reach the coast by Friday',
          cue: 'according to',
          speaker: 'the weather service',
        },
      ],
    );
  });
});

describe('beliefs and intentions', () => {
  const cases: [string, string, string, string][] = [
    [
      'The coach believes the team can win the league.',
      'the team can win the league',
      'believes',
      'The coach',
    ],
    ['The union wants a shorter working week.', 'a shorter working week', 'wants', 'The union'],
    ['The mayor thinks the vote was fair.', 'the vote was fair', 'thinks', 'The mayor'],
    [
      'The company plans to open a second factory next year.',
      'to open a second factory next year',
      'plans',
      'The company',
    ],
  ];
  for (const [text, content, cue, speaker] of cases) {
    it(`reads "${text}"`, () => {
      expect(readQuotes(text)).toEqual([{ kind: 'reported', content, cue, speaker }]);
    });
  }
});

describe('speakers', () => {
  it('gives unnamed sources as spans, with no entity', () => {
    expect(readQuotes('Officials said the road would reopen on Monday.')).toEqual([
      { kind: 'reported', content: 'the road would reopen on Monday', cue: 'said', speaker: 'Officials' },
    ]);
    expect(readQuotes('The repairs will take a month, a source said.')[0]).toMatchObject({
      speaker: 'a source',
    });
  });

  it('reads the source after a closing mark up to a relative clause, and a capitalised "Will" as a name', () => {
    expect(
      readQuotes('“The ferries will run,” said a former harbour official who ran the port for a decade.')[0],
    ).toMatchObject({ cue: 'said', speaker: 'a former harbour official' });
    expect(
      readQuotes('“The ferries will run,” said Will Amadi, a professor of shipping at the port college.')[0],
    ).toMatchObject({ cue: 'said', speaker: 'Will Amadi, a professor of shipping at the port college' });
  });

  it('takes "Some" standing alone before the cue as the source, but no other lone determiner', () => {
    expect(readQuotes('Some said the ferries would run again in the spring.')[0]).toMatchObject({
      cue: 'said',
      speaker: 'Some',
    });
    const [any] = readQuotes('Any said the ferries would run again.');
    expect(any).toMatchObject({ cue: 'said' });
    expect(any!.speaker).toBeUndefined();
  });

  it('resolves a named speaker to the entity mentioned in the source phrase', () => {
    const text = 'Harbour chief Gen. Ana Lopez said the port would reopen.';
    const lopez = entity(text, 'e1', 'PER', ['Gen. Ana Lopez']);
    expect(readQuotes(text, [lopez])[0]).toMatchObject({
      speaker: 'Harbour chief Gen. Ana Lopez',
      entity: 'e1',
    });
  });

  it('resolves "he" to a person before it the article does not call "Mrs.", and "they" to the nearest group', () => {
    // The sentence's subject comes first unless the article titles her otherwise (quotes-fix-16).
    const text =
      'Mrs. Ana Lopez met Col. Piet Marais and the Coastal Guard on Sunday. He said the talks went well. They said the patrols would go on.';
    const entities = [
      entity(text, 'lopez', 'PER', ['Ana Lopez']),
      entity(text, 'marais', 'PER', ['Col. Piet Marais']),
      entity(text, 'guard', 'ORG', ['the Coastal Guard']),
    ];
    const quotes = readQuotes(text, entities);
    expect(quotes.find((q) => q.speaker === 'He')?.entity).toBe('marais');
    expect(quotes.find((q) => q.speaker === 'They')?.entity).toBe('guard');
  });

  it('finds an entity by its name when the entity has no mentions', () => {
    const text = 'Ana Lopez said the port would reopen.';
    const lopez = { id: 'e1', type: 'PER' as const, name: 'Ana Lopez', aliases: [], mentions: [] };
    expect(readQuotes(text, [lopez])[0]).toMatchObject({ entity: 'e1' });
  });

  it('leaves a pronoun unresolved when no compatible entity precedes it', () => {
    const text = 'The Coastal Guard met on Sunday. She said the talks went well.';
    const quotes = readQuotes(text, [entity(text, 'guard', 'ORG', ['The Coastal Guard'])]);
    expect(quotes[0]).toMatchObject({ speaker: 'She' });
    expect(quotes[0]!.entity).toBeUndefined();
  });
});

describe('the token table', () => {
  it('holds each token lower-cased, punctuation and dashes as they are written', () => {
    const text = "Ada \u201cSaid\u201d -- no\u2026 A\u2014B ... \u2015 it\u2019s ''OK''";
    const table = tokenTable(text, findQuoteRegions(text));
    const written = [];
    for (let i = 0; i < table.count; i++)
      written.push(text.slice(table.off[2 * i]!, table.off[2 * i + 1]!).toLowerCase());
    expect(table.lower).toEqual(written);
    expect(table.lower).toContain('\u201c');
    expect(table.lower).toContain('--');
    expect(table.lower).toContain('...');
    expect([...table.word]).toEqual(table.lower.map((t) => (/[\p{L}\p{N}]/u.test(t) ? 1 : 0)));
  });
});

describe('tokenIndexAt', () => {
  it('finds the token an offset falls in, or the next one after a gap, and count past the end', () => {
    const text = 'Mayor Ines Roe said';
    const table = tokenTable(text, []);
    expect(table.count).toBe(4);
    expect(tokenIndexAt(table, 0)).toBe(0); // "Mayor"
    expect(tokenIndexAt(table, 4)).toBe(0); // its last character
    expect(tokenIndexAt(table, 5)).toBe(1); // the space before "Ines"
    expect(tokenIndexAt(table, text.indexOf('said'))).toBe(3);
    expect(tokenIndexAt(table, text.length)).toBe(4);
  });
});
