/**
 * The quotes a user reads (review-15, items 3, 4 and 6; quotes-user-15), each on sentences written
 * for the project: the content after a cue's time adjunct, the inverted "…, said X in a letter",
 * a relative pronoun before a clause's own subject, a scare-quoted word, and a reporting clause set
 * off by commas inside the sentence.
 */
import { describe, expect, it } from 'vitest';
import { readGivenCues, readQuotes } from './quote-helpers.js';

describe('the content after an adjunct of the cue (item 6)', () => {
  it('starts at "that" after a time or circumstance adjunct', () => {
    const t = 'Ms Varga said on Thursday that the ferry would run again in April.';
    expect(readGivenCues(t, ['said'])).toEqual([
      { source: 'Ms Varga', cue: 'said', content: 'that the ferry would run again in April' },
    ]);
    const u = 'The harbour board announced in a statement late last night that the quay will close.';
    expect(readGivenCues(u, ['announced'])[0]!.content).toBe('that the quay will close');
    const v = 'The mayor repeated at a rally in Tarnow that taxes would not rise.';
    expect(readGivenCues(v, ['repeated'])[0]!.content).toBe('that taxes would not rise');
  });

  it('leaves a relative "that" after an ordinary noun inside the content', () => {
    const t = 'Officials said in areas that flood every spring the dykes would be raised.';
    expect(readGivenCues(t, ['said'])[0]!.content).toBe(
      'in areas that flood every spring the dykes would be raised',
    );
  });

  it('reads the whole sentence end to end', () => {
    const [q] = readQuotes('Mr Okafor said on Friday that the mill would reopen next year.');
    expect(q).toMatchObject({
      speaker: 'Mr Okafor',
      cue: 'said',
      content: 'that the mill would reopen next year',
    });
  });
});

describe('contents around their cue (content exact)', () => {
  it('gives a raising verb without a source its subject inside the content', () => {
    expect(readGivenCues('The night crew appeared exhausted after the storm.', ['appeared'])).toEqual([
      { cue: 'appeared', content: 'The night crew appeared exhausted after the storm' },
    ]);
    expect(readGivenCues('The new quay is expected to open in June.', ['is expected'])).toEqual([
      { cue: 'is expected', content: 'The new quay is expected to open in June' },
    ]);
  });

  it('keeps the content after the cue when "it" is the raising verb’s subject', () => {
    expect(readGivenCues('It appears that the quay will open in June.', ['appears'])[0]!.content).toBe(
      'that the quay will open in June',
    );
  });

  it('ends a content before the next clause’s coordinator and source', () => {
    const t = 'Most skippers said the quota was fair, but a third argued it was too low.';
    expect(readGivenCues(t, ['said', 'argued'])).toEqual([
      { source: 'Most skippers', cue: 'said', content: 'the quota was fair' },
      { source: 'a third', cue: 'argued', content: 'it was too low' },
    ]);
  });

  it('ends a content at the comma before a short source of the next cue', () => {
    const t = 'The mayor thanked the crowd, which chanted her name for an hour.';
    const [thanked] = readGivenCues(t, ['thanked', 'chanted']);
    expect(thanked).toEqual({ source: 'The mayor', cue: 'thanked', content: 'the crowd' });
  });

  it('runs the content from a relative pronoun over its source and cue', () => {
    const t = 'The council raised the fare, which the mayor said was fair to everyone.';
    expect(readGivenCues(t, ['said'])[0]).toEqual({
      source: 'the mayor',
      cue: 'said',
      content: 'which the mayor said was fair to everyone',
    });
  });
});

describe('an inverted cue followed by a name and an adjunct (item 3)', () => {
  it('takes the name after "said" as the speaker and the clause before the comma as the content', () => {
    const t =
      'The ferry service will be cut back next spring on routes that carry few passengers, said the port’s newly appointed director Hanna Virtanen in a letter to crews.';
    const quotes = readQuotes(t);
    const said = quotes.find((q) => q.cue === 'said');
    expect(said).toMatchObject({
      speaker: 'the port’s newly appointed director Hanna Virtanen',
      content: 'The ferry service will be cut back next spring on routes that carry few passengers',
    });
    expect(quotes.some((q) => q.speaker?.startsWith('carry') || q.speaker?.includes('routes that'))).toBe(
      false,
    );
  });

  it('keeps an earlier sourceless cue of the clause inside the inverted content', () => {
    const t =
      'Two depots will be closed next month in towns that have little traffic, said the operator’s chief Ivo Brandt in a note to drivers.';
    const said = readGivenCues(t, ['will be closed', 'said']).find((a) => a.cue === 'said');
    expect(said).toEqual({
      source: 'the operator’s chief Ivo Brandt',
      cue: 'said',
      content: 'Two depots will be closed next month in towns that have little traffic',
    });
  });

  it('leaves a time word after the name out of the source', () => {
    const t = 'The canal will reopen in June, said Pieter Smit on Tuesday.';
    expect(readGivenCues(t, ['said'])).toEqual([
      { source: 'Pieter Smit', cue: 'said', content: 'The canal will reopen in June' },
    ]);
  });
});

describe('relative pronouns and scare quotes (item 4)', () => {
  it('never starts a speaker with "which" before the clause’s own subject', () => {
    const t = 'The mill, which villagers called the “grey giant,” burned down in 1974.';
    const [a] = readGivenCues(t, ['called']);
    expect(a!.source).toBe('villagers');
    const u = 'The ferry, which officials say will return in May, was sold.';
    expect(readGivenCues(u, ['say'])[0]!.source).toBe('officials');
  });

  it('keeps "which" as the speaker when it is the subject ("which also said")', () => {
    const t = 'The board, which also said profits fell, met on Monday.';
    expect(readGivenCues(t, ['said'])[0]!.source).toBe('which');
  });

  it('does not make a scare-quoted word the content of a cue after it', () => {
    const t =
      'The crew fixed the leak, Tomas Reyes said, and “tuned” the engine as the ship continued to take on cargo.';
    const quotes = readGivenCues(t, ['said', 'continued to']);
    const later = quotes.find((a) => a.cue === 'continued to');
    expect(later?.content).not.toBe('“tuned”');
    expect(later?.content).toBe('take on cargo');
  });

  it('reads a reporting clause set off by commas as inside its content', () => {
    const t = 'Its divers, Marta Lind said, “sealed” the hull while the storm kept building offshore.';
    expect(readGivenCues(t, ['said'])).toEqual([
      {
        source: 'Marta Lind',
        cue: 'said',
        content: 'Its divers, Marta Lind said, “sealed” the hull while the storm kept building offshore',
      },
    ]);
  });
});

describe('what nobody said (item 5)', () => {
  it('does not read a page or line-up label before a colon as a speaker', () => {
    expect(readQuotes('Q&A: Malcolm Ruiz and the harbour club')).toEqual([]);
    expect(readQuotes('Subs not used: Lee, Park, Ortiz, Brandt')).toEqual([]);
    expect(readQuotes('Obituary: the painter who loved the sea')).toEqual([]);
  });

  it('still reads a name before a colon', () => {
    expect(readQuotes('Marsh: the bridge is safe and will open in May')).toEqual([
      { kind: 'reported', speaker: 'Marsh', cue: ':', content: 'the bridge is safe and will open in May' },
    ]);
  });

  it('does not make an event that follows another an attribution', () => {
    expect(readGivenCues('The strike follows a vote by dock workers last week.', ['follows'])).toEqual([]);
    expect(readGivenCues('The sale followed weeks of talks with the council.', ['followed'])).toEqual([]);
  });

  it('keeps "if" at the start of the content ("asked if …")', () => {
    const t = 'The inspector asked if the crane had been checked that morning.';
    expect(readGivenCues(t, ['asked'])[0]!.content).toBe('if the crane had been checked that morning');
  });
});
