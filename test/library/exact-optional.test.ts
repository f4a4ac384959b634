import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

// A consumer written as a user with the strictest common settings writes it: every layer of what
// digest() returns is read without `?.` or `!`.
const CONSUMER = `import { digest, NewsdigestError } from 'newsdigest';
try {
  const a = await digest('The council said on Monday that the pier would reopen in May.');
  const title: string | undefined = a.meta.title;
  const counts: number[] = [a.blocks.length, a.sentences.length, a.highlights.items.length, a.entities.length, a.quotes.length];
  console.log(title, counts);
} catch (e) {
  if (e instanceof NewsdigestError) console.error(e.code, e.message);
}
`;

describe('the published declarations under exactOptionalPropertyTypes', () => {
  it('type a digested Article with every layer present', { timeout: 120_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'nd-exact-'));
    try {
      writeFileSync(join(dir, 'consumer.ts'), CONSUMER);
      writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
      // Against dist's .d.ts (what an installed package gives), with the library's own
      // declarations checked too (skipLibCheck off).
      const tsconfig = {
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          skipLibCheck: false,
          noEmit: true,
          types: ['node'],
          typeRoots: [join(ROOT, 'node_modules/@types')],
          paths: { newsdigest: [join(ROOT, 'dist/src/index.d.ts')] },
        },
        files: [join(dir, 'consumer.ts')],
      };
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
