/**
 * What this machine's two cores give two threads doing the same work: the control for the
 * batch's 1 → 2 worker scaling (issue #8). N worker threads start together (a shared barrier)
 * and each does the same fixed work; the run's rate is N × work / wall time, compared with one
 * thread alone in the same round (rounds alternate 1 and N threads, so both see the same load).
 *
 *   node dist/scripts/corpus-scaling.js [--kind alu|mem|digest|fresh|stages] [--threads 2] [--rounds 3]
 *     [--data FILE] [--limit N] [--mb 64] [--cut 3] [--store on|off] [--compile auto|on|off] [--budget N]
 *     [--v8 'FLAGS']
 *     [--one off]   (the N-thread runs alone, for comparing settings run after run)
 *     [--young MB]  (each thread's V8 young generation, as PoolOptions.youngGenerationMb)
 *
 * - alu: an integer loop in registers (xorshift), no memory: the cores alone.
 * - mem: dependent random reads over an `--mb` MB array per thread (L2 is 2 MB a core, L3 32 MB
 *   shared): the shared cache and memory.
 * - digest: every stage and the store record of each article of the file, as a worker does, but
 *   warm (one untimed pass first, then the timed pass): the project's own code, no start-up, no
 *   store, no turn between threads.
 * - fresh: the file's articles shared out as an ingest shares them (batches of 64, taken in turn
 *   by the threads), each thread fresh (no warm pass; V8 compiles on the thread when there is a
 *   thread per core, as the pool has it): the digest side of an ingest, without the store, the
 *   turn or the main thread. Its scaling is what 2 workers could reach if nothing else cost.
 * - stages: with 2 threads, every article through the first `--cut` stages (default 3: layout,
 *   text, entities) on one thread and the rest (quotes, summarize) and the store record on the
 *   other, the Article passed as a message; with 1, as `fresh`. What a pool split by stage would
 *   give: each thread warms up only its own stages' code.
 *
 * Printed per round: wall seconds and each thread's own CPU (Linux schedstat) for 1 and N
 * threads, and the scaling (rate with N over rate with 1). A figure of 2.0 for two threads is
 * linear; what `alu` and `digest` give is the most any change to the batch can reach here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import {
  isMainThread,
  MessageChannel,
  type MessagePort,
  parentPort,
  Worker,
  workerData,
} from 'node:worker_threads';
import type { Article } from '../src/article/types.js';
import { backgroundCompileFor, workerInterruptBudget } from '../src/batch/pool.js';
import { threadCpuMs } from '../src/batch/thread-cpu.js';
import type { StoreItem, StoreRecord } from '../src/store/types.js';

interface Setup {
  kind: string;
  data: string;
  limit: number;
  mb: number;
  barrier: SharedArrayBuffer;
  threads: number;
  /** This thread's place among the round's threads (fresh: which batches of the file it takes). */
  index: number;
  /** stages: the stages of thread 0 (the rest are thread 1's), and the port between the two. */
  cut: number;
  port?: MessagePort;
  /** Where the threads write their records (`--store on`); none: records are made, not stored. */
  storeDir?: string;
}

interface Answer {
  wallMs: number;
  cpuMs: number;
  units: number;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

/** Waits until every thread of the round has arrived (all set up, warm where asked). */
function arrive(barrier: Int32Array, threads: number): void {
  Atomics.add(barrier, 0, 1);
  Atomics.notify(barrier, 0);
  for (;;) {
    const n = Atomics.load(barrier, 0);
    if (n >= threads) return;
    Atomics.wait(barrier, 0, n, 1000);
  }
}

async function work(setup: Setup): Promise<Answer> {
  const barrier = new Int32Array(setup.barrier);
  let run: () => Promise<number> | number;
  if (setup.kind === 'alu') {
    run = () => {
      let x = 0x9e3779b9 | 0;
      let acc = 0;
      for (let i = 0; i < 400_000_000; i++) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        acc = (acc + x) | 0;
      }
      return acc === 42 ? 1 : 1;
    };
  } else if (setup.kind === 'mem') {
    const n = (setup.mb * 1024 * 1024) >> 2;
    const next = new Int32Array(n);
    // One random cycle through the array (Sattolo's shuffle): every read depends on the last.
    for (let i = 0; i < n; i++) next[i] = i;
    let s = 12345;
    for (let i = n - 1; i > 0; i--) {
      s = (Math.imul(s, 1103515245) + 12345) | 0;
      const j = (s >>> 1) % i;
      const t = next[i]!;
      next[i] = next[j]!;
      next[j] = t;
    }
    run = () => {
      let p = 0;
      for (let i = 0; i < 10_000_000; i++) p = next[p]!;
      return p >= 0 ? 1 : 1;
    };
  } else {
    const { digestArticle } = await import('../src/digest.js');
    const { readJsonl } = await import('../src/eval/data.js');
    const { pageToArticle } = await import('../src/ingest/page.js');
    const { articleRecord } = await import('../src/store/record.js');
    const { primeScanners } = await import('../src/text/prime.js');
    const docs: { id: string; text: string }[] = [];
    for await (const r of readJsonl(setup.data, setup.limit || undefined)) {
      const text = typeof r['text'] === 'string' ? r['text'] : r['article'];
      if (typeof text === 'string' && text.trim()) docs.push({ id: String(docs.length), text });
    }
    primeScanners();
    // `--store on`: the thread that makes the records writes them too, 64 to a transaction, to a
    // file of its own (no turn, no lock shared: what each writer of a pool pays for its rows).
    const { openStore } = await import('../src/store/sqlite-store.js');
    const isHead = setup.kind === 'stages' && setup.threads === 2 && setup.index === 0;
    const store =
      setup.storeDir && setup.kind !== 'digest' && !isHead
        ? openStore(join(setup.storeDir, `thread-${setup.index}.db`), { autoCheckpoint: false })
        : undefined;
    let batch: StoreItem[] = [];
    const keep = (record: StoreRecord): void => {
      if (!store) return;
      batch.push({ hash: `h${record.id}`, record });
      if (batch.length >= 64) {
        store.putBatch(batch);
        batch = [];
      }
    };
    const done = (): void => {
      if (batch.length) store?.putBatch(batch);
      store?.close();
    };
    const mine =
      setup.kind === 'fresh'
        ? docs.filter((_, i) => Math.floor(i / 64) % setup.threads === setup.index)
        : docs;
    run = async () => {
      for (const d of mine) keep(articleRecord(await digestArticle(pageToArticle(d), {})));
      done();
      return mine.length;
    };
    if (setup.kind === 'stages' && setup.threads === 2) {
      // Every article through the first `cut` stages here (thread 0), the rest and the store record
      // there (thread 1), the Article sent across as a message, as a pool split by stage would.
      const { STAGES } = await import('../src/digest.js');
      const { runStages } = await import('../src/pipeline.js');
      const port = setup.port!;
      const head = STAGES.slice(0, setup.cut);
      const tail = STAGES.slice(setup.cut);
      if (setup.index === 0) {
        run = async () => {
          for (const d of docs) port.postMessage(await runStages(pageToArticle(d), head, {}));
          return 0;
        };
      } else {
        const inbox: Article[] = [];
        let wake: (() => void) | undefined;
        port.on('message', (a: Article) => {
          inbox.push(a);
          wake?.();
        });
        run = async () => {
          for (let n = 0; n < docs.length; n++) {
            while (inbox.length === 0) await new Promise<void>((r) => (wake = r));
            keep(articleRecord(await runStages(inbox.shift()!, tail, {})));
          }
          done();
          port.close();
          return docs.length;
        };
      }
    }
    if (setup.kind === 'digest') await run();
  }
  arrive(barrier, setup.threads);
  const c0 = threadCpuMs() ?? Number.NaN;
  const t0 = performance.now();
  const units = await run();
  return { wallMs: performance.now() - t0, cpuMs: (threadCpuMs() ?? Number.NaN) - c0, units };
}

async function round(
  kind: string,
  threads: number,
  setup: Omit<Setup, 'barrier' | 'threads' | 'index' | 'port'>,
) {
  const barrier = new SharedArrayBuffer(4);
  // As the pool sets them (pool.ts): compiles on the thread with a thread per core (`--compile
  // on|off` forces either), the workers' interrupt budget (`--budget N`), any `--v8` flags.
  const compile = arg('compile', 'auto');
  setFlagsFromString(
    (compile === 'auto' ? backgroundCompileFor(threads) : compile === 'on')
      ? '--concurrent-recompilation'
      : '--no-concurrent-recompilation',
  );
  const budget = Number(arg('budget', String(workerInterruptBudget())));
  if (budget) setFlagsFromString(`--interrupt-budget=${budget}`);
  for (const flag of arg('v8', '').split(' ').filter(Boolean)) setFlagsFromString(flag);
  // Every thread's CPU (V8's helper threads included) from the moment all have arrived.
  const all = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const ready = new Int32Array(barrier);
  let allAtStart = Number.NaN;
  const started = (async () => {
    for (;;) {
      const n = Atomics.load(ready, 0);
      if (n >= threads) break;
      await (
        Atomics as unknown as { waitAsync(a: Int32Array, i: number, v: number): { value: unknown } }
      ).waitAsync(ready, 0, n).value;
    }
    allAtStart = all();
  })();
  const channel = kind === 'stages' && threads === 2 ? new MessageChannel() : undefined;
  const storeDir = arg('store', 'off') === 'on' ? mkdtempSync(join(tmpdir(), 'nd-scaling-')) : undefined;
  const answers = await Promise.all(
    Array.from(
      { length: threads },
      (_, index) =>
        new Promise<Answer>((resolve, reject) => {
          const young = Number(arg('young', '0'));
          const port = channel ? (index === 0 ? channel.port1 : channel.port2) : undefined;
          const w = new Worker(new URL(import.meta.url), {
            workerData: {
              ...setup,
              kind,
              barrier,
              threads,
              index,
              ...(port ? { port } : {}),
              ...(storeDir ? { storeDir } : {}),
            } satisfies Setup,
            ...(port ? { transferList: [port] } : {}),
            ...(young ? { resourceLimits: { maxYoungGenerationSizeMb: young } } : {}),
          });
          w.once('message', (a: Answer) => {
            resolve(a);
            void w.terminate();
          });
          w.once('error', reject);
        }),
    ),
  );
  await started;
  const allCpuMs = all() - allAtStart;
  if (storeDir) rmSync(storeDir, { recursive: true, force: true });
  const wallMs = Math.max(...answers.map((a) => a.wallMs));
  const units = answers.reduce((n, a) => n + a.units, 0);
  return {
    threads,
    wallS: +(wallMs / 1000).toFixed(3),
    rate: units / (wallMs / 1000),
    cpuMsPerUnit: +(answers.reduce((n, a) => n + a.cpuMs, 0) / units).toFixed(4),
    allThreadsCpuMsPerUnit: +(allCpuMs / units).toFixed(4),
    threadWallS: answers.map((a) => +(a.wallMs / 1000).toFixed(3)),
    threadCpuMsPerUnit: answers.map((a) => +(a.cpuMs / units).toFixed(4)),
  };
}

async function main(): Promise<void> {
  const kind = arg('kind', 'alu');
  const threads = Number(arg('threads', '2'));
  const rounds = Number(arg('rounds', '3'));
  const setup = {
    kind,
    data: arg('data', '../shared/data/bbc-news-summary/bbc-news-summary.jsonl'),
    limit: Number(arg('limit', '0')),
    mb: Number(arg('mb', '64')),
    cut: Number(arg('cut', '3')),
  };
  for (let r = 0; r < rounds; r++) {
    // Alternated, each order in turn, so that a change of load does not favour one side.
    const order = arg('one', 'on') === 'off' ? [threads] : r % 2 ? [threads, 1] : [1, threads];
    const out: Record<number, Awaited<ReturnType<typeof round>>> = {};
    for (const n of order) out[n] = await round(kind, n, setup);
    const many = out[threads]!;
    const one = out[1] ?? many;
    console.log(
      JSON.stringify({
        kind,
        round: r,
        one: { ...one, rate: +one.rate.toFixed(2) },
        many: { ...many, rate: +many.rate.toFixed(2) },
        scaling: +(many.rate / one.rate).toFixed(3),
        cpuPerUnitRatio: +(many.cpuMsPerUnit / one.cpuMsPerUnit).toFixed(3),
        allThreadsCpuRatio: +(many.allThreadsCpuMsPerUnit / one.allThreadsCpuMsPerUnit).toFixed(3),
        loadAverage: +loadavg()[0]!.toFixed(2),
      }),
    );
  }
}

if (isMainThread) {
  await main();
} else {
  parentPort!.postMessage(await work(workerData as Setup));
}
