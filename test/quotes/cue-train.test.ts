/** The cue tagger's training options (src/quotes/cue-train.ts): the plain perceptron by default. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modelFile } from '../../src/models.js';
import { countCues, prepare } from '../../src/quotes/cue-counts.js';
import { type CueLexiconFile, lexiconFrom, withCues } from '../../src/quotes/cue-lexicon.js';
import { scoreToken, taggerFrom, unitContext } from '../../src/quotes/cue-tagger.js';
import { DEFAULT_SETTINGS, type TrainSettings, trainTagger } from '../../src/quotes/cue-train.js';
import type { GoldArticle } from '../../src/quotes/eval-quotes.js';
import { findCues } from '../../src/quotes/extract-attributions.js';

/** A gold article of one or more sentences, each "Name verb that …" with the verb (or phrase) as its cue. */
function article(id: string, sentences: [string, string, string][]): GoldArticle {
  let text = '';
  const attributions: GoldArticle['attributions'] = [];
  for (const [before, cue, after] of sentences) {
    if (text) text += ' ';
    const sourceStart = text.length;
    text += before;
    const cueStart = text.length;
    text += cue;
    const cueEnd = text.length;
    text += after;
    attributions.push({
      source: { start: sourceStart, end: cueStart - 1 },
      cue: { start: cueStart, end: cueEnd },
      content: { start: cueEnd + 1, end: text.length - 1 },
    } as GoldArticle['attributions'][number]);
  }
  return { id, text, attributions };
}

const ARTICLES = [
  article('a', [
    ['The mayor ', 'said', ' that the bridge would close.'],
    ['Her rival ', 'argued', ' that the plan was wasteful.'],
  ]),
  article('b', [
    ['The senator ', 'said', ' that taxes would rise.'],
    ['Officials ', 'warned', ' that the storm was near.'],
  ]),
  article('c', [
    ['The union ', 'argued', ' that wages had fallen.'],
    ['The minister ', 'warned', ' that prices would climb.'],
  ]),
];

const lexiconSettings = JSON.parse(readFileSync(modelFile('quotes', 'cues.json'), 'utf8')) as CueLexiconFile;

function train(articles: readonly GoldArticle[], settings: Partial<TrainSettings>, epochs = 3) {
  const prepared = articles.map(prepare);
  const lexicon = lexiconFrom(withCues(lexiconSettings, countCues(prepared)));
  return trainTagger(prepared, lexicon, lexiconSettings, epochs, {
    ...DEFAULT_SETTINGS,
    jackknife: 0,
    ...settings,
  });
}

/** The trained tagger's B-minus-O score at the cue word of a one-sentence article. */
function marginAtCue(file: ReturnType<typeof train>, gold: GoldArticle): number {
  const p = prepare(gold);
  const tagger = taggerFrom(file);
  const n = p.table.count;
  const lexicon = lexiconFrom(withCues(lexiconSettings, countCues([p])));
  const ctx = unitContext(p.table, 0, n, findCues(p.table, 0, n, lexicon));
  const [i] = p.cues[0]!;
  const out = new Float64Array(3);
  scoreToken(p.table, i, 0, n, ctx, tagger, out, 0);
  return out[1]! - out[0]!;
}

describe('trainTagger options', () => {
  it('trains the same model with the options at their plain values as without them', () => {
    const plain = train(ARTICLES, {});
    expect(train(ARTICLES, { costSpurious: 0, costMissed: 0, bags: 1, seed: 0 })).toEqual(plain);
    expect(plain.weights.length).toBeGreaterThan(0);
  });

  it('bags perceptrons into their mean: with one sequence every shuffle is the same, so the mean is the one model', () => {
    const one = [article('d', [['The mayor ', 'said', ' that the bridge would close.']])];
    expect(train(one, { bags: 3 })).toEqual(train(one, {}));
  });

  it('with another seed, shuffles the sequences in another order', () => {
    const many = [...ARTICLES, ...ARTICLES.map((a) => ({ ...a, id: `${a.id}2` }))];
    expect(train(many, { seed: 1 }, 1)).not.toEqual(train(many, {}, 1));
  });

  it('with a cost, keeps updating where the plain perceptron already tags the sentences right', () => {
    const plain = train(ARTICLES, {});
    const costly = train(ARTICLES, { costSpurious: 100, costMissed: 100 });
    // More buckets carry a weight, and the sentences are still tagged as their gold cues.
    expect(costly.weights.length).toBeGreaterThan(plain.weights.length);
    for (const file of [plain, costly]) expect(marginAtCue(file, ARTICLES[1]!)).toBeGreaterThan(0);
  });
});
