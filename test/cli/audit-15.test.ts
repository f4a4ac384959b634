/**
 * The fifteenth session's CLI audit items (cli-15), each as the behaviour a user sees: a closed
 * pipe or a full disk on standard output, a failing --out file, search pages past the first
 * (--cursor), and the small things (negative option values, a folder as --db, URLs as inputs,
 * an empty date range, a rerun's rate, digest's summary on a terminal).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { digestSummaryLine } from '../../src/cli/commands/digest.js';
import { summaryLine } from '../../src/cli/commands/ingest.js';
import { countLine, rangeIsEmpty } from '../../src/cli/commands/search.js';
import { main } from '../../src/cli/main.js';
import { closeStream, localInputs } from '../../src/cli/out-file.js';
import { joinNegativeValues } from '../../src/cli/run.js';
import { runCli } from './run-cli.js';

const BIN = 'dist/src/cli/main.js';
const HAVE_DEV_FULL = existsSync('/dev/full');

const story = (n: number) =>
  `Ferry story ${n}\n\nThe harbour board said on Monday that ferry number ${n} would leave the east quay at nine.\n\n` +
  `Officials said the council would vote on the fares for route ${n} next week.`;

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'nd-cli15-'));
}

/** A JSONL file of `count` short stories written for these tests. */
function storiesFile(dir: string, count: number): string {
  const path = join(dir, 'stories.jsonl');
  const lines = Array.from({ length: count }, (_, i) =>
    JSON.stringify({ id: `s${i + 1}`, text: story(i + 1) }),
  );
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/**
 * A standard output whose reader goes away after `keep` writes: every later write fails with
 * `code` (EPIPE: a closed pipe; ENOSPC: a full disk), as a real stream's write does.
 */
function failingStdout(keep: number, code: string) {
  let writes = 0;
  let calls = 0;
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      writes++;
      if (writes > keep) {
        cb(
          Object.assign(
            new Error(`${code === 'EPIPE' ? 'write EPIPE' : 'ENOSPC: no space left on device, write'}`),
            { code },
          ),
        );
        return;
      }
      text += chunk.toString();
      cb();
    },
  });
  // Every write the command asks for, including those a destroyed stream drops without a word.
  const write = stream.write.bind(stream) as (...a: unknown[]) => boolean;
  stream.write = ((...a: unknown[]) => {
    calls++;
    return write(...a);
  }) as typeof stream.write;
  return { stream, writes: () => writes, calls: () => calls, text: () => text };
}

async function runWithStdout(argv: string[], stdout: Writable, stdin = '') {
  const stderr = new PassThrough();
  let err = '';
  stderr.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const code = await main(argv, { stdout, stderr, stdin: Readable.from([stdin]) });
  return { code, stderr: err };
}

describe('a closed pipe on standard output (`| head`)', () => {
  it('ends digest quietly with exit 0 in every format, and the batch stops writing', async () => {
    const dir = tmp();
    const input = storiesFile(dir, 40);
    for (const format of ['json', 'jsonl', 'md', 'text']) {
      const out = failingStdout(2, 'EPIPE');
      const r = await runWithStdout(['digest', input, '--format', format], out.stream);
      expect(r, format).toEqual({ code: 0, stderr: '' });
      // Two writes taken, the third failed: nothing more is asked for (the rest of the batch is not digested).
      expect(out.writes(), format).toBe(3);
      expect(out.calls(), format).toBe(3);
      expect(out.text().length).toBeGreaterThan(0);
    }
  });

  it('ends search, schema, eval and the help quietly with exit 0', async () => {
    const dir = tmp();
    const db = join(dir, 'c.db');
    expect(
      (await runCli(['ingest', storiesFile(dir, 12), '--db', db, '--workers', '0', '--quiet'])).code,
    ).toBe(0);
    const search = failingStdout(1, 'EPIPE');
    expect(await runWithStdout(['search', 'ferry', '--db', db], search.stream)).toEqual({
      code: 0,
      stderr: '',
    });
    expect(search.writes()).toBe(2);
    for (const argv of [['schema'], ['--help'], ['digest', '--help']]) {
      expect(await runWithStdout(argv, failingStdout(0, 'EPIPE').stream), argv.join(' ')).toEqual({
        code: 0,
        stderr: '',
      });
    }
    const gold = join(dir, 'sbd.json');
    writeFileSync(
      gold,
      JSON.stringify([
        { text: 'The quay opened. The ferry left.', sentences: ['The quay opened.', 'The ferry left.'] },
      ]),
    );
    const evalRun = await runWithStdout(['eval', 'sbd', '--data', gold], failingStdout(0, 'EPIPE').stream);
    expect(evalRun).toEqual({ code: 0, stderr: '' });
  });

  it.skipIf(!existsSync(BIN))('the built binary piped into head: no stack trace, exit 0', () => {
    const dir = tmp();
    const input = storiesFile(dir, 3000);
    const script = `node ${BIN} digest ${input} --format jsonl 2>${dir}/err.txt | head -c 100 >/dev/null; echo "\${PIPESTATUS[0]}"`;
    const r = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('0');
    expect(readFileSync(join(dir, 'err.txt'), 'utf8')).toBe('');
  });
});

describe('a full disk on standard output (> /dev/full)', () => {
  it('is one line naming stdout and the error, exit 1, and the batch stops', async () => {
    const dir = tmp();
    const out = failingStdout(0, 'ENOSPC');
    const r = await runWithStdout(['digest', storiesFile(dir, 30), '--format', 'md'], out.stream);
    expect(r).toEqual({
      code: 1,
      stderr: 'newsdigest digest: stdout: cannot be written (ENOSPC: no space left on device, write)\n',
    });
    expect(out.calls()).toBe(1);
    const schema = await runWithStdout(['schema'], failingStdout(0, 'ENOSPC').stream);
    expect(schema).toEqual({
      code: 1,
      stderr: 'newsdigest schema: stdout: cannot be written (ENOSPC: no space left on device, write)\n',
    });
  });

  it.skipIf(!existsSync(BIN) || !HAVE_DEV_FULL)('the built binary redirected to /dev/full', () => {
    const r = spawnSync(
      'bash',
      ['-c', `node ${BIN} digest examples/articles.jsonl --format md > /dev/full`],
      {
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      'newsdigest digest: stdout: cannot be written (ENOSPC: no space left on device, write)\n',
    );
  });
});

describe('--out that cannot be written', () => {
  it("closeStream reports an error the stream meets after end() (end's callback runs before the error event)", async () => {
    const late = new Writable({
      write(_chunk, _enc, cb) {
        setImmediate(() =>
          cb(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })),
        );
      },
    });
    late.on('error', () => {});
    late.write('an Article\n');
    expect((await closeStream(late))?.message).toBe('ENOSPC: no space left on device, write');
    const fine = new PassThrough();
    fine.resume();
    fine.write('an Article\n');
    expect(await closeStream(fine)).toBeUndefined();
  });

  it.skipIf(!HAVE_DEV_FULL)(
    'digest --out /dev/full: one line naming the file, exit 1 (one page and many)',
    async () => {
      const dir = tmp();
      for (const input of ['examples/harbour-bridge.txt', storiesFile(dir, 50)]) {
        const r = await runCli(['digest', input, '--out', '/dev/full']);
        expect(r, input).toEqual({
          code: 1,
          stdout: '',
          stderr: 'digest: --out /dev/full: cannot be written (ENOSPC: no space left on device, write)\n',
        });
      }
    },
  );

  it.skipIf(!HAVE_DEV_FULL)('schema --out and ingest --duplicates (as --errors) name the file', async () => {
    expect(await runCli(['schema', '--out', '/dev/full'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'schema: --out /dev/full: cannot be written (ENOSPC: no space left on device, write)\n',
    });
    const dir = tmp();
    // The same story twice: one duplicate to list.
    const input = join(dir, 'twice.jsonl');
    writeFileSync(input, `${JSON.stringify({ text: story(1) })}\n${JSON.stringify({ text: story(1) })}\n`);
    const r = await runCli([
      'ingest',
      input,
      '--db',
      join(dir, 'c.db'),
      '--workers',
      '0',
      '--duplicates',
      '/dev/full',
      '--quiet',
    ]);
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: 'ingest: --duplicates /dev/full: cannot be written (ENOSPC: no space left on device, write)\n',
    });
  });

  it('a good --out file is written whole, as before', async () => {
    const dir = tmp();
    const path = join(dir, 'out.jsonl');
    const r = await runCli(['digest', storiesFile(dir, 5), '--out', path]);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(
      readFileSync(path, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).id),
    ).toEqual(['s1', 's2', 's3', 's4', 's5']);
  });
});

describe('search past the first page: --cursor', () => {
  it('follows the cursor the count line and --json give through every hit, and refuses --limit past 100', async () => {
    const dir = tmp();
    const db = join(dir, 'c.db');
    expect(
      (await runCli(['ingest', storiesFile(dir, 25), '--db', db, '--workers', '0', '--quiet'])).code,
    ).toBe(0);
    const seen: string[] = [];
    let cursor: string | undefined;
    const counts: string[] = [];
    for (let page = 0; page < 5; page++) {
      const r = await runCli([
        'search',
        'ferry',
        '--db',
        db,
        '--limit',
        '10',
        ...(cursor ? ['--cursor', cursor] : []),
      ]);
      expect(r.code).toBe(0);
      seen.push(...[...r.stdout.matchAll(/^(s\d+) {2}/gm)].map((m) => m[1]!));
      counts.push(r.stderr.replace(/--cursor [^)\s]+/, '--cursor C'));
      cursor = /more: --cursor (\S+)\)/.exec(r.stderr)?.[1];
      if (!cursor) break;
    }
    expect(counts).toEqual([
      '10 results (more: --cursor C)\n',
      '10 results (more: --cursor C)\n',
      '5 results\n',
    ]);
    expect(new Set(seen).size).toBe(25);

    const first = await runCli(['search', 'ferry', '--db', db, '--limit', '20', '--json']);
    const lines = first.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(21);
    const next = lines.at(-1) as { next: string };
    expect(Object.keys(next)).toEqual(['next']);
    const rest = await runCli([
      'search',
      'ferry',
      '--db',
      db,
      '--limit',
      '20',
      '--json',
      '--cursor',
      next.next,
    ]);
    const restLines = rest.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    // The last page has no "next" line: every line is a hit.
    expect(restLines.every((l) => typeof l.id === 'string')).toBe(true);
    expect(new Set([...lines.slice(0, -1), ...restLines].map((l) => l.id)).size).toBe(25);

    expect(await runCli(['search', 'ferry', '--db', db, '--limit', '101'])).toEqual({
      code: 2,
      stdout: '',
      stderr: '--limit: expecting a whole number from 1 to 100 (more with --cursor), instead found "101"\n',
    });
    const bad = await runCli(['search', 'ferry', '--db', db, '--cursor', 'nonsense']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^cursor: "nonsense" is not a cursor/);
  });

  it('countLine: the cursor when there is more, nothing about --limit', () => {
    expect(countLine(100, 'bzEwMA')).toBe('100 results (more: --cursor bzEwMA)\n');
    expect(countLine(1, null)).toBe('1 result\n');
  });
});

describe('small things', () => {
  it('joins a negative number to its string option so the command names the bad value', () => {
    const options = {
      workers: { type: 'string', short: 'w' },
      limit: { type: 'string', short: 'n' },
      quiet: { type: 'boolean' },
    } as const;
    expect(joinNegativeValues(['a.txt', '--workers', '-1', '-n', '-5'], options)).toEqual([
      'a.txt',
      '--workers=-1',
      '--limit=-5',
    ]);
    // A boolean's neighbour, a non-number and anything after -- stay as they are.
    expect(joinNegativeValues(['--quiet', '-1', '--workers', '-q', '--', '--limit', '-2'], options)).toEqual([
      '--quiet',
      '-1',
      '--workers',
      '-q',
      '--',
      '--limit',
      '-2',
    ]);
  });

  it('gives our own message for negative numeric options', async () => {
    const dir = tmp();
    const ingest = await runCli([
      'ingest',
      'examples/harbour-bridge.txt',
      '--db',
      join(dir, 'c.db'),
      '--workers',
      '-1',
    ]);
    expect(ingest).toEqual({
      code: 2,
      stdout: '',
      stderr: '--workers: expecting a whole number from 0 to 256, instead found "-1"\n',
    });
    const digest = await runCli(['digest', 'examples/harbour-bridge.txt', '--llm-timeout', '-5']);
    expect(digest).toEqual({
      code: 2,
      stdout: '',
      stderr: '--llm-timeout: expecting milliseconds, instead found "-5"\n',
    });
    const search = await runCli(['search', '--db', join(dir, 'c.db'), '-n', '-3']);
    expect(search.stderr).toBe(
      '--limit: expecting a whole number from 1 to 100 (more with --cursor), instead found "-3"\n',
    );
    const evalRun = await runCli(['eval', 'sbd', '--limit', '-2']);
    expect(evalRun).toMatchObject({
      code: 2,
      stderr: '--limit: expecting a positive whole number, instead found "-2"\n',
    });
  });

  it('says a folder given as --db is a directory', async () => {
    const dir = tmp();
    for (const command of ['ingest', 'search', 'serve']) {
      const argv =
        command === 'ingest' ? [command, 'examples/harbour-bridge.txt', '--db', dir] : [command, '--db', dir];
      expect(await runCli(argv), command).toEqual({
        code: 2,
        stdout: '',
        stderr: `${command}: --db ${dir}: is a directory, not a database file\n`,
      });
    }
  });

  it('refuses URLs as inputs (the others go on) and reads a file:// URL as its path', async () => {
    expect(
      localInputs(['a.txt', 'https://example.org/story', `file://${resolve('examples/harbour-bridge.txt')}`]),
    ).toEqual({
      inputs: ['a.txt', resolve('examples/harbour-bridge.txt')],
      refused: ['https://example.org/story: URLs are not fetched: save the page and pass the file'],
    });
    const r = await runCli([
      'digest',
      'http://example.org/a.html',
      'examples/harbour-bridge.txt',
      '--format',
      'text',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'http://example.org/a.html: URLs are not fetched: save the page and pass the file\n',
    );
    expect(r.stdout).toMatch(/^The Portwell city council voted/);
    const byUrl = await runCli([
      'digest',
      pathToFileURL('examples/harbour-bridge.txt').href,
      '--format',
      'text',
    ]);
    expect(byUrl).toMatchObject({ code: 0, stderr: '' });
    expect(byUrl.stdout).toBe(r.stdout);
    const dir = tmp();
    const ingest = await runCli(['ingest', 'https://example.org/feed.xml', '--db', join(dir, 'c.db')]);
    expect(ingest).toEqual({
      code: 1,
      stdout: '',
      stderr: 'https://example.org/feed.xml: URLs are not fetched: save the page and pass the file\n',
    });
    expect(existsSync(join(dir, 'c.db'))).toBe(false);
  });

  it('refuses search --from after --to; dates of different precision compare on what they share', async () => {
    expect(rangeIsEmpty('2005', '2004')).toBe(true);
    expect(rangeIsEmpty('2005', '2004-12-31')).toBe(true);
    expect(rangeIsEmpty('2005-03', '2005')).toBe(false);
    expect(rangeIsEmpty('2005-03-02', '2005-03-01')).toBe(true);
    expect(rangeIsEmpty('2004', '2005')).toBe(false);
    expect(rangeIsEmpty('soon', '2004')).toBe(false);
    const dir = tmp();
    const db = join(dir, 'c.db');
    await runCli(['ingest', 'examples/harbour-bridge.txt', '--db', db, '--workers', '0', '--quiet']);
    expect(await runCli(['search', '--db', db, '--from', '2005', '--to', '2004'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'search: --from 2005 is after --to 2004: no date is in that range\n',
    });
  });

  it('a rerun that stored nothing gives no rate', async () => {
    const summary = {
      read: 3,
      stored: 0,
      skipped: 3,
      duplicates: 0,
      failed: 0,
      duplicateList: [],
      errors: [],
      seconds: 0.04,
    };
    expect(summaryLine(summary, 0, 'c.db')).toBe(
      'ingest: 0 stored, 3 already stored, 0 failed in 0.0s (on the main thread) into c.db\n',
    );
    const dir = tmp();
    const db = join(dir, 'c.db');
    const input = storiesFile(dir, 3);
    await runCli(['ingest', input, '--db', db, '--workers', '0']);
    const again = await runCli(['ingest', input, '--db', db, '--workers', '0']);
    expect(again.stderr).toMatch(
      /^ingest: 0 stored, 3 already stored, 0 failed in \d+\.\ds \(on the main thread\) into /,
    );
  });

  it('digest on a terminal ends with a summary line on stderr; piped or --quiet, none', async () => {
    expect(digestSummaryLine(12, 2, 1, 0.84)).toBe(
      'digest: 12 articles (2 with warnings), 1 failed in 0.8s\n',
    );
    expect(digestSummaryLine(1, 0, 0, 0.2)).toBe('digest: 1 article in 0.2s\n');
    const dir = tmp();
    mkdirSync(join(dir, 'pages'));
    writeFileSync(join(dir, 'pages', 'a.txt'), story(1));
    writeFileSync(join(dir, 'pages', 'b.txt'), 'Menu\n\nHome\n');
    const run = async (extra: string[]) => {
      const stdout = new PassThrough();
      stdout.resume();
      const stderr = Object.assign(new PassThrough(), { isTTY: true });
      let err = '';
      stderr.on('data', (d: Buffer) => {
        err += d.toString();
      });
      const code = await main(['digest', join(dir, 'pages'), join(dir, 'missing.txt'), ...extra], {
        stdout,
        stderr,
        stdin: Readable.from(['']),
      });
      return { code, lines: err.split('\n').filter(Boolean) };
    };
    const shown = await run([]);
    expect(shown.code).toBe(1);
    expect(shown.lines.at(-1)).toMatch(/^digest: 2 articles \(1 with warnings\), 1 failed in \d+\.\ds$/);
    expect((await run(['--quiet'])).lines.some((l) => l.startsWith('digest: 2 articles'))).toBe(false);
    const piped = await runCli(['digest', join(dir, 'pages', 'a.txt')]);
    expect(piped.stderr).toBe('');
  });
});
