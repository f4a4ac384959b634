/**
 * A local stand-in for an OpenAI-compatible chat-completions endpoint (node:http on
 * 127.0.0.1, a free port): it answers from a script, one reply per request (the last
 * repeats), and records what it was sent.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
}

export interface RecordedRequest {
  auth: string | undefined;
  body: { model?: string; messages?: { role: string; content: string }[] };
}

export interface FakeLlm {
  /** Base URL, ending in /v1. */
  baseUrl: string;
  script: Reply[];
  requests: RecordedRequest[];
  reset(replies: Reply[]): void;
  close(): Promise<void>;
}

export const ok = (content: string): Reply => ({
  status: 200,
  body: {
    id: 'c1',
    object: 'chat.completion',
    choices: [{ index: 0, message: { role: 'assistant', content } }],
  },
});

export const failure = (status: number, message: string): Reply => ({
  status,
  body: { error: { message, type: 'server_error' } },
});

export async function startFakeLlm(): Promise<FakeLlm> {
  const fake = {
    baseUrl: '',
    script: [] as Reply[],
    requests: [] as RecordedRequest[],
    reset(replies: Reply[]) {
      fake.script = [...replies];
      fake.requests = [];
    },
    close: async () => {},
  };
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (d: Buffer) => {
      raw += d.toString();
    });
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
        return;
      }
      fake.requests.push({ auth: req.headers.authorization, body: JSON.parse(raw) });
      const reply = fake.script.length > 1 ? fake.script.shift()! : fake.script[0]!;
      const send = () => {
        res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {}));
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs);
      else send();
    });
  };
  const server = createServer(handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  fake.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return fake;
}
