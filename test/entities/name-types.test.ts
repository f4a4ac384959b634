import { describe, expect, it } from 'vitest';
import { digest } from '../../src/digest.js';
import { endsInPlaceHead, isPartyState, retypedChunk, retypeTagIds } from '../../src/entities/name-types.js';
import { chunksOfTagIds, TAGS } from '../../src/entities/tags.js';

const words = (s: string) => s.split(' ');
const id = (tag: string) => TAGS.indexOf(tag);

describe('place heads', () => {
  it('reads a capitalised name ending in a place noun as a place', () => {
    expect(endsInPlaceHead(words('the Quillon Harbour bridge'), 1, 3)).toBe(true);
    expect(endsInPlaceHead(words('on Tamsin Street'), 1, 3)).toBe(true);
    expect(retypedChunk(words('near Brackwater Bay'), 1, 3, 'ORG')).toBe('LOC');
    expect(retypedChunk(words('the Vellin River'), 1, 3, 'MISC')).toBe('LOC');
  });

  it('leaves people, one-word names, other heads and names with lower-case words inside', () => {
    expect(retypedChunk(words('Dora Bay said'), 0, 2, 'PER')).toBe('PER');
    expect(retypedChunk(words('the Harbour'), 1, 2, 'ORG')).toBe('ORG');
    expect(retypedChunk(words('Orrin Harbour Trust'), 0, 3, 'ORG')).toBe('ORG');
    expect(retypedChunk(words('Friends of the Selby River'), 0, 5, 'ORG')).toBe('ORG');
    expect(retypedChunk(words('Port Of Quillon Bay'), 0, 4, 'ORG')).toBe('ORG');
    expect(retypedChunk(words('Friends And Foes Of Selby River'), 0, 6, 'ORG')).toBe('ORG');
    expect(retypedChunk(words('Dunmore County'), 0, 2, 'ORG')).toBe('ORG');
  });
});

describe('a town before its facility', () => {
  it('reads a one-word MISC name before a library, ferry or council as the town', () => {
    expect(retypedChunk(words('The Tarle public library opened'), 1, 2, 'MISC')).toBe('LOC');
    expect(retypedChunk(words('the Tarle ferry'), 1, 2, 'MISC')).toBe('LOC');
    expect(retypedChunk(words('the Tarle town council'), 1, 2, 'MISC')).toBe('LOC');
  });

  it('leaves nationality adjectives, churches, markets, police, acronyms, compounds and other types', () => {
    expect(retypedChunk(words('the Vendish public library'), 1, 2, 'MISC')).toBe('MISC');
    expect(retypedChunk(words('the Quarnese ferry'), 1, 2, 'MISC')).toBe('MISC');
    expect(retypedChunk(words('the Orbist church'), 1, 2, 'MISC')).toBe('MISC');
    expect(retypedChunk(words('the Tarle market'), 1, 2, 'MISC')).toBe('MISC');
    expect(retypedChunk(words('the Tarle police'), 1, 2, 'MISC')).toBe('MISC');
    expect(retypedChunk(words('the TARL library'), 1, 2, 'MISC')).toBe('MISC');
    expect(retypedChunk(words('an Expo-accredited hospital'), 1, 2, 'MISC')).toBe('MISC');
    expect(retypedChunk(words('the Tarle library'), 1, 2, 'PER')).toBe('PER');
    expect(retypedChunk(words('Tarle library'), 0, 2, 'MISC')).toBe('MISC');
  });
});

describe('party-and-state tags', () => {
  it('reads R-, D- and I- with a state after a comma or parenthesis as the state', () => {
    expect(isPartyState(words('Sen. Oona Brisk , R-Maine ,'), 4, 5)).toBe(true);
    expect(isPartyState(words('Rep. Ty Voss , D-N.Y.'), 4, 5)).toBe(true);
    expect(isPartyState(words('Rep. Ty Voss ( I-Vt. )'), 4, 5)).toBe(true);
    expect(isPartyState(words('Sen. Pell Ardo , D-New York'), 4, 6)).toBe(true);
    expect(isPartyState(words('Rep. Ty Voss ( R-W.Va. )'), 4, 5)).toBe(true);
    expect(isPartyState(words('Rep. Ty Voss ( R-Kans. )'), 4, 5)).toBe(true);
    expect(retypedChunk(words('Sen. Oona Brisk , R-Maine'), 4, 5, 'ORG')).toBe('LOC');
  });

  it('needs the comma or parenthesis, a party letter and a state', () => {
    expect(isPartyState(words('R-Maine said'), 0, 1)).toBe(false);
    expect(isPartyState(words('Ames R-Maine'), 1, 2)).toBe(false);
    expect(isPartyState(words('the plan , D-Day ,'), 3, 4)).toBe(false);
    expect(isPartyState(words('Rep. Ty Voss , X-Maine'), 4, 5)).toBe(false);
  });

  it('gives the state alone as a place in an Article', async () => {
    const text =
      'The bill was filed on Monday by Sen. Oona Brisk, R-Maine, and by Rep. Ty Voss, D-Ore., after a long debate.';
    const a = await digest(text);
    const surfaces = a.entities.flatMap((e) =>
      e.mentions.map((m) => `${e.type}:${a.text.slice(m.start, m.end)}`),
    );
    expect(surfaces).toContain('LOC:Maine');
    expect(surfaces).toContain('LOC:Ore.');
    expect(surfaces.filter((s) => /R-|D-/.test(s))).toEqual([]);
  });
});

describe('retypeTagIds (eval ner)', () => {
  it('retypes a place-head chunk to LOC keeping the prefixes, and nothing else', () => {
    const w = words('Quillon Harbour and Ada Lin');
    const tags = [id('B-ORG'), id('L-ORG'), id('O'), id('B-PER'), id('L-PER')];
    const out = retypeTagIds(w, tags, chunksOfTagIds(tags));
    expect(out.map((t) => TAGS[t])).toEqual(['B-LOC', 'L-LOC', 'O', 'B-PER', 'L-PER']);
  });
});
