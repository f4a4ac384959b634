/**
 * Runs the HTML layout path (ingest render + layout stage) over a folder of pages
 * several times and prints the CPU time per page; run it under `node --cpu-prof`
 * to find hot spots, then read the profile's top self-time functions with --top.
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof dist/scripts/layout-profile.js [--data ../shared/data/extraction] [--passes 3]
 *   node dist/scripts/layout-profile.js --top /tmp/prof/<file>.cpuprofile [--rows 30]
 *
 * The floor of a fresh process, layer by layer: fresh processes that only start,
 * also load the modules, read the pages (with ingest's readPages, as a user's run and
 * bench layout's fresh process do), tokenise them with the scanner (a handler that does
 * nothing), render them, or do the whole layout; main-thread CPU at their end, min and
 * median over the rounds (levels alternated):
 *
 *   node dist/scripts/layout-profile.js --floor [--rounds 7] [--data ../shared/data/extraction]
 *
 * Another build against this one, as a user's run works (fresh processes that read the
 * folder with readPages, make Articles with pageToArticle and lay them out), the two builds
 * alternated (ABBA), main-thread CPU of each step; `--ab` names the other build's folder
 * (the one holding its dist/), `--node` another node binary:
 *
 *   node dist/scripts/layout-profile.js --ab /tmp/base [--rounds 10] [--node PATH] [--data …]
 *
 * What V8's optimising compiler does in that fresh run (--trace-opt --trace-deopt, counted):
 * optimising compiles, their compile time and deoptimisations, per function, this build alone
 * or alternated with another:
 *
 *   node dist/scripts/layout-profile.js --jit [--ab /tmp/base] [--rounds 5] [--node PATH] [--data …]
 *
 * Instructions of that fresh run, counted by valgrind (cachegrind) with V8 single-threaded, so
 * that a run repeats to about ±0.1 % whatever the machine's load (CPU time needs 10-20 alternated
 * rounds to see 15 ms): all of them, those of V8's optimising compiler (which a normal run does on
 * another thread), the rest (the main thread's work in a normal run), and SHA-256 and UTF-8
 * decoding apart. Needs valgrind (Debian's `valgrind`); ~1-2 minutes a run:
 *
 *   node dist/scripts/layout-profile.js --instructions [--ab /tmp/base] [--rounds 1] [--node PATH] [--data …]
 *
 * Two builds' fresh processes as `bench layout` runs one (the binary's prepareProcess, then the
 * bundle's layout path over the pages' paths), pinned to one CPU with taskset (`--cpu`, default
 * 0; `--cpu none` leaves them unpinned), alternated (ABBA): wall time, main-thread CPU, all
 * threads' CPU and the process's minor page faults (a count the machine's load does not move:
 * ~3 µs each on this machine's guest), medians and paired differences. `--ab` names the other build's folder (`.` for
 * this one); `--env-other` / `--env-this` add an environment variable to one side, so that one
 * build can be run both ways (NEWSDIGEST_V8_ONE_CORE=0 leaves V8's own compiler settings), and
 * `--v8-other` / `--v8-this` a V8 flag that one side's process sets after prepareProcess (as
 * v8.setFlagsFromString, where the binary sets its own; written `--v8-this=--flag`), to measure a
 * flag before building it in; `--exit-other` / `--exit-this` end that side's process with
 * process.exit(0) once its figures are written, where the other ends when its event loop empties
 * (node then tears V8's heap down page by page before the process exits). The CPU figures are read
 * inside the process, before it ends: what its ending costs shows in `wall` and in `exit`, the CPU
 * of the whole process (all threads, start to exit) less what it had used when it wrote its figures,
 * from the kernel's count for waited-for children (clock ticks: 10 ms here, so a mean, not a
 * median):
 *
 *   node dist/scripts/layout-profile.js --one-core --ab /tmp/base [--rounds 20] [--cpu 0] [--env-other K=V] [--env-this K=V] [--v8-other=FLAG] [--v8-this=FLAG] [--exit-other] [--exit-this]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Article } from '../src/article/types.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function (name, file, line), largest first. */
function topSelf(path: string, rows: number): void {
  const p = JSON.parse(readFileSync(path, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  p.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
    const t = p.timeDeltas[i] ?? 0;
    self.set(key, (self.get(key) ?? 0) + t);
    total += t;
  });
  for (const [k, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, rows))
    console.log(
      `${((t / total) * 100).toFixed(1).padStart(5)}%  ${(t / 1000).toFixed(0).padStart(6)} ms  ${k}`,
    );
}

const LEVELS = ['start', 'modules', 'read', 'scan', 'render', 'layout'] as const;

/**
 * One fresh process (a child of this one) that does the layers of the work up to
 * `level`, and prints its main-thread CPU at the end. Only node's built-ins are
 * loaded before the level asks for our modules.
 */
function floorChild(level: string, dir: string): number {
  const url = (p: string) => JSON.stringify(new URL(p, import.meta.url).href);
  const scan = level === 'scan';
  const render = level === 'render';
  const all = level === 'modules' || level === 'layout';
  // Pages are read as a user's batch run reads them (ingest's readPages: the same as
  // bench layout's fresh process), and laid out as Articles made by pageToArticle.
  const script = `
    import { readFileSync } from 'node:fs';
    const reader = ${level !== 'start'} ? await import(${url('../src/ingest/read.js')}) : undefined;
    const scanner = ${scan} ? await import(${url('../src/layout/html/scanner.js')}) : undefined;
    const render = ${render} ? await import(${url('../src/layout/html/render.js')}) : undefined;
    const ingest = ${all} ? await import(${url('../src/ingest/page.js')}) : undefined;
    const layout = ${all} ? await import(${url('../src/layout/index.js')}) : undefined;
    const noop = { open() {}, text() {}, close() {} };
    let n = 0;
    if (${level !== 'start' && level !== 'modules'}) {
      for await (const r of reader.readPages([${JSON.stringify(dir)}])) {
        if (!r.ok || r.page.html === undefined) continue;
        const html = r.page.html;
        if (scanner) scanner.scanHtml(html, noop);
        else if (render) n += render.renderHtml(html).blocks.length;
        else if (layout) n += layout.layoutStage.run(ingest.pageToArticle(r.page), {}).blocks.length;
        else n += html.length;
      }
    }
    let ms;
    try { ms = Number(readFileSync('/proc/self/task/' + process.pid + '/schedstat', 'utf8').split(' ')[0]) / 1e6; }
    catch { const u = process.cpuUsage(); ms = (u.user + u.system) / 1000; }
    process.stdout.write(String(ms));`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
}

function floor(dir: string, rounds: number): void {
  const runs = new Map<string, number[]>(LEVELS.map((l) => [l, []]));
  for (let r = 0; r < rounds; r++) for (const level of LEVELS) runs.get(level)!.push(floorChild(level, dir));
  const stat = (v: number[]) => {
    const s = [...v].sort((a, b) => a - b);
    return { min: Math.round(s[0]!), median: Math.round(s[s.length >> 1]!) };
  };
  const out: Record<string, { min: number; median: number }> = {};
  for (const level of LEVELS) {
    out[level] = stat(runs.get(level)!);
    console.log(
      `${level.padEnd(8)} main-thread CPU min ${out[level].min} ms, median ${out[level].median} ms`,
    );
  }
  console.log(JSON.stringify({ task: 'layout-fresh-floor', rounds, node: process.version, levels: out }));
}

/** Main-thread CPU (ms) of one fresh process of the build whose dist/ holds `distSrc` (src/ of dist). */
function userRun(
  node: string,
  distSrc: string,
  dir: string,
): { start: number; modules: number; rest: number } {
  const url = (p: string) => JSON.stringify(new URL(p, distSrc).href);
  const script = `
    import { readFileSync } from 'node:fs';
    import nodeModule from 'node:module';
    nodeModule.enableCompileCache?.();
    const cpu = () => {
      try { return Number(readFileSync('/proc/self/task/' + process.pid + '/schedstat', 'utf8').split(' ')[0]) / 1e6; }
      catch { const u = process.cpuUsage(); return (u.user + u.system) / 1000; }
    };
    const start = cpu();
    const { readPages } = await import(${url('ingest/read.js')});
    const { pageToArticle } = await import(${url('ingest/page.js')});
    const { layoutStage } = await import(${url('layout/index.js')});
    const loaded = cpu();
    let n = 0;
    for await (const r of readPages([${JSON.stringify(dir)}])) if (r.ok) n += layoutStage.run(pageToArticle(r.page), {}).blocks.length;
    process.stdout.write(JSON.stringify({ start, modules: loaded - start, rest: cpu() - loaded }));`;
  return JSON.parse(execFileSync(node, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
}

function ab(other: string, node: string, dir: string, rounds: number): void {
  const builds = [
    { name: 'other', src: pathToFileURL(join(resolve(other), 'dist', 'src', '/')).href },
    { name: 'this', src: new URL('../src/', import.meta.url).href },
  ];
  const runs = builds.map(() => [] as { start: number; modules: number; rest: number }[]);
  for (let r = 0; r < rounds; r++)
    for (const k of r % 2 ? [1, 0] : [0, 1]) runs[k]!.push(userRun(node, builds[k]!.src, dir));
  const sorted = (v: number[]) => [...v].sort((a, b) => a - b);
  const median = (v: number[]) => sorted(v)[v.length >> 1]!;
  const total = (x: { start: number; modules: number; rest: number }) => x.start + x.modules + x.rest;
  const out: Record<string, unknown> = {
    task: 'layout-fresh-ab',
    rounds,
    node: execFileSync(node, ['--version'], { encoding: 'utf8' }).trim(),
  };
  builds.forEach((b, k) => {
    const x = runs[k]!;
    const stat = (f: (e: (typeof x)[number]) => number) => ({
      min: Math.round(sorted(x.map(f))[0]!),
      median: Math.round(median(x.map(f))),
    });
    out[b.name] = {
      start: stat((e) => e.start),
      modules: stat((e) => e.modules),
      readAndLayout: stat((e) => e.rest),
      total: stat(total),
    };
    console.log(
      `${b.name.padEnd(6)} whole process min ${stat(total).min} ms, median ${stat(total).median} ms (modules ${stat((e) => e.modules).median}, reading + layout ${stat((e) => e.rest).median})`,
    );
  });
  const diffs = runs[1]!.map((e, i) => total(e) - total(runs[0]![i]!));
  out['pairedMedianDifference'] = Math.round(median(diffs));
  out['thisBetter'] = diffs.filter((d) => d < 0).length;
  console.log(JSON.stringify(out));
}

interface JitCounts {
  /** TurboFan compiles that completed, and their compile time (the three phases V8 reports, summed). */
  compiles: number;
  compileMs: number;
  /** Deoptimisations (V8's "bailout" lines). */
  deopts: number;
  /** Per function name: [compiles, compile ms, deopts]. */
  byFunction: Map<string, [number, number, number]>;
}

/**
 * One fresh process of the users' path (as userRun) under V8's --trace-opt --trace-deopt,
 * counted: optimising compiles, their compile time and deoptimisations, per function. Compile
 * time is the compiler threads' wall time as V8 prints it (it grows with the machine's load);
 * the counts do not depend on the load.
 */
function jitRun(node: string, distSrc: string, dir: string): JitCounts {
  const url = (p: string) => JSON.stringify(new URL(p, distSrc).href);
  const script = `
    const { readPages } = await import(${url('ingest/read.js')});
    const { pageToArticle } = await import(${url('ingest/page.js')});
    const { layoutStage } = await import(${url('layout/index.js')});
    let n = 0;
    for await (const r of readPages([${JSON.stringify(dir)}])) if (r.ok) n += layoutStage.run(pageToArticle(r.page), {}).blocks.length;`;
  const out = execFileSync(node, ['--trace-opt', '--trace-deopt', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const counts: JitCounts = { compiles: 0, compileMs: 0, deopts: 0, byFunction: new Map() };
  const entry = (name: string) => {
    let e = counts.byFunction.get(name);
    if (!e) {
      e = [0, 0, 0];
      counts.byFunction.set(name, e);
    }
    return e;
  };
  for (const line of out.split('\n')) {
    const done = /completed compiling.*<JSFunction (\S+).*took ([\d.]+), ([\d.]+), ([\d.]+) ms/.exec(line);
    if (done) {
      const ms = Number(done[2]) + Number(done[3]) + Number(done[4]);
      counts.compiles++;
      counts.compileMs += ms;
      const e = entry(done[1]!);
      e[0]++;
      e[1] += ms;
      continue;
    }
    const bail = /bailout.*deoptimizing.*<JSFunction (\S+)/.exec(line);
    if (bail) {
      counts.deopts++;
      entry(bail[1]!)[2]++;
    }
  }
  return counts;
}

/** Compiles and deoptimisations of fresh runs, this build (and another, alternated, with --ab). */
function jit(other: string | undefined, node: string, dir: string, rounds: number): void {
  const builds = [{ name: 'this', src: new URL('../src/', import.meta.url).href }];
  if (other)
    builds.unshift({ name: 'other', src: pathToFileURL(join(resolve(other), 'dist', 'src', '/')).href });
  const runs = builds.map(() => [] as JitCounts[]);
  for (let r = 0; r < rounds; r++)
    for (const k of r % 2 ? [...builds.keys()].reverse() : builds.keys())
      runs[k]!.push(jitRun(node, builds[k]!.src, dir));
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!;
  const out: Record<string, unknown> = {
    task: 'layout-fresh-jit',
    rounds,
    node: execFileSync(node, ['--version'], { encoding: 'utf8' }).trim(),
  };
  builds.forEach((b, k) => {
    const x = runs[k]!;
    const totals = new Map<string, [number, number, number]>();
    for (const run of x)
      for (const [name, [c, ms, d]] of run.byFunction) {
        const t = totals.get(name) ?? [0, 0, 0];
        totals.set(name, [t[0] + c / x.length, t[1] + ms / x.length, t[2] + d / x.length]);
      }
    const top = [...totals].sort((p, q) => q[1][1] - p[1][1]).slice(0, 12);
    console.log(`${b.name}: per function, mean over ${x.length} runs (compiles, compile ms, deopts)`);
    for (const [name, [c, ms, d]] of top)
      console.log(
        `  ${name.padEnd(28)} ${c.toFixed(1).padStart(5)} ${ms.toFixed(0).padStart(6)} ${d.toFixed(1).padStart(5)}`,
      );
    out[b.name] = {
      compiles: median(x.map((e) => e.compiles)),
      compileMs: Math.round(median(x.map((e) => e.compileMs))),
      deopts: median(x.map((e) => e.deopts)),
    };
  });
  console.log(JSON.stringify(out));
}

/** Millions of instructions of one fresh run of the users' path under cachegrind, by family. */
interface InstructionCounts {
  all: number;
  compiler: number;
  mainThread: number;
  sha256: number;
  utf8Decode: number;
}

function instructionRun(node: string, distSrc: string, dir: string): InstructionCounts {
  const url = (p: string) => JSON.stringify(new URL(p, distSrc).href);
  // The pages' paths, as bench layout's fresh process gets them: reading the folder itself goes
  // through the thread pool (readdir), whose timing under valgrind moved the count by ~1 %.
  const paths = readdirSync(dir)
    .filter((n) => /\.html?$/i.test(n))
    .sort()
    .map((n) => join(dir, n));
  const script = `
    const { readPages } = await import(${url('ingest/read.js')});
    const { pageToArticle } = await import(${url('ingest/page.js')});
    const { layoutStage } = await import(${url('layout/index.js')});
    let n = 0;
    for await (const r of readPages(${JSON.stringify(paths)})) if (r.ok) n += layoutStage.run(pageToArticle(r.page), {}).blocks.length;`;
  const tmp = mkdtempSync(join(tmpdir(), 'layout-cg-'));
  const out = join(tmp, 'cachegrind.out');
  // A file, not `-e`: cachegrind writes the command line into its output, where the script's
  // line ends would break the format.
  const file = join(tmp, 'fresh-run.mjs');
  writeFileSync(file, script);
  try {
    execFileSync(
      'valgrind',
      [
        '--tool=cachegrind',
        '--cache-sim=no',
        `--cachegrind-out-file=${out}`,
        node,
        '--single-threaded',
        file,
      ],
      { stdio: ['ignore', 'ignore', 'ignore'] },
    );
    const table = execFileSync('cg_annotate', ['--threshold=0', out], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    const counts: InstructionCounts = { all: 0, compiler: 0, mainThread: 0, sha256: 0, utf8Decode: 0 };
    for (const line of table.split('\n')) {
      const m = /^\s*([\d,]+) \(\s*[\d.]+%\)\s+(.*)$/.exec(line);
      if (!m || m[2]!.includes('PROGRAM TOTALS')) continue;
      const n = Number(m[1]!.replaceAll(',', '')) / 1e6;
      const f = m[2]!;
      counts.all += n;
      if (f.includes('compiler::')) counts.compiler += n;
      if (f.includes('sha256')) counts.sha256 += n;
      if (f.includes('Utf8Decoder')) counts.utf8Decode += n;
    }
    counts.mainThread = counts.all - counts.compiler;
    return counts;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function instructions(other: string | undefined, node: string, dir: string, rounds: number): void {
  const builds = [{ name: 'this', src: new URL('../src/', import.meta.url).href }];
  if (other)
    builds.unshift({ name: 'other', src: pathToFileURL(join(resolve(other), 'dist', 'src', '/')).href });
  const out: Record<string, unknown> = {
    task: 'layout-fresh-instructions',
    rounds,
    node: execFileSync(node, ['--version'], { encoding: 'utf8' }).trim(),
  };
  const runs = builds.map(() => [] as InstructionCounts[]);
  for (let r = 0; r < rounds; r++)
    for (const k of r % 2 ? [...builds.keys()].reverse() : builds.keys())
      runs[k]!.push(instructionRun(node, builds[k]!.src, dir));
  builds.forEach((b, k) => {
    const x = runs[k]!;
    const mean = (f: (c: InstructionCounts) => number) =>
      Math.round((x.reduce((t, c) => t + f(c), 0) / x.length) * 10) / 10;
    out[b.name] = {
      millions: {
        all: mean((c) => c.all),
        compiler: mean((c) => c.compiler),
        mainThread: mean((c) => c.mainThread),
        sha256: mean((c) => c.sha256),
        utf8Decode: mean((c) => c.utf8Decode),
      },
      mainThreadRuns: x.map((c) => Math.round(c.mainThread * 10) / 10),
    };
    console.log(
      `${b.name.padEnd(6)} ${mean((c) => c.mainThread)} M instructions outside the optimising compiler (all ${mean((c) => c.all)} M; SHA-256 ${mean((c) => c.sha256)} M, UTF-8 decoding ${mean((c) => c.utf8Decode)} M)`,
    );
  });
  console.log(JSON.stringify(out));
}

interface OneCoreRun {
  wall: number;
  main: number;
  all: number;
  /** Minor page faults of the process, all threads (getrusage), at the same point as the CPU times. */
  faults: number;
  /** CPU ms of the whole process (kernel's count for waited-for children, clock ticks) less `all`: its ending. */
  exit: number;
}

/** CPU ms of this process's waited-for children so far (user + system; /proc/self/stat's cutime and cstime, in clock ticks). */
function childrenCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the name: state is field 3, cutime 16 and cstime 17 (proc(5)); fields[0] is field 3.
  return (Number(fields[13]) + Number(fields[14])) * (1000 / CLOCK_TICKS);
}

/** Linux's USER_HZ, the unit of /proc's CPU times (100 on every Linux architecture node runs on). */
const CLOCK_TICKS = 100;

/** One fresh process of the build in `build` (a folder holding dist/), as bench layout's: wall ms, main-thread and all threads' CPU ms, page faults. */
function oneCoreRun(
  node: string,
  build: string,
  paths: readonly string[],
  cpu: string,
  env: Record<string, string>,
  exit: boolean,
): OneCoreRun {
  const url = (p: string) => JSON.stringify(pathToFileURL(join(resolve(build), 'dist', p)).href);
  const bundled = readdirSync(join(resolve(build), 'dist')).includes('cli');
  const script = `
    import { readFileSync } from 'node:fs';
    const { prepareProcess } = await import(${url('src/cli/main.js')});
    prepareProcess();
    const extra = JSON.parse(process.env.LAYOUT_PROFILE_V8_FLAGS ?? '[]');
    if (extra.length > 0) for (const f of extra) (await import('node:v8')).setFlagsFromString(f);
    const { readPages, pageToArticle, layoutStage } = await import(${url(bundled ? 'cli/layout-path.js' : 'src/cli/layout-path.js')});
    let n = 0;
    for await (const r of readPages(JSON.parse(process.argv[1]))) {
      if (!r.ok) throw new Error(r.error.toString());
      n += layoutStage.run(pageToArticle(r.page), {}).blocks.length;
    }
    const u = process.cpuUsage();
    const main = Number(readFileSync('/proc/self/task/' + process.pid + '/schedstat', 'utf8').split(' ')[0]) / 1e6;
    const faults = process.resourceUsage().minorPageFault;
    process.stdout.write(JSON.stringify({ main, all: (u.user + u.system) / 1000, faults }));${exit ? '\n    process.exit(0);' : ''}`;
  const args = [node, '--input-type=module', '-e', script, JSON.stringify(paths)];
  const [cmd, ...rest] = cpu === 'none' ? args : ['taskset', '-c', cpu, ...args];
  const c0 = childrenCpuMs();
  const t0 = performance.now();
  const out = execFileSync(cmd!, rest, { encoding: 'utf8', env: { ...process.env, ...env } });
  const wall = performance.now() - t0;
  const whole = childrenCpuMs() - c0;
  const r = JSON.parse(out) as { main: number; all: number; faults: number };
  return { wall, main: r.main, all: r.all, faults: r.faults, exit: whole - r.all };
}

/** The environment of one side: its `--env-*` settings, and its `--v8-*` flags for the child to set. */
function envOf(settings: readonly string[] | undefined, v8Flags?: readonly string[]): Record<string, string> {
  const env = envSettings(settings);
  if (v8Flags && v8Flags.length > 0) env['LAYOUT_PROFILE_V8_FLAGS'] = JSON.stringify(v8Flags);
  return env;
}

function envSettings(settings: readonly string[] | undefined): Record<string, string> {
  return Object.fromEntries(
    (settings ?? []).map((kv) => {
      const eq = kv.indexOf('=');
      if (eq <= 0) throw new Error(`expected NAME=VALUE, got ${kv}`);
      return [kv.slice(0, eq), kv.slice(eq + 1)];
    }),
  );
}

function oneCore(
  other: string,
  node: string,
  dir: string,
  rounds: number,
  cpu: string,
  envOther: Record<string, string>,
  envThis: Record<string, string>,
  exitOther = false,
  exitThis = false,
): void {
  const paths = readdirSync(dir)
    .filter((n) => /\.html?$/i.test(n))
    .sort()
    .map((n) => join(dir, n));
  const builds = [
    { name: 'other', dir: other, env: envOther, exit: exitOther },
    { name: 'this', dir: new URL('../..', import.meta.url).pathname, env: envThis, exit: exitThis },
  ];
  const runs = builds.map(() => [] as OneCoreRun[]);
  for (let r = 0; r < rounds; r++)
    for (const k of r % 2 ? [1, 0] : [0, 1])
      runs[k]!.push(oneCoreRun(node, builds[k]!.dir, paths, cpu, builds[k]!.env, builds[k]!.exit));
  const median = (v: number[]) => {
    const s = [...v].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
  };
  const out: Record<string, unknown> = {
    task: 'layout-fresh-one-core-ab',
    rounds,
    cpu,
    node: execFileSync(node, ['--version'], { encoding: 'utf8' }).trim(),
    load: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
    builds: builds.map((b) => ({ name: b.name, dir: resolve(b.dir), env: b.env, exit: b.exit })),
  };
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  for (const key of ['wall', 'main', 'all', 'faults', 'exit'] as const) {
    const unit = key === 'faults' ? '' : ' ms';
    const diffs = runs[1]!.map((e, i) => e[key] - runs[0]![i]![key]);
    // The ending's CPU is counted in clock ticks: a median of such steps says little, their mean more.
    const centre = key === 'exit' ? mean : median;
    const row = {
      other: Math.round(centre(runs[0]!.map((e) => e[key]))),
      this: Math.round(centre(runs[1]!.map((e) => e[key]))),
      pairedMedianDifference: Math.round(median(diffs) * 10) / 10,
      pairedMeanDifference: Math.round(mean(diffs) * 10) / 10,
      thisBetter: diffs.filter((d) => d < 0).length,
    };
    out[key] = row;
    const difference =
      key === 'exit'
        ? `means ${row.other}${unit} / ${row.this}${unit}; paired mean ${row.pairedMeanDifference}${unit}`
        : `other ${row.other}${unit}, this ${row.this}${unit}; paired median ${row.pairedMedianDifference}${unit}`;
    console.log(`${key.padEnd(6)} ${difference}, this better in ${row.thisBetter} of ${rounds}`);
  }
  console.log(JSON.stringify(out));
}

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    passes: { type: 'string' },
    top: { type: 'string' },
    rows: { type: 'string' },
    floor: { type: 'boolean' },
    rounds: { type: 'string' },
    ab: { type: 'string' },
    node: { type: 'string' },
    jit: { type: 'boolean' },
    instructions: { type: 'boolean' },
    'one-core': { type: 'boolean' },
    cpu: { type: 'string' },
    'env-other': { type: 'string', multiple: true },
    'env-this': { type: 'string', multiple: true },
    'v8-other': { type: 'string', multiple: true },
    'v8-this': { type: 'string', multiple: true },
    'exit-other': { type: 'boolean' },
    'exit-this': { type: 'boolean' },
  },
});
const dataDir = () =>
  resolve(values.data ?? join(process.env['NEWSDIGEST_DATA'] ?? '../shared/data', 'extraction'));
if (values.top) topSelf(values.top, Number(values.rows ?? 30));
else if (values['one-core'])
  oneCore(
    values.ab ?? '.',
    values.node ?? process.execPath,
    join(dataDir(), 'html'),
    Number(values.rounds ?? 20),
    values.cpu ?? '0',
    envOf(values['env-other'], values['v8-other']),
    envOf(values['env-this'], values['v8-this']),
    values['exit-other'] ?? false,
    values['exit-this'] ?? false,
  );
else if (values.instructions)
  instructions(
    values.ab,
    values.node ?? process.execPath,
    join(dataDir(), 'html'),
    Number(values.rounds ?? 1),
  );
else if (values.jit)
  jit(values.ab, values.node ?? process.execPath, join(dataDir(), 'html'), Number(values.rounds ?? 5));
else if (values.floor) floor(join(dataDir(), 'html'), Number(values.rounds ?? 7));
else if (values.ab)
  ab(values.ab, values.node ?? process.execPath, join(dataDir(), 'html'), Number(values.rounds ?? 10));
else {
  const { decodeBytes } = await import('../src/ingest/decode.js');
  const { pageToArticle } = await import('../src/ingest/page.js');
  const { layoutStage } = await import('../src/layout/index.js');
  const dir = join(dataDir(), 'html');
  const pages = readdirSync(dir)
    .filter((n) => n.endsWith('.html'))
    .sort()
    .map((n) => ({ id: n, html: decodeBytes(readFileSync(join(dir, n)), n).text }));
  const passes = Number(values.passes ?? 3);
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  let blocks = 0;
  for (let r = 0; r < passes; r++)
    for (const p of pages)
      blocks +=
        (layoutStage.run(pageToArticle({ id: p.id, html: p.html }), {}) as Article).blocks?.length ?? 0;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const n = pages.length * passes;
  console.log(
    JSON.stringify({
      task: 'layout-profile',
      pages: n,
      blocks,
      cpuPagesPerSecond: Number((n / cpuSeconds).toFixed(1)),
      wallPagesPerSecond: Number((n / ((performance.now() - wall0) / 1000)).toFixed(1)),
    }),
  );
}
