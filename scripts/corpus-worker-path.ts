/**
 * The ingest worker's path, step by step, in this one thread: what `newsdigest ingest`
 * does to a page between the reader and the commit, with each step's own CPU (this thread's,
 * /proc/thread-self/schedstat) summed over one pass of a file, so that a worker's CPU per
 * article can be set against corpus-warmup's (digest + record only) and the gap named.
 *
 * Steps: the page as the reader gives it (`readPages`: title and origin included) or bare
 * (`{ id, text }`, as corpus-warmup reads it); the models shared as the pool shares them
 * (entities model and cue tagger in SharedArrayBuffers) or loaded by the stages; the page
 * cloned as a message to a worker is (structuredClone); pageToArticle, digestArticle,
 * articleRecord; the batch committed every 64 pages to a fresh SQLite file opened as a
 * worker opens it (autoCheckpoint off).
 *
 *   node [V8 flags] dist/scripts/corpus-worker-path.js [--data FILE] [--pages reader|bare]
 *     [--models shared|own] [--store on|off] [--clone on|off] [--passes N] [--batch 64]
 *     [--laps on|off] [--limit N] [--prime on|off]
 *
 * `--pages jsonl` reads the texts as corpus-warmup does (`{ id: index, text }`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { inputHash } from '../src/batch/input-hash.js';
import { threadCpuMs } from '../src/batch/thread-cpu.js';
import { digestArticle } from '../src/digest.js';
import { readEntitiesModel, useEntitiesModelBuffer } from '../src/entities/shipped-tagger.js';
import { readJsonl } from '../src/eval/data.js';
import { type PageInput, pageToArticle } from '../src/ingest/page.js';
import { readPages } from '../src/ingest/read.js';
import { shareShippedTagger, useSharedTagger } from '../src/quotes/cue-tagger.js';
import { articleRecord } from '../src/store/record.js';
import type { StoreItem } from '../src/store/types.js';
import { primeScanners } from '../src/text/prime.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const data = arg('data', '../shared/data/bbc-news-summary/bbc-news-summary.jsonl');
const pagesFrom = arg('pages', 'reader');
const models = arg('models', 'shared');
const storeOn = arg('store', 'on') === 'on';
const cloneOn = arg('clone', 'on') === 'on';
const passes = Number(arg('passes', '1'));
const limit = Number(arg('limit', '0')) || Number.POSITIVE_INFINITY;
const batchSize = Number(arg('batch', '64'));
// Off: this thread's CPU is read once a pass, not around each step (each read costs ~0.03 ms).
const laps = arg('laps', 'on') === 'on';

// This thread's CPU (Linux schedstat), as the batch reads it; NaN where the system does not tell it.
const threadMs = () => threadCpuMs() ?? Number.NaN;
const allMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function main(): Promise<void> {
  const pages: { hash: string; page: PageInput }[] = [];
  const r0 = threadMs();
  if (pagesFrom === 'jsonl') {
    // As corpus-warmup reads them: the text alone, through the eval's JSONL reader.
    for await (const r of readJsonl(data)) {
      const text = typeof r['text'] === 'string' ? r['text'] : r['article'];
      if (typeof text === 'string' && text.trim()) {
        const page = { id: String(pages.length), text };
        pages.push({ hash: inputHash(page), page });
      }
    }
  }
  for await (const r of pagesFrom === 'jsonl' ? [] : readPages([data])) {
    if (!r.ok) continue;
    const page =
      pagesFrom === 'bare' ? { id: r.page.id ?? String(pages.length), text: r.page.text ?? '' } : r.page;
    pages.push({ hash: inputHash(r.page), page });
  }
  pages.splice(limit);
  const readMs = threadMs() - r0;
  const m0 = threadMs();
  if (models === 'shared') {
    useEntitiesModelBuffer(readEntitiesModel(true) as SharedArrayBuffer);
    const t = shareShippedTagger();
    if (t) useSharedTagger(structuredClone(t));
  }
  // As a worker does at its start (src/text/prime.ts); `--prime off` leaves it out.
  if (arg('prime', 'on') === 'on') primeScanners();
  const modelMs = threadMs() - m0;
  const dir = mkdtempSync(join(tmpdir(), 'nd-worker-path-'));
  try {
    for (let pass = 0; pass < passes; pass++) {
      const store = storeOn
        ? // Loaded only when used: the better-sqlite3 addon is built for one Node major (--store off runs on any).
          (await import('../src/store/sqlite-store.js')).openStore(join(dir, `pass${pass}.db`), {
            busyTimeoutMs: 60_000,
            autoCheckpoint: false,
          })
        : undefined;
      const steps = { clone: 0, page: 0, digest: 0, record: 0, store: 0 };
      let items: StoreItem[] = [];
      const t0 = threadMs();
      const a0 = allMs();
      let t = t0;
      const lap = (step: keyof typeof steps) => {
        if (!laps) return;
        const now = threadMs();
        steps[step] += now - t;
        t = now;
      };
      for (const p of pages) {
        const job = cloneOn ? structuredClone(p) : p;
        lap('clone');
        const article = pageToArticle(job.page);
        lap('page');
        const digested = await digestArticle(article, {});
        lap('digest');
        const record = articleRecord(digested);
        lap('record');
        if (store) {
          items.push({ hash: job.hash, record });
          if (items.length >= batchSize) {
            store.putBatch(items, []);
            items = [];
          }
          lap('store');
        }
      }
      if (store && items.length) store.putBatch(items, []);
      store?.close();
      lap('store');
      const n = pages.length;
      const per = (ms: number) => +(ms / n).toFixed(3);
      console.log(
        JSON.stringify({
          pass,
          pages: pagesFrom,
          models,
          articles: n,
          threadCpuMs: per(threadMs() - t0),
          allThreadsCpuMs: per(allMs() - a0),
          steps: Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, per(v)])),
          readMs: Math.round(readMs),
          modelMs: Math.round(modelMs),
          loadAverage: +loadavg()[0]!.toFixed(2),
        }),
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
