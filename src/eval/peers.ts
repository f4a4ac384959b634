/**
 * Runs the peer tools (../shared/peers/bin, JSONL in and out) as one process each,
 * process start included, as the peers' reference figures are measured. Used by
 * evaluations that score a peer in the same run and by every benchmark.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
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

export function makeTiming(label: string, items: number, bytes: number, seconds: number): Timing {
  return { label, items, bytes, seconds, rate: items / seconds, mbPerSecond: bytes / 1e6 / seconds };
}

// Short name inside this module.
const timing = makeTiming;

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
