import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FeedReader } from '../../src/ingest/feed.js';
import { type PageResult, readPages } from '../../src/ingest/read.js';

const HEAD = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Quayside Weekly</title>`;
const ITEM_1 = `<item><title>Lock gates repainted</title><link>https://quayside.example/lock-gates</link>
<description>The lock gates were repainted over the weekend, the canal trust said.</description></item>`;
const ITEM_2 = `<item><title>Boatyard opens to visitors</title><link>https://quayside.example/boatyard</link>
<description>The boatyard will open its doors on Saturday for the first time in a decade.</description></item>`;
const FULL = `${HEAD}${ITEM_1}${ITEM_2}</channel></rss>`;

function read(text: string): PageResult[] {
  const reader = new FeedReader('quay.rss');
  return [...reader.write(text), ...reader.end()];
}

const describeResult = (r: PageResult) =>
  r.ok ? `page ${r.page.title}` : `${r.error.code} ${r.error.message}`;

describe('a truncated RSS/Atom feed', () => {
  it('reads a whole feed without complaint', () => {
    expect(read(FULL).map(describeResult)).toEqual([
      'page Lock gates repainted',
      'page Boatyard opens to visitors',
    ]);
  });

  it('hands on the complete items and names the item it is cut inside', () => {
    const cut = FULL.slice(0, FULL.indexOf('for the first time'));
    const results = read(cut);
    expect(results.map((r) => r.ok)).toEqual([true, false]);
    expect(describeResult(results[0]!)).toBe('page Lock gates repainted');
    const error = results[1]!.ok ? undefined : results[1]!.error;
    expect(error?.code).toBe('E_BAD_FEED');
    expect(error?.toString()).toContain('quay.rss');
    expect(error?.message).toMatch(
      /truncated.*ends inside item 2 \(<description> in <item> in <channel> in <rss> not closed\).*1 complete item read/,
    );
  });

  it('says so when the cut falls after the last item', () => {
    const cut = FULL.slice(0, FULL.indexOf('</channel>') + 4);
    const results = read(cut);
    expect(results.map(describeResult)).toEqual([
      'page Lock gates repainted',
      'page Boatyard opens to visitors',
      expect.stringMatching(
        /^E_BAD_FEED is truncated: the RSS feed ends before its <channel> in <rss> closes; 2 complete items read/,
      ),
    ]);
  });

  it('reports an Atom feed cut inside its first entry', () => {
    const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Quayside</title><entry><title>Lock gates repainted</title><content type="html">&lt;p&gt;The gates were`;
    const results = read(atom);
    expect(results.map(describeResult)).toEqual([
      expect.stringMatching(
        /^E_BAD_FEED is truncated: the Atom feed ends inside item 1 .*0 complete items read/,
      ),
    ]);
  });

  it('reaches readers of the file through readPages, with the file named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nd-feed-cut-'));
    const path = join(dir, 'cut.rss');
    writeFileSync(path, FULL.slice(0, FULL.indexOf('Boatyard opens')));
    const out: PageResult[] = [];
    for await (const r of readPages([path])) out.push(r);
    expect(out.filter((r) => r.ok)).toHaveLength(1);
    const bad = out.find((r) => !r.ok);
    expect(bad && !bad.ok && bad.error.toString()).toMatch(/cut\.rss.*truncated.*item 2/);
  });
});
