/**
 * Where an ingest's time goes: `runIngest` (what `newsdigest ingest` runs) over the
 * same pages into a fresh SQLite file, with 1 and 2 workers (or any list), several
 * rounds alternating, reporting per article the wall time, the CPU time of the whole
 * process (every thread) and of the main thread alone, and how long until the first
 * article came back (worker start-up and model loading). On a machine shared with
 * other jobs, CPU per article is the figure that moves least with the load.
 *
 *   node dist/scripts/corpus-ingest-profile.js [--data FILE] [--limit N] [--workers 1,2]
 *     [--rounds R] [--batch B] [--chunk C] [--other DIR]
 *
 * With `--other DIR`, another build's batch and store (DIR/dist: a `git archive` of an
 * older commit built there) run too, alternating with this build's, for a before/after
 * in the same minutes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cpuNow } from '../bench/harness.js';
import { runIngest } from '../src/batch/run-ingest.js';
import { openStore } from '../src/store/sqlite-store.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const file = arg('data', '../shared/data/bbc-news-summary/bbc-news-summary.jsonl');
const limit = Number(arg('limit', '100000'));
const workerList = arg('workers', '1,2').split(',').map(Number);
const rounds = Number(arg('rounds', '2'));
const batchSize = process.argv.includes('--batch') ? Number(arg('batch', '256')) : undefined;
const chunkSize = process.argv.includes('--chunk') ? Number(arg('chunk', '8')) : undefined;
const other = arg('other', '');

interface Build {
  name: string;
  runIngest: typeof runIngest;
  openStore: typeof openStore;
}

interface Row {
  build: string;
  workers: number;
  round: number;
  load: number;
  seconds: number;
  rate: number;
  startSeconds: number;
  cpuMs: number;
  mainMs: number | undefined;
  workerBusy: number | undefined;
  /** CPU of all threads until the first article came back: worker start-up and model loading, mostly. */
  startCpuMs: number;
  /** CPU per article after that. */
  steadyCpuMs: number;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'nd-ingest-profile-'));
  const rows: Row[] = [];
  try {
    // Distinct pages (as bench digest makes them), so that none is skipped as a duplicate.
    const lines: string[] = [];
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const r = JSON.parse(line) as { id?: unknown; text?: unknown; article?: unknown };
      const text = typeof r.text === 'string' ? r.text : r.article;
      if (typeof text !== 'string' || !text.trim()) continue;
      const i = lines.length;
      lines.push(JSON.stringify({ id: `${i}:${String(r.id ?? i)}`, text: `${text}\n\n[${i}]` }));
      if (lines.length >= limit) break;
    }
    const input = join(dir, 'pages.jsonl');
    writeFileSync(input, `${lines.join('\n')}\n`);
    const builds: Build[] = [{ name: 'this build', runIngest, openStore }];
    if (other) {
      const root = pathToFileURL(`${resolve(other)}/dist/src/`).href;
      const batch = (await import(`${root}batch/run-ingest.js`)) as { runIngest: typeof runIngest };
      const st = (await import(`${root}store/sqlite-store.js`)) as { openStore: typeof openStore };
      builds.push({ name: other, runIngest: batch.runIngest, openStore: st.openStore });
    }
    for (let round = 0; round < rounds; round++) {
      for (const workers of workerList) {
        for (const build of builds) {
          const path = join(dir, `w${workers}-${round}-${builds.indexOf(build)}.db`);
          const store = build.openStore(path);
          const load = loadavg()[0]!;
          let first = 0;
          let firstCpu = 0;
          const c0 = cpuNow();
          const t0 = performance.now();
          const summary = await build.runIngest({
            inputs: [input],
            store,
            workers,
            ...(batchSize ? { batchSize } : {}),
            ...(chunkSize ? { chunkSize } : {}),
            onProgress: () => {
              if (first === 0) {
                first = performance.now();
                firstCpu = cpuNow().processMs;
              }
            },
          });
          const seconds = (performance.now() - t0) / 1000;
          const c1 = cpuNow();
          store.close();
          for (const x of ['', '-wal', '-shm']) rmSync(path + x, { force: true });
          const n = summary.stored;
          rows.push({
            build: build.name,
            workers,
            round,
            load,
            seconds,
            rate: n / seconds,
            startSeconds: (first - t0) / 1000,
            cpuMs: (c1.processMs - c0.processMs) / n,
            mainMs:
              c1.mainMs !== undefined && c0.mainMs !== undefined ? (c1.mainMs - c0.mainMs) / n : undefined,
            startCpuMs: firstCpu - c0.processMs,
            steadyCpuMs: (c1.processMs - firstCpu) / n,
            workerBusy: summary.workerBusy,
          });
          const r = rows.at(-1)!;
          console.log(
            `${build.name}: workers ${workers} round ${round} (load ${load.toFixed(1)}): ${n} articles in ${seconds.toFixed(2)} s, ` +
              `${r.rate.toFixed(1)}/s (${(r.rate / workers).toFixed(1)} per worker), first after ${r.startSeconds.toFixed(2)} s and ${(r.startCpuMs / 1000).toFixed(2)} CPU-s; ` +
              `CPU ${r.cpuMs.toFixed(2)} ms/article (${(1000 / r.cpuMs).toFixed(1)} articles per CPU-second; ${r.steadyCpuMs.toFixed(2)} after the first), ` +
              `main thread ${r.mainMs?.toFixed(2) ?? '?'} ms/article; workers busy ${r.workerBusy === undefined ? '?' : (r.workerBusy * 100).toFixed(1)}% of their time`,
          );
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(JSON.stringify({ file, rows }));
}

await main();
