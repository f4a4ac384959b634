/**
 * Ingest throughput and memory: reads a file through readPages (our WARC, JSONL,
 * feed readers) or, for a WARC, through warcio, and prints one JSON line of
 * figures (pages, seconds, MB/s of file bytes and of decompressed bytes, peak RSS).
 *
 *   node dist/scripts/ingest-bench.js ours <file>      # readPages: any input it takes
 *   node dist/scripts/ingest-bench.js warcio <file.warc[.gz]>
 *   node dist/scripts/ingest-bench.js readline <file.jsonl[.gz]>   # node:readline + JSON.parse, the obvious hand-written baseline
 *   node dist/scripts/ingest-bench.js compare <file> [rounds]
 *       runs ours and the peer (warcio for a WARC, readline for JSONL) alternately,
 *       each in a fresh process, and prints the medians and the ratio
 *   node dist/scripts/ingest-bench.js urls <file> <ground-truth.jsonl>
 *       checks that the pages read carry exactly the ground truth's URLs (one page per URL)
 *   node dist/scripts/ingest-bench.js make-jsonl <file.warc[.gz]> <out.jsonl> [copies]
 *       writes the WARC's pages as JSONL ({id, url, html}), `copies` times over, to have a big JSONL to read
 *
 * Each reader decodes every HTML body it keeps with our decodeBytes, so the two
 * WARC readers do the same work past the record parsing.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import { WARCParser } from 'warcio';
import { decodeBytes } from '../src/ingest/decode.js';
import { readPages } from '../src/ingest/read.js';

interface Figures {
  reader: string;
  file: string;
  pages: number;
  errors: string[];
  seconds: number;
  fileMB: number;
  textMB: number;
  fileMBps: number;
  maxRssMB: number;
}

const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d;

function figures(
  reader: string,
  file: string,
  pages: number,
  errors: string[],
  textChars: number,
  t0: number,
): Figures {
  const seconds = (performance.now() - t0) / 1000;
  const fileMB = statSync(file).size / 1e6;
  return {
    reader,
    file,
    pages,
    errors,
    seconds: round(seconds, 3),
    fileMB: round(fileMB),
    textMB: round(textChars / 1e6),
    fileMBps: round(fileMB / seconds),
    maxRssMB: round(process.resourceUsage().maxRSS / 1024, 1),
  };
}

async function ours(file: string): Promise<Figures> {
  const t0 = performance.now();
  let pages = 0;
  let chars = 0;
  const errors: string[] = [];
  for await (const r of readPages([file])) {
    if (r.ok) {
      pages++;
      chars += (r.page.html ?? r.page.text ?? '').length;
    } else errors.push(r.error.toString());
  }
  return figures('ours', file, pages, errors, chars, t0);
}

async function warcio(file: string): Promise<Figures> {
  const t0 = performance.now();
  let pages = 0;
  let chars = 0;
  let n = 0;
  const errors: string[] = [];
  try {
    for await (const record of WARCParser.iterRecords(createReadStream(file, { highWaterMark: 1 << 16 }))) {
      n++;
      if (record.warcType !== 'response') continue;
      const status = Number(record.httpHeaders?.statusCode);
      const type = record.httpHeaders?.headers.get('content-type') ?? undefined;
      if (status !== 200 || (type && !/text\/html|xhtml/i.test(type))) continue;
      const body = await record.readFully(true);
      chars += decodeBytes(body, `${file}#${n}`, { contentType: type }).text.length;
      pages++;
    }
  } catch (e) {
    errors.push(`${file}: after record ${n}: ${(e as Error).message}`);
  }
  return figures('warcio', file, pages, errors, chars, t0);
}

async function readline(file: string): Promise<Figures> {
  const t0 = performance.now();
  let pages = 0;
  let chars = 0;
  const errors: string[] = [];
  const raw = createReadStream(file, { highWaterMark: 1 << 16 });
  const input = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  let n = 0;
  for await (const line of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
    n++;
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as { text?: string; html?: string };
      chars += (r.html ?? r.text ?? '').length;
      pages++;
    } catch (e) {
      errors.push(`${file}:${n}: ${(e as Error).message}`);
    }
  }
  return figures('readline', file, pages, errors, chars, t0);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function compare(file: string, rounds: number): void {
  const self = fileURLToPath(import.meta.url);
  const peer = /\.warc(\.gz)?$/i.test(file) ? 'warcio' : 'readline';
  const runs: Record<string, Figures[]> = { ours: [], [peer]: [] };
  for (let i = 0; i < rounds; i++) {
    for (const reader of ['ours', peer]) {
      const out = execFileSync(process.execPath, [self, reader, file], { encoding: 'utf8' });
      runs[reader]!.push(JSON.parse(out.trim().split('\n').pop()!) as Figures);
    }
  }
  const summary = Object.fromEntries(
    Object.entries(runs).map(([k, rs]) => [
      k,
      {
        pages: rs[0]!.pages,
        errors: rs[0]!.errors.length,
        seconds: median(rs.map((r) => r.seconds)),
        fileMBps: median(rs.map((r) => r.fileMBps)),
        maxRssMB: median(rs.map((r) => r.maxRssMB)),
      },
    ]),
  );
  const ratio = round(summary[peer]!.seconds / summary['ours']!.seconds);
  console.log(JSON.stringify({ file, rounds, ...summary, [`speedRatioOursOver_${peer}`]: ratio }));
}

const [mode, file, rounds] = process.argv.slice(2);
async function makeJsonl(warc: string, out: string, copies: number): Promise<void> {
  const sink = createWriteStream(out);
  for (let c = 0; c < copies; c++) {
    for await (const r of readPages([warc])) {
      if (!r.ok) continue;
      const line = `${JSON.stringify({ id: `${r.page.id}-${c}`, url: r.page.url, html: r.page.html })}\n`;
      if (!sink.write(line)) await new Promise<void>((resolve) => sink.once('drain', () => resolve()));
    }
  }
  await new Promise<void>((resolve) => sink.end(() => resolve()));
}

async function checkUrls(file: string, truth: string): Promise<void> {
  const expected = new Set<string>();
  for await (const line of createInterface({ input: createReadStream(truth) })) {
    if (line.trim()) expected.add((JSON.parse(line) as { url: string }).url);
  }
  const seen: string[] = [];
  const errors: string[] = [];
  for await (const r of readPages([file])) {
    if (r.ok) seen.push(r.page.url ?? '');
    else errors.push(r.error.toString());
  }
  const got = new Set(seen);
  const missing = [...expected].filter((u) => !got.has(u));
  const extra = seen.filter((u) => !expected.has(u));
  console.log(
    JSON.stringify({
      file,
      truth,
      expected: expected.size,
      pages: seen.length,
      distinct: got.size,
      missing,
      extra,
      errors,
    }),
  );
}

const MODES: Record<string, (file: string) => Promise<Figures>> = { ours, warcio, readline };
if (!file || !(mode === 'compare' || mode === 'make-jsonl' || mode === 'urls' || (mode && mode in MODES))) {
  console.error(
    'usage: ingest-bench.js ours|warcio|readline|compare <file> [rounds] | urls <file> <truth.jsonl> | make-jsonl <warc> <out> [copies]',
  );
  process.exit(2);
}
if (mode === 'urls') await checkUrls(file, rounds ?? '');
else if (mode === 'make-jsonl') await makeJsonl(file, rounds ?? 'pages.jsonl', Number(process.argv[5] ?? 1));
else if (mode === 'compare') compare(file, Number(rounds ?? 5));
else console.log(JSON.stringify(await MODES[mode!]!(file)));
