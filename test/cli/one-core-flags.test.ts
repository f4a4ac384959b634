import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  builtinsBeforeFlags,
  cliV8Flags,
  mallocThresholdBlock,
  oneCoreCompilerFlags,
} from '../../src/cli/main.js';

const NODE20 = '11.3.244.8-node.38';
const NODE24 = '13.6.233.17-node.53';
const ALL = [
  '--max-inlined-bytecode-size-cumulative=460',
  '--max-inlined-bytecode-size=230',
  '--no-turbo-loop-peeling',
  '--no-concurrent-osr',
  '--no-regexp-tier-up',
];

describe('oneCoreCompilerFlags', () => {
  it("halves V8 11's inlining limits, turns loop peeling, concurrent OSR and regexp tier-up off on one core, V8's own with more", () => {
    expect(oneCoreCompilerFlags(NODE20, [], undefined, 1)).toEqual(ALL);
    expect(oneCoreCompilerFlags(NODE20, ['--max-old-space-size=4096'], '', 1)).toEqual(ALL);
    expect(oneCoreCompilerFlags(NODE20, [], undefined, 2)).toEqual([]);
    expect(oneCoreCompilerFlags(NODE20, [], undefined, 16)).toEqual([]);
  });

  it("sets the same flags on Node 24's V8 (13.6) on one core, and leaves the V8s not measured alone", () => {
    expect(oneCoreCompilerFlags(NODE24, [], undefined, 1)).toEqual(ALL);
    expect(oneCoreCompilerFlags(NODE24, [], undefined, 2)).toEqual([]);
    expect(oneCoreCompilerFlags('12.4.254.21-node.33', [], undefined, 1)).toEqual([]);
    expect(oneCoreCompilerFlags('14.1.146.11-node.10', [], undefined, 1)).toEqual([]);
    expect(oneCoreCompilerFlags('1.13.0', [], undefined, 1)).toEqual([]);
  });

  it("leaves a flag that node's command line names as given, in any of its spellings", () => {
    const without = (...names: string[]) => ALL.filter((f) => !names.some((n) => f.includes(n)));
    expect(oneCoreCompilerFlags(NODE20, ['--max-inlined-bytecode-size=100'], undefined, 1)).toEqual(
      without('size=230'),
    );
    expect(
      oneCoreCompilerFlags(NODE20, ['--max_inlined_bytecode_size_cumulative=2000'], undefined, 1),
    ).toEqual(without('cumulative'));
    expect(oneCoreCompilerFlags(NODE20, ['--turbo-loop-peeling'], undefined, 1)).toEqual(without('peeling'));
    expect(
      oneCoreCompilerFlags(NODE20, ['--no-turbo_loop_peeling', '--regexp-tier-up'], undefined, 1),
    ).toEqual(without('peeling', 'regexp'));
    expect(oneCoreCompilerFlags(NODE20, ['--noconcurrent-osr'], undefined, 1)).toEqual(without('osr'));
    expect(
      oneCoreCompilerFlags(NODE20, ['--turbo-loop-variable', '--max-old-space-size=64'], undefined, 1),
    ).toEqual(ALL);
    expect(without('size=230')).toHaveLength(ALL.length - 1);
  });

  it('follows NEWSDIGEST_V8_ONE_CORE: 0 for none, 1 on any core count and V8', () => {
    expect(oneCoreCompilerFlags(NODE20, [], '0', 1)).toEqual([]);
    expect(oneCoreCompilerFlags(NODE20, [], '1', 2)).toEqual(ALL);
    expect(oneCoreCompilerFlags('13.6.233.17-node.40', [], '1', 8)).toEqual(ALL);
    expect(oneCoreCompilerFlags(NODE20, [], 'yes', 2)).toEqual([]);
  });
});

describe('cliV8Flags', () => {
  const FOUR_TIMES = '--interrupt-budget=270336';

  it("sets the compiler flags and V8's own interrupt budget on one core, nothing with more", () => {
    expect(cliV8Flags(NODE20, [], {}, 1)).toEqual(ALL);
    expect(cliV8Flags(NODE20, [], { interruptBudget: '', oneCore: '' }, 1)).toEqual(ALL);
    expect(cliV8Flags(NODE20, [], {}, 2)).toEqual([]);
    expect(cliV8Flags(NODE24, [], {}, 1)).toEqual(ALL);
    expect(cliV8Flags(NODE24, [], {}, 2)).toEqual([]);
    expect(cliV8Flags('12.4.254.21-node.33', [], {}, 1)).toEqual([]);
  });

  it('keeps four times the budget on one core when the compiler flags are off', () => {
    expect(cliV8Flags(NODE20, [], { oneCore: '0' }, 1)).toEqual([FOUR_TIMES]);
  });

  it('sets the budget NEWSDIGEST_INTERRUPT_BUDGET asks for, beside the compiler flags', () => {
    expect(cliV8Flags(NODE20, [], { interruptBudget: '270336' }, 1)).toEqual([FOUR_TIMES, ...ALL]);
    expect(cliV8Flags(NODE20, [], { interruptBudget: '100000' }, 2)).toEqual(['--interrupt-budget=100000']);
    expect(cliV8Flags(NODE20, [], { interruptBudget: '0', oneCore: '0' }, 1)).toEqual([]);
    expect(cliV8Flags(NODE20, ['--interrupt-budget=5000'], { interruptBudget: '270336' }, 1)).toEqual(ALL);
  });
});

describe('mallocThresholdBlock', () => {
  it('allocates a 4 MB block on one core on Linux, none with more cores or elsewhere', () => {
    expect(mallocThresholdBlock('linux', undefined, 1)).toBe(4 << 20);
    expect(mallocThresholdBlock('linux', '', 1)).toBe(4 << 20);
    expect(mallocThresholdBlock('linux', undefined, 2)).toBeUndefined();
    expect(mallocThresholdBlock('darwin', undefined, 1)).toBeUndefined();
    expect(mallocThresholdBlock('win32', undefined, 1)).toBeUndefined();
  });

  it('follows NEWSDIGEST_MALLOC_BLOCK: 0 for none, a number of bytes on any core count', () => {
    expect(mallocThresholdBlock('linux', '0', 1)).toBeUndefined();
    expect(mallocThresholdBlock('linux', '16777216', 2)).toBe(16 << 20);
    expect(mallocThresholdBlock('darwin', '1048576', 8)).toBe(1 << 20);
    expect(mallocThresholdBlock('linux', 'yes', 1)).toBeUndefined();
    expect(mallocThresholdBlock('linux', '-5', 1)).toBeUndefined();
    expect(mallocThresholdBlock('linux', '1.5', 1)).toBeUndefined();
    expect(mallocThresholdBlock('linux', String(32 << 20), 1)).toBe(32 << 20);
    // Larger blocks do not move glibc's thresholds; a huge one would only fail to allocate.
    expect(mallocThresholdBlock('linux', String((32 << 20) + 1), 1)).toBeUndefined();
    expect(mallocThresholdBlock('linux', '1e12', 1)).toBeUndefined();
  });
});

describe('builtinsBeforeFlags', () => {
  it('names the builtins a page-reading run loads when prepareProcess sets flags, none when it sets none', () => {
    expect(builtinsBeforeFlags(ALL)).toEqual(['node:crypto', 'node:fs/promises']);
    expect(builtinsBeforeFlags(['--interrupt-budget=270336'])).toEqual(['node:crypto', 'node:fs/promises']);
    expect(builtinsBeforeFlags([])).toEqual([]);
  });

  // The built binary's prepareProcess in a fresh node (as `bench layout`'s fresh process calls
  // it): with the compiler flags asked for, crypto and fs/promises are loaded by the time it
  // returns, so that node compiles them from its code cache (V8 rejects the cache once any flag
  // is set); with the flags turned off, neither is loaded. Needs the build, as bundle.test.ts.
  const BIN = 'dist/src/cli/main.js';
  const built = existsSync(BIN) && statSync(BIN).mtimeMs >= statSync('src/cli/main.ts').mtimeMs;
  it.skipIf(!built)(
    'are loaded by the built prepareProcess before it returns, only when it sets flags',
    () => {
      const loadedAfterPrepare = (oneCore: string): string[] => {
        const code = `const { prepareProcess } = await import(${JSON.stringify(`${process.cwd()}/${BIN}`)});
prepareProcess();
process.stderr.write(JSON.stringify(process.moduleLoadList));`;
        const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
          encoding: 'utf8',
          env: { ...process.env, NEWSDIGEST_V8_ONE_CORE: oneCore, NEWSDIGEST_MALLOC_BLOCK: '0' },
        });
        expect(r.status).toBe(0);
        return JSON.parse(r.stderr) as string[];
      };
      const on = loadedAfterPrepare('1');
      expect(on).toContain('NativeModule crypto');
      expect(on).toContain('NativeModule fs/promises');
      const off = loadedAfterPrepare('0');
      expect(off).not.toContain('NativeModule crypto');
      expect(off).not.toContain('NativeModule fs/promises');
    },
  );
});
