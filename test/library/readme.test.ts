import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** The first TypeScript block of the README's library section. */
function readmeExample(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## The library'));
  const m = /```ts\n([\s\S]*?)```/.exec(section);
  if (!m?.[1]) throw new Error('no ts block in the README library section');
  return m[1];
}

describe("the README's library example", () => {
  it('reads the layers without a non-null assertion', () => {
    const code = readmeExample();
    expect(code).toContain('article.entities.length');
    expect(code).not.toMatch(/\w!\./);
  });

  it('compiles under strict TypeScript against the package entry point', { timeout: 120_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'nd-readme-'));
    try {
      writeFileSync(join(dir, 'example.ts'), readmeExample());
      // The project's own compiler settings (strict, noUncheckedIndexedAccess …), with the
      // package name resolved to its sources, as a user's import resolves it to dist/.
      const base = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8'));
      const tsconfig = {
        compilerOptions: {
          ...base.compilerOptions,
          typeRoots: [join(ROOT, 'node_modules/@types')],
          paths: { newsdigest: [join(ROOT, 'src/index.ts')] },
        },
        files: [join(dir, 'example.ts')],
      };
      writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
      const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
      let out = '';
      try {
        out = execFileSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
      } catch (e) {
        out = (e as { stdout?: string }).stdout ?? String(e);
      }
      expect(out).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
