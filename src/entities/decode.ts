/**
 * Scoring and decoding: emission scores of each token from its features, and
 * the best well-formed BILOU sequence by Viterbi over first-order transitions.
 */
import type { FeatureIndex } from './feature-index.js';
import type { KeyBuffer } from './features.js';
import { allowedTransition, NUM_TAGS } from './tags.js';

/** Linear model weights: a row of NUM_TAGS weights per feature, and the transition scores. */
export interface Weights {
  rows: FeatureIndex;
  /** rows.size × NUM_TAGS, row-major. */
  w: Float32Array;
  /** (NUM_TAGS + 1)²: [prev][next], prev = NUM_TAGS for the start, next = NUM_TAGS for the end. */
  trans: Float32Array;
}

const T = NUM_TAGS;
const FORBIDDEN = -1e30;

/** Which transitions are allowed, in the layout of Weights.trans. */
export const TRANSITION_MASK: Uint8Array = (() => {
  const m = new Uint8Array((T + 1) * (T + 1));
  for (let p = 0; p <= T; p++) {
    for (let n = 0; n <= T; n++) {
      if (p === T && n === T) continue;
      m[p * (T + 1) + n] = allowedTransition(p === T ? -1 : p, n === T ? -1 : n) ? 1 : 0;
    }
  }
  return m;
})();

/** Emission scores (tokens × NUM_TAGS) of a sentence whose features are in `buf`. */
export function emissions(
  buf: KeyBuffer,
  tokens: number,
  weights: Weights,
  out?: Float32Array,
): Float32Array {
  const scores = out && out.length >= tokens * T ? out : new Float32Array(tokens * T);
  scores.fill(0, 0, tokens * T);
  const { rows, w } = weights;
  for (let i = 0; i < tokens; i++) {
    const base = i * T;
    for (let k = buf.offsets[i]!; k < buf.offsets[i + 1]!; k++) {
      const r = rows.get(buf.keys[k]!);
      if (r < 0) continue;
      const o = r * T;
      for (let t = 0; t < T; t++) scores[base + t]! += w[o + t]!;
    }
  }
  return scores;
}

/**
 * For each tag, the tags allowed before it (BILOU: 9 for O/B/U, 2 for I/L), flat:
 * PREDECESSORS[PRED_START[t] .. PRED_START[t + 1]), with the index of each pair's
 * transition score beside it (PRED_TRANS), so the inner loop reads two typed arrays.
 */
const PRED_START = new Int32Array(T + 1);
const PREDECESSORS: Int32Array = (() => {
  const out: number[] = [];
  for (let t = 0; t < T; t++) {
    PRED_START[t] = out.length;
    for (let p = 0; p < T; p++) if (TRANSITION_MASK[p * (T + 1) + t]) out.push(p);
  }
  PRED_START[T] = out.length;
  return Int32Array.from(out);
})();
/** The tags that may follow only a closed tag (O, L-*, U-*): O, B-* and U-*, whose predecessors are those of O. */
const CLOSED: Int32Array = PREDECESSORS.slice(PRED_START[0], PRED_START[1]);
const FOLLOWS_CLOSED: Uint8Array = Uint8Array.from({ length: T }, (_, t) =>
  PRED_START[t + 1]! - PRED_START[t]! === CLOSED.length &&
  CLOSED.every((p, k) => PREDECESSORS[PRED_START[t]! + k] === p)
    ? 1
    : 0,
);

/** The targets that follow other tags than the closed ones (I-*, L-*: after B-* or I-* of their type). */
const OPEN: Int32Array = Int32Array.from(
  Array.from({ length: T }, (_, t) => t).filter((t) => !FOLLOWS_CLOSED[t]),
);
const OPEN_TWO_PREDECESSORS = Array.from(OPEN).every((t) => PRED_START[t + 1]! - PRED_START[t]! === 2);

/** The transition scores by target: [t × T + k] for the k-th predecessor of t, as doubles (the same values). */
let flatOf: Float32Array | undefined;
let flat = new Float64Array(T * T);
/** The largest of each target's transition scores in `flat` (set with it). */
let flatMax = new Float64Array(T);
function flatTransitions(trans: Float32Array): Float64Array {
  if (trans !== flatOf) {
    flat = new Float64Array(T * T);
    for (let t = 0; t < T; t++)
      for (let k = PRED_START[t]!; k < PRED_START[t + 1]!; k++)
        flat[t * T + k - PRED_START[t]!] = trans[PREDECESSORS[k]! * (T + 1) + t]!;
    flatMax = new Float64Array(T);
    for (let t = 0; t < T; t++) {
      let m = -Infinity;
      for (let k = 0; k < PRED_START[t + 1]! - PRED_START[t]!; k++) m = Math.max(m, flat[t * T + k]!);
      flatMax[t] = m;
    }
    flatOf = trans;
  }
  return flat;
}

const closedDelta = new Float64Array(CLOSED.length);
// Sized for 512 tokens from the start: grown in the middle of a run (a longest sentence yet),
// they deoptimised the compiled viterbi and its callers.
let delta = new Float64Array(512 * T);
let back = new Int32Array(512 * T);

/**
 * The best allowed tag sequence for the emission scores (Viterbi), written to `path` (its
 * first `tokens` places; a new array when absent) and returned.
 */
export function viterbi(
  scores: Float32Array,
  tokens: number,
  trans: Float32Array,
  path: Int32Array = new Int32Array(tokens),
): Int32Array {
  if (tokens === 0) return path;
  if (delta.length < tokens * T) {
    delta = new Float64Array(2 * tokens * T);
    back = new Int32Array(2 * tokens * T);
  }
  return viterbiInto(scores, tokens, trans, path, delta, back);
}

/**
 * viterbi() over the scratch arrays `delta` and `back`, passed as arguments: the module's
 * variables, read in the loops, were loaded from memory at each use.
 */
function viterbiInto(
  scores: Float32Array,
  tokens: number,
  trans: Float32Array,
  path: Int32Array,
  delta: Float64Array,
  back: Int32Array,
): Int32Array {
  for (let t = 0; t < T; t++) {
    delta[t] = TRANSITION_MASK[T * (T + 1) + t] ? trans[T * (T + 1) + t]! + scores[t]! : FORBIDDEN;
  }
  const tf = flatTransitions(trans);
  const tfMax = flatMax;
  const nc = CLOSED.length;
  const dc = closedDelta;
  for (let i = 1; i < tokens; i++) {
    const prevBase = (i - 1) * T;
    const base = i * T;
    // Most targets follow the same closed tags: read their scores once per position.
    for (let k = 0; k < nc; k++) dc[k] = delta[prevBase + CLOSED[k]!]!;
    if (nc === 9) {
      // BILOU over four types: the closed tags' nine scores in locals, the loop unrolled.
      // Same comparisons in the same order as the loop below (the first best wins).
      const d0 = dc[0]!;
      const d1 = dc[1]!;
      const d2 = dc[2]!;
      const d3 = dc[3]!;
      const d4 = dc[4]!;
      const d5 = dc[5]!;
      const d6 = dc[6]!;
      const d7 = dc[7]!;
      const d8 = dc[8]!;
      // The best closed tag (the first of the largest) and the largest score of the others.
      let top = 0;
      for (let k = 1; k < 9; k++) if (dc[k]! > dc[top]!) top = k;
      let second = -Infinity;
      for (let k = 0; k < 9; k++) if (k !== top && dc[k]! > second) second = dc[k]!;
      const dTop = dc[top]!;
      for (let t = 0; t < T; t++) {
        if (!FOLLOWS_CLOSED[t]) continue;
        const o = t * T;
        // When coming from the best closed tag beats what any other could reach (its score
        // plus the target's largest transition: rounding is monotonic, so no other sum can be
        // larger), it is the unique best and the loop below would choose it: skip the loop.
        const fromTop = dTop + tf[o + top]!;
        if (fromTop > second + tfMax[t]!) {
          delta[base + t] = fromTop + scores[base + t]!;
          back[base + t] = CLOSED[top]!;
          continue;
        }
        let best = d0 + tf[o]!;
        let arg = 0;
        let s = d1 + tf[o + 1]!;
        if (s > best) {
          best = s;
          arg = 1;
        }
        s = d2 + tf[o + 2]!;
        if (s > best) {
          best = s;
          arg = 2;
        }
        s = d3 + tf[o + 3]!;
        if (s > best) {
          best = s;
          arg = 3;
        }
        s = d4 + tf[o + 4]!;
        if (s > best) {
          best = s;
          arg = 4;
        }
        s = d5 + tf[o + 5]!;
        if (s > best) {
          best = s;
          arg = 5;
        }
        s = d6 + tf[o + 6]!;
        if (s > best) {
          best = s;
          arg = 6;
        }
        s = d7 + tf[o + 7]!;
        if (s > best) {
          best = s;
          arg = 7;
        }
        s = d8 + tf[o + 8]!;
        if (s > best) {
          best = s;
          arg = 8;
        }
        delta[base + t] = best + scores[base + t]!;
        back[base + t] = CLOSED[arg]!;
      }
      if (OPEN_TWO_PREDECESSORS) {
        // The other targets (I-*, L-*), each after two tags: the loop below for them alone, unrolled.
        for (let j = 0; j < OPEN.length; j++) {
          const t = OPEN[j]!;
          const o = t * T;
          const p0 = PREDECESSORS[PRED_START[t]!]!;
          const p1 = PREDECESSORS[PRED_START[t]! + 1]!;
          let best = FORBIDDEN * 2;
          let arg = 0;
          const s0 = delta[prevBase + p0]! + tf[o]!;
          if (s0 > best) {
            best = s0;
            arg = p0;
          }
          const s1 = delta[prevBase + p1]! + tf[o + 1]!;
          if (s1 > best) {
            best = s1;
            arg = p1;
          }
          delta[base + t] = best + scores[base + t]!;
          back[base + t] = arg;
        }
        continue;
      }
    }
    for (let t = 0; t < T; t++) {
      let best = FORBIDDEN * 2;
      let arg = 0;
      const o = t * T;
      if (FOLLOWS_CLOSED[t]) {
        if (nc === 9) continue;
        for (let k = 0; k < nc; k++) {
          const s = dc[k]! + tf[o + k]!;
          if (s > best) {
            best = s;
            arg = k;
          }
        }
        arg = CLOSED[arg]!;
      } else {
        const start = PRED_START[t]!;
        for (let k = start, end = PRED_START[t + 1]!; k < end; k++) {
          const p = PREDECESSORS[k]!;
          const s = delta[prevBase + p]! + tf[o + k - start]!;
          if (s > best) {
            best = s;
            arg = p;
          }
        }
      }
      delta[base + t] = best + scores[base + t]!;
      back[base + t] = arg;
    }
  }
  let best = FORBIDDEN * 2;
  let arg = 0;
  for (let t = 0; t < T; t++) {
    const idx = t * (T + 1) + T;
    if (!TRANSITION_MASK[idx]) continue;
    const s = delta[(tokens - 1) * T + t]! + trans[idx]!;
    if (s > best) {
      best = s;
      arg = t;
    }
  }
  path[tokens - 1] = arg;
  for (let i = tokens - 1; i > 0; i--) path[i - 1] = back[i * T + path[i]!]!;
  return path;
}
