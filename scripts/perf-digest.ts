/**
 * Per-stage timing of digest() on a JSONL of pages (field `text`): warms up with
 * one full pass, then runs the stages one by one over every article, summing wall
 * and CPU time per stage, then times digestArticle() end to end.
 *
 *   node dist/scripts/perf-digest.js [--data FILE] [--limit N] [--passes K] [--warm-on other]
 *
 * `--warm-on same` (default) warms up on the articles it then times, so the
 * tagger's per-word and per-pair caches already hold their words; `--warm-on other`
 * warms up on the N articles after them, so the timed articles meet new words as
 * a real batch does.
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof dist/scripts/perf-digest.js ...
 *
 * After the stages, the batch's own steps per article, on the same Articles: the
 * input hash (main thread), pageToArticle and the store record (worker), and the
 * record's structured clone (v8 serialize in the worker, deserialize on the main
 * thread, as postMessage does).
 */
import { readFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import type { Article } from '../src/article/types.js';
import { inputHash } from '../src/batch/input-hash.js';
import { digestArticle, STAGES } from '../src/digest.js';
import { pageToArticle } from '../src/ingest/page.js';
import { articleRecord } from '../src/store/record.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const file = arg('data', '../shared/data/bbc-news-summary/bbc-news-summary.jsonl');
const limit = Number(arg('limit', '300'));
const passes = Number(arg('passes', '1'));
const warmOn = arg('warm-on', 'same');

const all: string[] = [];
for (const line of readFileSync(file, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const text = (JSON.parse(line) as { text?: unknown }).text;
  if (typeof text === 'string') all.push(text);
  if (all.length >= 2 * limit) break;
}
const texts = all.slice(0, limit);
const warmTexts = warmOn === 'other' ? all.slice(limit, 2 * limit) : texts;

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function main(): Promise<void> {
  // Warm-up: loads the models and lets the JIT settle.
  for (const text of warmTexts) await digestArticle(pageToArticle({ text }));

  const wall = new Map<string, number>(STAGES.map((s) => [s.name, 0]));
  const cpu = new Map<string, number>(STAGES.map((s) => [s.name, 0]));
  for (let p = 0; p < passes; p++) {
    for (const text of texts) {
      let article: Article = pageToArticle({ text });
      for (const stage of STAGES) {
        const w0 = performance.now();
        const c0 = cpuMs();
        article = await stage.run(article, {});
        cpu.set(stage.name, cpu.get(stage.name)! + cpuMs() - c0);
        wall.set(stage.name, wall.get(stage.name)! + performance.now() - w0);
      }
    }
  }
  const w0 = performance.now();
  const c0 = cpuMs();
  const done: Article[] = [];
  for (let p = 0; p < passes; p++) {
    for (const text of texts) done.push(await digestArticle(pageToArticle({ text })));
  }
  const endWall = performance.now() - w0;
  const endCpu = cpuMs() - c0;

  // The batch's steps around the stages, CPU ms per article.
  const steps: Record<string, number> = {};
  const step = (name: string, fn: () => void) => {
    const s0 = cpuMs();
    fn();
    steps[name] = round((cpuMs() - s0) / done.length);
  };
  step('inputHash (main)', () => {
    for (const a of done) inputHash({ text: a.text });
  });
  step('pageToArticle (worker)', () => {
    for (const a of done) pageToArticle({ id: a.id, text: a.text });
  });
  const records = done.map(articleRecord);
  step('articleRecord (worker)', () => {
    for (const a of done) articleRecord(a);
  });
  const clones = records.map((r) => serialize(r));
  step('record clone: serialize (worker)', () => {
    for (const r of records) serialize(r);
  });
  step('record clone: deserialize (main)', () => {
    for (const b of clones) deserialize(b);
  });

  const n = texts.length * passes;
  const rows: Record<string, { wallMs: number; cpuMs: number }> = {};
  console.log(
    `articles: ${texts.length} × ${passes} pass(es), warm-up on ${warmOn} (${warmTexts.length}), ${file}`,
  );
  console.log('stage        wall ms/article   cpu ms/article');
  for (const s of STAGES) {
    const r = { wallMs: round(wall.get(s.name)! / n), cpuMs: round(cpu.get(s.name)! / n) };
    rows[s.name] = r;
    console.log(`${s.name.padEnd(12)} ${String(r.wallMs).padStart(15)} ${String(r.cpuMs).padStart(16)}`);
  }
  const e2e = { wallMs: round(endWall / n), cpuMs: round(endCpu / n) };
  console.log(
    `${'end to end'.padEnd(12)} ${String(e2e.wallMs).padStart(15)} ${String(e2e.cpuMs).padStart(16)}`,
  );
  console.log(
    `end to end: ${round((1000 * n) / endWall)} articles/s wall, ${round((1000 * n) / endCpu)} articles per CPU-second`,
  );
  for (const [name, ms] of Object.entries(steps)) console.log(`${name.padEnd(34)} ${ms} ms CPU/article`);
  console.log(
    JSON.stringify({
      articles: texts.length,
      passes,
      warmOn,
      stages: rows,
      endToEnd: e2e,
      batchSteps: steps,
    }),
  );
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

await main();
