/**
 * The bundled CLI (dist/cli/, written by scripts/build-cli.ts at `npm run build`) against
 * tsc's modules: same output, same errors, same exit codes. These runs need the build, as the
 * batch's worker tests do; when the bundle is missing or older than the compiled binary (a
 * build that ran tsc alone), the binary itself falls back to the modules and the comparisons
 * are skipped (the choice is tested on its own: main.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const BIN = 'dist/src/cli/main.js';
const BUNDLE = 'dist/cli/newsdigest.js';

function builtBundleIsFresh(): boolean {
  return existsSync(BUNDLE) && existsSync(BIN) && statSync(BUNDLE).mtimeMs >= statSync(BIN).mtimeMs;
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The binary as a user runs it; `bundle: false` sets NEWSDIGEST_BUNDLE=0 (tsc's modules). */
function runBinary(args: string[], bundle: boolean): Run {
  const env = { ...process.env, NEWSDIGEST_BUNDLE: bundle ? '' : '0' };
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The bundle's entry called directly: proves the bundled code (not the fallback) gives the output. */
function runBundleEntry(args: string[]): Run {
  const code = `const m = await import(${JSON.stringify(`${process.cwd()}/${BUNDLE}`)});
process.exitCode = await m.main(JSON.parse(process.argv[1]), process);`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code, JSON.stringify(args)], {
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!builtBundleIsFresh())('the built CLI, bundled and not', () => {
  const cases: [string, string[]][] = [
    ['an HTML page as JSON', ['digest', 'examples/night-market.html']],
    ['a text page as Markdown', ['digest', 'examples/harbour-bridge.txt', '--format', 'md']],
    ['several pages as JSONL', ['digest', 'examples/articles.jsonl', 'examples/night-market.html']],
    [
      'a missing input among good ones',
      ['digest', 'examples/no-such-page.html', 'examples/harbour-bridge.txt'],
    ],
    ['a bad flag value', ['digest', 'examples/harbour-bridge.txt', '--llm-timeout', 'soon']],
  ];
  for (const [what, args] of cases) {
    it(`gives the same output for ${what}`, () => {
      const modules = runBinary(args, false);
      const bundled = runBundleEntry(args);
      expect(modules.stdout.length + modules.stderr.length).toBeGreaterThan(0);
      expect(bundled).toEqual(modules);
    });
  }

  it('runs the bundle from the binary by default, with the same output', () => {
    const args = ['digest', 'examples/night-market.html', '--format', 'text'];
    expect(runBinary(args, true)).toEqual(runBinary(args, false));
  });

  it('exits 1 with the error named for the missing input, as the modules do', () => {
    const r = runBundleEntry(['digest', 'examples/no-such-page.html']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('examples/no-such-page.html');
    expect(r.stderr).not.toContain('    at '); // no stack trace without --debug
  });
});
