import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readJsonlPages, recordToPage } from '../../src/ingest/jsonl.js';
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
      'in.jsonl:3: expected a JSON object with "text" or "html"',
      'in.jsonl:4: expected an object with "text" or "html" (a string)',
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
