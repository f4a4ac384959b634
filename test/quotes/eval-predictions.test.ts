import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

/** Three invented articles in PolNeAR's format: dev-1 and dev-2 in split dev, train-1 in train. */
const gold = join(import.meta.dirname, '..', 'fixtures', 'quotes', 'polnear-format.jsonl');
const goldRecords = readFileSync(gold, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as { id: string; text: string; attributions: Record<string, unknown>[] });

const dir = mkdtempSync(join(tmpdir(), 'eval-predictions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes records (or raw lines) as a predictions file and returns its path. */
function predictionsFile(name: string, lines: (object | string)[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')}\n`);
  return path;
}

const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!);
const score = (predictions: string, ...extra: string[]) =>
  runCli(['eval', 'quotes', '--data', gold, '--predictions', predictions, '--quiet', ...extra]);

describe('eval quotes --predictions', () => {
  it('scores a file equal to the gold at 1 on every role, without running the pipeline', async () => {
    const { code, stdout } = await score(predictionsFile('same.jsonl', goldRecords));
    expect(code).toBe(0);
    const figures = lastJson(stdout);
    expect(figures).toMatchObject({
      task: 'quotes',
      articles: 2,
      split: 'dev',
      attributions: 4,
      predicted: 4,
    });
    expect(figures.cues).toBeUndefined();
    for (const role of ['content', 'source', 'cue']) {
      for (const c of ['exact', 'overlap'])
        expect(figures[role][c]).toEqual({ precision: 1, recall: 1, f1: 1 });
    }
    // train-1 is outside the scored split: counted as ignored, never scored.
    expect(figures).toMatchObject({ predictionsMissing: 0, predictionsIgnored: 1 });
    expect(stdout).toContain('1 of its records match no scored article and were ignored');
  });

  it('loses exact but keeps overlap when a cue is widened by a word', async () => {
    const shifted = structuredClone(goldRecords);
    // dev-1's "said" (52–56) becomes "master said" (45–56): same words touched, another span.
    const first = shifted[0]!;
    expect(first.text.slice(45, 56)).toBe('master said');
    (first.attributions[0] as { cue: object }).cue = { start: 45, end: 56, text: 'master said' };
    const { code, stdout } = await score(predictionsFile('shifted.jsonl', shifted));
    expect(code).toBe(0);
    const figures = lastJson(stdout);
    expect(figures.cue.exact).toEqual({ precision: 0.75, recall: 0.75, f1: 0.75 });
    expect(figures.cue.overlap).toEqual({ precision: 1, recall: 1, f1: 1 });
    expect(figures.content.exact.f1).toBe(1);
  });

  it('counts an article missing from the file as predicting nothing', async () => {
    const withoutDev2 = goldRecords.filter((r) => r.id !== 'dev-2');
    const { code, stdout } = await score(predictionsFile('missing.jsonl', withoutDev2));
    expect(code).toBe(0);
    const figures = lastJson(stdout);
    expect(figures).toMatchObject({ predictionsMissing: 1, predicted: 2 });
    expect(figures.cue.exact).toEqual({ precision: 1, recall: 0.5, f1: 0.6667 });
    expect(stdout).toContain('1 scored articles had no record there');
  });

  it('reads records without text and ignores ids that --data lacks', async () => {
    const bare = goldRecords.map(({ id, attributions }) => ({ id, attributions }));
    const { code, stdout } = await score(
      predictionsFile('bare.jsonl', [...bare, { id: 'elsewhere-9', attributions: [] }]),
    );
    expect(code).toBe(0);
    const figures = lastJson(stdout);
    expect(figures).toMatchObject({ predictionsMissing: 0, predictionsIgnored: 2 });
    expect(figures.source.exact.f1).toBe(1);
  });

  it('refuses a file that is not JSONL, naming the file and line', async () => {
    const path = predictionsFile('bad.jsonl', [goldRecords[0]!, '{"id": "dev-2", "attributions": [']);
    const { code, stderr } = await score(path);
    expect(code).not.toBe(0);
    expect(stderr).toContain(`${path}:2`);
    expect(stderr).toContain('not valid JSON');
  });

  it('refuses records without an id, a repeated id, and a text that is not the gold article', async () => {
    const noId = await score(predictionsFile('no-id.jsonl', [{ attributions: [] }]));
    expect(noId.code).not.toBe(0);
    expect(noId.stderr).toContain('"id"');
    const twice = await score(predictionsFile('twice.jsonl', [goldRecords[0]!, goldRecords[0]!]));
    expect(twice.code).not.toBe(0);
    expect(twice.stderr).toContain('a second record with id "dev-1"');
    const otherText = structuredClone(goldRecords);
    otherText[0]!.text = `${otherText[0]!.text} More words.`;
    const moved = await score(predictionsFile('other-text.jsonl', otherText));
    expect(moved.code).not.toBe(0);
    expect(moved.stderr).toContain('dev-1');
  });

  it('refuses --method together with --predictions', async () => {
    const { code, stderr } = await score(predictionsFile('m.jsonl', goldRecords), '--method', 'rules');
    expect(code).not.toBe(0);
    expect(stderr).toContain('--method');
  });
});
