import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { contentId } from '../../src/ingest/page.js';
import {
  formatOfName,
  looksBinary,
  type PageResult,
  type ReadOptions,
  readPages,
  sniffFormat,
} from '../../src/ingest/read.js';
import { page, warcFile } from './warc-builder.js';

const root = mkdtempSync(join(tmpdir(), 'nd-read-'));
let n = 0;

/** A fresh folder holding the given files (path → content). */
function folder(files: Record<string, string | Buffer>): string {
  const dir = join(root, `case-${++n}`);
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, content);
  }
  return dir;
}

async function collect(inputs: string[], options: ReadOptions = {}): Promise<PageResult[]> {
  const out: PageResult[] = [];
  for await (const r of readPages(inputs, options)) out.push(r);
  return out;
}

async function gzipped(text: string): Promise<Uint8Array> {
  const { gzipSync } = await import('node:zlib');
  return gzipSync(Buffer.from(text));
}

const show = (results: PageResult[]) =>
  results.map((r) =>
    r.ok ? `${r.page.origin} ${r.page.html !== undefined ? 'html' : 'text'}` : `! ${r.error.toString()}`,
  );

const CAFE =
  '\u201cThe caf\u00e9 stays,\u201d said Zo\u00eb Bront\u00eb \u2014 Se\u00f1or Mu\u00f1oz\u2019s plan was dropped.';

describe('readPages: single pages', () => {
  it('reads a windows-1252 .txt page and a UTF-8 .txt page right', async () => {
    const dir = folder({ 'old.txt': iconv.encode(CAFE, 'windows-1252'), 'new.txt': `${CAFE}\n` });
    const results = await collect([join(dir, 'old.txt'), join(dir, 'new.txt')]);
    expect(results.map((r) => r.ok && [r.page.text?.trim(), r.page.encoding, r.page.encodingFrom])).toEqual([
      [CAFE, 'windows-1252', 'detected'],
      [CAFE, 'utf-8', 'detected'],
    ]);
  });

  it('reads an .html page in the charset its <meta> declares', async () => {
    const dir = folder({
      'p.html': Buffer.concat([
        Buffer.from(
          '<!doctype html><html><head><meta charset="windows-1252"><title>Caf\u00e9</title></head><body><p>',
        ),
        iconv.encode(CAFE, 'windows-1252'),
        Buffer.from('</p></body></html>'),
      ]),
    });
    const [r] = await collect([join(dir, 'p.html')]);
    expect(r?.ok && r.page.html).toContain(CAFE);
    expect(r?.ok && [r.page.encoding, r.page.encodingFrom]).toEqual(['windows-1252', 'meta']);
  });

  it('recognises a page by its content when its extension says nothing', async () => {
    const dir = folder({ 'story.page': page('Harbour', 'Boats.'), 'notes.dat': 'Just words.\n' });
    expect(show(await collect([join(dir, 'story.page'), join(dir, 'notes.dat')]))).toEqual([
      `${join(dir, 'story.page')} html`,
      `${join(dir, 'notes.dat')} text`,
    ]);
  });
});

describe('readPages: one buffer for the pages of a run', () => {
  it('gives each page its own bytes when a long page is followed by shorter ones, in any encoding', async () => {
    const long = `<html><body><p>${'Long story line. '.repeat(4000)}</p></body></html>`;
    const dir = folder({
      'a.html': long,
      'b.html': '<html><body><p>Short one.</p></body></html>',
      'c.txt': iconv.encode('Caf\u00e9 cr\u00e8me', 'windows-1252'),
      'd.txt': 'tail',
      'e.html.gz': Buffer.from(await gzipped('<p>Zipped page</p>')),
    });
    const pages = (await collect([dir])).map((r) =>
      r.ok ? (r.page.html ?? r.page.text) : r.error.toString(),
    );
    expect(pages).toEqual([
      long,
      '<html><body><p>Short one.</p></body></html>',
      'Caf\u00e9 cr\u00e8me',
      'tail',
      '<p>Zipped page</p>',
    ]);
  });

  it('keeps two runs read side by side apart', async () => {
    const one = folder({ '1.html': `<p>${'first '.repeat(3000)}</p>`, '2.html': '<p>second</p>' });
    const two = folder({ '1.txt': 'third page', '2.txt': `${'fourth '.repeat(2000)}` });
    const a = readPages([one]);
    const b = readPages([two]);
    const got: string[] = [];
    for (let i = 0; i < 2; i++) {
      for (const it of [a, b]) {
        const r = (await it.next()).value as PageResult;
        got.push(r.ok ? (r.page.html ?? r.page.text ?? '') : r.error.toString());
      }
    }
    expect(got).toEqual([
      `<p>${'first '.repeat(3000)}</p>`,
      'third page',
      '<p>second</p>',
      'fourth '.repeat(2000),
    ]);
  });
});

describe('readPages: folders, globs, stdin', () => {
  it('walks a folder recursively in name order, skipping hidden and unknown files', async () => {
    const dir = folder({
      'b.txt': 'Second.',
      'a.html': page('First', 'One.'),
      'deeper/c.jsonl': '{"text":"Third."}\n{"text":"Fourth."}\n',
      'deeper/feed.rss': '<rss><channel><item><title>Fifth</title></item></channel></rss>',
      'deeper/photo.jpg': Buffer.from([0xff, 0xd8, 0xff]),
      '.hidden/x.txt': 'Hidden.',
    });
    expect(show(await collect([dir]))).toEqual([
      `${join(dir, 'a.html')} html`,
      `${join(dir, 'b.txt')} text`,
      `${join(dir, 'deeper/c.jsonl')}:1 text`,
      `${join(dir, 'deeper/c.jsonl')}:2 text`,
      `${join(dir, 'deeper/feed.rss')}#1 text`,
    ]);
  });

  it('expands a glob when the input is not an existing path', async () => {
    const dir = folder({ 'x/one.txt': 'One.', 'y/two.txt': 'Two.', 'y/three.html': page('Three', '3') });
    expect(show(await collect([`${dir}/**/*.txt`]))).toEqual([
      `${join(dir, 'x/one.txt')} text`,
      `${join(dir, 'y/two.txt')} text`,
    ]);
    expect(show(await collect([`${dir}/**/*.nothing`]))).toEqual([
      `! ${dir}/**/*.nothing: no file matches this pattern`,
    ]);
  });

  it('tells JSONL, HTML, text and WARC apart on stdin', async () => {
    const stdin = (content: string | Buffer) => ({ stdin: Readable.from([content]) });
    const jsonl = await collect(
      ['-'],
      stdin('{"id":"s1","text":"From a pipe."}\n{"id":"s2","html":"<p>Two</p>"}\n'),
    );
    expect(jsonl.map((r) => r.ok && `${r.page.origin} ${r.page.id}`)).toEqual(['stdin:1 s1', 'stdin:2 s2']);
    expect(show(await collect(['-'], stdin(page('Piped', 'Words.'))))).toEqual(['stdin html']);
    expect(show(await collect(['-'], stdin('Plain piped words.\n')))).toEqual(['stdin text']);
    const warc = await collect(
      ['-'],
      stdin(warcFile([{ uri: 'https://n.example/p', body: page('P', 'Q.') }])),
    );
    expect(warc.map((r) => r.ok && r.page.url)).toEqual(['https://n.example/p']);
  });
});

describe('readPages: bad input', () => {
  it('gives one clear error per bad input and reads on with the rest', async () => {
    const dir = folder({
      'good.txt': 'A good page.',
      'empty.txt': '',
      'blank.html': '   \n  ',
      'binary.txt': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      'bad.jsonl': '{"text":"line one"}\n{"text":\n{"text":"line three"}\n',
      'mislabelled.html': Buffer.concat([
        Buffer.from('<html><head><meta charset="euc-kr"></head><body><p>'),
        iconv.encode(CAFE.repeat(4), 'windows-1252'),
        Buffer.from('</p></body></html>'),
      ]),
      'nothing/readme.bin': 'x',
      'feeds/x.xml': '<html><body>not a feed</body></html>',
      'cut.warc.gz': warcFile([{ uri: 'https://n.example/a', body: page('A', 'B.') }]).subarray(0, 60),
      'last.txt': 'The last page.',
    });
    const p = (name: string) => join(dir, name);
    const results = await collect([
      p('good.txt'),
      p('missing.txt'),
      p('empty.txt'),
      p('blank.html'),
      p('binary.txt'),
      p('bad.jsonl'),
      p('mislabelled.html'),
      p('nothing'),
      p('feeds/x.xml'),
      p('cut.warc.gz'),
      p('last.txt'),
    ]);
    expect(show(results)).toEqual([
      `${p('good.txt')} text`,
      `! ${p('missing.txt')}: no such file or directory`,
      `! ${p('empty.txt')}: is empty`,
      `! ${p('blank.html')}: holds only white space`,
      `! ${p('binary.txt')}: is a binary file, not text or HTML`,
      `${p('bad.jsonl')}:1 text`,
      expect.stringMatching(new RegExp(`^! ${p('bad.jsonl')}:2: not valid JSON \\(`)),
      `${p('bad.jsonl')}:3 text`,
      expect.stringMatching(
        new RegExp(`^! ${p('mislabelled.html')}: cannot be decoded as euc-kr \\(declared in its meta\\)`),
      ),
      `! ${p('nothing')}: holds no readable files (.txt, .text, .md, .html, .htm, .xhtml, .jsonl, .ndjson, .rss, .atom, .xml, .warc, each optionally .gz)`,
      `! ${p('feeds/x.xml')}: not RSS or Atom (root element is <html>)`,
      expect.stringMatching(new RegExp(`^! ${p('cut.warc.gz')}: record 1 is truncated or corrupt`)),
      `${p('last.txt')} text`,
    ]);
    expect(results.map((r) => !r.ok && r.error.code).filter(Boolean)).toEqual([
      'E_NOT_FOUND',
      'E_EMPTY',
      'E_EMPTY',
      'E_BINARY',
      'E_BAD_JSON',
      'E_DECODE',
      'E_NOTHING_READABLE',
      'E_BAD_FEED',
      'E_BAD_WARC',
    ]);
  });

  it('refuses a page over the size limit without reading it all', async () => {
    const dir = folder({ 'big.txt': 'word '.repeat(5000) });
    expect(show(await collect([join(dir, 'big.txt')], { maxPageBytes: 1000 }))).toEqual([
      `! ${join(dir, 'big.txt')}: is larger than 1000 bytes (a single page)`,
    ]);
  });

  it('says a gzipped JSONL cut inside its first line cannot be read from its start (not "past line 0")', async () => {
    const whole = await gzipped(
      `${JSON.stringify({ id: 'a', text: 'The ferry ran late again. '.repeat(400) })}\n`,
    );
    const dir = folder({ 'cut.jsonl.gz': Buffer.from(whole.subarray(0, 60)) });
    const [only] = show(await collect([join(dir, 'cut.jsonl.gz')]));
    expect(only).toMatch(new RegExp(`^! ${join(dir, 'cut.jsonl.gz')}: cannot be read from its start \\(`));
  });
});

describe('format recognition', () => {
  it('goes by extension, then by first bytes', () => {
    expect(formatOfName('crawl/CC-NEWS-1.warc.gz')).toEqual({ format: 'warc', gzip: true });
    expect(formatOfName('a.JSONL')).toEqual({ format: 'jsonl', gzip: false });
    expect(formatOfName('a.gz')).toEqual({ gzip: true });
    expect(sniffFormat(Buffer.from('WARC/1.1\r\n'))).toBe('warc');
    expect(sniffFormat(Buffer.from('  {"text":"x"}'))).toBe('jsonl');
    expect(sniffFormat(Buffer.from('<?xml version="1.0"?>\n<!-- hi -->\n<feed xmlns="x">'))).toBe('feed');
    expect(sniffFormat(Buffer.from('<?xml version="1.0"?><rss version="2.0">'))).toBe('feed');
    expect(sniffFormat(Buffer.from('<!DOCTYPE html><html>'))).toBe('html');
    expect(
      sniffFormat(Buffer.from('<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">')),
    ).toBe('html');
    expect(sniffFormat(Buffer.from('<?xml version="1.0"?><?xml-stylesheet href="s.xsl"?><rss>'))).toBe(
      'feed',
    );
    expect(sniffFormat(Buffer.from('<?xml version="1.0"?><urlset>'))).toBe('feed');
    expect(sniffFormat(Buffer.from('WASHINGTON (AP) \u2014 Words.'))).toBe('text');
    expect(looksBinary(Buffer.from('plain\ttext\r\n'))).toBe(false);
    expect(looksBinary(Buffer.from([0x41, 0, 0x42]))).toBe(true);
  });

  it('counts control bytes (not tab, line ends, form feed or escape) against 5% of the head', () => {
    const withControls = (byte: number, count: number) =>
      Buffer.concat([Buffer.alloc(count, byte), Buffer.alloc(100 - count, 0x61)]);
    for (const byte of [0x01, 0x08, 0x0b, 0x0e, 0x1a, 0x1c, 0x1f]) {
      expect(looksBinary(withControls(byte, 6))).toBe(true);
      expect(looksBinary(withControls(byte, 5))).toBe(false);
    }
    for (const byte of [0x09, 0x0a, 0x0c, 0x0d, 0x1b])
      expect(looksBinary(withControls(byte, 50))).toBe(false);
  });

  it('gives a page read from a file the id its text would get (a hash of the text, taken from the bytes when they are its UTF-8)', async () => {
    const story =
      '<html><body><p>Caf\u00e9 owners \u2014 \u201cquiet\u201d \ud83d\ude00 \ufeff week.</p></body></html>';
    const dir = folder({
      'utf8.html': story,
      'utf8-bom.html': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(story)]),
      'utf8-two-boms.txt': Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]),
        Buffer.from('Plain text.'),
      ]),
      'utf16.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Plain text, UTF-16.', 'utf16le')]),
      'latin.html': Buffer.concat([
        Buffer.from('<html><head><meta charset="windows-1252"></head><body><p>Caf'),
        Buffer.from([0xe9, 0x93]),
        Buffer.from(' owners.</p></body></html>'),
      ]),
      'broken.txt': Buffer.concat([
        Buffer.from('Mostly fine text with one bad byte '.repeat(20)),
        Buffer.from([0xff]),
      ]),
    });
    const results = await collect([dir]);
    expect(results.filter((r) => r.ok)).toHaveLength(6);
    for (const r of results) {
      if (!r.ok) continue;
      const text = r.page.html ?? r.page.text ?? '';
      expect(r.page.id ?? contentId(text)).toBe(contentId(text));
    }
    // UTF-8 pages take the id from their bytes; the others leave it to pageToArticle.
    const withId = results.filter((r) => r.ok && r.page.id !== undefined).map((r) => r.ok && r.page.origin);
    expect(withId.map((o) => String(o).split('/').pop()).sort()).toEqual([
      'utf8-bom.html',
      'utf8-two-boms.txt',
      'utf8.html',
    ]);
  });
});
