import { describe, expect, it } from 'vitest';
import { selectByScore } from '../../src/summarize/select.js';
import { type ItemOptions, selectItems } from '../../src/summarize/select-items.js';
import { type ArticleWords, articleWords, sentenceTokens } from '../../src/summarize/sentence-words.js';
import type { StandAlone } from '../../src/summarize/stand-alone.js';

const words = (s: string) => s.split(' ');

/** The summarizer's words of sentences given as word lists (one text, a sentence a line). */
function wordsOf(sentences: readonly string[][]): ArticleWords {
  const lines = sentences.map((s) => s.join(' '));
  const spans = [];
  let at = 0;
  for (const line of lines) {
    spans.push({ start: at, end: at + line.length });
    at += line.length + 1;
  }
  return articleWords(lines.join('\n'), spans);
}

const tokens = [
  words('the ferry sailed again on saturday after repairs'),
  words('we waited all winter said the baker on the quay'),
  words('now the bread crosses the water before eight'),
  words('tickets cost four pounds for adults and two for children'),
  words('a second boat joins the route in two years'),
  words('the county paid for the new engines'),
];

/** Flags from a list of [sentence, first, last] needs; the rest stand alone. */
function needs(list: [number, number, number][], n = tokens.length): StandAlone {
  const flags = new Uint8Array(n);
  const first = Int32Array.from({ length: n }, (_, i) => i);
  const last = Int32Array.from(first);
  for (const [i, f, l] of list) {
    flags[i] = 1;
    first[i] = f;
    last[i] = l;
  }
  return { flags, first, last };
}

const ferry = wordsOf(tokens);

const options: ItemOptions = {
  k: 3,
  maxK: 4,
  extraThreshold: 10,
  blockTrigrams: true,
  minWords: 3,
  maxGap: 2,
};

describe('selectItems', () => {
  const scores = [0.9, 0.2, 0.8, 0.7, 0.6, 0.1];

  it('chooses exactly what selectByScore chooses when every sentence stands alone', () => {
    const items = selectItems(scores, ferry, needs([]), options);
    expect(items.map((r) => r.first)).toEqual(selectByScore(scores, sentenceTokens(ferry), options));
    expect(items.every((r) => r.first === r.last)).toBe(true);
  });

  it('takes a flagged sentence with the sentence it needs, as one item', () => {
    const items = selectItems(scores, ferry, needs([[2, 1, 2]]), options);
    expect(items).toEqual([
      { first: 0, last: 0 },
      { first: 1, last: 2 },
      { first: 3, last: 3 },
    ]);
  });

  it('passes over a flagged sentence whose attribution is not found, or too far', () => {
    const unknown = selectItems(scores, ferry, needs([[2, -1, 2]]), options);
    expect(unknown.map((r) => r.first)).toEqual([0, 3, 4]);
    const far = selectItems(scores, ferry, needs([[4, 0, 4]]), options);
    expect(far.map((r) => [r.first, r.last])).toEqual([
      [0, 0],
      [2, 2],
      [3, 3],
    ]);
  });

  it('follows the needs of the sentences an item takes in', () => {
    // 3 needs 2, which needs 1: one item of three sentences.
    const items = selectItems(
      [0.1, 0.2, 0.3, 0.9, 0.05, 0.01],
      ferry,
      needs([
        [3, 2, 3],
        [2, 1, 2],
      ]),
      { ...options, k: 1 },
    );
    expect(items).toEqual([{ first: 1, last: 3 }]);
  });

  it('joins an item with one it reaches into, and keeps the sentences shown within maxSentences', () => {
    // 0 is chosen first; 1 needs 0: they become one item, and two more are chosen.
    const joined = selectItems([0.9, 0.8, 0.1, 0.7, 0.6, 0.05], ferry, needs([[1, 0, 1]]), options);
    expect(joined).toEqual([
      { first: 0, last: 1 },
      { first: 3, last: 3 },
      { first: 4, last: 4 },
    ]);
    // 4 needs 2 (and 3, already chosen): two more sentences beside the two chosen are too many.
    const capped = selectItems([0.9, 0.1, 0.2, 0.8, 0.7, 0.6], ferry, needs([[4, 2, 4]]), {
      ...options,
      maxSentences: 3,
    });
    expect(capped.map((r) => r.first)).toEqual([0, 3, 5]);
  });

  it('judges redundancy on the chosen sentence, not on the attribution brought along', () => {
    const t = [
      words('the calder street market reopened on friday'),
      words('people kept asking said the calder street traders chair'),
      words('tonight we finally had an answer to that'),
      words('stalls must close by eleven at night now'),
    ];
    const items = selectItems([0.9, 0.1, 0.8, 0.7], wordsOf(t), needs([[2, 1, 2]], 4), options);
    expect(items).toEqual([
      { first: 0, last: 0 },
      { first: 1, last: 2 },
      { first: 3, last: 3 },
    ]);
  });
});
