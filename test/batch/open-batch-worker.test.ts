/**
 * A writing worker holds its batch's transaction open while it digests (worker.ts BatchWriter).
 * When the pool replaces a hung worker (Worker.terminate), that transaction must leave nothing
 * and must not keep the write lock from the worker that takes over. Runs the compiled store
 * in a real worker thread (dist/, as the pool's workers do).
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/sqlite-store.js';

const compiledStore = resolve('dist/src/store/sqlite-store.js');

describe('a worker terminated with its batch open', () => {
  it.skipIf(!existsSync(compiledStore))('leaves nothing of the batch and no lock behind', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'nd-open-batch-')), 'c.db');
    openStore(file).close();
    const worker = new Worker(
      `const { workerData, parentPort } = require('node:worker_threads');
      import(workerData.store).then(({ openStore }) => {
        const batch = openStore(workerData.file, { autoCheckpoint: false }).openBatch();
        batch.put([], [{ origin: 'written by the hung worker', code: 'E_INTERNAL', message: 'x' }]);
        parentPort.postMessage('open');
        for (;;) {} // a page that never ends
      });`,
      { eval: true, workerData: { store: pathToFileURL(compiledStore).href, file } },
    );
    await new Promise((r) => worker.once('message', r));
    await worker.terminate();
    const store = openStore(file, { busyTimeoutMs: 2000 });
    try {
      store.putBatch([], [{ origin: 'written after', code: 'E_INTERNAL', message: 'x' }]);
      expect(store.errors().map((e) => e.origin)).toEqual(['written after']);
    } finally {
      store.close();
    }
  });
});
