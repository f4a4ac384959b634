/**
 * Compares our HTML scanner (src/layout/html/scanner.ts) with htmlparser2 on the
 * same pages: the rendered text, the layout blocks (kind and text) and the
 * metadata the layout stage finds. Prints one JSON line per page that differs,
 * then a summary line. Used while replacing the parser; run it again after any
 * change to the scanner.
 *
 *   node dist/scripts/layout-scan-diff.js [--data ../shared/data/extraction] [--verbose]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SCHEMA_VERSION } from '../src/article/schema.js';
import type { Article } from '../src/article/types.js';
import { linesToBlocks } from '../src/layout/blocks.js';
import { classifyHtmlLines } from '../src/layout/html/classify-html.js';
import { scanWithHtmlparser2 } from '../src/layout/html/htmlparser2-scan.js';
import { readJsonLd } from '../src/layout/html/json-ld.js';
import { type HtmlScan, renderHtmlWith } from '../src/layout/html/render.js';
import { scanHtml } from '../src/layout/html/scanner.js';
import { extractMeta } from '../src/layout/meta/extract-meta.js';

const { values } = parseArgs({ options: { data: { type: 'string' }, verbose: { type: 'boolean' } } });
const data = resolve(values.data ?? join(process.env['NEWSDIGEST_DATA'] ?? '../shared/data', 'extraction'));
const dir = join(data, 'html');

function layoutOf(html: string, scan: HtmlScan) {
  const page = renderHtmlWith(html, scan);
  const ld = readJsonLd(page.meta.jsonLd);
  const blocks = linesToBlocks(page.text, classifyHtmlLines(page, ld), false);
  const article: Article = {
    schemaVersion: SCHEMA_VERSION,
    id: 'x',
    text: page.text,
    source: { format: 'html', origin: 'x', html },
  };
  const meta = extractMeta(article, blocks, page, ld);
  return {
    text: page.text,
    nodes: page.nodes.tag.length,
    blocks: blocks.map((b) => `${b.kind}:${page.text.slice(b.start, b.end)}`),
    meta: JSON.stringify(meta),
  };
}

let differing = 0;
let pages = 0;
let blockDiffs = 0;
for (const f of readdirSync(dir)
  .filter((n) => n.endsWith('.html'))
  .sort()) {
  const html = readFileSync(join(dir, f), 'utf8');
  pages++;
  const ref = layoutOf(html, scanWithHtmlparser2);
  const ours = layoutOf(html, scanHtml);
  const sameBlocks = ref.blocks.join('\n') === ours.blocks.join('\n');
  if (!sameBlocks) blockDiffs++;
  if (ref.text === ours.text && sameBlocks && ref.meta === ours.meta) continue;
  differing++;
  const out: Record<string, unknown> = {
    page: f,
    sameText: ref.text === ours.text,
    sameBlocks,
    sameMeta: ref.meta === ours.meta,
    nodes: [ref.nodes, ours.nodes],
  };
  if (values.verbose) {
    const a = ref.blocks.filter((b) => !ours.blocks.includes(b));
    const b = ours.blocks.filter((x) => !ref.blocks.includes(x));
    out['onlyHtmlparser2'] = a.slice(0, 5);
    out['onlyOurs'] = b.slice(0, 5);
    if (ref.meta !== ours.meta) out['meta'] = [ref.meta, ours.meta];
  }
  console.log(JSON.stringify(out));
}
console.log(JSON.stringify({ pages, differing, blockDiffs }));
