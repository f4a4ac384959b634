/**
 * A fingerprint of everything the HTML path gives for a folder of pages, as a user's run
 * makes it (readPages → pageToArticle → layout stage): each page's whole Article (id,
 * text, source with its HTML, blocks, meta, highlights, warnings) as JSON, hashed, then
 * the hashes. Run it on two builds: the same digest means the same output on every page.
 * `--fetched-at` sets each page's fetch date (it sends the date choice through its later
 * sources); `--pages` prints each page's hash too, to find the page that differs.
 *
 *   node dist/scripts/layout-same-output.js --data ../shared/data/extraction [--fetched-at 2010-01-01] [--pages]
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pageToArticle } from '../src/ingest/page.js';
import { readPages } from '../src/ingest/read.js';
import { layoutStage } from '../src/layout/index.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data/extraction' },
    'fetched-at': { type: 'string' },
    pages: { type: 'boolean', default: false },
  },
});
const dir = existsSync(join(values.data!, 'html')) ? join(values.data!, 'html') : values.data!;
const paths = readdirSync(dir)
  .filter((n) => /\.html?$/i.test(n))
  .sort()
  .map((n) => join(dir, n));
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const all = createHash('sha256');
let pages = 0;
let failed = 0;
for await (const r of readPages(paths)) {
  let line: string;
  if (!r.ok) {
    failed++;
    line = `error ${r.error.toString()}`;
  } else {
    // Set on the page itself: a copy would read (decode) a page's lazily decoded HTML and send it
    // the decoded way, not the way a user's run goes (ingest/lazy-html.ts).
    const page = r.page;
    if (values['fetched-at']) page.fetchedAt = values['fetched-at'];
    line = sha(JSON.stringify(layoutStage.run(pageToArticle(page), {})));
  }
  pages++;
  all.update(`${line}\n`);
  if (values.pages) console.log(`${r.ok ? r.page.origin : 'error'} ${line}`);
}
console.log(JSON.stringify({ pages, failed, digest: all.digest('hex') }));
