import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readJsonlPages, recordToPage } from '../../src/ingest/jsonl.js';
import { pageToArticle } from '../../src/ingest/page.js';
import { type PageResult, readPages } from '../../src/ingest/read.js';

async function collect(chunks: Buffer[]): Promise<PageResult[]> {
  const out: PageResult[] = [];
  for await (const r of readJsonlPages(Readable.from(chunks), 'in.jsonl')) out.push(r);
  return out;
}

describe('JSONL ingest', () => {
  it('reads one page a line with its id, url, title and date, lines split across chunks', async () => {
    const text = [
      JSON.stringify({
        id: 'a1',
        url: 'https://n.example/a',
        text: 'First story.',
        title: 'First',
        published: '2026-01-02',
      }),
      '',
      JSON.stringify({ id: 7, html: '<p>Second story.</p>' }),
    ].join('\r\n');
    const bytes = Buffer.from(`\ufeff${text}\n`);
    // Cut the stream into 5-byte chunks: lines must be reassembled across them.
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 5) chunks.push(bytes.subarray(i, i + 5));
    const results = await collect(chunks);
    expect(results).toEqual([
      {
        ok: true,
        page: {
          origin: 'in.jsonl:1',
          encoding: 'utf-8',
          encodingFrom: 'given',
          id: 'a1',
          url: 'https://n.example/a',
          text: 'First story.',
          title: 'First',
          published: '2026-01-02',
        },
      },
      {
        ok: true,
        page: {
          origin: 'in.jsonl:3',
          encoding: 'utf-8',
          encodingFrom: 'given',
          id: '7',
          html: '<p>Second story.</p>',
        },
      },
    ]);
  });

  it('names the file and line of a malformed line and reads on', async () => {
    const results = await collect([
      Buffer.from('{"text":"ok one"}\n{"text": oops}\n[1,2]\n{"title":"no body"}\n{"text":"ok two"}'),
    ]);
    expect(results.map((r) => (r.ok ? r.page.text : r.error.toString()))).toEqual([
      'ok one',
      expect.stringMatching(/^in\.jsonl:2: not valid JSON \(/),
      'in.jsonl:3: expected a JSON object with "text" or "html", found an array',
      'in.jsonl:4: expected an object with "text" or "html" (a string), or the story under "article", "body", "content", "story", "document", "maintext"; it has "title" (a string)',
      'ok two',
    ]);
    expect(results.map((r) => !r.ok && r.error.code)).toEqual([
      false,
      'E_BAD_JSON',
      'E_BAD_RECORD',
      'E_BAD_RECORD',
      false,
    ]);
  });

  it('reads the story from the keys news data sets use (article, body, content, story, document, maintext)', async () => {
    const lines = [
      { id: 'c1', article: 'The ferry ran late on Monday.', highlights: 'Late ferry.' },
      { body: 'Body words.', url: 'https://n.example/b', title: 'B' },
      { content: '<p>Markup in content.</p>' },
      { story: 'Story words.' },
      { document: 'Document words.' },
      { maintext: 'Main text words.' },
      // "text" wins over the others, and an empty one gives way to the next that has words.
      { text: 'Text wins.', article: 'Not this.' },
      { article: '  ', body: 'The body, since the article is blank.' },
      { id: 9, article: ['a list'], highlights: 'h', summaries: { a: 1 } },
    ];
    const results = await collect([Buffer.from(lines.map((l) => JSON.stringify(l)).join('\n'))]);
    const got = results.map((r) => (r.ok ? (r.page.text ?? `html:${r.page.html}`) : r.error.message));
    expect(got).toEqual([
      'The ferry ran late on Monday.',
      'Body words.',
      'html:<p>Markup in content.</p>',
      'Story words.',
      'Document words.',
      'Main text words.',
      'Text wins.',
      'The body, since the article is blank.',
      'expected an object with "text" or "html" (a string), or the story under "article", "body", "content", "story", "document", "maintext"; it has "id" (a number), "article" (an array), "highlights" (a string), "summaries" (an object)',
    ]);
    // id, url and title are read as before.
    const [first, second] = results;
    expect(first?.ok && first.page.id).toBe('c1');
    expect(second?.ok && [second.page.url, second.page.title]).toEqual(['https://n.example/b', 'B']);
  });

  it('names at most 12 keys of a record without a story', async () => {
    const record = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`k${i}`, i]));
    const [r] = await collect([Buffer.from(JSON.stringify(record))]);
    expect(r?.ok).toBe(false);
    expect(!r?.ok && r?.error.message).toMatch(/"k11" \(a number\), and 3 more$/);
  });

  it('digests a CNN/DailyMail-shaped record end to end', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nd-jsonl-'));
    const path = join(dir, 'val.jsonl.gz');
    const story =
      'PORTWELL, Maine (CNN) -- The harbour board voted on Tuesday to rebuild the north pier. ' +
      '"It has served us for a century," said Ada Quill, the board\'s chair.';
    writeFileSync(
      path,
      gzipSync(`${JSON.stringify({ id: 'f00d', article: story, highlights: 'Pier to be rebuilt.' })}\n`),
    );
    const out: PageResult[] = [];
    for await (const r of readPages([path])) out.push(r);
    expect(out).toHaveLength(1);
    const page = out[0]!.ok ? out[0]!.page : undefined;
    expect(page?.id).toBe('f00d');
    expect(pageToArticle(page!).text).toBe(story);
  });

  it('skips a line over the size limit and reads on', async () => {
    const out: PageResult[] = [];
    const long = JSON.stringify({ text: 'word '.repeat(100) });
    const bytes = Buffer.from(`{"text":"before"}\n${long}\n{"text":"after"}\n`);
    const pieces = [bytes.subarray(0, 30), bytes.subarray(30, 90), bytes.subarray(90)];
    for await (const r of readJsonlPages(Readable.from(pieces), 'in.jsonl', 100)) out.push(r);
    expect(out.map((r) => (r.ok ? r.page.text : r.error.toString()))).toEqual([
      'before',
      'in.jsonl:2: is a line longer than 100 bytes; skipped',
      'after',
    ]);
  });

  it('rejects a line that is not UTF-8', async () => {
    const results = await collect([
      Buffer.concat([Buffer.from('{"text":"caf'), Buffer.from([0xe9]), Buffer.from('"}\n')]),
    ]);
    expect(results.map((r) => !r.ok && r.error.toString())).toEqual([
      'in.jsonl:1: is not valid UTF-8 (JSONL must be UTF-8)',
    ]);
  });

  it('says so when a file holds only blank lines', async () => {
    const results = await collect([Buffer.from('\n  \n\n')]);
    expect(results.map((r) => !r.ok && r.error.code)).toEqual(['E_EMPTY']);
  });

  it('recordToPage takes numbers as ids and ignores empty strings', () => {
    const r = recordToPage({ id: '', url: '', text: 'x' }, 'f:1');
    expect(r.ok && r.page.id).toBeUndefined();
    expect(r.ok && r.page.url).toBeUndefined();
  });

  it('reads gzipped JSONL through readPages', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'nd-jsonl-')), 'pages.jsonl.gz');
    writeFileSync(path, gzipSync('{"id":"g1","text":"Zipped story."}\n{"id":"g2","text":"Another."}\n'));
    const ids: string[] = [];
    for await (const r of readPages([path])) if (r.ok) ids.push(`${r.page.id}@${r.page.origin}`);
    expect(ids).toEqual([`g1@${path}:1`, `g2@${path}:2`]);
  });
});
