/**
 * Training of the joint tagger (joint-tagger.ts): an averaged structured perceptron over the
 * decoding units of gold-labelled articles. Used by scripts/quotes-train-joint.ts, never at run time.
 */
import { decode, JOINT_BUCKETS, JOINT_FEATURES, type JointDoc, type JointModel, NL } from './joint-tagger.js';

/** One training sequence: tokens [from, to) of a document, with the document's gold labels. */
export interface JointSequence {
  doc: JointDoc;
  gold: Uint8Array;
  from: number;
  to: number;
}

/** A small deterministic generator (mulberry32) for the shuffles. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Trains for `epochs` passes (sequences shuffled by `seed`); after each, `onEpoch` gets the
 * averaged model so far (a fresh copy). Returns the averaged model after the last pass.
 */
export function trainJoint(
  seqs: readonly JointSequence[],
  epochs: number,
  seed = 0,
  onEpoch?: (epoch: number, model: JointModel) => void,
): JointModel {
  const size = JOINT_BUCKETS * NL;
  const w = new Float64Array(size);
  const u = new Float64Array(size);
  const tw = new Float64Array((NL + 1) * NL);
  const tu = new Float64Array((NL + 1) * NL);
  const current: JointModel = { weights: w, transitions: tw };
  const order = seqs.map((_, i) => i);
  const random = rng(seed + 1);
  let c = 1;
  let pred = new Uint8Array(0);
  const NF = JOINT_FEATURES;
  let last: JointModel | undefined;
  for (let e = 1; e <= epochs; e++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const s of order) {
      const { doc, gold, from, to } = seqs[s]!;
      if (pred.length < doc.n) pred = new Uint8Array(doc.n * 2);
      decode(current, doc, from, to, pred);
      let prevG = NL;
      let prevP = NL;
      for (let t = from; t < to; t++) {
        const g = gold[t]!;
        const p = pred[t]!;
        if (g !== p) {
          const F = doc.feats;
          for (let f = t * NF, end = f + NF; f < end; f++) {
            const k = F[f]!;
            w[k + g]! += 1;
            u[k + g]! += c;
            w[k + p]! -= 1;
            u[k + p]! -= c;
          }
        }
        if (g !== p || prevG !== prevP) {
          tw[prevG * NL + g]! += 1;
          tu[prevG * NL + g]! += c;
          tw[prevP * NL + p]! -= 1;
          tu[prevP * NL + p]! -= c;
        }
        prevG = g;
        prevP = p;
      }
      c++;
    }
    if (onEpoch || e === epochs) {
      last = averaged(w, u, tw, tu, c);
      onEpoch?.(e, last);
    }
  }
  return last ?? averaged(w, u, tw, tu, c);
}

function averaged(
  w: Float64Array,
  u: Float64Array,
  tw: Float64Array,
  tu: Float64Array,
  c: number,
): JointModel {
  const weights = new Float32Array(w.length);
  for (let k = 0; k < w.length; k++) weights[k] = w[k]! - u[k]! / c;
  const transitions = new Float32Array(tw.length);
  // Every cell is kept: decode enforces the BIO constraint itself.
  for (let k = 0; k < tw.length; k++) transitions[k] = tw[k]! - tu[k]! / c;
  return { weights, transitions };
}
