/**
 * The part-of-speech tagger as first written (posFeatures' eleven keys, one probe of a map per
 * key, the row's weights and tags read from the model's own arrays): slower, kept so that the
 * tests and scripts/pos-speed.ts can check that tagRange gives the same tags.
 */
import { POS_FEATURES, posFeatures, START, START2, TokenValues } from './pos-features.js';
import type { PosModel } from './pos-model.js';

/** Per model: its rows and its dictionary as maps. */
const mapsOf = new WeakMap<PosModel, { rows: Map<number, number>; dict: Map<number, number> }>();
const values = new TokenValues();
const keys = new Int32Array(POS_FEATURES);
const scores = new Float32Array(64);

/** tagRange's tags, computed as the first version did. */
export function tagRangeReference(
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
  let maps = mapsOf.get(model);
  if (!maps) {
    maps = {
      rows: new Map(Array.from(model.keys, (k, r) => [k, r])),
      dict: new Map(Array.from(model.dictKeys, (k, r) => [k, model.dictTags[r]!])),
    };
    mapsOf.set(model, maps);
  }
  const { rows, dict } = maps;
  const n = to - from;
  if (n <= 0) return;
  values.fill(text, off, from, to);
  const { rowStart, weights, tags, tagCount } = model;
  let prev = before;
  let prev2 = before2;
  for (let t = 0; t < n; t++) {
    let best = dict.get(values.word[t]!) ?? -1;
    if (best < 0) {
      posFeatures(values, t, n, prev, prev2, keys);
      scores.fill(0, 0, tagCount);
      for (let f = 0; f < POS_FEATURES; f++) {
        const r = rows.get(keys[f]!);
        if (r === undefined) continue;
        for (let k = rowStart[r]!; k < rowStart[r + 1]!; k++) scores[tags[k]!]! += weights[k]!;
      }
      best = 0;
      for (let y = 1; y < tagCount; y++) if (scores[y]! > scores[best]!) best = y;
    }
    out[at + t] = best;
    prev2 = prev;
    prev = best;
  }
}
