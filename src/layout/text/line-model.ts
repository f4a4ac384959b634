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
  /**
   * What each word of a line costs when it lies in a gap between two stretches of
   * story (0 or absent: no such cost, the two-state decoding).
   */
  gapCost?: number;
}

/**
 * The story lines, decoded over four states: before the story, story, a gap inside
 * the story (lines between two story stretches: a table, a list, a box of links),
 * after the story. The labelling maximises the words of story lines times their
 * log-odds over the threshold, less `switchCost` per change between story and not
 * story, less `gapCost` per word of a gap line (Viterbi). With `gapCost` 0 this is
 * the two-state decoding (story / not story, a cost per switch); above 0 a line
 * between two stretches of story is taken as story more readily than one before or
 * after the story, so a table or a list of short lines inside a story is less often
 * cut out. Lines with `neutral[i]` (already named by wording) count for nothing
 * either way.
 */
export function decodeStory(
  logOdds: Float64Array,
  words: readonly number[],
  neutral: readonly boolean[],
  threshold: number,
  switchCost: number,
  gapCost = 0,
): boolean[] {
  const n = logOdds.length;
  const cut = Math.log(threshold / (1 - threshold));
  const NONE = Number.NEGATIVE_INFINITY;
  // Best totals ending in each state: before, story, gap, after.
  const before = 0;
  let story = NONE;
  let gap = NONE;
  let after = NONE;
  // from[i * 4 + s]: the state of line i - 1 on the best path that puts line i in state s.
  const from = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) {
    const w = Math.max(1, words[i]!);
    const gain = neutral[i] ? 0 : w * (logOdds[i]! - cut);
    const gapLoss = neutral[i] ? 0 : w * gapCost;
    // Into the story: stay, start it, or come back to it after a gap.
    const enter = before - switchCost;
    const back = gap - switchCost;
    let nextStory = story;
    let fromStory = STORY;
    if (enter > nextStory) {
      nextStory = enter;
      fromStory = BEFORE;
    }
    if (back > nextStory) {
      nextStory = back;
      fromStory = GAP;
    }
    const leave = story - switchCost;
    const nextGap = Math.max(gap, leave) - gapLoss;
    const nextAfter = Math.max(after, leave);
    from[i * 4 + BEFORE] = BEFORE;
    from[i * 4 + STORY] = fromStory;
    from[i * 4 + GAP] = gap >= leave ? GAP : STORY;
    from[i * 4 + AFTER] = after >= leave ? AFTER : STORY;
    story = nextStory + gain;
    gap = nextGap;
    after = nextAfter;
  }
  // The page ends outside the story: leaving it at the end costs a switch too.
  let s = BEFORE;
  let best = before;
  if (after > best) {
    s = AFTER;
    best = after;
  }
  if (story - switchCost > best) s = STORY;
  const out = new Array<boolean>(n).fill(false);
  for (let i = n - 1; i >= 0; i--) {
    out[i] = s === STORY;
    s = from[i * 4 + s]!;
  }
  return out;
}
const BEFORE = 0;
const STORY = 1;
const GAP = 2;
const AFTER = 3;

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
