import { describe, expect, it } from 'vitest';
import { ClusterScorer, parseAnnotated } from '../../src/entities/eval-merge.js';
import { runCli } from '../cli/run-cli.js';

interface Figures {
  [k: string]: number | string | Figures;
}
const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').pop()!) as Figures;
const at = (f: Figures, ...path: string[]) => path.reduce<unknown>((o, k) => (o as Figures)[k], f);

describe('eval ner', () => {
  it('scores the shipped tagger on a CoNLL file (IOB1, -DOCSTART-) and prints the figures last', async () => {
    const r = await runCli(['eval', 'ner', '--data', 'test/fixtures/entities/tiny.conll']);
    expect(r.code).toBe(0);
    const f = lastJson(r.stdout);
    expect(f['task']).toBe('ner');
    expect(f['sentences']).toBe(3);
    expect(Object.keys(f['perType'] as Figures)).toEqual(
      expect.arrayContaining(['PER', 'ORG', 'LOC', 'MISC']),
    );
    for (const k of ['precision', 'recall', 'f1']) expect(f[k]).toBeGreaterThan(0.6);
  });

  it("scores the stage's types by default, the tagger's own with --method tagger, and refuses another method", async () => {
    const data = 'test/fixtures/entities/tiny.conll';
    const stage = await runCli(['eval', 'ner', '--data', data]);
    const tagger = await runCli(['eval', 'ner', '--data', data, '--method', 'tagger']);
    expect(stage.stdout).toContain('types: as the stage gives them');
    expect(tagger.stdout).toContain("types: the tagger's own (--method tagger)");
    expect(lastJson(tagger.stdout)['sentences']).toBe(3);
    const bad = await runCli(['eval', 'ner', '--data', data, '--method', 'gazetteer']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('expecting stage or tagger');
  });

  it('scores mention merging on annotated articles', async () => {
    const r = await runCli(['eval', 'ner', '--data', 'test/fixtures/entities/merge.jsonl', '--limit', '3']);
    expect(r.code).toBe(0);
    const f = lastJson(r.stdout);
    expect(f['articles']).toBe(3);
    expect(at(f, 'merge', 'bcubed', 'precision')).toBeGreaterThan(0.9);
    expect(at(f, 'endToEnd', 'mentions', 'f1')).toBeGreaterThan(0.5);
  });
});

describe('merge scoring', () => {
  it('parses inline marks into plain text and gold mentions', () => {
    const a = parseAnnotated({
      id: 'x',
      text: '[Ann Lee]{a} met [Lee]{a} in [Oslo]{b}.',
      types: { a: 'PER', b: 'LOC' },
    });
    expect(a.text).toBe('Ann Lee met Lee in Oslo.');
    expect(a.gold.map((m) => [a.text.slice(m.start, m.end), m.type, m.label])).toEqual([
      ['Ann Lee', 'PER', 'a'],
      ['Lee', 'PER', 'a'],
      ['Oslo', 'LOC', 'b'],
    ]);
  });

  it('computes B-cubed and pairwise figures (hand-worked)', () => {
    // gold {1,2,3} {4}; predicted {1,2} {3,4}
    const s = new ClusterScorer();
    s.add(
      new Map([
        ['1', 'a'],
        ['2', 'a'],
        ['3', 'a'],
        ['4', 'b'],
      ]),
      new Map([
        ['1', 'x'],
        ['2', 'x'],
        ['3', 'y'],
        ['4', 'y'],
      ]),
    );
    const r = s.scores();
    // B-cubed precision: (1 + 1 + 1/2 + 1/2) / 4; recall: (2/3 + 2/3 + 1/3 + 1) / 4
    expect(r.bcubedPrecision).toBeCloseTo(0.75);
    expect(r.bcubedRecall).toBeCloseTo((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4);
    // pairs: gold 3 (12 13 23), predicted 2 (12 34), both 1 (12)
    expect(r.pairPrecision).toBeCloseTo(0.5);
    expect(r.pairRecall).toBeCloseTo(1 / 3);
  });
});
