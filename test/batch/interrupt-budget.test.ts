import { describe, expect, it } from 'vitest';
import { workerInterruptBudget } from '../../src/batch/pool.js';

describe('workerInterruptBudget', () => {
  it("is four times V8 11's budget on Node 20 and V8's own (0) on the later Nodes, which tier through Maglev", () => {
    const v8Major = Number(process.versions.v8.split('.')[0]);
    expect(workerInterruptBudget()).toBe(v8Major === 11 ? 4 * 67_584 : 0);
  });
});
