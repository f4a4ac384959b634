import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { backgroundCompileFor } from '../../src/batch/pool.js';

describe('backgroundCompileFor', () => {
  it('compiles in the background only while a core is left over for it', () => {
    const cores = availableParallelism();
    expect(backgroundCompileFor(cores)).toBe(false);
    expect(backgroundCompileFor(cores + 1)).toBe(false);
    expect(backgroundCompileFor(cores - 1)).toBe(cores > 1);
  });
});
