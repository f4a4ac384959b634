import { describe, expect, it } from 'vitest';
import { BENCH_TASKS } from '../../bench/registry.js';
import { TASK_FLAGS } from '../../src/cli/run-task.js';
import { EVAL_TASKS } from '../../src/eval/tasks.js';

// A task documents its extra flags in `flags`; the CLI parser is strict, so each one
// must also be declared in TASK_FLAGS or the documented flag is refused at the command line.
describe('task flags', () => {
  for (const [kind, tasks] of [
    ['eval', EVAL_TASKS],
    ['bench', BENCH_TASKS],
  ] as const) {
    for (const [name, load] of Object.entries(tasks)) {
      it(`${kind} ${name}: every flag it documents is accepted by the CLI`, async () => {
        const task = await load();
        const declared = Object.keys(TASK_FLAGS);
        for (const flag of Object.keys(task.flags ?? {})) expect(declared).toContain(flag);
      });
    }
  }
});
