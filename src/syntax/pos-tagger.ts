/**
 * A greedy part-of-speech tagger: left to right, each token's tag the best under an
 * averaged perceptron (pos-features.ts) given the two tags before it. Frequent words
 * that nearly always carry one tag take it from the dictionary without scoring.
 * Trained on UD English GUM (scripts/pos-train.ts; models/pos/CARD.md).
 */
import { existsSync } from 'node:fs';
import { modelFile } from '../models.js';
import { POS_FEATURES, posFeatures, START, START2, TokenValues } from './pos-features.js';
import { dictTag, loadPosModel, type PosModel, rowOf } from './pos-model.js';

const values = new TokenValues();
const keys = new Int32Array(POS_FEATURES);
const scores = new Float32Array(64);

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
  const T = model.tagCount;
  const { rowStart, weights, tags } = model;
  let prev = before;
  let prev2 = before2;
  for (let t = 0; t < n; t++) {
    let best = dictTag(model, values.word[t]!);
    if (best < 0) {
      posFeatures(values, t, n, prev, prev2, keys);
      scores.fill(0, 0, T);
      for (let f = 0; f < POS_FEATURES; f++) {
        const r = rowOf(model, keys[f]!);
        if (r < 0) continue;
        const end = rowStart[r + 1]!;
        for (let k = rowStart[r]!; k < end; k++) scores[tags[k]!]! += weights[k]!;
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
