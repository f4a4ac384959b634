/**
 * Renders each page of an extraction benchmark folder as a whole-page text dump
 * (every visible text block on its own line, furniture included: what a browser's
 * "save as text" or a scraper leaves), so that the text path of layout can be
 * measured on real pages:
 *
 *   node dist/scripts/layout-text-dumps.js [--data ../shared/data/extraction] [--out /tmp/dumps]
 *
 * writes OUT/<id>.txt for every html/<id>.html. The same rendering is what
 * `newsdigest eval extract --method text` runs on, in memory.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeBytes } from '../src/ingest/decode.js';
import { htmlToTextDump } from '../src/layout/html/text-dump.js';

const { values } = parseArgs({
  options: { data: { type: 'string' }, out: { type: 'string' } },
});
const data = resolve(
  values.data ?? process.env['NEWSDIGEST_DATA'] ?? '../shared/data',
  values.data ? '' : 'extraction',
);
const out = resolve(values.out ?? 'text-dumps');
const htmlDir = join(data, 'html');
mkdirSync(out, { recursive: true });
let n = 0;
for (const name of readdirSync(htmlDir).filter((f) => f.endsWith('.html'))) {
  const path = join(htmlDir, name);
  const html = decodeBytes(readFileSync(path), path).text;
  writeFileSync(join(out, name.replace(/\.html$/, '.txt')), `${htmlToTextDump(html)}\n`);
  n++;
}
console.log(`${n} text dumps written to ${out}`);
