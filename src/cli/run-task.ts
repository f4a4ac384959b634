/** Shared by `eval` and `bench`: find the task, resolve its data, run it, print table then JSON. */
import { isAbsolute, resolve } from 'node:path';
import { defaultDataDir } from '../eval/data.js';
import { type EvalTask, formatTable } from '../eval/report.js';
import { type CommandContext, EXIT } from './command.js';
import { createProgress } from './progress.js';

export function taskListing(tasks: Record<string, unknown>): string {
  return Object.keys(tasks).join(', ');
}

export async function runTask(
  kind: 'eval' | 'bench',
  tasks: Record<string, () => Promise<EvalTask>>,
  ctx: CommandContext,
): Promise<number> {
  const [name] = ctx.args;
  if (!name) {
    ctx.stderr.write(`${kind}: name a task: ${taskListing(tasks)}\n`);
    return EXIT.usage;
  }
  const load = tasks[name];
  if (!load) {
    ctx.stderr.write(`${kind}: expecting one of ${taskListing(tasks)}, instead found "${name}"\n`);
    return EXIT.usage;
  }
  const task = await load();
  const foreign = foreignFlag(ctx.values, task);
  if (foreign) {
    const own = Object.keys(task.flags ?? {});
    ctx.stderr.write(
      `${kind} ${name}: --${foreign} is not one of its options (${own.length > 0 ? own.map((f) => `--${f}`).join(', ') : 'it has none'} beside --data and --limit; see newsdigest ${kind} --help)\n`,
    );
    return EXIT.usage;
  }
  const given = ctx.values['data'];
  const data =
    typeof given === 'string'
      ? given
      : isAbsolute(task.defaultData)
        ? task.defaultData
        : resolve(defaultDataDir(), task.defaultData);
  const limitRaw = ctx.values['limit'];
  let limit: number | undefined;
  if (typeof limitRaw === 'string') {
    limit = Number(limitRaw);
    if (!Number.isInteger(limit) || limit <= 0) {
      ctx.stderr.write(`--limit: expecting a positive whole number, instead found "${limitRaw}"\n`);
      return EXIT.usage;
    }
  }
  const flags: Record<string, string | boolean | undefined> = {};
  for (const [k, v] of Object.entries(ctx.values)) if (!Array.isArray(v)) flags[k] = v;
  const progress = createProgress(`${kind} ${name}`, ctx.stderr, ctx.interactive);
  const report = await task.run({ data, limit, flags, progress: (d, t) => progress.tick(d, t) });
  progress.done();
  ctx.stdout.write(`${formatTable(report.columns, report.rows)}\n`);
  for (const note of report.notes ?? []) ctx.stdout.write(`${note}\n`);
  ctx.stdout.write(`${JSON.stringify(report.figures)}\n`);
  return EXIT.ok;
}

/** Flags every task takes (TASK_FLAGS' others belong to some tasks and not to others). */
const EVERY_TASK: ReadonlySet<string> = new Set(['data', 'limit', 'quiet']);

/**
 * The first flag given that this task does not take: `bench quotes --peers none` would otherwise
 * run the peer the user meant to leave out, without a word (the parser knows every task's flags).
 */
export function foreignFlag(
  values: Record<string, unknown>,
  task: Pick<EvalTask, 'flags'>,
): string | undefined {
  for (const [flag, value] of Object.entries(values)) {
    if (value === undefined || EVERY_TASK.has(flag) || flag in (task.flags ?? {})) continue;
    if (flag in TASK_FLAGS) return flag;
  }
  return undefined;
}

/**
 * The options part of `eval --help` and `bench --help`: the flags every task takes, then each
 * task's own (from its `flags` descriptions; the tasks are loaded to read them).
 */
export async function taskOptionsHelp(
  kind: 'eval' | 'bench',
  tasks: Record<string, () => Promise<EvalTask>>,
): Promise<string> {
  const lines = [
    'Options (every task):',
    "  --data PATH, -d PATH  the data file or folder (default: the task's usual file under the data folder)",
    `  --limit N, -n N       ${kind === 'eval' ? 'score' : 'time'} only the first N items`,
    '  --quiet               no progress display',
    '',
    "Options of each task (another task's is refused):",
  ];
  for (const [name, load] of Object.entries(tasks)) {
    const task = await load();
    const own = Object.entries(task.flags ?? {});
    if (own.length === 0) {
      lines.push(`  ${name}: none`);
      continue;
    }
    lines.push(`  ${name}:`);
    for (const [flag, text] of own) lines.push(`    --${flag}  ${text}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Flags every eval and bench task takes; tasks read their own extra flags from `flags`. */
export const TASK_FLAGS = {
  data: { type: 'string', short: 'd' },
  limit: { type: 'string', short: 'n' },
  method: { type: 'string', short: 'm' },
  split: { type: 'string' },
  peers: { type: 'string' },
  predictions: { type: 'string' },
  workers: { type: 'string' },
  model: { type: 'string' },
  window: { type: 'string' },
  'fresh-runs': { type: 'string' },
} as const;
