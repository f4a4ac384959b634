/** Runs the app on Node's HTTP server, bound to 127.0.0.1 unless told otherwise, with time limits. */

import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { type AppOptions, createApp } from './app.js';
import { poolRunner } from './digest-runner.js';

export interface ServerOptions extends AppOptions {
  port?: number;
  host?: string;
  /** Whole-request limit: a client that sends its request slower than this is cut off. */
  requestTimeoutMs?: number;
  /**
   * Worker threads for POST /v1/digest (default 1, started at the first digest), so that
   * digests never hold the serving thread; 0 runs them on the serving thread.
   */
  digestWorkers?: number;
  /** Digests running or waiting at most before 503 (default 4 a worker). */
  digestMaxPending?: number;
}

export interface RunningServer {
  server: ServerType;
  url: string;
  close(): Promise<void>;
}

export function startServer(opts: ServerOptions): Promise<RunningServer> {
  const workers = opts.digestWorkers ?? 1;
  const runner =
    opts.runner ??
    (workers > 0
      ? poolRunner({
          workers,
          ...(opts.digestMaxPending !== undefined ? { maxPending: opts.digestMaxPending } : {}),
          ...(opts.digest ? { options: opts.digest } : {}),
        })
      : undefined);
  const app = createApp(runner ? { ...opts, runner } : opts);
  const host = opts.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server = serve(
      {
        fetch: app.fetch,
        port: opts.port ?? 8080,
        hostname: host,
        serverOptions: {
          requestTimeout: opts.requestTimeoutMs ?? 30_000,
          headersTimeout: 10_000,
          keepAliveTimeout: 5_000,
        },
      },
      (info: AddressInfo) => {
        const shown = info.family === 'IPv6' ? `[${info.address}]` : info.address;
        resolve({
          server,
          url: `http://${shown}:${info.port}`,
          close: async () => {
            await new Promise<void>((r) => {
              server.close(() => r());
              (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
            });
            if (runner && !opts.runner) await runner.close();
          },
        });
      },
    );
    server.once('error', reject);
  });
}
