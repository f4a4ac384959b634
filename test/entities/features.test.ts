import { describe, expect, it } from 'vitest';
import {
  documentEvidence,
  extractSentence,
  FeatureSpace,
  gazetteerIds,
  IN_NAME_LAST,
  isHeadline,
  KeyBuffer,
  SEEN_CAP_MID,
  SEEN_LOWER_MID,
  Slot,
} from '../../src/entities/features.js';
import { caseFlags, clusterWordKey, shortRunShape, wordShape } from '../../src/entities/word-features.js';

describe('word features', () => {
  it('shapes', () => {
    expect(wordShape('Dunford')).toBe('Xx');
    expect(wordShape('U.S.')).toBe('X.X.');
    expect(wordShape('1996-08-22')).toBe('d-d-d');
    expect(wordShape('Émile')).toBe('Xx');
    expect(shortRunShape('Dunford')).toBe('Xxx');
    expect(shortRunShape('NATO')).toBe('XX');
    expect(shortRunShape('1996')).toBe('dd');
  });

  it('case flags', () => {
    expect(caseFlags('Dunford')).toBe('Ux');
    expect(caseFlags('NATO')).toBe('UU');
    expect(caseFlags('A')).toBe('U1');
    expect(caseFlags('McDonald')).toBe('Um');
    expect(caseFlags('iPhone')).toBe('xU');
    expect(caseFlags('said')).toBe('xx');
    expect(caseFlags('1996-08-22')).toBe('od-');
    expect(caseFlags('U.S.')).toBe('UU.');
  });

  it('cluster keys fold case and digits', () => {
    expect(clusterWordKey('London')).toBe('london');
    expect(clusterWordKey('1996')).toBe('0000');
  });
});

const space = (gazetteer = new Map<string, string>()) =>
  new FeatureSpace({ clusters: new Map([['london', Int32Array.from([5, 4, 3, 2])]]), gazetteer, grow: true });

describe('FeatureSpace', () => {
  it('gives each word its attribute ids, with clusters from the table', () => {
    const s = space();
    const w = s.word('London');
    expect(s.vocab.get('w:London')).toBe(w.ids[Slot.W]);
    expect(s.vocab.get('l:london')).toBe(w.ids[Slot.L]);
    expect(s.vocab.get('c0:5')).toBe(w.ids[Slot.C0]);
    const unclustered = s.word('Zzyzx').ids[Slot.C0];
    expect(s.vocab.get('c0:none')).toBe(unclustered);
    expect(w.cap).toBe(true);
    expect(w.allCaps).toBe(false);
  });

  it('does not grow its vocabulary once frozen: unseen strings get -1', () => {
    const s = space();
    s.word('London');
    s.grow = false;
    const size = s.vocab.size;
    expect(s.word('Qwertyville').ids[Slot.W]).toBe(-1);
    expect(s.vocab.size).toBe(size);
  });
});

describe('gazetteer matches', () => {
  it('marks the longest match with its place and types', () => {
    const s = space(
      new Map([
        ['New York', 'LOC'],
        ['New York Times', 'ORG'],
      ]),
    );
    const ids = gazetteerIds(s, ['the', 'New', 'York', 'Times', 'said']);
    const names = [...ids].map((i) => (i < 0 ? null : [...s.vocab].find(([, v]) => v === i)![0]));
    expect(names).toEqual([null, 'g:B-ORG', 'g:I-ORG', 'g:L-ORG', null]);
  });
});

describe('document evidence', () => {
  it('records how a form is written mid-sentence and whether it ends a name', () => {
    const s = space();
    const sents = [
      ['Gen.', 'Joseph', 'Dunford', 'arrived'],
      ['Dunford', 'said', 'the', 'Report', 'was', 'ready'],
      ['A', 'report', 'followed'],
    ].map((x) => x.map((w) => s.word(w)));
    const e = documentEvidence(sents);
    expect(e.get('dunford')!.flags & SEEN_CAP_MID).toBeTruthy();
    expect(e.get('dunford')!.flags & IN_NAME_LAST).toBeTruthy();
    expect(e.get('report')!.flags & SEEN_LOWER_MID).toBeTruthy();
    expect(e.get('dunford')!.before).toContain(s.vocab.get('l:joseph'));
  });

  it('starts afresh for each document, though the forms are shared objects', () => {
    const s = space();
    const first = documentEvidence([['Then', 'Dunford', 'left'].map((w) => s.word(w))]);
    const second = documentEvidence([['the', 'dunford', 'cable'].map((w) => s.word(w))]);
    expect(first.get('dunford')!.flags & SEEN_CAP_MID).toBeTruthy();
    expect(second.get('dunford')!.flags & SEEN_CAP_MID).toBeFalsy();
    expect(second.get('dunford')!.flags & SEEN_LOWER_MID).toBeTruthy();
    expect(second.get('dunford')!.before).toEqual([]);
    expect(second.has('then')).toBe(false);
  });

  it('treats an all-capitals sentence as a headline', () => {
    const s = space();
    expect(isHeadline(['RAIN', 'HITS', 'OSLO', '.'].map((w) => s.word(w)))).toBe(true);
    expect(isHeadline(['Rain', 'hits', 'OSLO'].map((w) => s.word(w)))).toBe(false);
  });
});

describe('extractSentence', () => {
  it('is deterministic and gives every token features, context included', () => {
    const s = space();
    const words = ['Kane', 'visited', 'London', '.'];
    const infos = words.map((w) => s.word(w));
    const ev = documentEvidence([infos]);
    const a = new KeyBuffer();
    const b = new KeyBuffer();
    extractSentence(s, words, infos, ev, a);
    extractSentence(s, words, infos, ev, b);
    expect(Array.from(a.keys.subarray(0, a.n))).toEqual(Array.from(b.keys.subarray(0, b.n)));
    for (let i = 0; i < words.length; i++) expect(a.offsets[i + 1]! - a.offsets[i]!).toBeGreaterThan(30);
    expect(a.offsets[words.length]).toBe(a.n);
    // Changing a neighbour changes the features of the token beside it.
    const other = ['Kane', 'visited', 'Paris', '.'];
    const oi = other.map((w) => s.word(w));
    extractSentence(s, other, oi, documentEvidence([oi]), b);
    const feats = (buf: KeyBuffer, i: number) =>
      Array.from(buf.keys.subarray(buf.offsets[i]!, buf.offsets[i + 1]!));
    expect(feats(a, 1)).not.toEqual(feats(b, 1));
  });
});

describe('parseClusters', () => {
  it('reads word → cluster ids at each level, skipping the header', async () => {
    const { parseClusters } = await import('../../src/entities/model-io.js');
    const m = parseClusters('# header\nlondon\t5 4 3 2\nparis\t5 4 3 2\nsaid\t7 1 0 0\n');
    expect([...m.keys()]).toEqual(['london', 'paris', 'said']);
    expect(Array.from(m.get('said')!)).toEqual([7, 1, 0, 0]);
    expect(Array.from(m.get('paris')!)).toEqual([5, 4, 3, 2]);
  });
});
