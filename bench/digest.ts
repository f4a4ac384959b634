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
import { runIngest } from '../src/batch/run-ingest.js';
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

export const digestBench: BenchTask = {
  name: 'digest',
  summary: 'end to end: ingest (every stage on N workers + the SQLite store) vs compromise entities',
  defaultData: 'bbc-news-summary/bbc-news-summary.jsonl',
  flags: {
    workers: 'N: worker threads (default: one per core)',
    peers: 'NAMES: peers (default ner-compromise; "none")',
  },
  async run({ data, limit, flags }): Promise<EvalReport> {
    const workers = flags['workers'] === undefined ? availableParallelism() : Number(flags['workers']);
    if (!Number.isInteger(workers) || workers < 1) {
      throw new NewsdigestError(
        'E_BAD_OPTION',
        '--workers',
        `expecting a whole number from 1, instead found "${flags['workers']}"`,
      );
    }
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

      // 1. End to end, as `newsdigest ingest` runs.
      const store = openStore(join(dir, 'e2e.db'));
      const c0 = cpuNow();
      const t0 = performance.now();
      const summary = await runIngest({ inputs: [input], store, workers });
      const e2eSeconds = (performance.now() - t0) / 1000;
      const c1 = cpuNow();
      store.close();
      // CPU time per article: every thread of this process (workers, main thread, GC), and the
      // main thread alone (reading, hashing, the store). Far steadier than wall time on a shared machine.
      const e2eCpuMs = (c1.processMs - c0.processMs) / Math.max(1, summary.stored);
      const mainCpuMs =
        c1.mainMs !== undefined && c0.mainMs !== undefined
          ? (c1.mainMs - c0.mainMs) / Math.max(1, summary.stored)
          : undefined;
      if (summary.failed > 0) {
        const first = summary.errors[0]!;
        throw new NewsdigestError(
          first.code,
          first.origin,
          `${summary.failed} pages failed; first: ${first.message}`,
        );
      }
      const e2eRate = summary.stored / e2eSeconds;

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
        [
          `newsdigest ingest, ${workers} worker${workers === 1 ? '' : 's'} (end to end)`,
          docs.length,
          round(e2eRate, 1),
          round(e2eRate / workers, 1),
          round(bytes / 1e6 / e2eSeconds, 2),
          round(words / e2eSeconds / workers, 0),
          round(e2eCpuMs, 2),
        ],
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
          workerBusy: summary.workerBusy === undefined ? null : round(summary.workerBusy, 3),
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
          `end to end: ${round(1000 / e2eCpuMs, 1)} articles per CPU-second (all threads); main thread ${mainCpuMs === undefined ? '?' : round(mainCpuMs, 2)} ms CPU/article; workers busy ${summary.workerBusy === undefined ? '?' : round(100 * summary.workerBusy, 1)}% of their time; load average ${round(loadavg()[0]!, 2)}`,
        ],
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
