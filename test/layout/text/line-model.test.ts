import { describe, expect, it } from 'vitest';
import { LINE_FEATURE_NAMES } from '../../../src/layout/text/line-features.js';
import { decodeStory, type LineModel, lineScores, treeValue } from '../../../src/layout/text/line-model.js';

describe('line model: trees and decoding', () => {
  it('walks a tree: at or below the threshold goes left', () => {
    const tree = { f: [1, -1, -1], t: [0.5, 0, 0], l: [1, -1, -1], r: [2, -1, -1], v: [0, -2, 3] };
    const x = Float64Array.from([9, 0.5, 9, 0.7]);
    expect(treeValue(tree, x, 0)).toBe(-2);
    expect(treeValue(tree, x, 2)).toBe(3);
  });

  it('starts each line from the base of its side of the rules run, then adds the trees', () => {
    const width = LINE_FEATURE_NAMES.length;
    const inRun = LINE_FEATURE_NAMES.indexOf('inRun');
    const x = new Float64Array(2 * width);
    x[inRun] = 1; // line 0 inside the run, line 1 outside
    const model: LineModel = {
      kind: 'gbdt-lines',
      features: [...LINE_FEATURE_NAMES],
      baseInRun: 2,
      baseOutside: -1,
      trees: [{ f: [-1], t: [0], l: [-1], r: [-1], v: [0.5] }],
      threshold: 0.5,
      switchCost: 0,
    };
    expect(Array.from(lineScores(model, x, 2))).toEqual([2.5, -0.5]);
  });

  it('keeps a short doubtful line between two story paragraphs when switching costs more', () => {
    const logOdds = Float64Array.from([-3, 2, -0.5, 2, -3]);
    const words = [2, 40, 4, 40, 2];
    const none = [false, false, false, false, false];
    expect(decodeStory(logOdds, words, none, 0.5, 0)).toEqual([false, true, false, true, false]);
    expect(decodeStory(logOdds, words, none, 0.5, 10)).toEqual([false, true, true, true, false]);
  });

  it('ignores lines already named by wording and drops a weak story shorter than a switch', () => {
    const logOdds = Float64Array.from([-3, 1, -9, 1, -3]);
    const words = [2, 12, 3, 12, 2];
    const named = [false, false, true, false, false];
    expect(decodeStory(logOdds, words, named, 0.5, 5)).toEqual([false, true, true, true, false]);
    expect(decodeStory(logOdds, words, named, 0.5, 30)).toEqual([false, false, false, false, false]);
  });

  it('finds the best two-state labelling when gaps cost nothing (checked against every labelling)', () => {
    // The objective of the decoding without a gap cost: words x (log-odds - cut) over story
    // lines, less the switch cost per change (the page starts and ends outside the story).
    const objective = (story: boolean[], lo: number[], w: number[], cost: number) => {
      let total = 0;
      let prev = false;
      for (let i = 0; i < story.length; i++) {
        if (story[i]) total += Math.max(1, w[i]!) * lo[i]!;
        if (story[i] !== prev) total -= cost;
        prev = story[i]!;
      }
      return total - (prev ? cost : 0);
    };
    let seed = 5;
    const rand = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(rand() * 9);
      const lo = Array.from({ length: n }, () => Math.round((rand() * 8 - 4) * 10) / 10);
      const w = Array.from({ length: n }, () => Math.floor(rand() * 30));
      const cost = [0, 5, 20, 60][trial % 4]!;
      let best = Number.NEGATIVE_INFINITY;
      for (let mask = 0; mask < 1 << n; mask++) {
        const story = Array.from({ length: n }, (_, i) => ((mask >> i) & 1) === 1);
        best = Math.max(best, objective(story, lo, w, cost));
      }
      const got = decodeStory(Float64Array.from(lo), w, new Array(n).fill(false), 0.5, cost, 0);
      expect(objective(got, lo, w, cost)).toBeCloseTo(best, 9);
    }
  });

  it('takes a table of short lines between two story stretches when gap lines cost, but not one after the story', () => {
    // Story paragraph, eight table cells the model doubts, story paragraph, eight more doubtful lines.
    const logOdds = Float64Array.from([3, ...new Array(8).fill(-1.5), 3, ...new Array(8).fill(-1.5)]);
    const words = [60, ...new Array(8).fill(2), 60, ...new Array(8).fill(2)];
    const none = new Array(18).fill(false);
    const without = decodeStory(logOdds, words, none, 0.5, 10, 0);
    expect(without.slice(1, 9)).toEqual(new Array(8).fill(false));
    const withGap = decodeStory(logOdds, words, none, 0.5, 10, 2);
    expect(withGap.slice(0, 10)).toEqual(new Array(10).fill(true));
    expect(withGap.slice(10)).toEqual(new Array(8).fill(false));
  });
});
