/**
 * How much of a fresh thread's CPU over a batch is warm-up: digests a file's articles (and
 * builds their store records, as a worker does) in this one thread, pass after pass, and
 * prints each pass's CPU per article, this thread's own and all threads' (V8's helper threads,
 * which compile the hot code and collect garbage, are the difference), in thirds of the pass.
 * The first pass is what one worker pays on a run of that many articles; the later passes,
 * the same work once V8 has compiled it.
 *
 *   node [V8 flags] dist/scripts/corpus-warmup.js [--data FILE] [--passes N] [--prime on|off]
 *
 * `--prime on` (default, as an ingest worker does) runs src/text/prime's primeScanners first.
 */
import { loadavg } from 'node:os';
import { threadCpuMs } from '../src/batch/thread-cpu.js';
import { digestArticle } from '../src/digest.js';
import { readJsonl } from '../src/eval/data.js';
import { pageToArticle } from '../src/ingest/page.js';
import { articleRecord } from '../src/store/record.js';
import { primeScanners } from '../src/text/prime.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const data = arg('data', '../shared/data/bbc-news-summary/bbc-news-summary.jsonl');
const passes = Number(arg('passes', '2'));
const prime = arg('prime', 'on') === 'on';

// This thread's CPU (Linux schedstat), as the batch reads it; NaN where the system does not tell it.
const threadMs = () => threadCpuMs() ?? Number.NaN;
const allMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function main(): Promise<void> {
  const docs: { id: string; text: string }[] = [];
  for await (const r of readJsonl(data)) {
    const text = typeof r['text'] === 'string' ? r['text'] : r['article'];
    if (typeof text === 'string' && text.trim()) docs.push({ id: String(docs.length), text });
  }
  const third = Math.ceil(docs.length / 3);
  if (prime) primeScanners();
  for (let pass = 0; pass < passes; pass++) {
    const t0 = threadMs();
    const a0 = allMs();
    const parts: string[] = [];
    for (let k = 0; k < docs.length; k += third) {
      const t1 = threadMs();
      const a1 = allMs();
      const part = docs.slice(k, k + third);
      for (const d of part) articleRecord(await digestArticle(pageToArticle(d), {}));
      parts.push(
        `${((threadMs() - t1) / part.length).toFixed(2)}/${((allMs() - a1) / part.length).toFixed(2)}`,
      );
    }
    console.log(
      JSON.stringify({
        pass,
        articles: docs.length,
        threadCpuMs: +((threadMs() - t0) / docs.length).toFixed(2),
        allThreadsCpuMs: +((allMs() - a0) / docs.length).toFixed(2),
        byThird: parts.join(' '),
        loadAverage: +loadavg()[0]!.toFixed(2),
      }),
    );
  }
}

await main();
