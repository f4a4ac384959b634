/**
 * Speakers that are not people (issue #7 §1, speakers-14): relative pronouns resolve to the name
 * they follow, "it" to an organisation that is the subject of its sentence or the one before, and a
 * role held for an entity ("a spokeswoman for X", "lawyers for X", "X's spokesman") is not that entity.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Article, EntityType } from '../../src/article/types.js';
import { digest } from '../../src/digest.js';
import { declinesToSpeak } from '../../src/quotes/speaker-declines.js';
import { impersonalIt, isPronounSpeaker } from '../../src/quotes/speaker-pronouns.js';
import { speakerOf } from './speaker-fixtures.js';

describe('relative pronouns', () => {
  it('"who" after a comma is the person named right before it', () => {
    const text = 'Council member Raymond Teague, who voted against the plan, said the city had wasted money.';
    expect(speakerOf(text, 'who', [['Raymond Teague', 'PER']])).toBe('Raymond Teague');
  });

  it('"which" is the organisation named right before it, not a person', () => {
    const text = 'The plan was praised by the Dock Street Guild, which says trade will rise.';
    expect(speakerOf(text, 'which', [['Dock Street Guild', 'ORG']])).toBe('Dock Street Guild');
    const person = 'The plan was praised by Mara Lind, which says trade will rise.';
    expect(speakerOf(person, 'which', [['Mara Lind', 'PER']])).toBeUndefined();
  });

  it('stays unnamed when the phrase before it ends in no name', () => {
    const text =
      'Mara Lind spoke to people who want the market back, and to the traders of Ashford, which say it is too late.';
    const named: Array<[string, EntityType]> = [
      ['Mara Lind', 'PER'],
      ['Ashford', 'LOC'],
    ];
    expect(speakerOf(text, 'who', named)).toBeUndefined();
    // "the traders of Ashford": Ashford is whom the traders belong to, not who speaks.
    expect(speakerOf(text, 'which', named)).toBeUndefined();
  });

  it('skips an apposition that is a role of someone else to the name it describes', () => {
    const text = 'Ana Ruiz, the widow of Kurt Lamb, who founded the band, said the songs would be released.';
    expect(
      speakerOf(text, 'who', [
        ['Ana Ruiz', 'PER'],
        ['Kurt Lamb', 'PER'],
      ]),
    ).toBe('Ana Ruiz');
  });
});

describe('"it" and "its"', () => {
  const named: Array<[string, EntityType]> = [
    ['Halvard Construction', 'ORG'],
    ['Harbour Post', 'ORG'],
    ['Portwell', 'LOC'],
  ];

  it('is the organisation that is the subject of the sentence before', () => {
    const text =
      'Halvard Construction filed for bankruptcy in Portwell on Monday. It said its creditors would be paid.';
    expect(speakerOf(text, 'It', named)).toBe('Halvard Construction');
  });

  it('is the organisation that is the subject of its own sentence', () => {
    const text = 'In July, Halvard Construction reported a loss, though it hopes to recover.';
    expect(speakerOf(text, 'it', named)).toBe('Halvard Construction');
  });

  it('is not an organisation that is only an object or a place', () => {
    const told =
      'The site manager told the Harbour Post that the work had stopped. It said the steel was sound.';
    expect(speakerOf(told, 'It', named)).toBeUndefined();
    const place = 'Work stopped in Portwell last year. It said the cost had doubled.';
    expect(speakerOf(place, 'It', named)).toBeUndefined();
  });

  it('is no one when impersonal ("It emerged that", "It is understood")', () => {
    const text = 'Halvard Construction lost the contract. It emerged that the bid was late.';
    expect(speakerOf(text, 'It', named)).toBeUndefined();
    expect(impersonalIt('It is understood that', 2)).toBe(true);
    expect(impersonalIt('It is planning to appeal', 2)).toBe(false);
    expect(impersonalIt('It also said', 2)).toBe(false);
  });

  it('looks no further back than the sentence before', () => {
    const text =
      'Halvard Construction filed for bankruptcy. The bridge is unfinished. It said the steel was sound.';
    expect(speakerOf(text, 'It', named)).toBeUndefined();
  });
});

describe('a role held for an entity is not that entity', () => {
  it('"a spokeswoman for Sen. Alan Pruitt" is not the senator', () => {
    const text = 'The funds are uncertain, according to a spokeswoman for Sen. Alan Pruitt, R-Maine.';
    expect(speakerOf(text, 'a spokeswoman for Sen. Alan Pruitt', [['Alan Pruitt', 'PER']])).toBeUndefined();
  });

  it('"lawyers for", "an aide to", "sources close to", possessives and a name before a role noun', () => {
    const text =
      "Lawyers for Halvard Construction said no. An aide to Mayor Linda Okafor said yes. Sources close to Halvard Construction said maybe. Mr Teague's spokesman said later. A Halvard Construction spokesman declined.";
    const named: Array<[string, EntityType]> = [
      ['Halvard Construction', 'ORG'],
      ['Linda Okafor', 'PER'],
      ['Teague', 'PER'],
    ];
    expect(speakerOf(text, 'Lawyers for Halvard Construction', named)).toBeUndefined();
    expect(speakerOf(text, 'An aide to Mayor Linda Okafor', named)).toBeUndefined();
    expect(speakerOf(text, 'Sources close to Halvard Construction', named)).toBeUndefined();
    expect(speakerOf(text, "Mr Teague's spokesman", named)).toBeUndefined();
    expect(speakerOf(text, 'A Halvard Construction spokesman', named)).toBeUndefined();
  });

  it('keeps the person whose employer follows ("Mike Powell of Dresdner Bank") and a titled name', () => {
    const text =
      'Analyst Mike Powell of Dresdner Bank said fares would rise. Chief of the Harbour Board Capt. Ivo Marsh said so too.';
    const named: Array<[string, EntityType]> = [
      ['Mike Powell', 'PER'],
      ['Dresdner Bank', 'ORG'],
      ['Harbour Board', 'ORG'],
      ['Ivo Marsh', 'PER'],
    ];
    expect(speakerOf(text, 'Analyst Mike Powell of Dresdner Bank', named)).toBe('Mike Powell');
    expect(speakerOf(text, 'Chief of the Harbour Board Capt. Ivo Marsh', named)).toBe('Ivo Marsh');
  });

  it('keeps a person whose name a verb follows in the phrase, but not "the Bush administration"', () => {
    const text = 'Elena Dementieva swept aside the champion. The Bush administration argues otherwise.';
    const named: Array<[string, EntityType]> = [
      ['Elena Dementieva', 'PER'],
      ['Bush', 'PER'],
    ];
    expect(speakerOf(text, 'Elena Dementieva swept', named)).toBe('Elena Dementieva');
    expect(speakerOf(text, 'The Bush administration', named)).toBeUndefined();
  });

  it('keeps a person or an organisation whose document speaks for them, not a place', () => {
    const text =
      "Harbour United's statement said the deal was off. A report from the Tarrin Retail Consortium found sales fell. Reports from Portwell say the ferry stopped.";
    const named: Array<[string, EntityType]> = [
      ['Harbour United', 'ORG'],
      ['Tarrin Retail Consortium', 'ORG'],
      ['Portwell', 'LOC'],
    ];
    expect(speakerOf(text, "Harbour United's statement", named)).toBe('Harbour United');
    expect(speakerOf(text, 'A report from the Tarrin Retail Consortium', named)).toBe(
      'Tarrin Retail Consortium',
    );
    expect(speakerOf(text, 'Reports from Portwell', named)).toBeUndefined();
  });

  it('never takes a name from a relative clause in the tail, nor a time word for a role', () => {
    const text =
      'Lawyers for Menatep, a group through which Mikhail Khodorkovsky controls Yukos, said no. Prices fell, according to a report earlier this week from the Tarrin Retail Consortium.';
    const named: Array<[string, EntityType]> = [
      ['Menatep', 'ORG'],
      ['Mikhail Khodorkovsky', 'PER'],
      ['Yukos', 'ORG'],
      ['Tarrin Retail Consortium', 'ORG'],
    ];
    expect(
      speakerOf(
        text,
        'Lawyers for Menatep, a group through which Mikhail Khodorkovsky controls Yukos',
        named,
      ),
    ).toBeUndefined();
    expect(speakerOf(text, 'a report earlier this week from the Tarrin Retail Consortium', named)).toBe(
      'Tarrin Retail Consortium',
    );
  });

  it('takes the organisation whose relative clause names another ("Umbro, which lost deals with Chelsea")', () => {
    const text = 'Umbro, which lost deals with Chelsea, said profits fell.';
    expect(
      speakerOf(text, 'Umbro, which lost deals with Chelsea', [
        ['Umbro', 'ORG'],
        ['Chelsea', 'ORG'],
      ]),
    ).toBe('Umbro');
  });
});

describe('isPronounSpeaker', () => {
  it('is true for a pronoun alone and false for a name or a phrase', () => {
    for (const w of ['It', 'it', ' who ', 'which', 'They', 'I']) expect(isPronounSpeaker(w)).toBe(true);
    for (const w of ['Alan Pruitt', 'a spokeswoman', 'It said']) expect(isPronounSpeaker(w)).toBe(false);
  });
});

describe('speakers on a whole story', () => {
  const page = readFileSync(
    join(import.meta.dirname, '..', 'fixtures', 'quotes', 'speakers-14', 'page.txt'),
    'utf8',
  );
  let article: Article;
  const text = (s: { start: number; end: number }) => article.text.slice(s.start, s.end);
  /** The speaker entity's name of every quote whose speaker text is `speaker` (null when unresolved). */
  const resolved = (speaker: string) =>
    (article.quotes ?? [])
      .filter((q) => q.speaker && text(q.speaker) === speaker)
      .map((q) => article.entities?.find((e) => e.id === q.speaker!.entity)?.name ?? null);

  beforeAll(async () => {
    article = await digest(page);
  });

  it('resolves "who" and "It" when the story names who they stand for', () => {
    expect(resolved('who')).toEqual(['Oskar Brandt']);
    expect(resolved('It')).toEqual(['Fenwick Shipping Co.']);
  });

  it("never links the spokeswoman's words or the lawyers' to the governor or the company", () => {
    const spokes = resolved('a spokeswoman for Gov. Rosa Delgado');
    expect(spokes.length).toBeGreaterThan(0);
    for (const name of spokes) expect(name).toBeNull();
    for (const name of resolved('Lawyers for Fenwick Shipping Co.')) expect(name).toBeNull();
  });
});

describe('declinesToSpeak', () => {
  /** The quote whose cue is `cue` (its first occurrence) in `text`. */
  const at = (text: string, cue: string) => {
    const start = text.indexOf(cue);
    return declinesToSpeak(text, { cue: { start, end: start + cue.length } });
  };

  it('is true for silence reported as an attribution', () => {
    expect(at('The department has not said whether funds will come.', 'has not said')).toBe(true);
    expect(at('A spokesman declined to comment.', 'declined')).toBe(true);
    expect(at('Halvard did not respond to a request for comment.', 'did not respond to')).toBe(true);
    expect(at("Reid wouldn't say whether he agreed.", "wouldn't say")).toBe(true);
    expect(at('Marsh refused to say how much it cost.', 'refused to say')).toBe(true);
  });

  it('is false for words said, a denial included', () => {
    expect(at('Marsh said the span could open in 2028.', 'said')).toBe(false);
    expect(at('The council denied that the bridge was late.', 'denied')).toBe(false);
    expect(at('Okafor told reporters the vote was final.', 'told')).toBe(false);
    expect(at('The mayor is not expected to run again, aides said.', 'is not expected')).toBe(false);
  });
});
