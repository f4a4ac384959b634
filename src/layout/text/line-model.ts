/**
 * The learned line classifier of the text path: gradient-boosted regression
 * trees over the features of line-features.ts, giving each line the probability
 * that it is story text. Trained by scripts/layout-text-train.ts, shipped as
 * models/layout-text/model.json (see its CARD.md).
 */
import { existsSync, readFileSync } from 'node:fs';
import { modelFile } from '../../models.js';
import { LINE_FEATURE_NAMES } from './line-features.js';

/** One tree as flat arrays: node k splits on feature `f[k]` at `t[k]` (≤ goes left), or is a leaf (`f[k]` = -1) of value `v[k]`. */
export interface Tree {
  f: number[];
  t: number[];
  l: number[];
  r: number[];
  v: number[];
}

export interface LineModel {
  kind: 'gbdt-lines';
  features: string[];
  /**
   * Log-odds a line starts from before the trees: one value for lines inside the
   * densest prose run the rules find, one for the rest. The trees learn
   * corrections to the rules, so with little evidence a line keeps the rules' call.
   */
  baseInRun: number;
  baseOutside: number;
  trees: Tree[];
  /** A line leans to story text when its probability is at least this. */
  threshold: number;
  /**
   * What it costs, in words, to switch between story and not story from one line
   * to the next: the story is decoded as few long stretches, not line by line
   * (a short subheading between two story paragraphs stays in).
   */
  switchCost: number;
}

/**
 * The story lines: the labelling that maximises the words of lines kept times
 * their log-odds over the threshold, less `switchCost` per change of label
 * (Viterbi over two states). Lines with `neutral[i]` (already named by wording)
 * count for nothing either way.
 */
export function decodeStory(
  logOdds: Float64Array,
  words: readonly number[],
  neutral: readonly boolean[],
  threshold: number,
  switchCost: number,
): boolean[] {
  const n = logOdds.length;
  const cut = Math.log(threshold / (1 - threshold));
  // best[s] = best total ending in state s (0 = not story, 1 = story); from[i][s] = previous state.
  let out0 = 0;
  let in1 = Number.NEGATIVE_INFINITY;
  const from = new Uint8Array(n * 2);
  for (let i = 0; i < n; i++) {
    const gain = neutral[i] ? 0 : Math.max(1, words[i]!) * (logOdds[i]! - cut);
    const stay0 = out0;
    const move0 = in1 - switchCost;
    const next0 = Math.max(stay0, move0);
    from[i * 2] = stay0 >= move0 ? 0 : 1;
    const stay1 = in1;
    const move1 = out0 - switchCost;
    const next1 = Math.max(stay1, move1) + gain;
    from[i * 2 + 1] = stay1 >= move1 ? 1 : 0;
    out0 = next0;
    in1 = next1;
  }
  const story = new Array<boolean>(n).fill(false);
  // The page starts and ends outside the story: leaving it at the end costs a switch too.
  let s = in1 - switchCost > out0 ? 1 : 0;
  for (let i = n - 1; i >= 0; i--) {
    story[i] = s === 1;
    s = from[i * 2 + s]!;
  }
  return story;
}

export function treeValue(tree: Tree, x: Float64Array, row: number): number {
  let k = 0;
  while (tree.f[k]! >= 0) k = x[row + tree.f[k]!]! <= tree.t[k]! ? tree.l[k]! : tree.r[k]!;
  return tree.v[k]!;
}

interface TypedTree {
  f: Int32Array;
  t: Float64Array;
  l: Int32Array;
  r: Int32Array;
  v: Float64Array;
}
const typedTrees = new WeakMap<Tree, TypedTree>();

/** A tree's arrays as typed arrays (read faster than arrays parsed from JSON), made once per tree. */
function typed(tree: Tree): TypedTree {
  let out = typedTrees.get(tree);
  if (!out) {
    out = {
      f: Int32Array.from(tree.f),
      t: Float64Array.from(tree.t),
      l: Int32Array.from(tree.l),
      r: Int32Array.from(tree.r),
      v: Float64Array.from(tree.v),
    };
    typedTrees.set(tree, out);
  }
  return out;
}

/** Log-odds of every row of a row-major feature matrix. */
export function lineScores(model: LineModel, x: Float64Array, rows: number): Float64Array {
  const width = model.features.length;
  const inRun = model.features.indexOf('inRun');
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) out[i] = x[i * width + inRun] ? model.baseInRun : model.baseOutside;
  for (const tree of model.trees) {
    const { f, t, l, r, v } = typed(tree);
    for (let i = 0; i < rows; i++) {
      const row = i * width;
      let k = 0;
      while (f[k]! >= 0) k = x[row + f[k]!]! <= t[k]! ? l[k]! : r[k]!;
      out[i]! += v[k]!;
    }
  }
  return out;
}

export const probability = (logOdds: number): number => 1 / (1 + Math.exp(-logOdds));

let shipped: LineModel | null | undefined;

/** The shipped model, read once; null when it is absent (the rules then decide alone). */
export function shippedLineModel(): LineModel | null {
  if (shipped !== undefined) return shipped;
  const path = modelFile('layout-text', 'model.json');
  shipped = existsSync(path) ? parseLineModel(readFileSync(path, 'utf8'), path) : null;
  return shipped;
}

export function parseLineModel(json: string, from: string): LineModel {
  const m = JSON.parse(json) as LineModel;
  if (m.kind !== 'gbdt-lines' || m.features.join(',') !== LINE_FEATURE_NAMES.join(','))
    throw new Error(
      `${from}: not a line model for these features (retrain with scripts/layout-text-train.ts)`,
    );
  return m;
}
