/**
 * Where the trained models shipped in `models/` are, whether we run from src/
 * (tests) or from dist/src/ (the built package): the folder beside package.json.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'models'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the newsdigest package folder (with models/)');
    dir = parent;
  }
  root = dir;
  return dir;
}

/** Path of a file of a shipped model: `modelFile('ner', 'model.json')`. */
export function modelFile(model: string, file: string): string {
  return join(packageRoot(), 'models', model, file);
}
