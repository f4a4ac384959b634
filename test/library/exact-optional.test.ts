import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileConsumer } from './compile-consumer.js';

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
    // Against dist's .d.ts (what an installed package gives), with the library's own
    // declarations checked too (skipLibCheck off).
    const out = compileConsumer(ROOT, CONSUMER, {
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
    });
    expect(out).toBe('');
  });
});
