import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;

describe('eval rouge', () => {
  it('compares with reference scores and reports the largest difference', async () => {
    const r = await runCli(['eval', 'rouge', '--data', 'test/fixtures/summarize/rouge-cases.jsonl']);
    expect(r.code).toBe(0);
    const figures = lastJson(r.stdout);
    expect(figures['task']).toBe('rouge');
    expect(figures['cases']).toBe(2);
    expect(figures['maxAbsDiff'] as number).toBeLessThan(1e-12);
  });
});

describe('eval summarize', () => {
  it('scores every method on article and text records', async () => {
    for (const method of ['lead3', 'textrank', 'lexrank', 'model']) {
      const r = await runCli([
        'eval',
        'summarize',
        '--data',
        'test/fixtures/summarize/articles.jsonl',
        '--method',
        method,
      ]);
      expect(r.code, r.stderr).toBe(0);
      const f = lastJson(r.stdout);
      expect(f).toMatchObject({ task: 'summarize', articles: 3, method });
      for (const k of ['rouge1', 'rouge2', 'rougeL', 'rougeLsum']) {
        expect(f[k] as number).toBeGreaterThan(0);
        expect(f[k] as number).toBeLessThanOrEqual(1);
      }
    }
  });

  it('leaves out a title line of a text record (Lead-3 starts at the story)', async () => {
    const r = await runCli([
      'eval',
      'summarize',
      '--data',
      'test/fixtures/summarize/articles.jsonl',
      '--method',
      'lead3',
    ]);
    // The third record's first reference line is its first story sentence: Lead-3 covers it.
    expect(lastJson(r.stdout)['rouge1'] as number).toBeGreaterThan(0.4);
  });

  it('rejects an unknown method', async () => {
    const r = await runCli([
      'eval',
      'summarize',
      '--data',
      'test/fixtures/summarize/articles.jsonl',
      '--method',
      'magic',
    ]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/expecting one of model, lead3, textrank, lexrank/);
  });
});
