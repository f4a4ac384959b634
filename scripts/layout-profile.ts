/**
 * Runs the HTML layout path (ingest render + layout stage) over a folder of pages
 * several times and prints the CPU time per page; run it under `node --cpu-prof`
 * to find hot spots, then read the profile's top self-time functions with --top.
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof dist/scripts/layout-profile.js [--data ../shared/data/extraction] [--passes 3]
 *   node dist/scripts/layout-profile.js --top /tmp/prof/<file>.cpuprofile [--rows 30]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Article } from '../src/article/types.js';
import { decodeBytes } from '../src/ingest/decode.js';
import { pageToArticle } from '../src/ingest/page.js';
import { layoutStage } from '../src/layout/index.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function (name, file, line), largest first. */
function topSelf(path: string, rows: number): void {
  const p = JSON.parse(readFileSync(path, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  p.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
    const t = p.timeDeltas[i] ?? 0;
    self.set(key, (self.get(key) ?? 0) + t);
    total += t;
  });
  for (const [k, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, rows))
    console.log(
      `${((t / total) * 100).toFixed(1).padStart(5)}%  ${(t / 1000).toFixed(0).padStart(6)} ms  ${k}`,
    );
}

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    passes: { type: 'string' },
    top: { type: 'string' },
    rows: { type: 'string' },
  },
});
if (values.top) topSelf(values.top, Number(values.rows ?? 30));
else {
  const data = resolve(values.data ?? join(process.env['NEWSDIGEST_DATA'] ?? '../shared/data', 'extraction'));
  const dir = join(data, 'html');
  const pages = readdirSync(dir)
    .filter((n) => n.endsWith('.html'))
    .sort()
    .map((n) => ({ id: n, html: decodeBytes(readFileSync(join(dir, n)), n).text }));
  const passes = Number(values.passes ?? 3);
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  let blocks = 0;
  for (let r = 0; r < passes; r++)
    for (const p of pages)
      blocks +=
        (layoutStage.run(pageToArticle({ id: p.id, html: p.html }), {}) as Article).blocks?.length ?? 0;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const n = pages.length * passes;
  console.log(
    JSON.stringify({
      task: 'layout-profile',
      pages: n,
      blocks,
      cpuPagesPerSecond: Number((n / cpuSeconds).toFixed(1)),
      wallPagesPerSecond: Number((n / ((performance.now() - wall0) / 1000)).toFixed(1)),
    }),
  );
}
