/**
 * The cost curve of a fresh process over a batch (issue #8): the entities stage
 * alone (or, with --full, digestArticle end to end) on every article of a JSONL
 * file, one after another, CPU and wall ms per article for each block of B
 * articles. The first article's cost (model loading included) is printed apart.
 * Articles are read and, for the stage alone, run through this build's layout and
 * text first (not timed).
 *
 *   node dist/scripts/entities-curve.js [--build DIR] [--data FILE] [--block 150] [--full] [--prime | --worker] [--limit N] [--prepare-only]
 *
 * --worker measures the stage as an ingest worker runs it: --prime, and the model's bytes read
 * into a SharedArrayBuffer before the clock starts (an ingest's main thread reads them once
 * for all its workers: src/batch), each worker making its tagger over them (timed, with the
 * first article) instead of reading the 29 MB file itself.
 *
 * --prepare-only stops after preparing the stage's input (and the primer, the model's bytes):
 * the baseline to subtract from a whole process's count of instructions (valgrind's cachegrind,
 * `node --single-threaded`), so that the difference is the stage's own.
 *
 * --prime runs the timed build's text primer (src/text/prime.js, when it has one) before
 * the first article, as every ingest worker does at its start (src/batch/worker.ts): without
 * it, the stage's calls of tokenOffsets pay the recompiles the primer exists to avoid, which
 * a batch worker does not.
 *
 * --build DIR times another build's stage (DIR/dist, e.g. a `git archive` of an older
 * commit): run both one after the other, in fresh processes, and compare.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Article } from '../src/article/types.js';
import type { Stage } from '../src/pipeline.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const file = arg('data', '../shared/data/bbc-news-summary/bbc-news-summary.jsonl');
const block = Number(arg('block', '150'));
const full = process.argv.includes('--full');
const worker = process.argv.includes('--worker');
const prime = worker || process.argv.includes('--prime');
/** Only the first N articles (a profile of the first articles a process meets). */
const limit = Number(arg('limit', 'Infinity'));
const root = process.argv.includes('--build') ? resolve(arg('build', '.')) : undefined;
/** A module of the build timed (--build), or of this build (the stages that prepare the stage's input). */
const src = (module: string, ofBuild = true) =>
  root && ofBuild
    ? pathToFileURL(`${root}/dist/src/${module}`).href
    : new URL(`../src/${module}`, import.meta.url).href;

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function main(): Promise<void> {
  const { pageToArticle } = (await import(src('ingest/page.js', full))) as {
    pageToArticle(p: { id?: string; text: string }): Article;
  };
  const texts: string[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as { text?: unknown; article?: unknown };
    const text = typeof r.text === 'string' ? r.text : r.article;
    if (typeof text === 'string' && texts.length < limit) texts.push(text);
  }
  let run: (i: number) => Promise<unknown>;
  if (full) {
    const { digestArticle } = (await import(src('digest.js'))) as {
      digestArticle(a: Article, o: object): Promise<Article>;
    };
    run = (i) => digestArticle(pageToArticle({ id: String(i), text: texts[i]! }), {});
  } else {
    // The input of the stage comes from this build's layout and text, whichever build is timed.
    const { layoutStage } = (await import(src('layout/index.js', false))) as { layoutStage: Stage };
    const { textStage } = (await import(src('text/index.js', false))) as { textStage: Stage };
    const prepared: Article[] = [];
    for (let i = 0; i < texts.length; i++)
      prepared.push(await textStage.run(await layoutStage.run(pageToArticle({ text: texts[i]! }), {}), {}));
    const { entitiesStage } = (await import(src('entities/index.js'))) as { entitiesStage: Stage };
    run = async (i) => entitiesStage.run(prepared[i]!, {});
  }
  if (prime) {
    // Not timed, as a worker runs it before its first chunk.
    const { primeScanners } = (await import(src('text/prime.js'))) as { primeScanners(): void };
    primeScanners();
  }
  // The model's bytes as the pool's main thread hands them to its workers (not timed).
  let useModel: (() => void) | undefined;
  if (worker) {
    const shipped = (await import(src('entities/shipped-tagger.js'))) as {
      readEntitiesModel(): SharedArrayBuffer;
      useEntitiesModelBuffer(buffer: SharedArrayBuffer): unknown;
    };
    const buffer = shipped.readEntitiesModel();
    useModel = () => shipped.useEntitiesModelBuffer(buffer);
  }
  if (process.argv.includes('--prepare-only')) return;
  const blocks: { articles: number; cpuMs: number; wallMs: number }[] = [];
  let c0 = cpuMs();
  let w0 = performance.now();
  const first = { cpuMs: 0, wallMs: 0 };
  let inBlock = 0;
  // A worker makes its tagger over the shared bytes before its first article: timed with it.
  useModel?.();
  for (let i = 0; i < texts.length; i++) {
    await run(i);
    if (i === 0) {
      first.cpuMs = cpuMs() - c0;
      first.wallMs = performance.now() - w0;
    }
    if (++inBlock === block || i === texts.length - 1) {
      const c = cpuMs();
      const w = performance.now();
      blocks.push({
        articles: i + 1,
        cpuMs: Math.round(((c - c0) / inBlock) * 1000) / 1000,
        wallMs: Math.round(((w - w0) / inBlock) * 1000) / 1000,
      });
      console.log(
        `${String(i + 1).padStart(5)}  ${blocks.at(-1)!.cpuMs.toFixed(3)} ms CPU  ${blocks.at(-1)!.wallMs.toFixed(3)} ms wall an article`,
      );
      c0 = c;
      w0 = w;
      inBlock = 0;
    }
  }
  const rest = blocks.slice(1);
  const restCpu =
    rest.reduce(
      (s, b, k) => s + b.cpuMs * (b.articles - (k === 0 ? blocks[0]!.articles : rest[k - 1]!.articles)),
      0,
    ) / Math.max(1, texts.length - blocks[0]!.articles);
  console.log(
    JSON.stringify({
      build: root ?? 'this build',
      mode: full ? 'digestArticle' : 'entities stage',
      prime,
      worker,
      file,
      articles: texts.length,
      firstArticle: { cpuMs: Math.round(first.cpuMs * 10) / 10, wallMs: Math.round(first.wallMs * 10) / 10 },
      blocks,
      afterFirstBlockCpuMs: Math.round(restCpu * 1000) / 1000,
    }),
  );
}

await main();
