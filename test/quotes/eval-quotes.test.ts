import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGoldArticle } from '../../src/quotes/eval-quotes.js';
import { runCli } from '../cli/run-cli.js';

/** Three invented articles in PolNeAR's format: two in split dev, one in train. */
const data = join(import.meta.dirname, '..', 'fixtures', 'quotes', 'polnear-format.jsonl');

const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!);

describe('eval quotes', () => {
  it('scores the dev records by default and prints the figures last', async () => {
    const { code, stdout } = await runCli(['eval', 'quotes', '--data', data]);
    expect(code).toBe(0);
    const figures = lastJson(stdout);
    expect(figures).toMatchObject({ task: 'quotes', articles: 2, split: 'dev', attributions: 4 });
    // Without --method the stage runs as shipped: its default cues are the shipped tagger's.
    expect(figures.cues).toBe('tagger');
    for (const role of ['content', 'source', 'cue']) {
      for (const c of ['exact', 'overlap']) {
        const s = figures[role][c];
        expect(s.f1).toBeGreaterThanOrEqual(0);
        expect(s.f1).toBeLessThanOrEqual(1);
      }
    }
    // These four plain attributions are all found; the cues are found exactly.
    expect(figures.cue.exact).toEqual({ precision: 1, recall: 1, f1: 1 });
    expect(figures.source.overlap.recall).toBe(1);
    expect(figures.content.overlap.recall).toBe(1);
  });

  it('scores the train records with --split train', async () => {
    const { code, stdout } = await runCli(['eval', 'quotes', '--data', data, '--split', 'train']);
    expect(code).toBe(0);
    expect(lastJson(stdout)).toMatchObject({ articles: 1, split: 'train', attributions: 1 });
  });

  it('runs the stage with the learnt cue tagger under --method tagger', async () => {
    const { code, stdout } = await runCli(['eval', 'quotes', '--data', data, '--method', 'tagger']);
    expect(code).toBe(0);
    const figures = lastJson(stdout);
    expect(figures).toMatchObject({ task: 'quotes', articles: 2, split: 'dev', cues: 'tagger' });
    // Plain "X said" attributions: the tagger finds cues, and only right ones.
    expect(figures.cue.exact.precision).toBe(1);
    expect(figures.cue.exact.recall).toBeGreaterThan(0);
  });

  it('gives the gold cues to the extractor under --method gold-cues, labelled as a diagnostic', async () => {
    const { code, stdout } = await runCli(['eval', 'quotes', '--data', data, '--method', 'gold-cues']);
    expect(code).toBe(0);
    expect(stdout).toContain('DIAGNOSTIC');
    const figures = lastJson(stdout);
    expect(figures).toMatchObject({ task: 'quotes', articles: 2, cues: 'gold-cues' });
    expect(figures.diagnostic).toContain('not the issue figure');
    // The cues are the gold's own; source and content are chosen for each of them.
    expect(figures.cue.exact).toEqual({ precision: 1, recall: 1, f1: 1 });
    expect(figures.source.overlap.recall).toBe(1);
    expect(figures.content.overlap.recall).toBe(1);
  });

  it('rejects an unknown --method', async () => {
    const { code, stderr } = await runCli(['eval', 'quotes', '--data', data, '--method', 'regex']);
    expect(code).not.toBe(0);
    expect(stderr).toContain('--method');
  });

  it('rejects a split that no record is in, naming the file', async () => {
    const { code, stderr } = await runCli(['eval', 'quotes', '--data', data, '--split', 'test']);
    expect(code).not.toBe(0);
    expect(stderr).toContain('split "test"');
  });
});

describe('parseGoldArticle', () => {
  it('scores a span with gaps as the range covering its parts, even when listed out of order', () => {
    const gold = parseGoldArticle(
      {
        id: 'x',
        text: 'abcdefghij',
        attributions: [
          {
            content: {
              start: 6,
              end: 5,
              spans: [
                { start: 6, end: 9 },
                { start: 1, end: 3 },
              ],
            },
          },
        ],
      },
      'fixture',
    );
    expect(gold.attributions[0]!.content).toEqual({ start: 1, end: 9 });
  });

  it('names the record when a span is malformed', () => {
    expect(() =>
      parseGoldArticle(
        { id: 'x', text: 'abc', attributions: [{ cue: { start: 'a', end: 2 } }] },
        'file.jsonl: record 3',
      ),
    ).toThrow(/lacks numeric start/);
  });
});
