/**
 * Times one of our stages and the peers a user would otherwise pick on the same
 * input in the same run, and reports both with the ratio. One core: our code runs
 * in this process on one thread; each peer runs as one process fed JSONL (process
 * start included, as the peers' reference figures are measured).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { EvalReport } from '../src/eval/report.js';
import { round } from '../src/eval/report.js';

export interface Timing {
  label: string;
  items: number;
  bytes: number;
  seconds: number;
  /** Items (articles, pages) per second. */
  rate: number;
  mbPerSecond: number;
  /** Anything the runner wants to report beside the time (tokens/s, errors). */
  extra?: Record<string, number>;
}

function timing(label: string, items: number, bytes: number, seconds: number): Timing {
  return { label, items, bytes, seconds, rate: items / seconds, mbPerSecond: bytes / 1e6 / seconds };
}

/**
 * Runs `fn` over every input, once to warm up (JIT, lazy model loads), then as many
 * whole passes as fit in `minSeconds` (at least one), and reports the mean pass.
 */
export function timeOurs<T>(
  label: string,
  inputs: readonly T[],
  bytesOf: (input: T) => number,
  fn: (input: T) => unknown,
  minSeconds = 2,
): Timing {
  let sink = 0;
  for (const input of inputs) sink += fn(input) ? 1 : 0;
  const bytes = inputs.reduce((sum, i) => sum + bytesOf(i), 0);
  let passes = 0;
  const t0 = performance.now();
  let elapsed = 0;
  do {
    for (const input of inputs) sink += fn(input) ? 1 : 0;
    passes++;
    elapsed = (performance.now() - t0) / 1000;
  } while (elapsed < minSeconds);
  if (sink < 0) console.log(sink); // keeps the calls from being optimised away
  return timing(label, inputs.length, bytes, elapsed / passes);
}

/** Where the peers' wrappers are: $NEWSDIGEST_PEERS_BIN, else ../shared/peers/bin. */
export function peersBinDir(): string {
  return process.env['NEWSDIGEST_PEERS_BIN'] ?? resolve(process.cwd(), '../shared/peers/bin');
}

export function peerAvailable(name: string): boolean {
  return existsSync(resolve(peersBinDir(), name));
}

export interface PeerRun {
  timing: Timing;
  /** The peer's output records, in input order. */
  outputs: Record<string, unknown>[];
}

/** Runs a peer wrapper on JSONL records (one process, process start included) and times it. */
export function runPeer(name: string, records: readonly object[], bytes: number): Promise<PeerRun> {
  const bin = resolve(peersBinDir(), name);
  return new Promise((resolvePromise, reject) => {
    const t0 = performance.now();
    const child = spawn(bin, [], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - t0) / 1000;
      if (code !== 0) {
        reject(new Error(`peer ${name} exited with ${code}: ${err.slice(-500)}`));
        return;
      }
      const outputs = Buffer.concat(out)
        .toString('utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      const failed = outputs.filter((o) => 'error' in o).length;
      const t = timing(name, records.length, bytes, seconds);
      if (failed) t.extra = { failed };
      resolvePromise({ timing: t, outputs });
    });
    child.stdin.on('error', () => {}); // a peer that exits early is reported by 'close'
    for (const r of records) child.stdin.write(`${JSON.stringify(r)}\n`);
    child.stdin.end();
  });
}

/** A report of our timing against each peer's: rate, MB/s and how many times faster we are. */
export function speedReport(
  task: string,
  ours: Timing,
  peers: Timing[],
  extra: Record<string, unknown> = {},
): EvalReport {
  const rows = [ours, ...peers].map((t) => [
    t.label,
    t.items,
    round(t.rate, 1),
    round(t.mbPerSecond, 2),
    t === ours ? '1.00' : `${(ours.rate / t.rate).toFixed(2)}x`,
  ]);
  const figures: EvalReport['figures'] = {
    task,
    items: ours.items,
    bytes: ours.bytes,
    rate: round(ours.rate, 1),
    mbPerSecond: round(ours.mbPerSecond, 3),
    ...extra,
    peers: Object.fromEntries(
      peers.map((p) => [
        p.label,
        {
          rate: round(p.rate, 1),
          mbPerSecond: round(p.mbPerSecond, 3),
          ratio: round(ours.rate / p.rate, 2),
          ...p.extra,
        },
      ]),
    ),
  };
  return {
    figures,
    columns: ['runner', 'items', 'items/s', 'MB/s', 'ours vs it'],
    rows,
    notes: [`node ${process.version}, one core; peers as one process each, start-up included`],
  };
}
