/**
 * Times one of our stages and the peers a user would otherwise pick on the same
 * input in the same run, and reports both with the ratio. One core: our code runs
 * in this process on one thread; each peer runs as one process fed JSONL (process
 * start included, as the peers' reference figures are measured).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { type Timing, makeTiming as timing } from '../src/eval/peers.js';
import type { EvalReport } from '../src/eval/report.js';
import { round } from '../src/eval/report.js';

/**
 * Runs `fn` over every input, once to warm up (JIT, lazy model loads), then as many
 * whole passes as fit in `minSeconds` (at least one), and reports the mean pass.
 */
export function timeOurs<T>(
  label: string,
  inputs: readonly T[],
  bytesOf: (input: T) => number,
  fn: (input: T) => unknown,
  minSeconds = 2,
): Timing {
  let sink = 0;
  for (const input of inputs) sink += fn(input) ? 1 : 0;
  const bytes = inputs.reduce((sum, i) => sum + bytesOf(i), 0);
  let passes = 0;
  const t0 = performance.now();
  let elapsed = 0;
  do {
    for (const input of inputs) sink += fn(input) ? 1 : 0;
    passes++;
    elapsed = (performance.now() - t0) / 1000;
  } while (elapsed < minSeconds);
  if (sink < 0) console.log(sink); // keeps the calls from being optimised away
  return timing(label, inputs.length, bytes, elapsed / passes);
}

export {
  makeTiming,
  type PeerRun,
  peerAvailable,
  peersBinDir,
  runPeer,
  type Timing,
} from '../src/eval/peers.js';

/** A report of our timing against each peer's: rate, MB/s and how many times faster we are. */
export function speedReport(
  task: string,
  ours: Timing,
  peers: Timing[],
  extra: Record<string, unknown> = {},
): EvalReport {
  const rows = [ours, ...peers].map((t) => [
    t.label,
    t.items,
    round(t.rate, 1),
    round(t.mbPerSecond, 2),
    t === ours ? '1.00' : `${(ours.rate / t.rate).toFixed(2)}x`,
  ]);
  const figures: EvalReport['figures'] = {
    task,
    items: ours.items,
    bytes: ours.bytes,
    rate: round(ours.rate, 1),
    mbPerSecond: round(ours.mbPerSecond, 3),
    ...extra,
    peers: Object.fromEntries(
      peers.map((p) => [
        p.label,
        {
          rate: round(p.rate, 1),
          mbPerSecond: round(p.mbPerSecond, 3),
          ratio: round(ours.rate / p.rate, 2),
          ...p.extra,
        },
      ]),
    ),
  };
  return {
    figures,
    columns: ['runner', 'items', 'items/s', 'MB/s', 'ours vs it'],
    rows,
    notes: [`node ${process.version}, one core; peers as one process each, start-up included`],
  };
}

/**
 * CPU time used so far, in ms: by the whole process (every thread) and by the main
 * thread alone (Linux: the main thread's scheduler statistics; undefined elsewhere).
 * On a shared machine these move far less with the load than wall time does.
 */
export function cpuNow(): { processMs: number; mainMs: number | undefined } {
  const u = process.cpuUsage();
  let mainMs: number | undefined;
  try {
    // First field: nanoseconds this thread has run on a CPU. The main thread's id is the pid.
    const ns = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0];
    mainMs = Number(ns) / 1e6;
  } catch {
    mainMs = undefined;
  }
  return { processMs: (u.user + u.system) / 1000, mainMs };
}

/**
 * CPU time, in ms, of this process's children that have ended and been waited for
 * (Linux: cutime + cstime of /proc/self/stat, in clock ticks of 10 ms; undefined
 * elsewhere). Taken before and after a peer's run, it gives the peer's CPU time.
 */
export function childrenCpuMs(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}
