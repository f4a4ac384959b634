import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { summaryLine } from '../../src/cli/commands/ingest.js';
import { main } from '../../src/cli/main.js';
import { syntheticPage } from '../batch/synthetic-pages.js';
import { warningPages } from '../batch/warning-pages.js';
import { runCli } from './run-cli.js';

const hasDist = existsSync('dist/src/batch/worker.js');

/** The stderr lines that are warnings. */
const warningLines = (stderr: string) => stderr.split('\n').filter((l) => l.includes(': warning '));

describe('newsdigest ingest: pages stored with warnings', () => {
  const layouts: [string, string[]][] = [
    ['on the main thread', ['--workers', '0']],
    ['with 1 worker', ['--workers', '1']],
    ['with 2 workers split by stage (the default for 2)', ['--workers', '2']],
    ['with 2 workers split by article', ['--workers', '2', '--split', 'article']],
  ];
  for (const [name, flags] of layouts) {
    const workers = flags[1] !== '0';
    it.skipIf(workers && !hasDist)(
      `${name}: names the navigation page once, the story page never, and counts it in the summary`,
      async () => {
        const { dir, pages, front, story } = warningPages();
        const db = join(dir, 'c.db');
        const r = await runCli(['ingest', pages, '--db', db, ...flags]);
        expect(r.code).toBe(0);
        expect(r.stdout).toBe('');
        const warned = warningLines(r.stderr);
        // The line digest prints for the same page (cli-14's warningLine).
        expect(warned).toEqual([
          expect.stringMatching(/^.*front\.html: warning E_NO_ARTICLE: no article found/),
        ]);
        expect(warned[0]!.startsWith(`${front}: warning `)).toBe(true);
        expect(r.stderr).not.toContain(story);
        const d = await runCli(['digest', front]);
        expect(`${warned[0]}\n`).toBe(d.stderr);
        // The warning line comes before the summary, which counts it.
        const lines = r.stderr.trimEnd().split('\n');
        expect(lines).toHaveLength(2);
        expect(lines[1]).toMatch(
          /^ingest: 2 stored \(1 with warnings\), 0 already stored, 0 failed in [\d.]+s/,
        );

        // A rerun stores nothing, so it names no page.
        const again = await runCli(['ingest', pages, '--db', db, ...flags]);
        expect(again.code).toBe(0);
        expect(warningLines(again.stderr)).toEqual([]);
        expect(again.stderr).toMatch(/^ingest: 0 stored, 2 already stored, 0 failed/);
      },
    );
    it.skipIf(workers && !hasDist)(`${name}: --quiet prints no warning line (nothing at all)`, async () => {
      const { dir, pages } = warningPages();
      const r = await runCli(['ingest', pages, '--db', join(dir, 'c.db'), '--quiet', ...flags]);
      expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    });
  }

  it('on a terminal, the progress line is erased before a warning line, never glued to it', async () => {
    const { dir } = warningPages();
    // Stories first (the progress display is drawn once the run has gone on for a moment), then
    // a page of links only.
    const input = join(dir, 'feed.jsonl');
    let jsonl = '';
    for (let i = 0; i < 400; i++) jsonl += `${JSON.stringify(syntheticPage(i))}\n`;
    jsonl += `${JSON.stringify({ id: 'links', text: 'Home\nNews\nSport\nWeather\nContact us' })}\n`;
    writeFileSync(input, jsonl);
    // stderr looks like a terminal; the screen is drawn as one would: `\r\x1b[2K` erases the line.
    const stderr = Object.assign(new PassThrough(), { isTTY: true });
    let screen = '';
    let drawn = false;
    stderr.on('data', (d: Buffer) => {
      if (/^\r\x1b\[2Kingest \d/.test(d.toString())) drawn = true;
      for (const [i, piece] of d.toString().split('\r\x1b[2K').entries()) {
        if (i > 0) screen = screen.slice(0, screen.lastIndexOf('\n') + 1);
        screen += piece;
      }
    });
    const code = await main(['ingest', input, '--db', join(dir, 'c.db'), '--workers', '0'], {
      stdout: new PassThrough(),
      stderr,
      stdin: Readable.from(['']),
    });
    expect(code).toBe(0);
    const lines = screen.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]!.startsWith(`${input}:401: warning E_NO_ARTICLE: `)).toBe(true);
    expect(lines[1]).toMatch(/^ingest: 401 stored \(1 with warnings\), /);
    // The display was drawn (and erased): else this test would prove nothing.
    expect(drawn).toBe(true);
  });

  it('summary: "(M with warnings)" only when some pages had warnings', () => {
    const summary = {
      read: 3,
      stored: 3,
      warned: 0,
      skipped: 0,
      duplicates: 0,
      failed: 0,
      duplicateList: [],
      errors: [],
      seconds: 1,
    };
    expect(summaryLine(summary, 0, 'c.db')).toBe(
      'ingest: 3 stored, 0 already stored, 0 failed in 1.0s (3.0 articles/s, on the main thread) into c.db\n',
    );
    expect(summaryLine({ ...summary, warned: 2 }, 0, 'c.db')).toBe(
      'ingest: 3 stored (2 with warnings), 0 already stored, 0 failed in 1.0s (3.0 articles/s, on the main thread) into c.db\n',
    );
  });
});
