/**
 * The defects of the fourteenth session's CLI audit (cli-14), each as the behaviour a user
 * sees: progress on a terminal, bad output paths, warnings, the --out file inside an input
 * folder, batch formats, help texts and small validations.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../src/article/types.js';
import { render, warningLine } from '../../src/cli/commands/digest.js';
import { interruptedLine, maxWorkers, summaryLine, workersPhrase } from '../../src/cli/commands/ingest.js';
import { main } from '../../src/cli/main.js';
import { openForWriting, originIsFile } from '../../src/cli/out-file.js';
import { createProgress, FIRST_DRAW_MS } from '../../src/cli/progress.js';
import { runCli } from './run-cli.js';

const NAV_PAGE =
  '<html><head><title>Menu</title></head><body><nav><ul><li><a href="/">Home</a></li>' +
  '<li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>' +
  '<footer>Copyright 2026 Example Media. All rights reserved.</footer></body></html>\n';

const STORY = (n: number) =>
  `Harbour story ${n}\n\nThe harbour board said on Monday that ferry number ${n} would leave the east quay at nine.\n\n` +
  `Officials said the council would vote on the fares next week, and the mayor said the vote would be close.\n`;

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'nd-cli14-'));
}

/**
 * Runs the CLI with stderr (and stdout, when asked) looking like a terminal, both drawn on one
 * screen as a terminal would: `\r\x1b[2K` erases the current line (back to the last newline).
 */
async function runOnTerminal(argv: string[], stdoutTty = false) {
  const stdout = Object.assign(new PassThrough(), { isTTY: stdoutTty });
  const stderr = Object.assign(new PassThrough(), { isTTY: true });
  let screen = '';
  let err = '';
  const draw = (text: string) => {
    for (const [i, piece] of text.split('\r\x1b[2K').entries()) {
      if (i > 0) screen = screen.slice(0, screen.lastIndexOf('\n') + 1);
      screen += piece;
    }
  };
  stdout.on('data', (d: Buffer) => draw(d.toString()));
  stderr.on('data', (d: Buffer) => {
    err += d.toString();
    draw(d.toString());
  });
  const code = await main(argv, { stdout, stderr, stdin: Readable.from(['']) });
  return { code, screen, stderr: err };
}

describe('the progress line', () => {
  it('draws nothing at first, is erased by clear() and drawn again, and stays off after done()', () => {
    let t = 1_000;
    let written = '';
    const stream = new PassThrough();
    stream.on('data', (d: Buffer) => {
      written += d.toString();
    });
    const p = createProgress('digest', stream, true, () => t);
    p.tick(1);
    stream.read();
    expect(written).toBe(''); // a one-page run ends before the first draw
    t += FIRST_DRAW_MS;
    p.tick(2);
    expect(written).toMatch(/^\r\x1b\[2Kdigest 2 \(/);
    written = '';
    p.clear();
    expect(written).toBe('\r\x1b[2K');
    written = '';
    p.clear(); // nothing drawn: nothing to erase
    expect(written).toBe('');
    t += 1; // well within the 100 ms between draws: drawn again all the same, it was erased
    p.tick(3);
    expect(written).toMatch(/digest 3/);
    written = '';
    p.done();
    p.tick(4);
    t += 1_000;
    p.tick(5);
    expect(written).toBe('\r\x1b[2K');
  });

  it('is silent when not interactive', () => {
    let written = '';
    const stream = new PassThrough();
    stream.on('data', (d: Buffer) => {
      written += d.toString();
    });
    const p = createProgress('digest', stream, false, () => 10_000);
    p.tick(1);
    p.clear();
    p.done();
    expect(written).toBe('');
  });

  it('a one-article digest on a terminal leaves its Article alone on the screen (then the summary line)', async () => {
    const json = (await runCli(['digest', 'examples/harbour-bridge.txt'])).stdout;
    const r = await runOnTerminal(['digest', 'examples/harbour-bridge.txt'], true);
    expect(r.code).toBe(0);
    // A line may have been drawn while the page was digested (a slow start), never left standing;
    // the run ends with its summary line (cli-15).
    expect(r.stderr).toMatch(/^(\r\x1b\[2Kdigest 1 \([^)]*\))*(\r\x1b\[2K)?digest: 1 article in \d+\.\ds\n$/);
    expect(r.screen.replace(/in \d+\.\ds\n$/, 'in Ts\n')).toBe(`${json}digest: 1 article in Ts\n`);
    const md = await runOnTerminal(['digest', 'examples/harbour-bridge.txt', '--format', 'md'], true);
    expect(md.screen.startsWith('# ')).toBe(true);
  });

  it('error and warning lines on a terminal start on a line of their own', async () => {
    const dir = tmp();
    for (let i = 0; i < 3; i++) writeFileSync(join(dir, `s${i}.txt`), STORY(i));
    writeFileSync(join(dir, 'z.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x01]));
    const r = await runOnTerminal(['digest', dir, '--out', join(dir, 'out.jsonl')]);
    expect(r.code).toBe(1);
    expect(r.screen.replace(/in \d+\.\ds\n$/, 'in Ts\n')).toBe(
      `${join(dir, 'z.txt')}: is a binary file, not text or HTML\ndigest: 3 articles, 1 failed in Ts\n`,
    );
  });
});

describe('digest --out', () => {
  it('a path in a missing folder or a folder: one line naming it, exit 2, nothing read', async () => {
    const dir = tmp();
    const missing = join(dir, 'nope', 'x.json');
    const r = await runCli(['digest', 'examples/harbour-bridge.txt', '--out', missing]);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: `digest: --out ${missing}: cannot be written (its folder does not exist)\n`,
    });
    const folder = await runCli(['digest', 'examples/harbour-bridge.txt', '--out', dir]);
    expect(folder).toEqual({
      code: 2,
      stdout: '',
      stderr: `digest: --out ${dir}: is a folder, not a file\n`,
    });
    expect(openForWriting(join(dir, 'ok.txt'), '--x', false)).toEqual({ fd: -1 });
    expect(existsSync(join(dir, 'ok.txt'))).toBe(true);
  });

  it('is never read back as an input, however it is spelled', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.txt'), STORY(1));
    writeFileSync(join(dir, 'b.txt'), STORY(2));
    const out = join(dir, 'out.jsonl');
    mkdirSync(join(dir, 'sub'));
    for (const spelled of [out, join(dir, 'sub') + '/../out.jsonl', `${dir}/./out.jsonl`]) {
      const r = await runCli(['digest', dir, '--out', spelled]);
      expect(r).toMatchObject({ code: 0, stderr: '' });
      const lines = readFileSync(out, 'utf8').trim().split('\n');
      expect(lines.map((l) => (JSON.parse(l) as Article).source?.origin)).toEqual([
        join(dir, 'a.txt'),
        join(dir, 'b.txt'),
      ]);
    }
    const clash = await runCli(['digest', join(dir, 'a.txt'), '--out', join(dir, 'a.txt')]);
    expect(clash).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--out .*a\.txt: is also an input/),
    });
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe(STORY(1)); // not emptied
    const isOut = originIsFile(out);
    expect(isOut(`${out}:3`)).toBe(true);
    expect(isOut(`${dir}/./out.jsonl#2`)).toBe(true);
    expect(isOut(join(dir, 'a.txt'))).toBe(false);
    expect(isOut('elsewhere/out.jsonl:1')).toBe(false);
  });
});

describe('warnings', () => {
  const saved: Record<string, string | undefined> = {};
  const names = ['NEWSDIGEST_LLM_BASE_URL', 'NEWSDIGEST_LLM_MODEL'];
  beforeEach(() => {
    for (const n of names) {
      saved[n] = process.env[n];
      delete process.env[n];
    }
  });
  afterEach(() => {
    for (const n of names) if (saved[n] !== undefined) process.env[n] = saved[n];
  });

  it('a page whose Article warns gets one stderr line (not with --quiet); the Article is written', async () => {
    const dir = tmp();
    const page = join(dir, 'nav.html');
    writeFileSync(page, NAV_PAGE);
    const r = await runCli(['digest', page, '--format', 'text']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      new RegExp(`^${page.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: warning E_NO_ARTICLE: [^\\n]+\\n$`),
    );
    const quiet = await runCli(['digest', page, '--quiet']);
    expect(quiet.stderr).toBe('');
    expect((JSON.parse(quiet.stdout) as Article).warnings?.[0]?.code).toBe('E_NO_ARTICLE');
  });

  it('warningLine joins a page’s warnings on one line', () => {
    const a = {
      warnings: [
        { code: 'E_A', message: 'one' },
        { code: 'E_B', message: 'two' },
      ],
    } as Article;
    expect(warningLine('p.txt', a)).toBe('p.txt: warning E_A: one; E_B: two\n');
    expect(warningLine('p.txt', {} as Article)).toBeUndefined();
  });

  it('--highlights llm without an endpoint or a model is a usage error naming the setting', async () => {
    const r = await runCli(['digest', 'examples/harbour-bridge.txt', '--highlights', 'llm']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/--llm-base-url URL or \$NEWSDIGEST_LLM_BASE_URL/);
    const noModel = await runCli([
      'digest',
      'examples/harbour-bridge.txt',
      '--highlights',
      'llm',
      '--llm-base-url',
      'http://127.0.0.1:9/v1',
    ]);
    expect(noModel.code).toBe(2);
    expect(noModel.stderr).toMatch(/--llm-model NAME or \$NEWSDIGEST_LLM_MODEL/);
  });
});

describe('batch formats', () => {
  it('text separates Articles by a blank line and a # title line; one Article stays the bare body', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.txt'), STORY(1));
    writeFileSync(join(dir, 'b.txt'), STORY(2));
    const r = await runCli(['digest', dir, '--format', 'text', '--quiet']);
    expect(r.code).toBe(0);
    const parts = r.stdout.split(/\n\n(?=# )/);
    expect(parts).toHaveLength(2);
    for (const p of parts) expect(p).toMatch(/^# [^\n]+\n\nThe harbour board said/);
    const one = await runCli(['digest', join(dir, 'a.txt'), '--format', 'text', '--quiet']);
    expect(one.stdout).not.toMatch(/^# /);
    expect(one.stdout).toMatch(/^The harbour board said/);
  });

  it('render names an untitled Article by its id, as md does', () => {
    const a = { id: 'abc', text: 'Body.', blocks: [{ kind: 'paragraph', start: 0, end: 5 }] } as Article;
    expect(render(a, 'text', false, false)).toMatch(/^\n# Untitled article \(abc\)\n\n/);
    expect(render(a, 'text', false, true)).toMatch(/^# Untitled article \(abc\)\n\n/);
  });

  it('--format jsonl gives one line per Article, even for one', async () => {
    const r = await runCli(['digest', 'examples/harbour-bridge.txt', '--format', 'jsonl']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toHaveLength(2); // one line and the final newline
    expect((JSON.parse(r.stdout) as Article).id).toBeTruthy();
    const json = await runCli(['digest', 'examples/harbour-bridge.txt']);
    expect(json.stdout.split('\n').length).toBeGreaterThan(10); // json: pretty for one Article
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(r.stdout));
  });
});

describe('ingest', () => {
  it('checks --errors and --duplicates before the run: nothing is read, no database made', async () => {
    const dir = tmp();
    const db = join(dir, 'c.db');
    const r = await runCli([
      'ingest',
      'examples/harbour-bridge.txt',
      '--db',
      db,
      '--errors',
      join(dir, 'no', 'e.jsonl'),
    ]);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: `ingest: --errors ${join(dir, 'no', 'e.jsonl')}: cannot be written (its folder does not exist)\n`,
    });
    const d = await runCli(['ingest', 'examples/harbour-bridge.txt', '--db', db, '--duplicates', dir]);
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/--duplicates .*: is a folder, not a file/);
    expect(existsSync(db)).toBe(false);
  });

  it('counts and lists duplicates within a run apart from pages already stored; the store keeps one', async () => {
    const dir = tmp();
    const input = join(dir, 'pages.jsonl');
    const lines = [
      { id: 'one', text: STORY(1) },
      { id: 'two', text: STORY(2) },
      { id: 'one-again', text: STORY(1) },
    ];
    writeFileSync(input, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
    const db = join(dir, 'c.db');
    const dups = join(dir, 'dups.jsonl');
    const r = await runCli(['ingest', input, '--db', db, '--workers', '0', '--duplicates', dups]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /^ingest: 2 stored, 0 already stored, 1 duplicate of a page earlier in this run, 0 failed in [\d.]+s \([\d.]+ articles\/s, on the main thread\)/,
    );
    expect(
      readFileSync(dups, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([
      {
        origin: `${input}:3`,
        id: 'one-again',
        duplicateOf: `${input}:1`,
        duplicateOfId: 'one',
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    ]);
    const again = await runCli(['ingest', input, '--db', db, '--workers', '0']);
    expect(again.stderr).toMatch(
      /^ingest: 0 stored, 2 already stored, 1 duplicate of a page earlier in this run, 0 failed/,
    );
  });

  it('caps --workers at twice the cores with a note, and says "1 worker"', async () => {
    expect(maxWorkers(2)).toBe(4);
    expect(maxWorkers(1)).toBe(2);
    expect([0, 1, 3].map(workersPhrase)).toEqual(['on the main thread', '1 worker', '3 workers']);
    const summary = {
      read: 3,
      stored: 2,
      skipped: 1,
      duplicates: 0,
      failed: 0,
      duplicateList: [],
      errors: [],
      seconds: 2,
    };
    expect(summaryLine(summary, 1, 'c.db')).toBe(
      'ingest: 2 stored, 1 already stored, 0 failed in 2.0s (1.0 articles/s, 1 worker) into c.db\n',
    );
    const dir = tmp();
    const r = await runCli([
      'ingest',
      'examples/harbour-bridge.txt',
      '--db',
      join(dir, 'c.db'),
      '--workers',
      '256',
      '--quiet',
    ]);
    expect(r.stderr).toMatch(/^ingest: --workers 256 capped at \d+ \(twice this machine's \d+ cores/);
  }, 60_000);

  it('Ctrl-C says how far the run got and how to finish', () => {
    expect(interruptedLine({ read: 9, stored: 7, skipped: 1, duplicates: 0, failed: 1 })).toBe(
      'ingest: interrupted: 7 stored in this run (committed batches are kept); rerun the same command to finish (pages already stored are skipped)\n',
    );
    expect(interruptedLine(undefined)).toMatch(/^ingest: interrupted: 0 stored/);
  });
});

describe('help and messages', () => {
  it('bench and eval list the options every task takes and each task’s own', async () => {
    const bench = (await runCli(['bench', '--help'])).stdout;
    for (const s of [
      '--workers',
      '--fresh-runs',
      '--peers',
      '--split',
      '--window',
      'Options (every task):',
    ]) {
      expect(bench).toContain(s);
    }
    expect(bench).toMatch(/^Usage: .*--workers N/);
    const ev = (await runCli(['eval', '--help'])).stdout;
    for (const s of ['--model', '--window', '--peers', 'train or dev', 'lead3', 'Options (every task):']) {
      expect(ev).toContain(s);
    }
  });

  it('serve’s usage names --workers; search says its JSON snippets are HTML', async () => {
    expect((await runCli(['serve', '--help'])).stdout).toMatch(/^Usage: newsdigest serve .*\[--workers N\]/);
    expect((await runCli(['search', '--help'])).stdout).toMatch(/"snippet" is HTML[\s\S]*<mark>/);
  });

  it('search names a --limit given as text as typed, not as NaN', async () => {
    const db = join(tmp(), 'c.db');
    expect((await runCli(['ingest', 'examples/harbour-bridge.txt', '--db', db, '--quiet'])).code).toBe(0);
    const r = await runCli(['search', 'bridge', '--db', db, '--limit', 'abc']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('instead found "abc"');
    expect(r.stderr).not.toContain('NaN');
  });

  it('an unknown option gets one line with balanced quotes', async () => {
    const r = await runCli(['digest', '--frob']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'newsdigest digest: unknown option --frob; see newsdigest digest --help (an input whose name starts with "-" goes after --)\n',
    );
  });
});
