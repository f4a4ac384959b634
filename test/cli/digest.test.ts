import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/article/types.js';
import { checkArticle } from '../../src/article/validate.js';
import { runCli } from './run-cli.js';

describe('newsdigest digest', () => {
  it('writes one Article as JSON for one page', async () => {
    const r = await runCli(['digest', 'examples/harbour-bridge.txt']);
    expect(r.code).toBe(0);
    const article = JSON.parse(r.stdout) as Article;
    expect(checkArticle(article).ok).toBe(true);
    expect(article.source).toMatchObject({
      format: 'text',
      origin: 'examples/harbour-bridge.txt',
      encoding: 'utf-8',
    });
    expect(article.text.startsWith('Cranes stand over')).toBe(true);
  });

  it('writes JSONL, one Article a line, for several pages', async () => {
    const r = await runCli(['digest', 'examples/articles.jsonl', 'examples/night-market.html']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    const ids = lines.map((l) => (JSON.parse(l) as Article).id);
    expect(ids.slice(0, 3)).toEqual(['ex-ferry', 'ex-library', 'ex-html']);
  });

  it('reads stdin for "-"', async () => {
    const r = await runCli(['digest', '-'], 'Plain words from a pipe.');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Article).text).toBe('Plain words from a pipe.');
  });

  it('names the input and the problem, goes on, and exits 1 when some inputs fail', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nd-cli-'));
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(join(dir, 'bin.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x01]));
    writeFileSync(join(dir, 'bad.jsonl'), '{"id":"ok","text":"Fine."}\n{not json\n{"id":"x"}\n');
    const r = await runCli(['digest', join(dir, 'missing.txt'), dir]);
    expect(r.code).toBe(1);
    const errors = r.stderr.trim().split('\n');
    expect(errors).toEqual([
      `${join(dir, 'missing.txt')}: no such file or directory`,
      // "Fine." is digested, and too short to read as a story: its warning gets a line too.
      expect.stringMatching(/bad\.jsonl:1: warning E_NO_ARTICLE: /),
      expect.stringMatching(/bad\.jsonl:2: not valid JSON/),
      expect.stringMatching(/bad\.jsonl:3: expected an object with "text" or "html"/),
      `${join(dir, 'bin.txt')}: is a binary file, not text or HTML`,
      `${join(dir, 'empty.txt')}: is empty`,
    ]);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
    expect((JSON.parse(r.stdout) as Article).id).toBe('ok');
  });

  it('rejects an unknown format with the values it expects', async () => {
    const r = await runCli(['digest', 'examples/harbour-bridge.txt', '--format', 'xml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('--format: expecting one of json, jsonl, md, text, instead found "xml"\n');
  });
});

describe('newsdigest schema', () => {
  it('prints the JSON Schema', async () => {
    const r = await runCli(['schema']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).title).toBe('newsdigest Article');
  });
});

describe('newsdigest help', () => {
  it('lists every command and shows examples for each', async () => {
    const r = await runCli(['--help']);
    expect(r.stdout).toMatch(
      /digest .*\n.*ingest .*\n.*search .*\n.*serve .*\n.*schema .*\n.*eval .*\n.*bench/,
    );
    for (const c of ['digest', 'ingest', 'search', 'serve', 'schema', 'eval', 'bench']) {
      const h = await runCli([c, '--help']);
      expect(h.code).toBe(0);
      expect(h.stdout).toMatch(/Examples:\n {2}newsdigest /);
    }
  });

  it('says which command it does not know', async () => {
    const r = await runCli(['digets']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command "digets"/);
  });
});

describe('newsdigest digest highlights flags', () => {
  it('chooses extractive highlights when asked, each pointing at its sentence', async () => {
    const r = await runCli(['digest', 'examples/harbour-bridge.txt', '--highlights', 'extractive']);
    expect(r.code).toBe(0);
    const article = JSON.parse(r.stdout) as Article;
    expect(article.highlights?.origin).toBe('extractive');
    const items = article.highlights?.items ?? [];
    expect(items.length).toBeGreaterThanOrEqual(3);
    for (const item of items) {
      expect(item.sentence).toBeDefined();
      const s = article.sentences![item.sentence!]!;
      expect(article.text.slice(s.start, s.end).replace(/\s+/g, ' ').trim()).toBe(item.text);
    }
  });

  it('rejects an unknown highlights mode and method, naming the flag', async () => {
    const bad = await runCli(['digest', 'examples/harbour-bridge.txt', '--highlights', 'magic']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^--highlights: /);
    const method = await runCli(['digest', 'examples/harbour-bridge.txt', '--method', 'best']);
    expect(method.code).toBe(2);
    expect(method.stderr).toMatch(/^--method: /);
  });
});
