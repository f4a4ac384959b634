/**
 * Measures HTML parsers on the extraction benchmark pages, for the choice recorded
 * in docs/DECISIONS.md (layout section): htmlparser2's streaming Parser (what render.ts
 * uses), htmlparser2 + domhandler building a DOM, and parse5 (the WHATWG-exact
 * parser jsdom uses; loaded from the peers' install, it is not our dependency).
 * One core, warm, median of 3 passes; pages/s and MB/s.
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
import { renderHtml } from '../src/layout/html/render.js';

const { values } = parseArgs({ options: { data: { type: 'string' } } });
const data = resolve(values.data ?? join(process.env['NEWSDIGEST_DATA'] ?? '../shared/data', 'extraction'));
const dir = join(data, 'html');
const pages = readdirSync(dir)
  .filter((f) => f.endsWith('.html'))
  .map((f) => readFileSync(join(dir, f), 'utf8'));
const bytes = pages.reduce((n, p) => n + Buffer.byteLength(p), 0);

function time(label: string, fn: (html: string) => unknown): void {
  for (const p of pages) fn(p);
  const runs: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    for (const p of pages) fn(p);
    runs.push((performance.now() - t0) / 1000);
  }
  const s = runs.sort((a, b) => a - b)[1]!;
  console.log(
    JSON.stringify({
      parser: label,
      pages: pages.length,
      pagesPerSecond: +(pages.length / s).toFixed(1),
      mbPerSecond: +(bytes / 1e6 / s).toFixed(2),
    }),
  );
}

time('htmlparser2 Parser (events only)', (html) => {
  let n = 0;
  const p = new Parser(
    {
      ontext: (t) => {
        n += t.length;
      },
    },
    { decodeEntities: true },
  );
  p.write(html);
  p.end();
  return n;
});
time('htmlparser2 + domhandler (DOM)', (html) => parseDocument(html).children.length);
// renderHtml memoises the last page: a fresh string each call defeats it.
time(
  'newsdigest renderHtml (htmlparser2 events + text + features)',
  (html) => renderHtml(`${html} `).blocks.length,
);
const peers = process.env['NEWSDIGEST_PEERS'] ?? join(homedir(), '.cache', 'newsdigest-peers');
try {
  const require = createRequire(join(peers, 'npm', 'package.json'));
  const parse5 = require('parse5') as { parse(html: string): { childNodes: unknown[] } };
  time('parse5 (WHATWG tree)', (html) => parse5.parse(html).childNodes.length);
} catch (e) {
  console.log(JSON.stringify({ parser: 'parse5', skipped: (e as Error).message }));
}
