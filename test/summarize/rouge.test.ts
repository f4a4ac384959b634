import { describe, expect, it } from 'vitest';
import { porterStem } from '../../src/summarize/porter-stemmer.js';
import { lcsLength, rougeScores, rougeTokens } from '../../src/summarize/rouge.js';

describe('porterStem (NLTK mode)', () => {
  it('gives the stems of the published algorithm', () => {
    const cases: [string, string][] = [
      ['caresses', 'caress'],
      ['ponies', 'poni'],
      ['cats', 'cat'],
      ['agreed', 'agre'],
      ['plastered', 'plaster'],
      ['motoring', 'motor'],
      ['hopping', 'hop'],
      ['falling', 'fall'],
      ['hissing', 'hiss'],
      ['filing', 'file'],
      ['sized', 'size'],
      ['happy', 'happi'],
      ['relational', 'relat'],
      ['conditional', 'condit'],
      ['rational', 'ration'],
      ['vietnamization', 'vietnam'],
      ['hopefulness', 'hope'],
      ['replacement', 'replac'],
      ['adoption', 'adopt'],
      ['generous', 'gener'],
      ['generously', 'gener'],
      ['running', 'run'],
    ];
    for (const [word, stem] of cases) expect(porterStem(word), word).toBe(stem);
  });

  it('applies the NLTK extensions', () => {
    expect(porterStem('ties')).toBe('tie'); // 4-letter -ies keeps -ie
    expect(porterStem('died')).toBe('die'); // 4-letter -ied
    expect(porterStem('spied')).toBe('spi');
    expect(porterStem('skies')).toBe('sky'); // irregular forms
    expect(porterStem('dying')).toBe('die');
    expect(porterStem('news')).toBe('news');
  });
});

describe('rougeTokens', () => {
  it('lower-cases, splits on anything outside [a-z0-9], stems only words longer than 3', () => {
    expect(rougeTokens("U.S. officials don't RUN; café 3.5")).toEqual([
      'u',
      's',
      'offici',
      'don',
      't',
      'run',
      'caf',
      '3',
      '5',
    ]);
    expect(rougeTokens('ran runs')).toEqual(['ran', 'run']);
    expect(rougeTokens('  — … ')).toEqual([]);
  });
});

describe('rougeScores', () => {
  it('scores one changed word (worked by hand)', () => {
    const s = rougeScores('The cat sat on the mat.', 'The cat lay on the mat.');
    expect(s.rouge1.fmeasure).toBeCloseTo(5 / 6, 12); // the×2 cat on mat
    expect(s.rouge2.fmeasure).toBeCloseTo(3 / 5, 12); // the cat, on the, the mat
    expect(s.rougeL.fmeasure).toBeCloseTo(5 / 6, 12); // the cat on the mat
  });

  it('counts stemmed forms as the same word and clips repeats', () => {
    const s = rougeScores('running runs', 'run');
    expect(s.rouge1).toEqual({ precision: 1, recall: 0.5, fmeasure: 2 / 3 });
    expect(s.rouge2).toEqual({ precision: 0, recall: 0, fmeasure: 0 });
  });

  it('gives zeros for empty texts', () => {
    const s = rougeScores('', 'something here');
    for (const t of ['rouge1', 'rouge2', 'rougeL', 'rougeLsum'] as const) expect(s[t].fmeasure).toBe(0);
  });

  it('scores ROUGE-Lsum line by line with the union LCS (worked by hand)', () => {
    // Reference lines: [a b c d] [e f]; prediction lines: [a b x] [c d e].
    // Line 1 unions LCS {a b} and {c d} = 4 hits; line 2 gets {e} = 1 hit.
    // P = 5/6, R = 5/6, whereas summary-wide ROUGE-L would find a b c d e too.
    const s = rougeScores('a b c d\ne f', 'a b x\nc d e\n\n');
    expect(s.rougeLsum.precision).toBeCloseTo(5 / 6, 12);
    expect(s.rougeLsum.recall).toBeCloseTo(5 / 6, 12);
    // Order across lines does not matter to ROUGE-Lsum but does to ROUGE-L.
    const swapped = rougeScores('a b c d\ne f', 'c d e\na b x');
    expect(swapped.rougeLsum.fmeasure).toBeCloseTo(s.rougeLsum.fmeasure, 12);
    expect(swapped.rougeL.fmeasure).toBeLessThan(s.rougeL.fmeasure);
  });

  it('takes the union of LCS positions in each reference line', () => {
    // Reference line [a a]; prediction lines [a] [a] [a]: each line's LCS is the same
    // reference position, so the union holds one hit: P = 1/3, R = 1/2.
    const s = rougeScores('a a', 'a\na\na');
    expect(s.rougeLsum.recall).toBeCloseTo(1 / 2, 12);
    expect(s.rougeLsum.precision).toBeCloseTo(1 / 3, 12);
    // Summary-wide, ROUGE-1 clips to the two reference tokens.
    expect(s.rouge1.recall).toBe(1);
    expect(s.rouge1.precision).toBeCloseTo(2 / 3, 12);
  });

  it('computes the LCS length', () => {
    expect(lcsLength(['a', 'b', 'c', 'b'], ['b', 'c', 'b', 'a'])).toBe(3);
    expect(lcsLength([], ['a'])).toBe(0);
  });
});
