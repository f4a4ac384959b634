import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Compiles one consumer file as a user's project would (`"type": "module"`, the given compiler
 * options) with the project's own tsc, and returns what tsc printed: '' when it compiles.
 */
export function compileConsumer(
  root: string,
  code: string,
  compilerOptions: Record<string, unknown>,
): string {
  const dir = mkdtempSync(join(tmpdir(), 'nd-consumer-'));
  try {
    writeFileSync(join(dir, 'consumer.ts'), code);
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    const tsconfig = { compilerOptions, files: [join(dir, 'consumer.ts')] };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    try {
      return execFileSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
    } catch (e) {
      return (e as { stdout?: string }).stdout ?? String(e);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
