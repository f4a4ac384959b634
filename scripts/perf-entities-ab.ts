/**
 * Before/after timing of the entities stage in one process: our build against
 * another build of the project (for example a `git archive` of an older commit,
 * built into DIR/dist), alternating blocks of B articles so that both meet the same
 * machine load. Both warm up on other articles than the timed ones (new words, as
 * in a real batch), and their mentions are compared to check that output is unchanged.
 *
 *   node dist/scripts/perf-entities-ab.js --other DIR [--data FILE] [--limit N] [--block B]
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Article } from '../src/article/types.js';
import { entitiesStage } from '../src/entities/index.js';
import { pageToArticle } from '../src/ingest/page.js';
import { layoutStage } from '../src/layout/index.js';
import type { Stage } from '../src/pipeline.js';
import { textStage } from '../src/text/index.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const file = arg('data', '../shared/data/bbc-news-summary/bbc-news-summary.jsonl');
const limit = Number(arg('limit', '600'));
const other = resolve(arg('other', '/tmp/before'));

const texts: string[] = [];
for (const line of readFileSync(file, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const text = (JSON.parse(line) as { text?: unknown }).text;
  if (typeof text === 'string') texts.push(text);
  if (texts.length >= 2 * limit) break;
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function main(): Promise<void> {
  const mod = (await import(pathToFileURL(`${other}/dist/src/entities/index.js`).href)) as {
    entitiesStage: Stage;
  };
  const runners: [string, Stage][] = [
    ['this build', entitiesStage],
    [other, mod.entitiesStage],
  ];
  const prepared: Article[] = [];
  for (const text of texts) {
    const a = await layoutStage.run(pageToArticle({ text }), {});
    prepared.push(await textStage.run(a, {}));
  }
  const timed = prepared.slice(0, limit);
  const warm = prepared.slice(limit);
  for (const [, stage] of runners) for (const a of warm) await stage.run(a, {});

  const wall = [0, 0];
  const cpu = [0, 0];
  let differ = 0;
  // Blocks of articles, each run by one build then the other (in turn first), so that both meet
  // the same load and neither evicts the other's tables from the CPU caches on every article.
  const block = Number(arg('block', '50'));
  for (let b0 = 0; b0 < timed.length; b0 += block) {
    const articles = timed.slice(b0, b0 + block);
    const out: string[][] = [[], []];
    const order = (b0 / block) % 2 === 0 ? [0, 1] : [1, 0];
    for (const r of order) {
      const w0 = performance.now();
      const c0 = cpuMs();
      const results: Article[] = [];
      for (const a of articles) results.push(await runners[r]![1].run(a, {}));
      cpu[r]! += cpuMs() - c0;
      wall[r]! += performance.now() - w0;
      out[r] = results.map((x) => JSON.stringify(x.entities));
    }
    for (let i = 0; i < articles.length; i++) if (out[0]![i] !== out[1]![i]) differ++;
  }
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const rows = runners.map(([name], r) => ({
    name,
    wallMs: round(wall[r]! / timed.length),
    cpuMs: round(cpu[r]! / timed.length),
  }));
  console.log(`entities stage, ${timed.length} articles (warm-up on ${warm.length} others), ${file}`);
  for (const row of rows)
    console.log(`${row.name}: ${row.wallMs} ms/article wall, ${row.cpuMs} ms/article CPU`);
  console.log(`articles whose entities differ: ${differ}`);
  console.log(JSON.stringify({ articles: timed.length, runners: rows, differ }));
}

await main();
