import { describe, expect, it } from 'vitest';
import type { EntityType } from '../../src/article/types.js';
import { mergeMentions } from '../../src/entities/merge.js';
import { companyShortNames, nameTokens } from '../../src/entities/names.js';

/** Mentions at every occurrence of each [surface, type] in order of the text. */
function mentionsOf(text: string, marks: [string, EntityType][]) {
  const out: { start: number; end: number; type: EntityType }[] = [];
  let from = 0;
  for (const [surface, type] of marks) {
    const start = text.indexOf(surface, from);
    if (start < 0) throw new Error(`not found: ${surface}`);
    out.push({ start, end: start + surface.length, type });
    from = start + surface.length;
  }
  return out;
}

const groups = (text: string, entities: ReturnType<typeof mergeMentions>) =>
  entities.map((e) => e.mentions.map((m) => text.slice(m.start, m.end)));

describe('mergeMentions', () => {
  it('merges a titled full name, the full name and the surname, with a clean name', () => {
    const text = 'Gen. Joseph Dunford landed. Joseph Dunford spoke. Dunford left.';
    const m = mentionsOf(text, [
      ['Gen. Joseph Dunford', 'PER'],
      ['Joseph Dunford', 'PER'],
      ['Dunford', 'PER'],
    ]);
    const [e, ...rest] = mergeMentions(text, m);
    expect(rest).toEqual([]);
    expect(e).toMatchObject({ id: 'e1', type: 'PER', name: 'Joseph Dunford', aliases: ['Dunford'] });
    expect(e!.mentions).toHaveLength(3);
  });

  it('merges an acronym defined in parentheses and later uses of it', () => {
    const text = 'The Syrian Democratic Forces (SDF) advanced. The SDF said so.';
    const m = mentionsOf(text, [
      ['Syrian Democratic Forces', 'ORG'],
      ['SDF', 'ORG'],
      ['SDF', 'ORG'],
    ]);
    const entities = mergeMentions(text, m);
    expect(entities).toHaveLength(1);
    expect(entities[0]).toMatchObject({ name: 'Syrian Democratic Forces', aliases: ['SDF'] });
  });

  it('merges an acronym by its initials, even when it comes first', () => {
    const text = 'NWS forecasters warned. The National Weather Service said rain.';
    const m = mentionsOf(text, [
      ['NWS', 'ORG'],
      ['National Weather Service', 'ORG'],
    ]);
    expect(groups(text, mergeMentions(text, m))).toEqual([['NWS', 'National Weather Service']]);
  });

  it('merges U.S., US and United States, whatever the type the tagger gave', () => {
    const text = 'The United States said the U.S. would act. US officials agreed.';
    const m = mentionsOf(text, [
      ['United States', 'LOC'],
      ['U.S.', 'LOC'],
      ['US', 'ORG'],
    ]);
    const entities = mergeMentions(text, m);
    expect(entities).toHaveLength(1);
    expect(entities[0]!.type).toBe('LOC');
    expect(entities[0]!.name).toBe('United States');
  });

  it('never merges two people named in full who share a surname; a lone surname goes to the latest', () => {
    const text = 'Anna Smith sued. David Smith replied. Smith said no. Anna Smith laughed.';
    const m = mentionsOf(text, [
      ['Anna Smith', 'PER'],
      ['David Smith', 'PER'],
      ['Smith', 'PER'],
      ['Anna Smith', 'PER'],
    ]);
    expect(groups(text, mergeMentions(text, m))).toEqual([
      ['Anna Smith', 'Anna Smith'],
      ['David Smith', 'Smith'],
    ]);
  });

  it('joins a full name to an earlier lone surname and to a name with a middle initial', () => {
    const text = 'Kane won. Robert J. Kane thanked voters. Robert Kane smiled.';
    const m = mentionsOf(text, [
      ['Kane', 'PER'],
      ['Robert J. Kane', 'PER'],
      ['Robert Kane', 'PER'],
    ]);
    const entities = mergeMentions(text, m);
    expect(entities).toHaveLength(1);
    expect(entities[0]!.name).toBe('Robert J. Kane');
  });

  it('keeps different entities apart and numbers them in order of first mention', () => {
    const text = 'Oslo hosted Kane Holdings. Maria Lopez spoke in Oslo.';
    const m = mentionsOf(text, [
      ['Oslo', 'LOC'],
      ['Kane Holdings', 'ORG'],
      ['Maria Lopez', 'PER'],
      ['Oslo', 'LOC'],
    ]);
    const entities = mergeMentions(text, m);
    expect(entities.map((e) => [e.id, e.name])).toEqual([
      ['e1', 'Oslo'],
      ['e2', 'Kane Holdings'],
      ['e3', 'Maria Lopez'],
    ]);
  });

  it('merges one name the tagger typed ORG once and MISC once, but not a person with a place', () => {
    const text = 'ISIS fighters fled. ISIS said so. Jordan Lee visited Jordan.';
    const m = mentionsOf(text, [
      ['ISIS', 'MISC'],
      ['ISIS', 'ORG'],
      ['Jordan Lee', 'PER'],
      ['Jordan', 'LOC'],
    ]);
    expect(groups(text, mergeMentions(text, m))).toEqual([['ISIS', 'ISIS'], ['Jordan Lee'], ['Jordan']]);
  });

  it('strips a possessive from the name and returns nothing for no mentions', () => {
    const text = "Britain's navy sailed.";
    expect(mergeMentions(text, [{ start: 0, end: 9, type: 'LOC' }])[0]!.name).toBe('Britain');
    expect(mergeMentions(text, [])).toEqual([]);
  });
});

describe('mergeMentions: a company and its short names', () => {
  it("joins the first word of a company's name to it, as an alias", () => {
    const text = "Tarrow Building Co. won the bid. Tarrow's chief spoke. Tarrow Building later sued.";
    const m = mentionsOf(text, [
      ['Tarrow Building Co.', 'ORG'],
      ["Tarrow's", 'ORG'],
      ['Tarrow Building', 'ORG'],
    ]);
    const entities = mergeMentions(text, m);
    expect(entities).toHaveLength(1);
    expect(entities[0]).toMatchObject({ type: 'ORG', name: 'Tarrow Building Co.' });
    expect(entities[0]!.aliases.sort()).toEqual(['Tarrow', 'Tarrow Building']);
  });

  it('joins a full name to its short name said first, and a lone word the tagger called a person', () => {
    const text = 'Pellick said it would appeal. Pellick Freight Ltd. filed on Monday. Pellick declined.';
    const m = mentionsOf(text, [
      ['Pellick', 'ORG'],
      ['Pellick Freight Ltd.', 'ORG'],
      ['Pellick', 'PER'],
    ]);
    expect(groups(text, mergeMentions(text, m))).toEqual([['Pellick', 'Pellick Freight Ltd.', 'Pellick']]);
  });

  it('leaves a first word shared by two companies, a surname, and a nationality apart', () => {
    const two = 'Orvane Rail Inc. and Orvane Mining Corp. merged. Orvane shares rose.';
    const a = mentionsOf(two, [
      ['Orvane Rail Inc.', 'ORG'],
      ['Orvane Mining Corp.', 'ORG'],
      ['Orvane', 'ORG'],
    ]);
    expect(groups(two, mergeMentions(two, a))).toEqual([
      ['Orvane Rail Inc.'],
      ['Orvane Mining Corp.'],
      ['Orvane'],
    ]);

    const person = 'Jo Brisley founded Brisley Tools plc. Brisley said sales fell.';
    const b = mentionsOf(person, [
      ['Jo Brisley', 'PER'],
      ['Brisley Tools plc', 'ORG'],
      ['Brisley', 'PER'],
    ]);
    expect(groups(person, mergeMentions(person, b))).toEqual([
      ['Jo Brisley', 'Brisley'],
      ['Brisley Tools plc'],
    ]);

    const misc = 'Vendish Airways Ltd. cut fares. Vendish voters were unmoved.';
    const c = mentionsOf(misc, [
      ['Vendish Airways Ltd.', 'ORG'],
      ['Vendish', 'MISC'],
    ]);
    expect(mergeMentions(misc, c)).toHaveLength(2);
  });

  it('leaves a short name two companies share, and a name that lost a title word, apart', () => {
    const same = 'Leskin Inc. and Leskin LLC were named. Leskin denied it.';
    const a = mentionsOf(same, [
      ['Leskin Inc.', 'ORG'],
      ['Leskin LLC', 'ORG'],
      ['Leskin', 'ORG'],
    ]);
    expect(mergeMentions(same, a)).toHaveLength(3);

    // "General Vantor" is cleaned to "Vantor" (General is a title): not the finance arm's short name.
    const titled = 'Vantor Acceptance Corp. lends. General Vantor builds cars.';
    const b = mentionsOf(titled, [
      ['Vantor Acceptance Corp.', 'ORG'],
      ['General Vantor', 'ORG'],
    ]);
    expect(mergeMentions(titled, b)).toHaveLength(2);
  });

  it('joins a full company name to its name without the suffix said first', () => {
    const text = 'Marden Glass said prices rose. Marden Glass Ltd. employs 300.';
    const m = mentionsOf(text, [
      ['Marden Glass', 'ORG'],
      ['Marden Glass Ltd.', 'ORG'],
    ]);
    expect(groups(text, mergeMentions(text, m))).toEqual([['Marden Glass', 'Marden Glass Ltd.']]);
  });

  it('does not take a name without a corporate suffix apart into short names', () => {
    const text = 'Harlow Park Trust met. Harlow voted.';
    const m = mentionsOf(text, [
      ['Harlow Park Trust', 'ORG'],
      ['Harlow', 'ORG'],
    ]);
    expect(mergeMentions(text, m)).toHaveLength(2);
  });
});

describe('companyShortNames', () => {
  const short = (name: string) => companyShortNames(nameTokens(name));
  it('drops the corporate suffix and gives the first word', () => {
    expect(short('Tarrow Building Co.')).toEqual({ key: 'tarrow building', first: 'tarrow' });
    expect(short('Pellick, Inc.')).toEqual({ key: 'pellick', first: 'pellick' });
    expect(short('Brannock & Co.')).toEqual({ key: 'brannock', first: 'brannock' });
    expect(short('The Orvale Group')).toEqual({ key: 'the orvale', first: '' });
  });
  it('gives nothing for a name without a suffix, or a suffix alone', () => {
    expect(short('Tarrow Building')).toEqual({ key: '', first: '' });
    expect(short('Inc.')).toEqual({ key: '', first: '' });
  });
});
