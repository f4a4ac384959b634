/**
 * V8's warm-up over one pass of a file, the load-independent way: runs corpus-warmup (one
 * build's dist/scripts/corpus-warmup.js) under `--trace-opt --trace-deopt-verbose` and counts,
 * per function, the TurboFan compiles (and their compile ms, summed over V8's three phases),
 * the deoptimisations with their kind, reason and the innermost source position V8 names
 * (dist JS line:column, after "deoptimize at"). Counts do not depend on the machine's load;
 * compile ms do somewhat (they are wall time on the compiler threads). Then, untraced, it runs
 * corpus-warmup `--rounds` times per build, builds alternated, and prints pass 0 and pass 1 CPU
 * ms an article (this thread / all threads): CPU is what matters, and with other jobs on the
 * machine only builds alternated in the same run compare (`--parallel`: a round's builds run at
 * the same time, under the same load; on 2 cores, one each).
 *
 *   node dist/scripts/corpus-jit.js [--data FILE] [--builds DIR[,DIR…]] [--rounds N] [--top N]
 *     [--sites] [--no-trace] [--parallel] [--node-flags "FLAGS"]
 *
 * A build DIR is a project root with dist/ built (default: this one); `DIR#ARGS` passes ARGS
 * (space-separated) to that build's corpus-warmup, e.g. `--builds ".#--warm-up 0,."`. The last line is one JSON
 * object: per build, the totals and the CPU runs.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const here = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const data = arg('data', '../shared/data/bbc-news-summary/bbc-news-summary.jsonl');
// "DIR" or "DIR#ARGS": ARGS (space-separated) are passed on to that build's corpus-warmup.
const builds = arg('builds', here)
  .split(',')
  .map((b) => {
    const [dir, extra] = b.split('#');
    return { root: resolve(dir!), args: extra ? extra.trim().split(/\s+/) : [], name: b };
  });
const rounds = Number(arg('rounds', '1'));
const top = Number(arg('top', '25'));
const showSites = process.argv.includes('--sites');
const trace = !process.argv.includes('--no-trace');
const parallel = process.argv.includes('--parallel');
// V8 flags for every run, e.g. "--no-concurrent-recompilation" (compiles on the thread itself, as a
// pool with a worker on every core has them).
const nodeFlags = arg('node-flags', '').split(/\s+/).filter(Boolean);

interface FunctionJit {
  compiles: number;
  osr: number;
  compileMs: number;
  deopts: number;
  lazy: number;
  /** "reason @ site" → count. */
  reasons: Map<string, number>;
}

interface TraceSummary {
  compiles: number;
  compileMs: number;
  deopts: number;
  eager: number;
  lazy: number;
  functions: Map<string, FunctionJit>;
  pass: Record<string, unknown> | undefined;
}

const COMPILED =
  /^\[completed compiling 0x[0-9a-f]+ <JSFunction (.*?) \(sfi = [^)]*\)> \(target TURBOFAN\)( OSR)? - took ([\d.]+), ([\d.]+), ([\d.]+) ms\]/;
const BAILOUT =
  /^\[bailout \(kind: ([a-z-]+), reason: (.*?)\): begin\. deoptimizing 0x[0-9a-f]+ <JSFunction (.*?) \(sfi/;
const SITE = /^\s+;;; deoptimize at <(.*?)>/;

function entry(map: Map<string, FunctionJit>, name: string): FunctionJit {
  let f = map.get(name);
  if (!f) {
    f = { compiles: 0, osr: 0, compileMs: 0, deopts: 0, lazy: 0, reasons: new Map() };
    map.set(name, f);
  }
  return f;
}

const maps = new Map<string, SourceMap | undefined>();

/** The TypeScript line:column of a compiled file's line:column, through its source map. */
function sourcePosition(file: string, line: number, column: number): string | undefined {
  if (!maps.has(file)) {
    const map = `${file}.map`;
    maps.set(file, existsSync(map) ? new SourceMap(JSON.parse(readFileSync(map, 'utf8'))) : undefined);
  }
  const entry = maps.get(file)?.findEntry(line - 1, column - 1);
  if (!entry || !('originalSource' in entry)) return undefined;
  return `${entry.originalLine + 1}:${entry.originalColumn + 1}`;
}

/**
 * `file:///…/dist/src/text/tokens.js:166:17` → `src/text/tokens.ts:173:17` (the TypeScript
 * position when the source map gives it; inlining chains kept, innermost first).
 */
function shortSite(site: string, root: string): string {
  return site
    .split('> inlined at <')
    .map((s) => {
      const m = /^(?:file:\/\/)?(.*?):(\d+):(\d+)$/.exec(s);
      if (!m) return s;
      const [, path, line, column] = m;
      const ts = sourcePosition(path!, Number(line), Number(column));
      const name = path!.startsWith(root) ? relative(join(root, 'dist'), path!) : path!;
      return ts ? `${name.replace(/\.js$/, '.ts')}:${ts}` : `${name}:${line}:${column}`;
    })
    .join(' < ');
}

function runLines(args: string[], onLine: (line: string) => void): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [...nodeFlags, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    createInterface({ input: child.stdout }).on('line', onLine);
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0 ? done() : fail(new Error(`${args.join(' ')} exited with ${code}`)),
    );
  });
}

async function traced(root: string, extra: string[]): Promise<TraceSummary> {
  const sum: TraceSummary = {
    compiles: 0,
    compileMs: 0,
    deopts: 0,
    eager: 0,
    lazy: 0,
    functions: new Map(),
    pass: undefined,
  };
  let pending: { f: FunctionJit; reason: string } | undefined;
  const script = join(root, 'dist/scripts/corpus-warmup.js');
  await runLines(
    ['--trace-opt', '--trace-deopt-verbose', script, '--passes', '1', '--data', data, ...extra],
    (line) => {
      if (line.startsWith('{"pass"')) sum.pass = JSON.parse(line) as Record<string, unknown>;
      let m = COMPILED.exec(line);
      if (m) {
        const f = entry(sum.functions, m[1] || '(anonymous)');
        const ms = Number(m[3]) + Number(m[4]) + Number(m[5]);
        f.compiles++;
        if (m[2]) f.osr++;
        f.compileMs += ms;
        sum.compiles++;
        sum.compileMs += ms;
        return;
      }
      m = BAILOUT.exec(line);
      if (m) {
        const f = entry(sum.functions, m[3] || '(anonymous)');
        f.deopts++;
        sum.deopts++;
        if (m[1] === 'deopt-lazy') {
          f.lazy++;
          sum.lazy++;
        } else sum.eager++;
        pending = { f, reason: m[1] === 'deopt-lazy' ? 'lazy' : m[2]! };
        return;
      }
      if (pending) {
        const s = SITE.exec(line);
        // The site follows the bailout line (eager deopts); lazy ones name none.
        const key = s ? `${pending.reason} @ ${shortSite(s[1]!, root)}` : pending.reason;
        if (s || !line.startsWith(' ')) {
          pending.f.reasons.set(key, (pending.f.reasons.get(key) ?? 0) + 1);
          pending = undefined;
        }
      }
    },
  );
  return sum;
}

async function cpuRun(root: string, extra: string[]): Promise<Record<string, unknown>[]> {
  const passes: Record<string, unknown>[] = [];
  await runLines(
    [join(root, 'dist/scripts/corpus-warmup.js'), '--passes', '2', '--data', data, ...extra],
    (line) => {
      if (line.startsWith('{"pass"')) passes.push(JSON.parse(line) as Record<string, unknown>);
    },
  );
  return passes;
}

function printTrace(root: string, s: TraceSummary): void {
  console.log(
    `\n${root}: ${s.compiles} TurboFan compiles, ${s.compileMs.toFixed(0)} ms; ${s.deopts} deopts (${s.eager} eager, ${s.lazy} lazy)`,
  );
  if (s.pass) console.log(`  traced pass (CPU includes the tracing): ${JSON.stringify(s.pass)}`);
  const rows = [...s.functions.entries()].sort((a, b) => b[1].compileMs - a[1].compileMs).slice(0, top);
  console.log(
    `  ${'function'.padEnd(28)} ${'compiles'.padStart(8)} ${'osr'.padStart(4)} ${'ms'.padStart(7)} ${'deopts'.padStart(6)}`,
  );
  for (const [name, f] of rows) {
    console.log(
      `  ${name.slice(0, 28).padEnd(28)} ${String(f.compiles).padStart(8)} ${String(f.osr).padStart(4)} ${f.compileMs.toFixed(0).padStart(7)} ${String(f.deopts).padStart(6)}`,
    );
    if (showSites) for (const [r, n] of f.reasons) console.log(`      ${n} × ${r}`);
  }
}

async function main(): Promise<void> {
  const out: Record<string, unknown>[] = builds.map((b) => ({ build: b.name, cpu: [] as unknown[] }));
  if (trace) {
    for (const [k, b] of builds.entries()) {
      const s = await traced(b.root, b.args);
      printTrace(b.name, s);
      Object.assign(out[k]!, {
        compiles: s.compiles,
        compileMs: Math.round(s.compileMs),
        deopts: s.deopts,
        eager: s.eager,
        lazy: s.lazy,
        byFunction: Object.fromEntries(
          [...s.functions.entries()]
            .filter(([, f]) => f.deopts > 0 || f.compileMs >= 20)
            .map(([n, f]) => [n, [f.compiles, Math.round(f.compileMs), f.deopts]]),
        ),
      });
    }
  }
  if (rounds > 0)
    console.log('\nCPU ms an article, this thread / all threads (untraced, builds alternated):');
  for (let r = 0; r < rounds; r++) {
    // --parallel: the builds' runs of a round at the same time, so that they share the same load.
    const started = parallel ? builds.map((b) => cpuRun(b.root, b.args)) : [];
    for (const [k, b] of builds.entries()) {
      const passes = parallel ? await started[k]! : await cpuRun(b.root, b.args);
      const fig = passes.map((p) => `${p['threadCpuMs']}/${p['allThreadsCpuMs']}`);
      console.log(
        `  round ${r} ${b.name}: pass 0 ${fig[0]}, pass 1 ${fig[1]} (load ${passes[0]?.['loadAverage']})`,
      );
      (out[k]!['cpu'] as unknown[]).push(passes.map((p) => [p['threadCpuMs'], p['allThreadsCpuMs']]));
    }
  }
  console.log(JSON.stringify({ data, builds: out }));
}

await main();
