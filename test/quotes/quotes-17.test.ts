/**
 * quotes-17: a cue inside a relative clause that restricts the subject ("The man who called the
 * office said …"), on sentences written for the project.
 */
import { describe, expect, it } from 'vitest';
import { readGivenCues } from './quote-helpers.js';
import { speakerOf } from './speaker-fixtures.js';

describe('a restrictive relative clause inside the subject', () => {
  it('makes the noun with its clause the source of the sentence’s own cue', () => {
    const t = 'The ferryman who called the harbour office said the crossing was closed.';
    expect(readGivenCues(t, ['called', 'said'])).toEqual([
      { source: 'who', cue: 'called', content: 'the harbour office' },
      {
        source: 'The ferryman who called the harbour office',
        cue: 'said',
        content: 'the crossing was closed',
      },
    ]);
  });

  it('keeps a subject joined by "and" whole', () => {
    const t = 'Growers and others who want to drain the marsh said the ruling helps them.';
    expect(readGivenCues(t, ['want', 'said'])[1]).toEqual({
      source: 'Growers and others who want to drain the marsh',
      cue: 'said',
      content: 'the ruling helps them',
    });
  });

  it('ends the clause’s content before the sentence’s verb and its "that"', () => {
    const t =
      'The guard who reported the break-in recalled that he shouted, "Stop there," the company stated.';
    const found = readGivenCues(t, ['reported', 'shouted', 'stated']);
    expect(found[0]).toEqual({ source: 'who', cue: 'reported', content: 'the break-in' });
    expect(found[1]).toMatchObject({ source: 'he', cue: 'shouted' });
  });

  it('leaves a clause set off by commas as it was: the name is the subject', () => {
    const t = 'Mira Holm, who called the harbour office, said the crossing was closed.';
    const found = readGivenCues(t, ['called', 'said']);
    expect(found[1]).toEqual({
      source: 'Mira Holm, who called the harbour office',
      cue: 'said',
      content: 'the crossing was closed',
    });
  });
});

describe('"…, said Name, an apposition." after an earlier cue of the sentence (item 2)', () => {
  it('reads the name after the cue as the source and the clause before as the content', () => {
    const t =
      'Ferry operators have seen losses, too, said Ines Varga, a harbour economist at Calder College.';
    expect(readGivenCues(t, ['have seen', 'said'])[1]).toEqual({
      source: 'Ines Varga, a harbour economist at Calder College',
      cue: 'said',
      content: 'Ferry operators have seen losses, too',
    });
  });

  it('leaves a name followed by its own verb to be the content', () => {
    const t = 'The board met on Monday, and Ruth Pell said Tom Abara, the treasurer, would resign.';
    const found = readGivenCues(t, ['said']);
    expect(found[0]).toMatchObject({ source: 'Ruth Pell', cue: 'said' });
  });
});

describe('a possessive written apart from the name in tokenised text (item 2)', () => {
  it('makes "X \'s minister Y" no speech of X, as "X’s minister Y" is not', () => {
    const t = "oslandia 's fisheries minister tor amund said the quota would stay .";
    expect(speakerOf(t, "oslandia 's fisheries minister tor amund", [['oslandia', 'LOC']])).toBeUndefined();
    const u = 'Oslandia’s fisheries minister Tor Amund said the quota would stay.';
    expect(speakerOf(u, 'Oslandia’s fisheries minister Tor Amund', [['Oslandia', 'LOC']])).toBeUndefined();
  });

  it('still names the person after the possessor’s role', () => {
    const t = "calder 's lawyer , ines varga , said the ruling was fair .";
    expect(
      speakerOf(t, "calder 's lawyer , ines varga", [
        ['calder', 'PER'],
        ['ines varga', 'PER'],
      ]),
    ).toBe('ines varga');
  });
});

describe('"according to WHO" (item 1 guard)', () => {
  it('is no relative pronoun: the next cue’s source is not extended over it', () => {
    const t = 'According to WHO, there were 40 cases reported in the region last year.';
    const found = readGivenCues(t, ['According to', 'reported']);
    expect(found[1]?.source ?? '').not.toContain('According');
  });
});

describe('"he"/"she" is never a person named inside the quoted words (item 2)', () => {
  it('reads past a name in the quotation to the subject before it', () => {
    const t = 'Senator Ivo Marsh spoke after the vote. "Heads should roll for what Piet Amsel did," he said.';
    expect(
      speakerOf(
        t,
        'he',
        [
          ['Ivo Marsh', 'PER'],
          ['Piet Amsel', 'PER'],
        ],
        1,
      ),
    ).toBe('Ivo Marsh');
  });

  it('does the same with curly marks, and keeps a name after the closing mark', () => {
    const t = '“Only you, Dana,” Mira Holm said. She laughed.';
    expect(
      speakerOf(t, 'She', [
        ['Dana', 'PER'],
        ['Mira Holm', 'PER'],
      ]),
    ).toBe('Mira Holm');
    const u = 'Mira Holm met Dana Roe. “Only you, Dana,” she said.';
    expect(
      speakerOf(u, 'she', [
        ['Mira Holm', 'PER'],
        ['Dana Roe', 'PER'],
        ['Dana', 'PER'],
      ]),
    ).toBe('Mira Holm');
  });
});
