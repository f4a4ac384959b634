import { describe, expect, it } from 'vitest';
import { porterStem } from '../../src/summarize/porter-stemmer.js';
import { articleWords, isStopword, sentenceTokens } from '../../src/summarize/sentence-words.js';

/** The words of one span as the summarizer defines them, computed directly: lower-cased [a-z0-9] runs, stemmed past 3 characters. */
function reference(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9]+/g) ?? []).map((w) => (w.length > 3 ? porterStem(w) : w));
}

/** A word of letters only, distinct for each k. */
function wordOf(k: number): string {
  let s = 'q';
  for (let x = k; ; x = Math.floor(x / 26) - 1) {
    s += String.fromCharCode(97 + (x % 26));
    if (x < 26) break;
  }
  return s;
}

describe('articleWords', () => {
  it('gives each stem one article-local id, in order of first meeting', () => {
    const text = 'Ministers WARNED the minister. 2024 warnings: the minister warns!';
    const spans = [
      { start: 0, end: 30 },
      { start: 31, end: text.length },
    ];
    const words = articleWords(text, spans);
    expect(words.count).toBe(2);
    expect(sentenceTokens(words)).toEqual([reference(text.slice(0, 30)), reference(text.slice(31))]);
    // One id per distinct stem, numbered as first met.
    const distinct = [...new Set(reference(text))];
    expect(words.vocabulary).toBe(distinct.length);
    expect(words.stems).toEqual(distinct);
    const the = distinct.indexOf('the');
    expect(words.content[the]).toBe(0);
    expect(words.content[distinct.indexOf(porterStem('ministers'))]).toBe(1);
    expect(words.numeric[distinct.indexOf('2024')]).toBe(1);
    expect(words.numeric[the]).toBe(0);
    // The same word's hash in a later article, and ids there start again at 0.
    const again = articleWords('the 2024', [{ start: 0, end: 8 }]);
    expect(again.stems).toEqual(['the', '2024']);
    expect([...again.flat.subarray(0, 2)]).toEqual([0, 1]);
    expect(again.hashes[0]).toBe(words.hashes[the]);
    expect(again.hashes[0]).not.toBe(words.hashes[distinct.indexOf('2024')]);
  });

  it('keeps ids and stems right past tens of thousands of distinct words in one article and across articles', () => {
    const list: string[] = [];
    for (let k = 0; k < 40_000; k++) list.push(wordOf(k));
    // Every word twice, the second time capitalised: the same stem, the same id.
    const text = `${list.join(' ')} ${list.map((w) => w.toUpperCase()).join(' ')}`;
    const half = list.join(' ').length;
    const words = articleWords(text, [
      { start: 0, end: half },
      { start: half + 1, end: text.length },
    ]);
    const [first, second] = sentenceTokens(words);
    expect(first).toEqual(reference(text.slice(0, half)));
    expect(second).toEqual(first);
    const distinct = new Set(first);
    expect(words.vocabulary).toBe(distinct.size);
    for (let k = 0; k < words.vocabulary; k++)
      expect(words.content[k]).toBe(isStopword(words.stems[k]!) ? 0 : 1);
    // A second article of other words over the same table.
    const other = list
      .slice(0, 500)
      .map((w) => `${w}x`)
      .join(' ');
    const next = articleWords(other, [{ start: 0, end: other.length }]);
    expect(sentenceTokens(next)[0]).toEqual(reference(other));
  });

  it('keeps one id per stem in an article of more distinct words than the raw table holds', () => {
    // Past FULL (0.9 of 2^18 raw words) the raw table is emptied within the article and the
    // stems are kept, so the stem columns grow past their starting size (2^18).
    const list: string[] = [];
    for (let k = 0; k < 280_000; k++) list.push(wordOf(k));
    const text = `${list.join(' ')} ${list.slice(0, 1000).join(' ')}`;
    const words = articleWords(text, [{ start: 0, end: text.length }]);
    const [tokens] = sentenceTokens(words);
    expect(tokens).toEqual(reference(text));
    expect(words.vocabulary).toBe(new Set(tokens).size);
    // The words repeated at the end have the ids of their first occurrence.
    const n = list.length;
    expect([...words.flat.subarray(n, n + 1000)]).toEqual([...words.flat.subarray(0, 1000)]);
  });
});
