#!/usr/bin/env node
/**
 * The `newsdigest` binary. It loads the command line (run.ts) as one bundled module graph when
 * the build made one (dist/cli/newsdigest.js and its chunks, written by scripts/build-cli.ts),
 * else as tsc's compiled modules. The bundle is the same code linked into a few files: node
 * resolves, reads and links ~10 modules instead of ~100, which a fresh process pays on every
 * run (Node 20 keeps no compiled code of ES modules between runs).
 *
 * This file stays small and imports nothing of ours at run time: it is loaded by every run.
 */
import { realpathSync, statSync } from 'node:fs';
import nodeModule from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import type { CommandContext } from './command.js';

/** V8 11.3's (Node 20's) own `--interrupt-budget`. */
const V8_11_INTERRUPT_BUDGET = 67_584;

/**
 * The interrupt budget the binary sets, or undefined to leave V8's. The budget is how much
 * bytecode a function runs between tiering checks; with V8 11's own (Node 20), a fresh process's
 * first pages get dozens of optimising compiles (and recompiles after deopts) of functions that
 * run for a few pages only, on V8's helper threads. Four times the budget (as src/batch/pool.ts
 * gives its workers) took ~190-220 ms of CPU off those threads over the 121 extraction pages (of
 * ~1.3 s; 7.5 % fewer instructions on one core) but added ~10-45 ms to the main thread, whose
 * code is optimised later (docs/RESULTS.md (startup-9)). So it pays only where the helper threads
 * take time from the main thread: when the process has one core (taskset, a one-CPU container).
 * With more, V8's own. Node 22+ tier up through Maglev with budgets of their own: left alone.
 * Node's own `--interrupt-budget` wins; `NEWSDIGEST_INTERRUPT_BUDGET` overrides the rest (0: V8's
 * own, a positive number: that budget; a child process inherits it, so `bench layout` can be run
 * both ways). The binary takes this one-core budget only where it does not set the one-core
 * compiler flags (cliV8Flags).
 */
export function cliInterruptBudget(
  v8Version: string,
  execArgv: readonly string[],
  setting: string | undefined,
  cores: number,
): number | undefined {
  if (execArgv.some((a) => /^--interrupt[-_]budget(=|$)/.test(a))) return undefined;
  if (setting !== undefined && setting !== '') {
    const n = Number(setting);
    return Number.isInteger(n) && n > 0 ? n : undefined;
  }
  return v8Version.startsWith('11.') && cores <= 1 ? 4 * V8_11_INTERRUPT_BUDGET : undefined;
}

/**
 * V8's compiler settings the binary changes on one core (Node 20, Node 24): half of V8's inlining
 * limits (`--max-inlined-bytecode-size-cumulative` 920 -> 460, `--max-inlined-bytecode-size`
 * 460 -> 230), no loop peeling, on-stack replacement compiled at once rather than on a helper
 * thread, and regular expressions compiled to machine code at their first run instead of
 * interpreted once first. A fresh process spends ~140 ms of CPU in TurboFan's compiles of the
 * first pages' hot functions (the scanner's openTag and closeTag, the renderer's handlers, the
 * classification); with one core that time is taken from the main thread, and most of it is
 * spent on graphs grown by inlining large functions into other large ones and by copying each
 * loop's first iteration. A compile on a helper thread only waits for the main thread there, and
 * a pattern compiled twice (bytecode, then machine code) costs twice. Over the 121 extraction
 * pages, pinned to one core: all threads' CPU ~-55 ms (~12 %), same output
 * (docs/DECISIONS.md, layout-11). With a second core the compiles run beside the main thread and
 * cost it nothing: V8's own there. Node 24 (V8 13.6, Maglev before TurboFan) gains from the same
 * five on one core; other V8s keep their own (ONE_CORE_V8). Only flags that V8
 * reads when it compiles: a flag read when the heap is set up (the garbage collector's threads)
 * cannot be changed once the process runs. A flag that node's own command line names is left
 * as given; `NEWSDIGEST_V8_ONE_CORE` set to 0 leaves all of them to V8, set to 1 sets them on
 * any core count (children inherit it, so `bench layout` can be measured both ways).
 */
export function oneCoreCompilerFlags(
  v8Version: string,
  execArgv: readonly string[],
  setting: string | undefined,
  cores: number,
): string[] {
  if (setting === '0') return [];
  if (setting !== '1' && !(ONE_CORE_V8.some((v) => v8Version.startsWith(v)) && cores <= 1)) return [];
  return ONE_CORE_FLAGS.filter(([name]) => !execArgv.some((a) => namesFlag(a, name))).map(([, flag]) => flag);
}

/**
 * The V8 versions the one-core compiler flags were measured on and are set for: Node 20's
 * (V8 11.3; layout-11) and Node 24's (V8 13.6; layout-12: over the 121 extraction pages pinned
 * to one core, all threads' CPU -31 ms of ~370 (16 of 16 runs), page faults -1,400 (16 of 16);
 * one at a time, only no loop peeling showed (-14 ms): the five pay together). Other versions
 * keep V8's own (Node 22's V8 12.4 not measured; a later V8 may have other limits).
 */
const ONE_CORE_V8: readonly string[] = ['11.', '13.'];

/** The flags of oneCoreCompilerFlags, each with the name node's command line would give it (without `--` or `no-`). */
const ONE_CORE_FLAGS: readonly (readonly [string, string])[] = [
  ['max-inlined-bytecode-size-cumulative', '--max-inlined-bytecode-size-cumulative=460'],
  ['max-inlined-bytecode-size', '--max-inlined-bytecode-size=230'],
  ['turbo-loop-peeling', '--no-turbo-loop-peeling'],
  ['concurrent-osr', '--no-concurrent-osr'],
  ['regexp-tier-up', '--no-regexp-tier-up'],
];

/** Whether a command-line argument sets V8's flag `name` (dashes or underscores, `--no-` too, with or without a value). */
function namesFlag(arg: string, name: string): boolean {
  const m = /^--(?:no-?)?([a-z0-9_-]+)(?:=|$)/.exec(arg);
  return m !== null && m[1]!.replaceAll('_', '-') === name;
}

/**
 * Every V8 flag the binary sets (prepareProcess), in order. On one core with the compiler flags
 * (oneCoreCompilerFlags) it leaves V8's own interrupt budget: four times V8 11's budget paid
 * while TurboFan's compiles were as costly as V8's own settings make them (startup-9), but with
 * a third of that compile work gone, optimising as early as V8 11 does costs less than running
 * the first pages' code longer in the slower tiers: over the 121 extraction pages on one core,
 * 3,433-3,436 M instructions against 3,652-3,681 M with four times the budget (cachegrind, all
 * threads, which valgrind runs one at a time as one core would), main thread -16 ms (20 of 20),
 * all threads -4.5 ms (14 of 20) (docs/DECISIONS.md, layout-11). The larger budget stays where
 * the compiler flags are off (`NEWSDIGEST_V8_ONE_CORE=0`) and where NEWSDIGEST_INTERRUPT_BUDGET
 * asks for a budget.
 */
export function cliV8Flags(
  v8Version: string,
  execArgv: readonly string[],
  env: { interruptBudget?: string | undefined; oneCore?: string | undefined },
  cores: number,
): string[] {
  const compiler = oneCoreCompilerFlags(v8Version, execArgv, env.oneCore, cores);
  const asked = env.interruptBudget !== undefined && env.interruptBudget !== '';
  const budget =
    compiler.length > 0 && !asked
      ? undefined
      : cliInterruptBudget(v8Version, execArgv, env.interruptBudget, cores);
  return [...(budget ? [`--interrupt-budget=${budget}`] : []), ...compiler];
}

/**
 * The size of a block the binary allocates and drops at its start on one core (Linux), or
 * undefined for none. glibc's malloc gives memory back to the system whenever the free memory
 * at the top of an arena passes its trim threshold (128 KB at first), so V8's helper threads,
 * whose TurboFan compiles each malloc their zone memory and free it at the end, hand those
 * pages back after every compile and fault them in again, zeroed, at the next (~3 µs a page on
 * this machine's guest). glibc raises the threshold itself when a block it had mapped on its own
 * is freed: the mmap threshold to the block's size (up to 32 MB) and the trim threshold to
 * twice that (mallopt(3), "dynamic mmap threshold"). A 4 MB block, never written, freed at the
 * first garbage collection (before the first pages are read) does that at start: over the 121
 * extraction pages pinned to one core, ~1,600 page faults fewer a run (TurboFan's compiles and
 * the scavenger's: -1,600 of ~18,400, every run), all threads' CPU -5 to -8 ms (24 of 30 runs
 * better; docs/DECISIONS.md, layout-11b). The cost: an arena
 * keeps up to 8 MB of free memory instead of 128 KB. With a second core those faults are the
 * helper threads' own, beside the main thread: left as glibc has it there. Other C libraries
 * ignore the block (4 MB of address space, freed). `NEWSDIGEST_MALLOC_BLOCK` set to 0 turns it
 * off, to a number of bytes (up to 32 MB) sets that size on any core count (children inherit it).
 */
export function mallocThresholdBlock(
  platform: string,
  setting: string | undefined,
  cores: number,
): number | undefined {
  if (setting !== undefined && setting !== '') {
    const n = Number(setting);
    return Number.isInteger(n) && n > 0 && n <= MAX_MALLOC_BLOCK ? n : undefined;
  }
  return platform === 'linux' && cores <= 1 ? ONE_CORE_MALLOC_BLOCK : undefined;
}

/** 4 MB: above glibc's first mmap threshold (128 KB), so mapped on its own; measured against 16 MB (decisions). */
const ONE_CORE_MALLOC_BLOCK = 4 << 20;
/** glibc moves its thresholds for freed blocks up to 32 MB (with the block's header) only: a larger one is refused. */
const MAX_MALLOC_BLOCK = 32 << 20;

/**
 * What the binary sets up before it loads any module of ours (`bench layout`'s fresh process
 * calls it too, so it runs as the binary does). V8's flags (cliV8Flags): on one core, the
 * compiler settings of oneCoreCompilerFlags, or else the interrupt budget of
 * cliInterruptBudget, with the builtins a run needs loaded just before them
 * (builtinsBeforeFlags). Then node's compile cache: Node 22.1 and later can keep V8's compiled
 * code of our modules on disk between runs, so a fresh `newsdigest` skips most of their parsing
 * and compiling (NODE_DISABLE_COMPILE_CACHE=1 turns it off); Node 20 has no such cache (the
 * call is then absent and skipped). Last, on one core, the block that raises glibc's trim
 * threshold (mallocThresholdBlock).
 */
export function prepareProcess(): void {
  const env = {
    interruptBudget: process.env['NEWSDIGEST_INTERRUPT_BUDGET'],
    oneCore: process.env['NEWSDIGEST_V8_ONE_CORE'],
  };
  const cores = availableParallelism();
  const flags = cliV8Flags(process.versions.v8, process.execArgv, env, cores);
  const builtins = builtinsBeforeFlags(flags);
  if (builtins.length > 0) {
    const require = nodeModule.createRequire(import.meta.url);
    for (const id of builtins) require(id);
    void process.stdout;
  }
  for (const flag of flags) setFlagsFromString(flag);
  // After the flags: the cache's folder is named after V8's tag for the flags in force, so runs
  // with the one-core flags and runs without them keep apart caches instead of each rejecting
  // (and rewriting) the other's.
  (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  const block = mallocThresholdBlock(process.platform, process.env['NEWSDIGEST_MALLOC_BLOCK'], cores);
  // Allocated (malloc, not written) and dropped: freed at the first garbage collection.
  if (block !== undefined) Buffer.allocUnsafeSlow(block);
}

/**
 * The node builtins that a run reading pages loads anyway, which prepareProcess loads before it
 * sets V8 flags (none when it sets none), with process.stdout's stream. Node compiles its own
 * modules from a code cache built into the binary, and V8 accepts a code cache only under the
 * flags it was made with (their hash is part of the check): a builtin first loaded after any
 * flag is set is parsed and compiled from its source instead. On one core that was node:crypto
 * (17 modules, for the pages' ids), node:fs/promises (readPages' folder listing) and the stream
 * under process.stdout (every command's output; net for a pipe): loading crypto, fs/promises
 * and zlib after a flag cost 4.96 ms of CPU against 2.35 ms before it (Node 20; Node 24: 8.4
 * against 4.8; medians of 10 fresh processes). Over the 121 extraction pages on one core: 7-11
 * M instructions fewer of ~3,400 M (cachegrind, Node 20; docs/DECISIONS.md, layout-12).
 */
export function builtinsBeforeFlags(flags: readonly string[]): string[] {
  return flags.length > 0 ? ['node:crypto', 'node:fs/promises'] : [];
}

type Io = Pick<CommandContext, 'stdout' | 'stderr' | 'stdin'>;

/**
 * Runs one command line and resolves with its exit code. This is the modules' path (tests and
 * embedders call it from the sources); only the binary below may take the bundle instead.
 */
export async function main(argv: string[], io: Io = process): Promise<number> {
  return (await import('./run.js')).main(argv, io);
}

/** The bundle's entry as the build lays it out: dist/cli/ beside dist/src/ (this file is dist/src/cli/main.js). */
const BUNDLE = new URL('../../cli/newsdigest.js', import.meta.url);

/**
 * Whether the binary should load the bundle: it exists, `NEWSDIGEST_BUNDLE=0` does not turn it
 * off, and it was written no earlier than this file. A build that ran tsc alone (as engineers
 * do mid-change) rewrites this file and leaves an older bundle behind whose code may be stale:
 * the compiled modules run then. npm's packing gives every file one date, so an installed
 * package passes (equal times).
 */
export function bundleIsUsable(
  bundleMtimeMs: number | undefined,
  selfMtimeMs: number | undefined,
  setting: string | undefined,
): boolean {
  if (setting === '0') return false;
  return bundleMtimeMs !== undefined && selfMtimeMs !== undefined && bundleMtimeMs >= selfMtimeMs;
}

function mtimeMs(path: URL | string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

async function runBinary(argv: string[]): Promise<number> {
  prepareProcess();
  const self = fileURLToPath(import.meta.url);
  if (bundleIsUsable(mtimeMs(BUNDLE), mtimeMs(self), process.env['NEWSDIGEST_BUNDLE'])) {
    const bundled = (await import(BUNDLE.href)) as typeof import('./run.js');
    return bundled.main(argv, process);
  }
  return main(argv, process);
}

// Run when executed as the `newsdigest` binary (not when imported by tests).
function invokedDirectly(): boolean {
  try {
    return realpathSync(process.argv[1] ?? '') === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}
if (invokedDirectly()) {
  runBinary(process.argv.slice(2)).then(
    (code) => endWhenFlushed(code),
    (e: unknown) => {
      process.stderr.write(`newsdigest: ${(e as Error)?.message ?? String(e)}\n`);
      endWhenFlushed(1); // EXIT.someFailed (command.ts), not imported: this file loads nothing of ours
    },
  );
}

/**
 * Ends the process with `code` once standard output and error have taken all that was written
 * to them (an empty write's callback runs after the writes before it, also where a pipe is
 * asynchronous, as on Windows). A command resolves only when its work is done and its files are
 * closed (`serve` when it is stopped), so nothing is left to run; a process left to end when its
 * event loop empties spends ~8 ms more of CPU tearing its heap down, ~2 % of a fresh `digest` of
 * the 121 extraction pages on one core (docs/RESULTS.md (layout-speed-16)).
 */
function endWhenFlushed(code: number): void {
  process.exitCode = code;
  let open = 2;
  const flushed = (): void => {
    if (--open === 0) process.exit(code);
  };
  process.stdout.write('', flushed);
  process.stderr.write('', flushed);
}
