import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileConsumer } from './compile-consumer.js';

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
    // The project's own compiler settings (strict, noUncheckedIndexedAccess …), with the
    // package name resolved to its sources, as a user's import resolves it to dist/.
    const base = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8'));
    const out = compileConsumer(ROOT, readmeExample(), {
      ...base.compilerOptions,
      typeRoots: [join(ROOT, 'node_modules/@types')],
      paths: { newsdigest: [join(ROOT, 'src/index.ts')] },
    });
    expect(out).toBe('');
  });
});
