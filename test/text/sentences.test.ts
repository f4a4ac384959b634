import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { looksLowercased, sentenceOffsets, sentenceSpans } from '../../src/text/sentences.js';

interface Case {
  phenomenon: string;
  text: string;
  sentences: string[];
}

const cases = JSON.parse(
  readFileSync(new URL('../fixtures/text/news-sentences.json', import.meta.url), 'utf8'),
) as Case[];

const split = (text: string, options = {}) =>
  sentenceSpans(text, 0, text.length, options).map((s) => text.slice(s.start, s.end));

describe('sentenceSpans on news phenomena (test/fixtures/text/news-sentences.json)', () => {
  for (const c of cases) {
    it(`${c.phenomenon}: ${c.text.slice(0, 60).replace(/\n/g, ' / ')}`, () => {
      expect(split(c.text)).toEqual(c.sentences);
    });
  }

  it('covers every phenomenon the text stage promises', () => {
    const covered = new Set(cases.map((c) => c.phenomenon));
    for (const p of [
      'titles',
      'party-state',
      'country abbreviation',
      'time',
      'numbers and dates',
      'places',
      'companies',
      'initials',
      'money and decimals',
      'ellipsis',
      'quote after period',
      'dateline',
      'em-dash aside',
      'headline',
      'list items',
      'lowercased PTB',
    ]) {
      expect(covered.has(p), p).toBe(true);
    }
  });
});

describe('sentenceSpans: spans', () => {
  it('returns ordered, non-overlapping, trimmed spans inside [start, end)', () => {
    const text =
      '  Ferry service resumes.  The harbour ferry ran again on Monday.\n\n  Capt. Ines Moreau spoke.  ';
    const spans = sentenceSpans(text);
    expect(spans.length).toBe(3);
    let last = 0;
    for (const s of spans) {
      expect(s.start).toBeGreaterThanOrEqual(last);
      expect(s.end).toBeGreaterThan(s.start);
      const t = text.slice(s.start, s.end);
      expect(t).toBe(t.trim());
      last = s.end;
    }
  });

  it('segments only the range it is given, with offsets into the whole text', () => {
    const text = 'Before. The range starts here. It ends here. After.';
    const start = text.indexOf('The range');
    const end = text.indexOf(' After');
    const spans = sentenceSpans(text, start, end);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['The range starts here.', 'It ends here.']);
  });

  it('never crosses a blank line, even without final punctuation', () => {
    expect(split('Council votes on budget\n\nthe meeting ran late')).toEqual([
      'Council votes on budget',
      'the meeting ran late',
    ]);
  });

  it('returns nothing for empty or blank text', () => {
    expect(sentenceSpans('')).toEqual([]);
    expect(sentenceSpans(' \n\n \t')).toEqual([]);
  });

  it('gives the flat offsets form the same boundaries', () => {
    const text = 'One sentence here. Another one there.';
    const flat = sentenceOffsets(text);
    expect(flat).toEqual([0, 18, 19, 37]);
  });
});

describe('sentenceSpans: decisions that depend on the next word', () => {
  it('keeps an initial before a surname but ends a sentence on a capital letter word before a starter', () => {
    expect(split('The award went to Maria T. Okafor of Lagos.')).toHaveLength(1);
    expect(split('Voters backed plan B. The council agreed.')).toEqual([
      'Voters backed plan B.',
      'The council agreed.',
    ]);
  });

  it('does not end a sentence at a period followed by lower case in ordinary text', () => {
    expect(split('The firm, known as Pell Bros. in town, closed.')).toHaveLength(1);
    expect(split('Prices rose (by 4 percent.) in the spring.')).toHaveLength(1);
  });

  it('ends a sentence after a number followed by a capital', () => {
    expect(split('The count stood at 1,204. Officials expect more.')).toEqual([
      'The count stood at 1,204.',
      'Officials expect more.',
    ]);
  });

  it('does not end a sentence after e.g. or vs.', () => {
    expect(split('Some towns, e.g. Harwick, saw floods. Others did not.')).toHaveLength(2);
    expect(split('The case, Pell vs. Harwick Council, resumes today.')).toHaveLength(1);
  });
});

describe('lower-cased text', () => {
  it('is detected from the share of capitals', () => {
    expect(looksLowercased('the man said . it was over , he said . nobody else spoke at the hearing .')).toBe(
      true,
    );
    expect(looksLowercased('The man said it was over. Nobody else spoke at the hearing, he said.')).toBe(
      false,
    );
  });

  it('can be forced either way', () => {
    const text = 'the vote passed. officials left.';
    expect(split(text, { lowercase: false })).toHaveLength(1);
    expect(split(text, { lowercase: true })).toHaveLength(2);
  });
});
