/**
 * Speed of the text path on whole-page text dumps of an extraction benchmark
 * folder: the shipped line model against the rules alone, timed in the same run
 * in alternating rounds (the machine is shared), wall and CPU time.
 *
 *   node dist/scripts/layout-text-speed.js [--data ../shared/data/extraction] [--rounds 6]
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeBytes } from '../src/ingest/decode.js';
import { pageToArticle } from '../src/ingest/page.js';
import { htmlToTextDump } from '../src/layout/html/text-dump.js';
import { textBlocks } from '../src/layout/index.js';
import { DEFAULT_TEXT_PARAMS, type TextParams } from '../src/layout/text/classify-lines.js';
import { shippedLineModel } from '../src/layout/text/line-model.js';

const { values } = parseArgs({ options: { data: { type: 'string' }, rounds: { type: 'string' } } });
const data = resolve(values.data ?? join(process.env['NEWSDIGEST_DATA'] ?? '../shared/data', 'extraction'));
const rounds = Number(values.rounds ?? 6);
const ids = readFileSync(join(data, 'ground-truth.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { id: string }).id);
const texts = ids.map((id) => {
  const path = join(data, 'html', `${id}.html`);
  return pageToArticle({ id, text: htmlToTextDump(decodeBytes(readFileSync(path), path).text) }).text;
});
const bytes = texts.reduce((a, t) => a + Buffer.byteLength(t), 0);
const t0 = performance.now();
const model = shippedLineModel();
const loadMs = performance.now() - t0;
if (!model) throw new Error('no shipped model in models/layout-text/');

const runners: [string, TextParams][] = [
  ['text path with the line model', { ...DEFAULT_TEXT_PARAMS }],
  ['rules alone', { ...DEFAULT_TEXT_PARAMS, model: null }],
];
const totals = runners.map(() => ({ wall: 0, cpu: 0, pages: 0 }));
for (const [, p] of runners) for (const t of texts) textBlocks(t, p); // warm-up
for (let r = 0; r < rounds; r++)
  for (const [k, [, p]] of runners.entries()) {
    const w0 = performance.now();
    const c0 = process.cpuUsage();
    for (const t of texts) textBlocks(t, p);
    const c = process.cpuUsage(c0);
    totals[k]!.wall += (performance.now() - w0) / 1000;
    totals[k]!.cpu += (c.user + c.system) / 1e6;
    totals[k]!.pages += texts.length;
  }
const rows = runners.map(([name], k) => {
  const t = totals[k]!;
  return { name, pagesPerSecond: t.pages / t.wall, pagesPerCpuSecond: t.pages / t.cpu };
});
for (const r of rows)
  console.log(
    `${r.name.padEnd(32)} ${r.pagesPerSecond.toFixed(0).padStart(6)} pages/s wall  ${r.pagesPerCpuSecond.toFixed(0).padStart(6)} pages/CPU-s`,
  );
console.log(
  JSON.stringify({
    task: 'layout-text-speed',
    pages: texts.length,
    bytes,
    rounds,
    modelLoadMs: Number(loadMs.toFixed(1)),
    model: rows[0],
    rules: rows[1],
    cpuRatio: Number((rows[0]!.pagesPerCpuSecond / rows[1]!.pagesPerCpuSecond).toFixed(3)),
  }),
);
