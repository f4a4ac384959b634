/**
 * Makes the input for a large test corpus: CNN/DM train articles plus the BBC
 * articles, as one JSONL of text pages ({id, text}), to be ingested with
 * `newsdigest ingest`. The data stays outside the repository; so does the corpus.
 *
 *   node dist/scripts/corpus-build.js [--data ../shared/data] [--out /tmp/corpus-pages.jsonl] [--count 21725]
 *   node dist/src/cli/main.js ingest /tmp/corpus-pages.jsonl --db /tmp/corpus.db
 */
import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readJsonl } from '../src/eval/data.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: process.env['NEWSDIGEST_DATA'] ?? '../shared/data' },
    out: { type: 'string', default: '/tmp/corpus-pages.jsonl' },
    count: { type: 'string', default: '21725' },
  },
});
const dataDir = resolve(values.data!);
const wanted = Number(values.count);
const sources: [string, string][] = [
  ['bbc-news-summary/bbc-news-summary.jsonl', 'text'],
  ['cnndm/train-00.jsonl.gz', 'article'],
  ['cnndm/train-01.jsonl.gz', 'article'],
];

const out = createWriteStream(values.out!);
let written = 0;
for (const [file, field] of sources) {
  const prefix = file.split('/')[0];
  for await (const r of readJsonl(resolve(dataDir, file))) {
    if (written >= wanted) break;
    const text = r[field];
    if (typeof text !== 'string' || text.trim() === '') continue;
    out.write(`${JSON.stringify({ id: `${prefix}:${String(r['id'])}`, text })}\n`);
    written++;
  }
}
await new Promise<void>((r) => out.end(r));
process.stderr.write(`corpus-build: ${written} pages written to ${values.out}\n`);
