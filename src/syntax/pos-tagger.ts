/**
 * A greedy part-of-speech tagger: left to right, each token's tag the best under an
 * averaged perceptron (pos-features.ts) given the two tags before it. Frequent words
 * that nearly always carry one tag take it from the dictionary without scoring.
 * Trained on UD English GUM (scripts/pos-train.ts; models/pos/CARD.md).
 *
 * The scoring adds the rows of posFeatures' eleven keys in its order, into float32 scores as
 * the first version did (pos-reference.ts keeps it, for the tests and scripts/pos-speed.ts to
 * check that the tags are the same), with less work per token: the bias row is a copy of
 * precomputed scores, the shape and two-tag rows are read from small tables by value, and each
 * other key costs one probe whose slot holds the row's place in an array of weight and tag pairs.
 */
import { existsSync } from 'node:fs';
import { modelFile } from '../models.js';
import {
  featureKey,
  NEXT_SUFFIX_TEMPLATE,
  NEXT_WORD_TEMPLATE,
  PREV_SUFFIX_TEMPLATE,
  PREV_WORD_TEMPLATE,
  START,
  START2,
  SUFFIX_PREV_TAG_TEMPLATE,
  SUFFIX_TEMPLATE,
  TokenValues,
  WORD_PREV_TAG_TEMPLATE,
  WORD_TEMPLATE,
} from './pos-features.js';
import { CACHE_MASK, dictTag, loadPosModel, type PosModel, rowOf } from './pos-model.js';

const values = new TokenValues();
const scores = new Float32Array(64);
/**
 * Per token of the sequence, six numbers read from the model's word and suffix caches (copied:
 * a later token may take the same slot): the word's dictionary tag or row, its rows as the
 * previous and the next word, its suffix's row and its rows as the previous and the next suffix.
 */
let rowsAt = new Int32Array(64 * 6);

/** The rows of a token's features after the bias (start * 128 + length in the model's pairs; 0: none), in posFeatures' order. */
const rowList = new Int32Array(10);

/**
 * The place of word hash h in the model's word cache, filled on a miss: the word's dictionary
 * tag (as -1 - tag) or else its own row, then its rows as the previous and as the next word.
 */
function wordEntry(model: PosModel, h: number): number {
  const cache = model.wordCache;
  const i = (h & CACHE_MASK) * 4;
  if (cache[i] !== h) {
    cache[i] = h;
    const d = dictTag(model, h);
    cache[i + 1] = d >= 0 ? -1 - d : rowOf(model, featureKey(WORD_TEMPLATE, h, 0));
    cache[i + 2] = rowOf(model, featureKey(PREV_WORD_TEMPLATE, h, 0));
    cache[i + 3] = rowOf(model, featureKey(NEXT_WORD_TEMPLATE, h, 0));
  }
  return i;
}

/** The place of suffix hash h in the model's suffix cache: its rows as the word's, the previous word's and the next word's suffix. */
function suffixEntry(model: PosModel, h: number): number {
  const cache = model.suffixCache;
  const i = (h & CACHE_MASK) * 4;
  if (cache[i] !== h) {
    cache[i] = h;
    cache[i + 1] = rowOf(model, featureKey(SUFFIX_TEMPLATE, h, 0));
    cache[i + 2] = rowOf(model, featureKey(PREV_SUFFIX_TEMPLATE, h, 0));
    cache[i + 3] = rowOf(model, featureKey(NEXT_SUFFIX_TEMPLATE, h, 0));
  }
  return i;
}

/**
 * The tag codes of tokens [from, to) of `off` (flat offsets into `text`), tagged as one
 * sequence, into out[at … at + to - from) (by default out[from … to)). `before` and
 * `before2` are the tags of the two tokens before `from` when the caller has them (a
 * sequence tagged piece by piece); by default the sequence starts at `from`.
 */
export function tagRange(
  model: PosModel,
  text: string,
  off: ArrayLike<number>,
  from: number,
  to: number,
  out: Uint8Array,
  at = from,
  before = START,
  before2 = START2,
): void {
  const n = to - from;
  if (n <= 0) return;
  values.fill(text, off, from, to);
  if (rowsAt.length < n * 6) rowsAt = new Int32Array(n * 12);
  const { word, suffix, shape } = values;
  const { wordCache: wc, suffixCache: sc } = model;
  const r = rowsAt;
  for (let t = 0; t < n; t++) {
    const wi = wordEntry(model, word[t]!);
    const si = suffixEntry(model, suffix[t]!);
    r[6 * t] = wc[wi + 1]!;
    r[6 * t + 1] = wc[wi + 2]!;
    r[6 * t + 2] = wc[wi + 3]!;
    r[6 * t + 3] = sc[si + 1]!;
    r[6 * t + 4] = sc[si + 2]!;
    r[6 * t + 5] = sc[si + 3]!;
  }
  const T = model.tagCount;
  const { pairWeights: pw, pairTags: pt, biasScores, shapeRows, prevRows, edgeRows } = model;
  let prev = before;
  let prev2 = before2;
  for (let t = 0; t < n; t++) {
    const self = r[6 * t]!;
    let best = -1 - self;
    if (self >= 0) {
      // posFeatures' keys in its order: bias, word, suffix, the two tags, word and tag, the
      // previous word and suffix, the next word and suffix, shape, suffix and tag.
      const list = rowList;
      list[0] = self;
      list[1] = r[6 * t + 3]!;
      list[2] = prevRows[prev * 64 + prev2]!;
      list[3] = rowOf(model, featureKey(WORD_PREV_TAG_TEMPLATE, word[t]!, prev));
      list[4] = t > 0 ? r[6 * t - 5]! : edgeRows[0]!;
      list[5] = t > 0 ? r[6 * t - 2]! : edgeRows[1]!;
      list[6] = t + 1 < n ? r[6 * t + 8]! : edgeRows[2]!;
      list[7] = t + 1 < n ? r[6 * t + 11]! : edgeRows[3]!;
      list[8] = shapeRows[shape[t]!]!;
      list[9] = rowOf(model, featureKey(SUFFIX_PREV_TAG_TEMPLATE, suffix[t]!, prev));
      scores.set(biasScores);
      for (let f = 0; f < 10; f++) {
        const row = list[f]!;
        for (let k = row >> 7, end = k + (row & 127); k < end; k++) scores[pt[2 * k + 1]!]! += pw[2 * k]!;
      }
      best = 0;
      let top = scores[0]!;
      for (let y = 1; y < T; y++) {
        if (scores[y]! > top) {
          top = scores[y]!;
          best = y;
        }
      }
    }
    out[at + t] = best;
    prev2 = prev;
    prev = best;
  }
}

let shipped: PosModel | null | undefined;

/** The model shipped in models/pos/pos-tagger.bin, loaded once (undefined when absent). */
export function shippedPosModel(): PosModel | undefined {
  if (shipped !== undefined) return shipped ?? undefined;
  const path = modelFile('pos', 'pos-tagger.bin');
  shipped = existsSync(path) ? loadPosModel(path) : null;
  return shipped ?? undefined;
}
