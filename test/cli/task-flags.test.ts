import { describe, expect, it } from 'vitest';
import { foreignFlag } from '../../src/cli/run-task.js';
import { runCli } from './run-cli.js';

describe("eval and bench refuse another task's option", () => {
  it('finds the first given flag a task does not take, beside the ones every task takes', () => {
    const quotesLike = { flags: { split: 'a split', method: 'a method' } };
    expect(foreignFlag({ data: 'x', limit: '3', quiet: true, split: 'dev' }, quotesLike)).toBeUndefined();
    expect(foreignFlag({ peers: 'none' }, quotesLike)).toBe('peers');
    expect(foreignFlag({ peers: 'none' }, {})).toBe('peers');
    expect(foreignFlag({ peers: undefined, window: undefined }, {})).toBeUndefined();
  });

  it('says so and exits 2 rather than running the peer the user meant to leave out', async () => {
    const r = await runCli([
      'bench',
      'quotes',
      '--peers',
      'none',
      '--data',
      'test/fixtures/quotes/none.jsonl',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bench quotes: --peers is not one of its options (it has none');
    expect(r.stdout).toBe('');
  });

  it("names the task's own options", async () => {
    const r = await runCli(['eval', 'quotes', '--window', '5']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--window is not one of its options (--split, --method, --predictions');
  });
});
