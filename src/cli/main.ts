#!/usr/bin/env node
/**
 * The `newsdigest` binary. It loads the command line (run.ts) as one bundled module graph when
 * the build made one (dist/cli/newsdigest.js and its chunks, written by scripts/build-cli.ts),
 * else as tsc's compiled modules. The bundle is the same code linked into a few files: node
 * resolves, reads and links ~10 modules instead of ~100, which a fresh process pays on every
 * run (Node 20 keeps no compiled code of ES modules between runs).
 *
 * This file stays small and imports nothing of ours at run time: it is loaded by every run.
 */
import { realpathSync, statSync } from 'node:fs';
import nodeModule from 'node:module';
import { fileURLToPath } from 'node:url';
import type { CommandContext } from './command.js';

// Node 22.1 and later can keep V8's compiled code of our modules on disk between runs, so a
// fresh `newsdigest` skips most of their parsing and compiling (NODE_DISABLE_COMPILE_CACHE=1
// turns it off). Every module of ours (bundle or not) is imported after this line. Node 20 has
// no such cache: the call is then absent and skipped.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

type Io = Pick<CommandContext, 'stdout' | 'stderr' | 'stdin'>;

/**
 * Runs one command line and resolves with its exit code. This is the modules' path (tests and
 * embedders call it from the sources); only the binary below may take the bundle instead.
 */
export async function main(argv: string[], io: Io = process): Promise<number> {
  return (await import('./run.js')).main(argv, io);
}

/** The bundle's entry as the build lays it out: dist/cli/ beside dist/src/ (this file is dist/src/cli/main.js). */
const BUNDLE = new URL('../../cli/newsdigest.js', import.meta.url);

/**
 * Whether the binary should load the bundle: it exists, `NEWSDIGEST_BUNDLE=0` does not turn it
 * off, and it was written no earlier than this file. A build that ran tsc alone (as engineers
 * do mid-change) rewrites this file and leaves an older bundle behind whose code may be stale:
 * the compiled modules run then. npm's packing gives every file one date, so an installed
 * package passes (equal times).
 */
export function bundleIsUsable(
  bundleMtimeMs: number | undefined,
  selfMtimeMs: number | undefined,
  setting: string | undefined,
): boolean {
  if (setting === '0') return false;
  return bundleMtimeMs !== undefined && selfMtimeMs !== undefined && bundleMtimeMs >= selfMtimeMs;
}

function mtimeMs(path: URL | string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

async function runBinary(argv: string[]): Promise<number> {
  const self = fileURLToPath(import.meta.url);
  if (bundleIsUsable(mtimeMs(BUNDLE), mtimeMs(self), process.env['NEWSDIGEST_BUNDLE'])) {
    const bundled = (await import(BUNDLE.href)) as typeof import('./run.js');
    return bundled.main(argv, process);
  }
  return main(argv, process);
}

// Run when executed as the `newsdigest` binary (not when imported by tests).
function invokedDirectly(): boolean {
  try {
    return realpathSync(process.argv[1] ?? '') === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}
if (invokedDirectly()) {
  runBinary(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`newsdigest: ${(e as Error)?.message ?? String(e)}\n`);
      process.exitCode = 1; // EXIT.someFailed (command.ts), not imported: this file loads nothing of ours
    },
  );
}
