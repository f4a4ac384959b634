/**
 * Where an ingest's CPU goes, thread by thread (Linux): one `runIngest` of a file into a
 * fresh database, sampling /proc/self/task/<tid>/stat every 250 ms (a thread that exits keeps
 * its last sample, so a worker's last quarter second may be missed: its own figure, which it
 * reports at its close, is printed too). Threads are the main thread, the worker threads (the
 * ones that exit) and those alive before and after: V8's helper threads (optimising compiles,
 * GC) and libuv's. Figures are CPU ms per article stored, user and system apart.
 *
 *   node dist/scripts/corpus-threads.js [--data FILE] [--workers N] [--background-compile on|off]
 *     [--split stage|article]
 *
 * Run it alternately with two builds (or settings), several times each: on a shared machine
 * one run says little.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runIngest } from '../src/batch/run-ingest.js';
import { openStore } from '../src/store/sqlite-store.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const data = arg('data', '../shared/data/bbc-news-summary/bbc-news-summary.jsonl');
const workers = Number(arg('workers', '1'));
const compile = arg('background-compile', 'auto');
const split = arg('split', '');

interface Sample {
  userMs: number;
  sysMs: number;
}

/** Every thread's CPU so far (clock ticks of 10 ms, as Linux counts them in stat). */
function sample(into: Map<string, Sample>): void {
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'latin1');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      into.set(tid, { userMs: Number(f[11]) * 10, sysMs: Number(f[12]) * 10 });
    } catch {
      // The thread ended between the listing and the read.
    }
  }
}

async function main(): Promise<void> {
  const before = new Map<string, Sample>();
  sample(before);
  const seen = new Map<string, Sample>();
  const dir = mkdtempSync(join(tmpdir(), 'nd-corpus-threads-'));
  const db = join(dir, 'corpus.db');
  const store = openStore(db);
  const timer = setInterval(() => sample(seen), 250);
  const u0 = process.cpuUsage();
  const t0 = performance.now();
  let summary: Awaited<ReturnType<typeof runIngest>>;
  try {
    summary = await runIngest({
      inputs: [data],
      store,
      workers,
      backgroundCompile: compile === 'auto' ? undefined : compile === 'on',
      ...(split === 'stage' || split === 'article' ? { split } : {}),
    });
  } finally {
    clearInterval(timer);
  }
  const walMb = statSync(`${db}-wal`, { throwIfNoEntry: false })?.size ?? 0;
  store.close();
  sample(seen);
  const u = process.cpuUsage(u0);
  const seconds = (performance.now() - t0) / 1000;
  const n = Math.max(1, summary.stored);
  const alive = new Set(readdirSync('/proc/self/task'));
  const groups = {
    main: { userMs: 0, sysMs: 0 },
    workers: { userMs: 0, sysMs: 0 },
    others: { userMs: 0, sysMs: 0 },
  };
  for (const [tid, s] of seen) {
    const b = before.get(tid) ?? { userMs: 0, sysMs: 0 };
    const g =
      tid === String(process.pid)
        ? groups.main
        : alive.has(tid) || before.has(tid)
          ? groups.others
          : groups.workers;
    g.userMs += s.userMs - b.userMs;
    g.sysMs += s.sysMs - b.sysMs;
  }
  const per = (g: Sample) => ({ user: +(g.userMs / n).toFixed(2), sys: +(g.sysMs / n).toFixed(2) });
  const own = summary.workerCpu ?? [];
  console.log(
    JSON.stringify({
      data,
      workers,
      backgroundCompile: compile,
      split: split || null,
      stored: summary.stored,
      seconds: +seconds.toFixed(2),
      rate: +(summary.stored / seconds).toFixed(1),
      allThreadsCpuMs: +((u.user + u.system) / 1000 / n).toFixed(2),
      mainThread: per(groups.main),
      workerThreads: per(groups.workers),
      otherThreads: per(groups.others),
      workersOwnCpuMs: own.length ? +(own.reduce((a, c) => a + c.totalMs, 0) / n).toFixed(2) : null,
      // Each worker's own, with its half when split by stage.
      perWorkerCpuMs: own.map((c) => `${c.role ?? 'worker'} ${(c.totalMs / n).toFixed(2)}`),
      workerStartCpuMs: own.map((c) => Math.round(c.startMs)),
      workerFirstChunkCpuMs: own.map((c) => Math.round(c.firstChunkMs)),
      walMbAtEnd: +(walMb / 1e6).toFixed(1),
      loadAverage: +loadavg()[0]!.toFixed(2),
    }),
  );
  rmSync(dir, { recursive: true, force: true });
}

await main();
