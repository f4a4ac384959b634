import { describe, expect, it } from 'vitest';
import {
  addSentence,
  chunksOf,
  conllDocuments,
  newCounts,
  parseConll,
  scoreCounts,
} from '../../src/entities/conll.js';
import { chunksOfTagIds, TAGS } from '../../src/entities/tags.js';

describe('parseConll', () => {
  it('reads the last column as the tag, splits on blank lines and skips -DOCSTART-', () => {
    const text = [
      '-DOCSTART- -X- O O',
      '',
      'Kane NNP I-NP I-PER',
      'spoke VBD I-VP O',
      '',
      'In IN I-PP O',
      'Oslo NNP I-NP I-LOC',
      '',
      '-DOCSTART- -X- O O',
      '',
      'Rain NN I-NP O',
    ].join('\n');
    const s = parseConll(text);
    expect(s.map((x) => x.words)).toEqual([['Kane', 'spoke'], ['In', 'Oslo'], ['Rain']]);
    expect(s[0]!.tags).toEqual(['I-PER', 'O']);
    expect(s.map((x) => x.docStart)).toEqual([true, false, true]);
  });

  it('groups by -DOCSTART- when present, else in windows', () => {
    const s = parseConll('a X X O\n\nb X X O\n\nc X X O\n');
    expect(conllDocuments(s, 2).map((d) => d.length)).toEqual([2, 1]);
    const marked = parseConll('-DOCSTART- X X O\n\na X X O\n\nb X X O\n\n-DOCSTART- X X O\n\nc X X O\n');
    expect(conllDocuments(marked, 1).map((d) => d.length)).toEqual([2, 1]);
  });
});

describe('chunksOf (conlleval chunk boundaries)', () => {
  it('IOB2: every chunk starts with B-', () => {
    expect(chunksOf(['B-PER', 'I-PER', 'O', 'B-LOC'])).toEqual([
      { type: 'PER', start: 0, end: 2 },
      { type: 'LOC', start: 3, end: 4 },
    ]);
  });

  it('IOB1: I- after O starts a chunk; B- splits two adjacent chunks of one type', () => {
    expect(chunksOf(['O', 'I-ORG', 'I-ORG', 'B-ORG', 'O'])).toEqual([
      { type: 'ORG', start: 1, end: 3 },
      { type: 'ORG', start: 3, end: 4 },
    ]);
  });

  it('IOB1: I- at the very start starts a chunk', () => {
    expect(chunksOf(['I-PER', 'I-PER'])).toEqual([{ type: 'PER', start: 0, end: 2 }]);
  });

  it('a type change inside I- tags ends one chunk and starts another', () => {
    expect(chunksOf(['I-PER', 'I-LOC', 'I-LOC'])).toEqual([
      { type: 'PER', start: 0, end: 1 },
      { type: 'LOC', start: 1, end: 3 },
    ]);
    expect(chunksOf(['B-PER', 'I-ORG'])).toEqual([
      { type: 'PER', start: 0, end: 1 },
      { type: 'ORG', start: 1, end: 2 },
    ]);
  });

  it('reads BILOU (L ends, U is a unit chunk)', () => {
    expect(chunksOf(['U-LOC', 'B-PER', 'I-PER', 'L-PER', 'U-PER'])).toEqual([
      { type: 'LOC', start: 0, end: 1 },
      { type: 'PER', start: 1, end: 4 },
      { type: 'PER', start: 4, end: 5 },
    ]);
  });
});

describe('entity-level scoring', () => {
  it('counts exact span-and-type matches only (hand-worked)', () => {
    const counts = newCounts();
    // gold: PER[0,2) LOC[3,4); predicted: PER[0,1) (wrong span), LOC[3,4) (right)
    addSentence(counts, ['B-PER', 'I-PER', 'O', 'B-LOC'], ['B-PER', 'O', 'O', 'B-LOC']);
    // gold: ORG[0,1); predicted: LOC[0,1) (wrong type), MISC[2,3) (spurious)
    addSentence(counts, ['B-ORG', 'O', 'O'], ['B-LOC', 'O', 'B-MISC']);
    const s = scoreCounts(counts);
    expect(s.sentences).toBe(2);
    // 1 correct of 4 predicted, 3 gold
    expect(s.precision).toBeCloseTo(1 / 4);
    expect(s.recall).toBeCloseTo(1 / 3);
    expect(s.f1).toBeCloseTo((2 * (1 / 4) * (1 / 3)) / (1 / 4 + 1 / 3));
    expect(s.perType['LOC']).toMatchObject({ precision: 0.5, recall: 1, gold: 1, predicted: 2 });
    expect(s.perType['PER']).toMatchObject({ precision: 0, recall: 0 });
    expect(s.perType['MISC']).toMatchObject({ gold: 0, predicted: 1, precision: 0 });
  });

  it('scores an IOB1 gold against an IOB2 prediction of the same chunks as perfect', () => {
    const counts = newCounts();
    addSentence(counts, ['I-ORG', 'I-ORG', 'O', 'I-PER'], ['B-ORG', 'I-ORG', 'O', 'B-PER']);
    expect(scoreCounts(counts).f1).toBe(1);
  });
});

describe('chunksOfTagIds', () => {
  it('gives the chunks chunksOf gives for the same tags as strings, well-formed or not', () => {
    let seed = 11;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed >>> 8;
    };
    for (let round = 0; round < 300; round++) {
      const ids = Array.from({ length: 1 + (next() % 9) }, () =>
        next() % 3 === 0 ? 0 : next() % TAGS.length,
      );
      expect(chunksOfTagIds(ids)).toEqual(chunksOf(ids.map((t) => TAGS[t]!)));
    }
    expect(chunksOfTagIds([1, 2, 3, 0, 8])).toEqual([
      { type: 'PER', start: 0, end: 3 },
      { type: 'ORG', start: 4, end: 5 },
    ]);
  });
});
