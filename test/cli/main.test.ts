/** The binary's own choices (src/cli/main.ts): which code to load, and V8's interrupt budget. */
import { describe, expect, it } from 'vitest';
import { launcherUrl, layoutPathUrl } from '../../src/cli/layout-path-url.js';
import { bundleIsUsable, cliInterruptBudget } from '../../src/cli/main.js';

describe('bundleIsUsable', () => {
  it('takes a bundle written at or after the binary', () => {
    expect(bundleIsUsable(2000, 1000, undefined)).toBe(true);
    expect(bundleIsUsable(1000, 1000, undefined)).toBe(true); // npm pack: one date for every file
    expect(bundleIsUsable(2000, 1000, '')).toBe(true);
  });

  it('leaves an older bundle (tsc ran alone since), a missing one, or one turned off', () => {
    expect(bundleIsUsable(999, 1000, undefined)).toBe(false);
    expect(bundleIsUsable(undefined, 1000, undefined)).toBe(false);
    expect(bundleIsUsable(2000, undefined, undefined)).toBe(false);
    expect(bundleIsUsable(2000, 1000, '0')).toBe(false);
  });
});

describe('cliInterruptBudget', () => {
  const NODE20 = '11.3.244.8-node.38';

  it("is four times V8 11's own on Node 20 with one core, V8's own with more", () => {
    expect(cliInterruptBudget(NODE20, [], undefined, 1)).toBe(4 * 67_584);
    expect(cliInterruptBudget(NODE20, ['--max-old-space-size=4096'], '', 1)).toBe(4 * 67_584);
    expect(cliInterruptBudget(NODE20, [], undefined, 2)).toBeUndefined();
    expect(cliInterruptBudget(NODE20, [], undefined, 16)).toBeUndefined();
  });

  it("leaves V8's own on later V8s and when node's command line sets one", () => {
    expect(cliInterruptBudget('13.6.233.17-node.40', [], undefined, 1)).toBeUndefined();
    expect(cliInterruptBudget('12.4.254.21-node.33', [], undefined, 1)).toBeUndefined();
    expect(cliInterruptBudget(NODE20, ['--interrupt-budget=1000'], undefined, 1)).toBeUndefined();
    expect(cliInterruptBudget(NODE20, ['--interrupt_budget=1000'], '5000', 1)).toBeUndefined();
  });

  it("follows NEWSDIGEST_INTERRUPT_BUDGET: 0 for V8's own, a positive number for that budget", () => {
    expect(cliInterruptBudget(NODE20, [], '0', 1)).toBeUndefined();
    expect(cliInterruptBudget(NODE20, [], 'many', 1)).toBeUndefined();
    expect(cliInterruptBudget(NODE20, [], '270336', 2)).toBe(270_336);
    expect(cliInterruptBudget('13.6.233.17-node.40', [], '100000', 8)).toBe(100_000);
  });
});

describe('where bench layout finds the CLI modules', () => {
  it('names the layout path and the binary beside the sources when run from them', () => {
    expect(layoutPathUrl()).toMatch(/\/src\/cli\/layout-path\.js$/);
    expect(launcherUrl()).toMatch(/\/src\/cli\/main\.js$/);
  });
});
