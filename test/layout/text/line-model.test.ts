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
});
