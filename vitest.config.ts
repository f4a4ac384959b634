import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Two cores on CI: keep the pool small so browser and worker tests are not starved.
    maxWorkers: 2,
    testTimeout: 30_000,
    // digest() checks every Article it returns against the schema and span invariants.
    env: { NEWSDIGEST_CHECK_ARTICLES: '1' },
  },
});
