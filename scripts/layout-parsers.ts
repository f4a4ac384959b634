/**
 * Measures HTML parsers on the extraction benchmark pages, for the choices recorded
 * in docs/DECISIONS.md and docs/DECISIONS.md (layout-speed): our scanner
 * (src/layout/html/scanner.ts, what render.ts uses), htmlparser2's streaming Parser
 * (what it used before), htmlparser2 + domhandler building a DOM, parse5 (the
 * WHATWG-exact parser jsdom uses; loaded from the peers' install, it is not our
 * dependency), and the whole render on each of the two event sources.
 * One core, warm, median of 5 passes, alternated; pages/s of wall time and of
 * main-thread CPU time (which moves less with the machine's load).
 *
 *   node dist/scripts/layout-parsers.js [--data ../shared/data/extraction]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Parser, parseDocument } from 'htmlparser2';
import { scanWithHtmlparser2 } from '../src/layout/html/htmlparser2-scan.js';
import { renderHtml, renderHtmlWith } from '../src/layout/html/render.js';
import { scanHtml } from '../src/layout/html/scanner.js';

const { values } = parseArgs({ options: { data: { type: 'string' } } });
const data = resolve(values.data ?? join(process.env['NEWSDIGEST_DATA'] ?? '../shared/data', 'extraction'));
const dir = join(data, 'html');
const pages = readdirSync(dir)
  .filter((f) => f.endsWith('.html'))
  .map((f) => readFileSync(join(dir, f), 'utf8'));
const bytes = pages.reduce((n, p) => n + Buffer.byteLength(p), 0);

function cpuMs(): number {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  }
}

const candidates: { label: string; fn: (html: string) => unknown; wall: number[]; cpu: number[] }[] = [];
function candidate(label: string, fn: (html: string) => unknown): void {
  candidates.push({ label, fn, wall: [], cpu: [] });
}

let sink = 0;
const noop = () => {};
const countText = {
  open: noop,
  text: (t: string) => {
    sink += t.length;
  },
  close: noop,
};
candidate('newsdigest scanner (events only)', (html) => scanHtml(html, countText));
candidate('htmlparser2 Parser (events only)', (html) => {
  const p = new Parser(
    {
      ontext: (t) => {
        sink += t.length;
      },
    },
    { decodeEntities: true },
  );
  p.write(html);
  p.end();
});
candidate('htmlparser2 + domhandler (DOM)', (html) => parseDocument(html).children.length);
candidate(
  'renderHtml on our scanner (text + features)',
  (html) => renderHtmlWith(html, scanHtml).blocks.length,
);
candidate(
  'renderHtml on htmlparser2 (text + features)',
  (html) => renderHtmlWith(html, scanWithHtmlparser2).blocks.length,
);
// renderHtml is memoised on the last page: different pages in turn are never cached.
candidate('renderHtml (as ingest calls it)', (html) => renderHtml(html).blocks.length);
const peers = process.env['NEWSDIGEST_PEERS'] ?? join(homedir(), '.cache', 'newsdigest-peers');
try {
  const require = createRequire(join(peers, 'npm', 'package.json'));
  const parse5 = require('parse5') as { parse(html: string): { childNodes: unknown[] } };
  candidate('parse5 (WHATWG tree)', (html) => parse5.parse(html).childNodes.length);
} catch (e) {
  console.log(JSON.stringify({ parser: 'parse5', skipped: (e as Error).message }));
}

for (const c of candidates) for (const p of pages) c.fn(p); // warm-up
for (let r = 0; r < 5; r++) {
  for (const c of r % 2 ? [...candidates].reverse() : candidates) {
    const t0 = performance.now();
    const c0 = cpuMs();
    for (const p of pages) c.fn(p);
    c.cpu.push((cpuMs() - c0) / 1000);
    c.wall.push((performance.now() - t0) / 1000);
  }
}
const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[xs.length >> 1]!;
for (const c of candidates) {
  const wall = median(c.wall);
  const cpu = median(c.cpu);
  console.log(
    JSON.stringify({
      parser: c.label,
      pages: pages.length,
      pagesPerSecond: +(pages.length / wall).toFixed(1),
      pagesPerCpuSecond: +(pages.length / cpu).toFixed(1),
      mbPerSecond: +(bytes / 1e6 / wall).toFixed(2),
    }),
  );
}
if (sink < 0) console.log(sink);
