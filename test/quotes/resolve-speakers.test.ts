import { describe, expect, it } from 'vitest';
import type { EntityType } from '../../src/article/types.js';
import { speakerOf } from './speaker-fixtures.js';

describe('resolveSpeaker', () => {
  it('takes the person a relative clause describes, not the organisation inside the clause', () => {
    const text = '"We are open again," said Mara Lind, who chairs the Dock Street Guild.';
    expect(
      speakerOf(text, 'Mara Lind, who chairs the Dock Street Guild', [
        ['Mara Lind', 'PER'],
        ['Dock Street Guild', 'ORG'],
      ]),
    ).toBe('Mara Lind');
  });

  it('takes the person after an apposition that names an employer', () => {
    const text = 'The Tolver Bank chief economist, Ruth Okafor, said rates would hold.';
    expect(
      speakerOf(text, 'The Tolver Bank chief economist, Ruth Okafor', [
        ['Tolver Bank', 'ORG'],
        ['Ruth Okafor', 'PER'],
      ]),
    ).toBe('Ruth Okafor');
  });

  it('takes the last person of a titled name', () => {
    const text = 'Chief of the Harbour Board Capt. Ivo Marsh said the channel was clear.';
    expect(
      speakerOf(text, 'Chief of the Harbour Board Capt. Ivo Marsh', [
        ['Harbour Board', 'ORG'],
        ['Ivo Marsh', 'PER'],
      ]),
    ).toBe('Ivo Marsh');
  });

  it('takes the organisation when no person is named', () => {
    const text = 'The Dock Street Guild, which runs the market, said stalls would close early.';
    expect(
      speakerOf(text, 'The Dock Street Guild, which runs the market', [
        ['Dock Street Guild', 'ORG'],
        ['Ashford', 'LOC'],
      ]),
    ).toBe('Dock Street Guild');
  });

  it('resolves "she" to the nearest person before it and "they" to the nearest organisation', () => {
    const text = 'Mara Lind met the Dock Street Guild. She said the talks went well. They said nothing.';
    const named: Array<[string, EntityType]> = [
      ['Mara Lind', 'PER'],
      ['Dock Street Guild', 'ORG'],
    ];
    expect(speakerOf(text, 'She', named)).toBe('Mara Lind');
    expect(speakerOf(text, 'They', named)).toBe('Dock Street Guild');
  });

  it('leaves an unnamed source unresolved', () => {
    const text = 'Officials said the bridge would reopen.';
    expect(speakerOf(text, 'Officials', [['Mara Lind', 'PER']])).toBeUndefined();
  });
});
