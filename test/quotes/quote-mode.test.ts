/** Quote.mode: the quotes stage labels what each quote reports (sentences written for the project). */
import { describe, expect, it } from 'vitest';
import { ArticleSchema } from '../../src/article/schema.js';
import { cueMode, sourceMode } from '../../src/quotes/cue-mode.js';
import { findQuotes } from '../../src/quotes/index.js';
import { articleOf } from './quote-helpers.js';

/** Each quote of the text as "cue → mode". */
function modes(text: string): string[] {
  return findQuotes(articleOf(text)).map((q) => `${text.slice(q.cue.start, q.cue.end)} → ${q.mode}`);
}

describe('the quotes stage sets Quote.mode', () => {
  it('labels said, believes, wants, saw and according to', () => {
    expect(modes('The harbour master said the quay would reopen in May.')).toEqual(['said → speech']);
    expect(modes('The harbour master believes the quay will reopen in May.')).toEqual(['believes → belief']);
    expect(modes('The harbour master wants the quay to reopen in May.')).toEqual(['wants → intention']);
    expect(modes('Police observed that the gate had been forced.')).toEqual(['observed → perception']);
    expect(modes('The pier will stay shut until spring, according to the harbour master.')).toEqual([
      'according to → speech',
    ]);
  });

  it('reads "according to" by its source: a report or figures are evidence, a person speech', () => {
    expect(modes('The pier will stay shut, according to a report by the harbour board.')).toEqual([
      'according to → evidence',
    ]);
    expect(modes('Passenger numbers fell by a third, according to official figures.')).toEqual([
      'according to → evidence',
    ]);
    expect(modes('The pier will stay shut, according to Mayor Ana Costa.')).toEqual([
      'according to → speech',
    ]);
    // The document word leading the source's noun phrase or ending it, before "by", "from", "released" …
    expect(sourceMode('harbour board figures released on Friday')).toBe('evidence');
    expect(sourceMode('ferry operator estimates')).toBe('evidence');
    expect(sourceMode('a recent survey of skippers')).toBe('evidence');
    expect(sourceMode('the harbour board')).toBe('speech');
    expect(sourceMode('a report earlier this year')).toBe('evidence');
    expect(sourceMode('analysts at the port')).toBe('speech');
  });

  it('sets adverbs of time before the verb aside, as auxiliaries are ("first proposed", "had earlier agreed")', () => {
    for (const [text, cue, mode] of [
      ['The council first proposed a toll in 2019.', 'first proposed', 'intention'],
      ['The crew had earlier agreed to sail at dawn.', 'had earlier agreed', 'intention'],
      ['The skipper again denied that the nets were illegal.', 'again denied', 'speech'],
      ['The owners already expect a loss this year.', 'already expect', 'belief'],
    ] as const) {
      const start = text.indexOf(cue);
      expect(cueMode(text, { cue: { start, end: start + cue.length } })).toBe(mode);
    }
  });

  it('reads a "saw" cue as perception (the stage finds few: PolNeAR marks "X saw …" as a cue)', () => {
    const text = 'Deckhands on the ferry saw the pier give way.';
    const start = text.indexOf('saw');
    expect(cueMode(text, { cue: { start, end: start + 3 } })).toBe('perception');
  });

  it('sets a mode on every quote, and the Article still meets the schema', () => {
    const text =
      '“We will not close the library,” the mayor said. Residents fear the branch will shut, and the council plans to sell the hall. A survey found that most members read at weekends.';
    const article = { ...articleOf(text), quotes: findQuotes(articleOf(text)) };
    expect(article.quotes.length).toBeGreaterThanOrEqual(3);
    for (const q of article.quotes) expect(q.mode).toBeDefined();
    expect(new Set(article.quotes.map((q) => q.mode))).toEqual(
      new Set(['speech', 'belief', 'intention', 'evidence']),
    );
    expect(ArticleSchema['~standard'].validate(article)).not.toHaveProperty('issues');
  });

  it('keeps a mode outside the five out of the contract', () => {
    const text = 'The mayor said the quay is safe.';
    const bad = {
      ...articleOf(text),
      quotes: [{ kind: 'reported', mode: 'rumour', start: 19, end: 31, cue: { start: 10, end: 14 } }],
    };
    expect(ArticleSchema['~standard'].validate(bad)).toHaveProperty('issues');
  });
});
