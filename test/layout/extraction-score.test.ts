import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aggregateScores, benchmarkWords, scorePage } from '../../src/layout/extraction-score.js';
import { runCli } from '../cli/run-cli.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'layout', 'score');

describe('extraction benchmark metric', () => {
  it('splits words as the reference does (Unicode letters and digits, no punctuation)', () => {
    expect(benchmarkWords("L'été, 2026: naïve co-op_x!")).toEqual([
      'L',
      'été',
      '2026',
      'naïve',
      'co',
      'op_x',
    ]);
  });

  it('scores 4-gram shingles per page and treats short texts as one shingle', () => {
    const same = scorePage('one two three four five', 'one two three four five');
    expect(same).toEqual({ tp: 1, fp: 0, fn: 0, exact: true });
    const half = scorePage('a b c d e', 'a b c d');
    // truth shingles {abcd, bcde}, prediction {abcd}: tp 1, fn 1
    expect(half.tp).toBeCloseTo(0.5);
    expect(half.fn).toBeCloseTo(0.5);
    expect(scorePage('Short one.', 'short one').exact).toBe(false);
  });

  it('matches extraction-f1.py on a small outputs file (figures computed with the reference script)', async () => {
    const r = await runCli(['eval', 'extract', '--data', dir, '--peers', join(dir, 'outputs.jsonl')]);
    expect(r.code).toBe(0);
    const figures = JSON.parse(r.stdout.trim().split('\n').pop()!);
    // python3 ../shared/peers/eval/extraction-f1.py ground-truth.jsonl outputs.jsonl
    // → precision 0.9778, recall 0.6667, f1 0.7928, accuracy 0.25
    expect(figures.pages).toBe(4);
    expect(figures.precision).toBeCloseTo(0.9778, 4);
    expect(figures.recall).toBeCloseTo(0.6667, 4);
    expect(figures.f1).toBeCloseTo(0.7928, 4);
    expect(figures.accuracy).toBe(0.25);
  });

  it('averages precision and recall over the pages where each is defined', () => {
    const f = aggregateScores([scorePage('a b c d', ''), scorePage('a b c d', 'a b c d')]);
    expect(f.precision).toBe(1); // the empty prediction has no precision to count
    expect(f.recall).toBe(0.5);
    expect(f.accuracy).toBe(0.5);
  });
});
