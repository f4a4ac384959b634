import { describe, expect, it } from 'vitest';
import { DigestBusy, inlineRunner, poolRunner } from '../../src/serve/digest-runner.js';
import { startServer } from '../../src/serve/server.js';
import { openStore } from '../../src/store/sqlite-store.js';

const pages = [
  { text: 'Ferry cut\n\nThe ferry will run twice a day, the operator said on Monday.', origin: 'request' },
  {
    html: '<html><head><title>Night market</title></head><body><article><h1>Night market</h1><p>"People kept asking," said Tomasz Wilk, who chairs the traders.</p></article></body></html>',
    origin: 'request',
    url: 'https://example.org/market',
  },
  { text: 'Ana Costa said the library would open on Sundays.', id: 'given-id', origin: 'request' },
];

describe('POST /v1/digest off the serving thread', () => {
  it('gives the same Article JSON from the worker pool as on the serving thread', async () => {
    const pool = poolRunner({ workers: 1 });
    try {
      for (const page of pages) {
        expect(await pool.run(page)).toBe(await inlineRunner().run(page));
      }
      // A page the stages refuse is the same error either way.
      const empty = { text: '   ', origin: 'request' };
      const inline = (await inlineRunner()
        .run(empty)
        .catch((e: unknown) => e)) as { code: string; message: string };
      const pooled = await pool.run(empty).catch((e: unknown) => e);
      expect(inline.code).toBe('E_EMPTY');
      expect(pooled).toMatchObject({ code: inline.code, message: inline.message });
    } finally {
      await pool.close();
    }
  });

  it('refuses a digest past the bound with DigestBusy, and takes one again once there is room', async () => {
    const pool = poolRunner({ workers: 1, maxPending: 1 });
    try {
      const first = pool.run(pages[0]!);
      await expect(pool.run(pages[1]!)).rejects.toBeInstanceOf(DigestBusy);
      await first;
      expect(JSON.parse(await pool.run(pages[1]!)).source.url).toBe('https://example.org/market');
    } finally {
      await pool.close();
    }
  });

  it("runs digests on the server's pool, answers 503 with Retry-After when it is full, and stops it on close", async () => {
    const store = openStore(':memory:');
    const running = await startServer({ store, port: 0, digestWorkers: 1, digestMaxPending: 1 });
    try {
      const post = () =>
        fetch(`${running.url}/v1/digest`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain' },
          body: `Ferry cut\n\n${'The ferry will run twice a day, the operator said on Monday. '.repeat(2000)}`,
        });
      const answers = await Promise.all([post(), post(), post()]);
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses[0]).toBe(200);
      expect(statuses).toContain(503);
      const busy = answers.find((r) => r.status === 503)!;
      expect(busy.headers.get('retry-after')).toBe('1');
      expect(await busy.json()).toMatchObject({ error: { code: 'E_BUSY' } });
      const ok = answers.find((r) => r.status === 200)!;
      expect(((await ok.json()) as { text: string }).text).toMatch(/^Ferry cut/);
    } finally {
      await running.close();
      store.close();
    }
  });
});
