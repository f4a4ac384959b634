/**
 * Where the worker's code is. Worker threads load plain JavaScript: from the built
 * package that is worker.js beside this module. When this module runs from the
 * TypeScript sources (vitest), Node 20 cannot load worker.ts without a loader, so
 * the compiled copy in dist/ is used instead: run `npm run build` before the tests
 * (`npm ci` does, through `prepare`). The worker then runs the stages as last built.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { NewsdigestError } from '../errors.js';

function packageDir(from: string): string {
  let dir = dirname(from);
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the newsdigest package folder');
    dir = parent;
  }
  return dir;
}

export function workerUrl(): URL {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return new URL('./worker.js', import.meta.url);
  const compiled = join(packageDir(here), 'dist', 'src', 'batch', 'worker.js');
  if (!existsSync(compiled)) {
    throw new NewsdigestError(
      'E_INTERNAL',
      compiled,
      'worker threads need the compiled code: run "npm run build" first (or use --workers 0)',
    );
  }
  return pathToFileURL(compiled);
}
