/**
 * Bundles the CLI for fast start-up: `npm run build` runs this after tsc.
 *
 *   node dist/scripts/build-cli.js [--dist DIR]
 *
 * Input: tsc's output in DIR/src (default dist/, beside this script's folder), so the bundle
 * is the very code tsc emitted, only linked into fewer files. Output: DIR/cli/ with
 *   newsdigest.js   the command line (src/cli/run.ts), loaded by the binary dist/src/cli/main.js
 *   layout-path.js  read + page + layout (src/cli/layout-path.ts), loaded by `bench layout`'s fresh process
 *   worker.js       the batch's worker thread (src/batch/worker.ts); src/batch/worker-url.ts
 *                   finds it beside the bundle's chunks, as it finds worker.js beside itself in dist/src
 * and the chunks they share. ES modules with code splitting: every `import()` the sources make
 * lazily (a command, a WARC or feed reader, an eval task) stays a separate chunk loaded on
 * demand, so a run loads no more code than before. npm packages stay external (node loads
 * them from node_modules as before: the ones we load lazily stay lazy).
 *
 * Why: a fresh Node 20 process spent ~40 ms of main-thread CPU resolving, reading and linking
 * ~35 modules for the layout path alone (~100 for `digest`); Node 20 has no compile cache for
 * ES modules. Measured: docs/RESULTS.md (startup-9).
 */
import { chmodSync, existsSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const { values } = parseArgs({ options: { dist: { type: 'string' } } });
// This script runs as dist/scripts/build-cli.js: dist/ is its folder's parent.
const dist = resolve(values.dist ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
const out = join(dist, 'cli');
const entries = {
  newsdigest: join(dist, 'src/cli/run.js'),
  'layout-path': join(dist, 'src/cli/layout-path.js'),
  worker: join(dist, 'src/batch/worker.js'),
};
for (const [name, path] of Object.entries(entries)) {
  if (!existsSync(path)) {
    process.stderr.write(
      `build-cli: ${path}: missing (entry "${name}"); run tsc -p tsconfig.build.json first\n`,
    );
    process.exit(1);
  }
}

// A fresh folder: chunk names carry content hashes, so old chunks would pile up.
rmSync(out, { recursive: true, force: true });
const result = await build({
  entryPoints: entries,
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  // tsc's .js.map files are read as input maps, so a stack trace under --enable-source-maps
  // still points into src/*.ts.
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
  // Names and white space kept: stack traces and CPU profiles read as the sources do.
  minify: false,
});

// The package's bin (package.json "bin") is tsc's dist/src/cli/main.js, which tsc writes without
// the executable bit. npm sets it on a dependency's bin when it links one, but not on the project's
// own, so `npx newsdigest` in a fresh clone (the README's first command) found it not executable.
chmodSync(join(dist, 'src', 'cli', 'main.js'), 0o755);

const outputs = Object.entries(result.metafile.outputs).filter(([path]) => path.endsWith('.js'));
const bytes = outputs.reduce((n, [, o]) => n + o.bytes, 0);
const inputs = Object.keys(result.metafile.inputs).filter((p) => !p.includes('node_modules')).length;
process.stdout.write(
  `build-cli: ${inputs} modules -> ${outputs.length} files in ${relative(process.cwd(), out) || '.'} (${(bytes / 1024).toFixed(0)} KB)\n`,
);
