/** Runs the app on Node's HTTP server, bound to 127.0.0.1 unless told otherwise, with time limits. */

import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { type AppOptions, createApp } from './app.js';

export interface ServerOptions extends AppOptions {
  port?: number;
  host?: string;
  /** Whole-request limit: a client that sends its request slower than this is cut off. */
  requestTimeoutMs?: number;
}

export interface RunningServer {
  server: ServerType;
  url: string;
  close(): Promise<void>;
}

export function startServer(opts: ServerOptions): Promise<RunningServer> {
  const app = createApp(opts);
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
          close: () =>
            new Promise<void>((r) => {
              server.close(() => r());
              (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
            }),
        });
      },
    );
    server.once('error', reject);
  });
}
