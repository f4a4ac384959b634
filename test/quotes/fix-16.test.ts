/**
 * What review-16 found in the quotes layer (items 1, 2, 3, 11, 12; quotes-fix-16), each on
 * sentences written for the project.
 */
import { describe, expect, it } from 'vitest';
import { shippedLexicon } from '../../src/quotes/cue-lexicon.js';
import { extractAttributions } from '../../src/quotes/extract-attributions.js';
import { findQuotes } from '../../src/quotes/index.js';
import { findQuoteRegions, singleQuoteRegions } from '../../src/quotes/quote-marks.js';
import { mentionIndex, resolveSpeaker } from '../../src/quotes/resolve-speakers.js';
import { sentenceSpans } from '../../src/text/sentences.js';
import { articleOf, readQuotes } from './quote-helpers.js';
import { entitiesOf, speakerOf } from './speaker-fixtures.js';

/** The attributions read for the given cues, each the n-th occurrence of its words (0 = the first). */
function readCuesAt(
  text: string,
  cues: [string, number][],
): { source?: string; cue: string; content: string }[] {
  const spans = cues.map(([cue, n]) => {
    let at = text.indexOf(cue);
    for (let i = 0; i < n; i++) at = text.indexOf(cue, at + 1);
    return { start: at, end: at + cue.length };
  });
  return extractAttributions({
    text,
    sentences: sentenceSpans(text),
    lexicon: shippedLexicon(),
    givenCues: spans,
  }).map((a) => ({
    ...(a.source ? { source: text.slice(a.source.start, a.source.end) } : {}),
    cue: text.slice(a.cue.start, a.cue.end),
    content: text.slice(a.content.start, a.content.end),
  }));
}

describe('each cue of "he wants A, he wants B" has its own clause (item 2)', () => {
  it('gives the second cue what follows it, not the first cue’s content again', () => {
    const t = 'She wants to travel, she wants to see the coast.';
    expect(
      readCuesAt(t, [
        ['wants', 0],
        ['wants', 1],
      ]),
    ).toEqual([
      { source: 'She', cue: 'wants', content: 'to travel' },
      { source: 'she', cue: 'wants', content: 'to see the coast' },
    ]);
  });

  it('still reads "A, X said." with nothing after the cue as the words before the source (the earlier cue nested inside)', () => {
    const t = 'The mayor said the quay was safe, the engineer said.';
    const got = readCuesAt(t, [
      ['said', 0],
      ['said', 1],
    ]);
    expect(got[1]).toEqual({
      source: 'the engineer',
      cue: 'said',
      content: 'The mayor said the quay was safe',
    });
  });
});

describe('one subject governs several verbs (item 1)', () => {
  it('gives the verbs after a comma and after "and" the shared subject, not the object before them', () => {
    const t =
      'On the phone, he asked about the Ferry Owners Guild, called Marsh a “liar” and said, “she will regret it.”';
    const got = readCuesAt(t, [
      ['asked about', 0],
      ['called', 0],
      ['said', 0],
    ]);
    expect(got.map((a) => [a.source, a.cue])).toEqual([
      ['he', 'asked about'],
      ['he', 'called'],
      ['he', 'said'],
    ]);
  });

  it('keeps a new subject after a comma when it is not the previous verb’s object', () => {
    const t = 'The council backed the plan on Monday, and the mayor, a former engineer, praised the vote.';
    const got = readCuesAt(t, [
      ['backed', 0],
      ['praised', 0],
    ]);
    expect(got[1]!.source).not.toBe('The council');
  });
});

describe('"he" and "she" resolve to a compatible person (item 1)', () => {
  const story =
    'A Kellport man admitted on Monday that he threatened Mayor Ana Brask, prosecutors said.\n\n' +
    'Piotr J. Lenz, 41, of Dunmore, was arrested in May.\n\n' +
    'During the call, he asked about the Quay Traders Union and called Brask a “fraud.”\n\n' +
    'The clerk who took the call recalled that he said, "She will pay."';
  const named: Array<[string, 'PER' | 'ORG' | 'LOC']> = [
    ['Ana Brask', 'PER'],
    ['Brask', 'PER'],
    ['Piotr J. Lenz', 'PER'],
    ['Dunmore', 'LOC'],
    ['Quay Traders Union', 'ORG'],
  ];

  it('follows a "he" already resolved rather than the person just named as an object', () => {
    const entities = entitiesOf(story, named);
    const mentions = mentionIndex(story, entities);
    const pronouns = [...story.matchAll(/\bhe\b/g)].map((m) => m.index);
    expect(pronouns).toHaveLength(3);
    const names = pronouns.map((at) => {
      const i = resolveSpeaker(story, { start: at, end: at + 2 }, mentions, entities);
      return i === undefined ? undefined : entities[i]!.name;
    });
    // The "he" of the call follows Lenz; the last "he" too, though Brask is named nearer.
    expect(names.slice(1)).toEqual(['Piotr J. Lenz', 'Piotr J. Lenz']);
  });

  it('never takes a person the article titles the other way', () => {
    const t = 'Mrs. Dana Holt met Ivo Marsh on Friday. She said the talks went well. Later he said nothing.';
    const people: Array<[string, 'PER']> = [
      ['Dana Holt', 'PER'],
      ['Ivo Marsh', 'PER'],
    ];
    expect(speakerOf(t, 'She', people)).toBe('Dana Holt');
    expect(speakerOf(t, 'he', people, 2)).toBe('Ivo Marsh');
  });

  it('reads a gendered noun said of a name as the article’s word on that person', () => {
    const t =
      'Krasowski, 41, was charged on Monday. Mayor Ruth Adler is one of the first two women elected in Kellport. ' +
      'He said he would fight the charge.';
    expect(speakerOf(t, 'He', [['Ruth Adler', 'PER']])).toBeUndefined();
    const u = 'Ivo Marsh, a harbour spokeswoman, met the crew. She said the ferry would sail.';
    expect(speakerOf(u, 'She', [['Ivo Marsh', 'PER']])).toBe('Ivo Marsh');
    const v = 'Ivo Marsh, a harbour spokesman, met the crew. She said the ferry would sail.';
    expect(speakerOf(v, 'She', [['Ivo Marsh', 'PER']])).toBeUndefined();
  });

  it('leaves "he" unresolved when the sentence before opens with a name the entities do not know', () => {
    const t =
      'Senator Ruth Adler spoke on Monday.\n\nKrasowski faces ten years in prison, the court heard. ' +
      'He said he was sorry, lawyers for Krasowski said.';
    expect(speakerOf(t, 'He', [['Ruth Adler', 'PER']])).toBeUndefined();
  });

  it('does not give a speaker the place he is from', () => {
    const t = 'Piotr Lenz, 41, of Dunmore, pleaded guilty on Monday, officials said.';
    expect(speakerOf(t, 'Piotr Lenz, 41, of Dunmore', [['Dunmore', 'LOC']])).toBeUndefined();
  });
});

describe('single quotation marks, British style (item 3)', () => {
  const text =
    'The ferry company spoke on Monday.\n\n' +
    "'We are looking into the delays on the northern route,' company spokesperson Rhona Vale said.\n\n" +
    '‘It was a long night for the crew,’ said captain Ivo Marsh.\n\n' +
    'The sailors’ union met on Tuesday, and Marsh’s deputy said nothing.';

  it('reads a passage in single marks as a direct quote with its speaker after it', () => {
    const quotes = readQuotes(text);
    const vale = quotes.find((q) => q.content.includes('looking into'));
    expect(vale).toMatchObject({
      kind: 'direct',
      content: "'We are looking into the delays on the northern route,'",
      speaker: 'company spokesperson Rhona Vale',
    });
    const marsh = quotes.find((q) => q.content.includes('long night'));
    expect(marsh).toMatchObject({
      kind: 'direct',
      content: '‘It was a long night for the crew,’',
      speaker: 'captain Ivo Marsh',
    });
    // Nothing inside the quotes is a cue of its own ("We … are looking into"), and no speaker is the content.
    expect(quotes.some((q) => q.speaker === 'We')).toBe(false);
    expect(quotes.some((q) => q.content === 'captain Ivo Marsh')).toBe(false);
  });

  it('reads apostrophes, possessives and double apostrophes as no passage', () => {
    expect(
      singleQuoteRegions("The sailors' union said it won't strike, the board's chair said.", []),
    ).toEqual([]);
    const t = "The players’ union met. ''We will not strike,'' the union's head said.";
    expect(singleQuoteRegions(t, findQuoteRegions(t))).toEqual([]);
    const u = "She said 'we will see.' Then the players' union met.";
    expect(singleQuoteRegions(u, []).map((r) => u.slice(r.start, r.end))).toEqual(["'we will see.'"]);
  });
});

describe('a headline label before a colon (item 11)', () => {
  it('reads a kicker ("The Latest:", "Disclosure:", "… Podcast:") as no speaker, whatever the layout', () => {
    for (const label of ['The Latest', 'Disclosure', 'Sailing Podcast', 'Breaking', 'Delegate Update']) {
      const t = `${label}: Harbour ferry fares rise again next month.`;
      expect(readQuotes(t)).toEqual([]);
    }
  });

  it('keeps a name before a colon in text without layout (PolNeAR marks those titles)', () => {
    expect(readQuotes('Mayor Okafor: Harbour ferry fares rise again next month.')).toMatchObject([
      { speaker: 'Mayor Okafor', cue: ':', content: 'Harbour ferry fares rise again next month' },
    ]);
  });

  it('reads a page title "Name: what happened" as the topic, not that person’s words', () => {
    const text =
      'Ivo Marsh: Kellport drops the ferry inquiry\n\nThe inquiry was dropped on Tuesday, officials said.';
    const article = {
      ...articleOf(text),
      blocks: [
        { kind: 'title' as const, start: 0, end: 43 },
        { kind: 'paragraph' as const, start: 45, end: text.length },
      ],
    };
    const quotes = findQuotes(article);
    expect(quotes.map((q) => text.slice(q.cue.start, q.cue.end))).toEqual(['said']);
  });

  it('keeps a title colon whose words are quoted or in the first person', () => {
    const text =
      'Ivo Marsh: I will not resign over the ferry\n\nThe captain spoke on Tuesday, officials said.';
    const article = {
      ...articleOf(text),
      blocks: [
        { kind: 'title' as const, start: 0, end: 43 },
        { kind: 'paragraph' as const, start: 45, end: text.length },
      ],
    };
    const colon = findQuotes(article).find((q) => text[q.cue.start] === ':');
    expect(colon && text.slice(colon.start, colon.end)).toBe('I will not resign over the ferry');
  });
});

describe('an outer attribution’s content is its whole clause (item 12)', () => {
  it('gives "…, prosecutors said" the clause with the earlier verb inside it', () => {
    const t = 'A Dunmore man admitted on Friday to damaging the harbour crane, prosecutors said.';
    const got = readCuesAt(t, [
      ['admitted', 0],
      ['said', 0],
    ]);
    expect(got[1]).toEqual({
      source: 'prosecutors',
      cue: 'said',
      content: 'A Dunmore man admitted on Friday to damaging the harbour crane',
    });
  });

  it('ends an inner quotation at its closing mark, before the outer source', () => {
    const t = 'The clerk recalled that he said, "I will make her pay," the district attorney\'s office said.';
    const got = readCuesAt(t, [
      ['said', 0],
      ['said', 1],
    ]);
    expect(got[0]).toEqual({ source: 'he', cue: 'said', content: '"I will make her pay,"' });
    expect(got[1]!.source).toBe("the district attorney's office");
    expect(got[1]!.content).toContain('The clerk recalled that he said');
  });

  it('leaves the "and" that joins the next verb out of the content', () => {
    const t = 'He called the mayor a “fraud” and said the port would close.';
    const got = readCuesAt(t, [
      ['called', 0],
      ['said', 0],
    ]);
    expect(got[0]!.content).toBe('the mayor a “fraud”');
    expect(got[1]).toEqual({ source: 'He', cue: 'said', content: 'the port would close' });
  });
});
