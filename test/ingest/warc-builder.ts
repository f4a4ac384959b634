/** Builds small WARC files for tests: one gzip member per record, as CC-NEWS lays them out. */
import { gzipSync } from 'node:zlib';

export interface RecordSpec {
  type?: string;
  uri?: string;
  id?: string;
  date?: string;
  /** HTTP status line and headers for response records; omitted for others. */
  status?: string;
  httpHeaders?: Record<string, string>;
  body: Uint8Array | string;
  contentType?: string;
}

export function warcRecord(spec: RecordSpec): Buffer {
  const body = typeof spec.body === 'string' ? Buffer.from(spec.body) : Buffer.from(spec.body);
  const type = spec.type ?? 'response';
  let block = body;
  if (type === 'response') {
    const headers = Object.entries(spec.httpHeaders ?? { 'Content-Type': 'text/html; charset=utf-8' })
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    block = Buffer.concat([Buffer.from(`${spec.status ?? 'HTTP/1.1 200 OK'}\r\n${headers}\r\n`), body]);
  }
  const head = [
    'WARC/1.0',
    `WARC-Type: ${type}`,
    `WARC-Date: ${spec.date ?? '2026-01-02T03:04:05Z'}`,
    `WARC-Record-ID: <${spec.id ?? 'urn:uuid:00000000-0000-0000-0000-000000000001'}>`,
    ...(spec.uri ? [`WARC-Target-URI: ${spec.uri}`] : []),
    `Content-Type: ${spec.contentType ?? (type === 'response' ? 'application/http; msgtype=response' : 'application/warc-fields')}`,
    `Content-Length: ${block.length}`,
  ].join('\r\n');
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`), block, Buffer.from('\r\n\r\n')]);
}

/** A WARC file of the records, gzipped member by member unless `gzip` is false. */
export function warcFile(records: RecordSpec[], gzip = true): Buffer {
  return Buffer.concat(records.map((r) => (gzip ? gzipSync(warcRecord(r)) : warcRecord(r))));
}

export function page(title: string, body: string): string {
  return `<!doctype html><html><head><title>${title}</title></head><body><h1>${title}</h1><p>${body}</p></body></html>`;
}
