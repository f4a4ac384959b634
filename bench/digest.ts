/**
 * `newsdigest bench digest`: end-to-end throughput of a batch, the way a user runs
 * it (`newsdigest ingest`): pages read and hashed on the main thread, every stage
 * on N worker threads, the Articles stored in a fresh SQLite corpus in batched
 * transactions. Worker start-up and model loading are included. Beside it, the
 * two halves timed alone on one thread (every stage in-process; the store alone),
 * and the compromise entity pass (`ner-compromise`, one process) on the same
 * articles in the same run.
 *
 * Data: JSONL with the text in `text` (bbc-news-summary) or `article` (CNN/DM),
 * read as text pages.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { workerInterruptBudget } from '../src/batch/pool.js';
import { runIngest, type Split } from '../src/batch/run-ingest.js';
import { digestArticle } from '../src/digest.js';
import { NewsdigestError } from '../src/errors.js';
import { readJsonl } from '../src/eval/data.js';
import { type EvalReport, round } from '../src/eval/report.js';
import { pageToArticle } from '../src/ingest/page.js';
import { articleRecord } from '../src/store/record.js';
import { openStore } from '../src/store/sqlite-store.js';
import type { StoreItem } from '../src/store/types.js';
import { childrenCpuMs, cpuNow, peerAvailable, runPeer } from './harness.js';
import type { BenchTask } from './registry.js';

interface Doc {
  id: string;
  text: string;
}

async function readDocs(path: string, limit: number | undefined): Promise<Doc[]> {
  const docs: Doc[] = [];
  for await (const r of readJsonl(path, limit)) {
    const text = typeof r['text'] === 'string' ? r['text'] : r['article'];
    if (typeof text !== 'string' || text.trim() === '') continue;
    docs.push({ id: String(r['id'] ?? docs.length), text });
  }
  if (docs.length === 0)
    throw new NewsdigestError('E_EMPTY', path, 'has no records with a "text" or "article" string');
  return docs;
}

interface EndToEnd {
  workers: number;
  rate: number;
  seconds: number;
  /** CPU time per article stored, every thread of this process (workers, main thread, GC, JIT). */
  cpuMs: number;
  /** The main thread's share: reading, hashing, handing out chunks, counting. */
  mainCpuMs: number | undefined;
  workerBusy: number | undefined;
  /**
   * The worker threads' own CPU per article stored (their sum over the run, start-up included;
   * Linux only): the figure the target reads, without V8's background threads and the main thread.
   */
  workerThreadCpuMs: number | undefined;
  /** Per worker, CPU seconds of its own thread before its first chunk and on the first chunk. */
  workerStartCpuMs: number | undefined;
  workerFirstChunkCpuMs: number | undefined;
  /**
   * The rest of the process's CPU per article: neither the main thread nor a worker's own
   * thread, i.e. V8's helper threads (optimising compiles of each worker's hot code, GC
   * marking and sweeping) and libuv's. Each worker compiles its own code, so this grows with
   * the number of workers on a run of fixed length.
   */
  helperCpuMs: number | undefined;
  /**
   * The rate the run's CPU allows on this machine, whatever else runs on it: at most
   * workers / (the workers' own CPU per article) (each worker thread is one core at most) and
   * cores / (all threads' CPU per article). On a quiet machine the measured rate is close to it;
   * under others' load it still compares builds and worker counts (a figure of CPU, which load
   * moves much less than time: it cannot see a worker waiting).
   */
  cpuBoundRate: number | undefined;
  /**
   * The busiest worker thread's own CPU per article (start-up included): with workers split by
   * stage (run-ingest.ts `split`) the halves need not weigh the same, and the busier bounds the
   * rate at 1000 / this; with workers split by article, about workerThreadCpuMs / workers.
   */
  busiestWorkerCpuMs: number | undefined;
  /** How the workers shared the work (--split; default: ingest's). */
  split: Split | undefined;
  /** Each worker thread's own CPU per article, with its half when split by stage ("head 1.21"). */
  perWorker: string[];
  loadAverage: number;
}

/** One `newsdigest ingest` run over `input` into a fresh database, as the CLI runs it. */
async function endToEnd(
  input: string,
  db: string,
  workers: number,
  backgroundCompile: boolean | undefined,
  interruptBudget: number | undefined,
  split: Split | undefined,
): Promise<EndToEnd> {
  const store = openStore(db);
  const c0 = cpuNow();
  const t0 = performance.now();
  let summary: Awaited<ReturnType<typeof runIngest>>;
  try {
    summary = await runIngest({
      inputs: [input],
      store,
      workers,
      backgroundCompile,
      interruptBudget,
      ...(split ? { split } : {}),
    });
  } finally {
    store.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  const c1 = cpuNow();
  if (summary.failed > 0) {
    const first = summary.errors[0]!;
    throw new NewsdigestError(
      first.code,
      first.origin,
      `${summary.failed} pages failed; first: ${first.message}`,
    );
  }
  const n = Math.max(1, summary.stored);
  const cpuMs = (c1.processMs - c0.processMs) / n;
  const mainCpuMs =
    c1.mainMs !== undefined && c0.mainMs !== undefined ? (c1.mainMs - c0.mainMs) / n : undefined;
  // Every worker's figure or none: a worker that did not report in time would make the sum short.
  const reported = summary.workerCpu ?? [];
  const wc = reported.length === workers ? reported : [];
  const mean = (f: (c: (typeof wc)[number]) => number) =>
    wc.length ? wc.reduce((a, c) => a + f(c), 0) / wc.length : undefined;
  const workerThreadCpuMs = wc.length ? wc.reduce((a, c) => a + c.totalMs, 0) / n : undefined;
  return {
    workers,
    rate: summary.stored / seconds,
    seconds,
    cpuMs,
    mainCpuMs,
    workerBusy: summary.workerBusy,
    workerThreadCpuMs,
    helperCpuMs:
      mainCpuMs !== undefined && workerThreadCpuMs !== undefined
        ? cpuMs - mainCpuMs - workerThreadCpuMs
        : undefined,
    cpuBoundRate:
      workerThreadCpuMs !== undefined
        ? 1000 * Math.min(workers / workerThreadCpuMs, availableParallelism() / cpuMs)
        : undefined,
    busiestWorkerCpuMs: wc.length ? Math.max(...wc.map((c) => c.totalMs)) / n : undefined,
    split,
    perWorker: wc.map((c) => `${c.role ?? 'worker'} ${(c.totalMs / n).toFixed(3)}`),
    workerStartCpuMs: mean((c) => c.startMs),
    workerFirstChunkCpuMs: mean((c) => c.firstChunkMs),
    loadAverage: loadavg()[0]!,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const digestBench: BenchTask = {
  name: 'digest',
  summary: 'end to end: ingest (every stage on N workers + the SQLite store) vs compromise entities',
  defaultData: 'bbc-news-summary/bbc-news-summary.jsonl',
  flags: {
    workers:
      'N or N,M,…: worker threads (default: one per core); a list runs each in turn (1,2: a same-run scaling ratio)',
    peers: 'NAMES: peers (default ner-compromise; "none")',
    split: "stage|article: how 2+ workers share the work (default: ingest's; see ingest --help)",
  },
  async run({ data, limit, flags }): Promise<EvalReport> {
    const workerCounts = String(flags['workers'] ?? availableParallelism())
      .split(',')
      .map((w) => Number(w));
    for (const [i, workers] of workerCounts.entries()) {
      if (!Number.isInteger(workers) || workers < 1) {
        throw new NewsdigestError(
          'E_BAD_OPTION',
          '--workers',
          `expecting whole numbers from 1 (e.g. 2, or 1,2), instead found "${String(flags['workers']).split(',')[i]}"`,
        );
      }
    }
    // Where V8 optimises the workers' code (pool.ts backgroundCompileFor): the environment's
    // NEWSDIGEST_BENCH_BACKGROUND_COMPILE=on|off overrides the default (auto) for an A/B run.
    const compileFlag = process.env['NEWSDIGEST_BENCH_BACKGROUND_COMPILE'] || 'auto';
    if (!['on', 'off', 'auto'].includes(compileFlag)) {
      throw new NewsdigestError(
        'E_BAD_OPTION',
        'NEWSDIGEST_BENCH_BACKGROUND_COMPILE',
        `expecting on, off or auto, instead found "${compileFlag}"`,
      );
    }
    const backgroundCompile = compileFlag === 'auto' ? undefined : compileFlag === 'on';
    // The workers' V8 interrupt budget (pool.ts workerInterruptBudget): NEWSDIGEST_BENCH_INTERRUPT_BUDGET=N
    // sets it for an A/B run (0: V8's own).
    const budgetFlag = process.env['NEWSDIGEST_BENCH_INTERRUPT_BUDGET'] || 'auto';
    if (budgetFlag !== 'auto' && !/^\d+$/.test(budgetFlag)) {
      throw new NewsdigestError(
        'E_BAD_OPTION',
        'NEWSDIGEST_BENCH_INTERRUPT_BUDGET',
        `expecting a whole number (0: V8's own) or auto, instead found "${budgetFlag}"`,
      );
    }
    const interruptBudget = budgetFlag === 'auto' ? undefined : Number(budgetFlag);
    const splitFlag = flags['split'];
    if (splitFlag !== undefined && splitFlag !== 'stage' && splitFlag !== 'article') {
      throw new NewsdigestError(
        'E_BAD_OPTION',
        '--split',
        `expecting stage or article, instead found "${String(splitFlag)}"`,
      );
    }
    const split = splitFlag as Split | undefined;
    const docs = await readDocs(data, limit);
    const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d.text, 'utf8'), 0);
    const words = docs.reduce((n, d) => n + (d.text.match(/\S+/g)?.length ?? 0), 0);
    const dir = mkdtempSync(join(tmpdir(), 'nd-bench-digest-'));
    try {
      // The same pages as one JSONL input, each with a distinct id, so that duplicates
      // in the data (bbc has some) are timed like any other page and none is skipped.
      const input = join(dir, 'pages.jsonl');
      writeFileSync(
        input,
        docs
          .map((d, i) => `${JSON.stringify({ id: `${i}:${d.id}`, text: `${d.text}\n\n[${i}]` })}\n`)
          .join(''),
      );

      // 1. End to end, as `newsdigest ingest` runs, for each worker count in turn (a count
      // given twice, as in 1,2,1,2, alternates them against a change in the machine's load).
      const runs: EndToEnd[] = [];
      for (const [r, workers] of workerCounts.entries()) {
        runs.push(
          await endToEnd(input, join(dir, `e2e-${r}.db`), workers, backgroundCompile, interruptBudget, split),
        );
      }
      // 2. Every stage alone, in this thread (after one warm-up pass over the first 100).
      const options = {};
      for (const d of docs.slice(0, 100))
        await digestArticle(pageToArticle({ id: d.id, text: d.text }), options);
      const items: StoreItem[] = [];
      const dc0 = cpuNow();
      const t1 = performance.now();
      for (const [i, d] of docs.entries()) {
        const article = await digestArticle(pageToArticle({ id: `${i}:${d.id}`, text: d.text }), options);
        items.push({ hash: `h${i}`, record: articleRecord(article) });
      }
      const digestSeconds = (performance.now() - t1) / 1000;
      const digestCpuMs = (cpuNow().processMs - dc0.processMs) / docs.length;

      // 3. The store alone: the same records, batches of 256, one transaction each.
      const alone = openStore(join(dir, 'store.db'));
      const sc0 = cpuNow();
      const t2 = performance.now();
      for (let i = 0; i < items.length; i += 256) alone.putBatch(items.slice(i, i + 256));
      const storeSeconds = (performance.now() - t2) / 1000;
      const storeCpuMs = (cpuNow().processMs - sc0.processMs) / items.length;
      alone.close();

      const rows: (string | number)[][] = [
        ...runs.map((run) => [
          `newsdigest ingest, ${run.workers} worker${run.workers === 1 ? '' : 's'} (end to end)`,
          docs.length,
          round(run.rate, 1),
          round(run.rate / run.workers, 1),
          round(bytes / 1e6 / run.seconds, 2),
          round(words / run.seconds / run.workers, 0),
          round(run.cpuMs, 2),
        ]),
        [
          '  every stage, 1 thread, no store',
          docs.length,
          round(docs.length / digestSeconds, 1),
          round(docs.length / digestSeconds, 1),
          round(bytes / 1e6 / digestSeconds, 2),
          round(words / digestSeconds, 0),
          round(digestCpuMs, 2),
        ],
        [
          '  store alone (SQLite + FTS5), 1 thread',
          docs.length,
          round(docs.length / storeSeconds, 1),
          round(docs.length / storeSeconds, 1),
          round(bytes / 1e6 / storeSeconds, 2),
          round(words / storeSeconds, 0),
          round(storeCpuMs, 2),
        ],
      ];
      // The figures of the first --workers value (the median of its rounds), and per count.
      const byWorkers = [...new Set(workerCounts)].map((workers) => {
        const own = runs.filter((r) => r.workers === workers);
        return {
          workers,
          rate: median(own.map((r) => r.rate)),
          cpuMs: median(own.map((r) => r.cpuMs)),
          threadMs: own.every((r) => r.workerThreadCpuMs !== undefined)
            ? median(own.map((r) => r.workerThreadCpuMs!))
            : undefined,
          mainMs: own.every((r) => r.mainCpuMs !== undefined)
            ? median(own.map((r) => r.mainCpuMs!))
            : undefined,
          helperMs: own.every((r) => r.helperCpuMs !== undefined)
            ? median(own.map((r) => r.helperCpuMs!))
            : undefined,
          cpuBoundRate: own.every((r) => r.cpuBoundRate !== undefined)
            ? median(own.map((r) => r.cpuBoundRate!))
            : undefined,
          runs: own,
        };
      });
      const first = byWorkers[0]!;
      const firstRun = first.runs[0]!;
      const workers = first.workers;
      const e2eRate = first.rate;
      const e2eCpuMs = first.cpuMs;
      const e2eSeconds = docs.length / e2eRate;
      const mainCpuMs = firstRun.mainCpuMs;
      const busy = first.runs.map((r) => r.workerBusy).filter((b): b is number => b !== undefined);
      const workerBusy = busy.length ? median(busy) : undefined;
      const fewest = byWorkers.reduce((a, b) => (b.workers < a.workers ? b : a));
      const most = byWorkers.reduce((a, b) => (b.workers > a.workers ? b : a));
      // 1.0: perfectly linear; 0.5: twice the workers, no faster.
      const scaling =
        most.workers > fewest.workers ? most.rate / fewest.rate / (most.workers / fewest.workers) : undefined;
      // The same ratio from the runs' CPU (cpuBoundRate): what the scaling would be on a quiet machine.
      const cpuBoundScaling =
        most.workers > fewest.workers && most.cpuBoundRate !== undefined && fewest.cpuBoundRate !== undefined
          ? most.cpuBoundRate / fewest.cpuBoundRate
          : undefined;
      const peers: Record<string, unknown> = {};
      const peerNames = String(flags['peers'] ?? 'ner-compromise')
        .split(',')
        .filter((p) => p && p !== 'none');
      for (const name of peerNames) {
        if (!peerAvailable(name)) {
          rows.push([`${name} (not installed)`, 0, 0, 0, 0, 0, '']);
          continue;
        }
        const pc0 = childrenCpuMs();
        const run = await runPeer(
          name,
          docs.map((d) => ({ id: d.id, text: d.text })),
          bytes,
        );
        const pc1 = childrenCpuMs();
        const peerCpuMs = pc0 !== undefined && pc1 !== undefined ? (pc1 - pc0) / docs.length : undefined;
        const t = run.timing;
        rows.push([
          `${name} (1 process)`,
          t.items,
          round(t.rate, 1),
          round(t.rate, 1),
          round(t.mbPerSecond, 2),
          round(words / t.seconds, 0),
          peerCpuMs === undefined ? '' : round(peerCpuMs, 2),
        ]);
        peers[name] = {
          rate: round(t.rate, 1),
          ratioPerCore: round(e2eRate / workers / t.rate, 2),
          cpuMsPerArticle: peerCpuMs === undefined ? null : round(peerCpuMs, 3),
          // How many times less CPU an article costs us, end to end, than the peer's entity pass.
          cpuRatio: peerCpuMs === undefined ? null : round(peerCpuMs / e2eCpuMs, 2),
          ...t.extra,
        };
      }
      return {
        figures: {
          task: 'digest',
          items: docs.length,
          bytes,
          words,
          workers,
          rate: round(e2eRate, 1),
          ratePerWorker: round(e2eRate / workers, 1),
          mbPerSecond: round(bytes / 1e6 / e2eSeconds, 3),
          seconds: round(e2eSeconds, 3),
          digestOnlyRate: round(docs.length / digestSeconds, 1),
          storeOnlyRate: round(docs.length / storeSeconds, 1),
          cpuMsPerArticle: round(e2eCpuMs, 3),
          articlesPerCpuSecond: round(1000 / e2eCpuMs, 1),
          mainThreadCpuMsPerArticle: mainCpuMs === undefined ? null : round(mainCpuMs, 3),
          workerBusy: workerBusy === undefined ? null : round(workerBusy, 3),
          byWorkers: Object.fromEntries(
            byWorkers.map((b) => [
              b.workers,
              {
                rate: round(b.rate, 1),
                ratePerWorker: round(b.rate / b.workers, 1),
                cpuMsPerArticle: round(b.cpuMs, 3),
                workerThreadCpuMsPerArticle: b.threadMs === undefined ? null : round(b.threadMs, 3),
                mainThreadCpuMsPerArticle: b.mainMs === undefined ? null : round(b.mainMs, 3),
                helperThreadsCpuMsPerArticle: b.helperMs === undefined ? null : round(b.helperMs, 3),
                cpuBoundRate: b.cpuBoundRate === undefined ? null : round(b.cpuBoundRate, 1),
                runs: b.runs.map((r) => ({
                  rate: round(r.rate, 1),
                  cpuMsPerArticle: round(r.cpuMs, 3),
                  workerThreadCpuMsPerArticle:
                    r.workerThreadCpuMs === undefined ? null : round(r.workerThreadCpuMs, 3),
                  workerStartCpuMs: r.workerStartCpuMs === undefined ? null : round(r.workerStartCpuMs, 1),
                  workerFirstChunkCpuMs:
                    r.workerFirstChunkCpuMs === undefined ? null : round(r.workerFirstChunkCpuMs, 1),
                  mainThreadCpuMsPerArticle: r.mainCpuMs === undefined ? null : round(r.mainCpuMs, 3),
                  helperThreadsCpuMsPerArticle: r.helperCpuMs === undefined ? null : round(r.helperCpuMs, 3),
                  cpuBoundRate: r.cpuBoundRate === undefined ? null : round(r.cpuBoundRate, 1),
                  busiestWorkerCpuMsPerArticle:
                    r.busiestWorkerCpuMs === undefined ? null : round(r.busiestWorkerCpuMs, 3),
                  split: r.split ?? null,
                  perWorkerCpuMsPerArticle: r.perWorker,
                  workerBusy: r.workerBusy === undefined ? null : round(r.workerBusy, 3),
                  loadAverage: round(r.loadAverage, 2),
                })),
              },
            ]),
          ),
          scaling: scaling === undefined ? null : round(scaling, 3),
          cpuBoundScaling: cpuBoundScaling === undefined ? null : round(cpuBoundScaling, 3),
          digestOnlyCpuMsPerArticle: round(digestCpuMs, 3),
          storeOnlyCpuMsPerArticle: round(storeCpuMs, 3),
          loadAverage: round(loadavg()[0]!, 2),
          peers,
        },
        columns: ['runner', 'articles', 'articles/s', 'per worker', 'MB/s', 'words/s/core', 'CPU ms/article'],
        rows,
        notes: [
          `node ${process.version}, ${availableParallelism()} cores; end to end includes worker start-up, model loading, reading, hashing and the store (main thread)`,
          'peers as one process each, start-up included',
          `V8 optimising compiles of the workers: ${compileFlag === 'auto' ? 'auto (on helper threads when fewer workers than cores, else on the worker; split by stage, on helper threads)' : compileFlag === 'on' ? 'on helper threads' : "on the worker's thread"}; interrupt budget ${interruptBudget === undefined ? `default (${workerInterruptBudget() || "V8's own"})` : interruptBudget || "V8's own"}`,
          ...byWorkers.map(
            (b) =>
              `${b.workers} worker${b.workers === 1 ? '' : 's'}: worker threads' own CPU ${b.threadMs === undefined ? '?' : round(b.threadMs, 2)} ms/article (start-up included; target <= 5), all threads ${round(b.cpuMs, 2)} (main thread ${b.mainMs === undefined ? '?' : round(b.mainMs, 2)}, V8 helper threads ${b.helperMs === undefined ? '?' : round(b.helperMs, 2)}: compiles and GC)`,
          ),
          `end to end: ${round(1000 / e2eCpuMs, 1)} articles per CPU-second (all threads); main thread ${mainCpuMs === undefined ? '?' : round(mainCpuMs, 2)} ms CPU/article; workers busy ${workerBusy === undefined ? '?' : round(100 * workerBusy, 1)}% of their time; load average ${round(loadavg()[0]!, 2)}`,
          ...(scaling === undefined
            ? []
            : [
                `scaling ${fewest.workers} -> ${most.workers} workers: ${round(most.rate / fewest.rate, 2)}x the rate (${round(scaling, 2)} of linear); CPU ms/article ${round(fewest.cpuMs, 2)} -> ${round(most.cpuMs, 2)}`,
              ]),
          ...(cpuBoundScaling === undefined
            ? []
            : [
                `rate the CPU allows (min(workers / workers' own CPU, cores / all threads' CPU); CPU figures, less moved by others' load than the rate): ${round(fewest.cpuBoundRate!, 1)} -> ${round(most.cpuBoundRate!, 1)} articles/s, ${round(cpuBoundScaling, 2)}x`,
              ]),
        ],
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
