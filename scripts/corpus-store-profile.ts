/**
 * Where the store's insert time goes, and this build's store against another
 * build's, in one process. Digests N articles once (or loads their records from
 * a cache file), then writes them into fresh SQLite files in batches of B, one
 * transaction each, alternating the runners so that both meet the same machine
 * load. CPU time (`process.cpuUsage`) is the figure to read on a shared machine.
 *
 * Runners: `full` (this build, whole records), `no-quotes`, `no-entities`
 * (neither entities nor quotes), `bare` (neither, and an empty body: the article
 * row and its title alone); with `--other DIR`, `other` (DIR/dist's store, whole
 * records: a `git archive` of an older commit built there).
 *
 *   node dist/scripts/corpus-store-profile.js [--data FILE] [--limit N] [--batch B]
 *     [--rounds R] [--records CACHE.json] [--other DIR]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openStore } from '../src/store/sqlite-store.js';
import type { CorpusStore, StoreItem, StoreRecord } from '../src/store/types.js';
import { digestedRecords } from './corpus-records.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const file = arg('data', '../shared/data/bbc-news-summary/bbc-news-summary.jsonl');
const limit = Number(arg('limit', '1725'));
const batch = Number(arg('batch', '256'));
const rounds = Number(arg('rounds', '3'));
const cache = arg('records', '');
const other = arg('other', '');

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function records(): Promise<StoreRecord[]> {
  return digestedRecords(file, limit, cache, true);
}

type Open = (path: string) => CorpusStore;

async function main(): Promise<void> {
  const all = await records();
  const items = (f: (r: StoreRecord) => StoreRecord): StoreItem[] =>
    all.map((r, i) => ({ hash: `h${i}`, record: f(r) }));
  const runners: [string, Open, StoreItem[]][] = [
    ['full', openStore, items((r) => r)],
    ['no-quotes', openStore, items((r) => ({ ...r, quotes: [] }))],
    ['no-entities', openStore, items((r) => ({ ...r, quotes: [], entities: [] }))],
    ['bare', openStore, items((r) => ({ ...r, quotes: [], entities: [], body: '' }))],
  ];
  if (other) {
    const mod = (await import(pathToFileURL(`${resolve(other)}/dist/src/store/sqlite-store.js`).href)) as {
      openStore: Open;
    };
    runners.push(['other', mod.openStore, runners[0]![2]]);
  }
  const dir = mkdtempSync(join(tmpdir(), 'nd-store-profile-'));
  const wall = new Map<string, number[]>();
  const cpu = new Map<string, number[]>();
  try {
    for (let round = 0; round < rounds; round++) {
      for (const [name, open, its] of runners) {
        const path = join(dir, `${name}-${round}.db`);
        const store = open(path);
        const w0 = performance.now();
        const c0 = cpuMs();
        for (let i = 0; i < its.length; i += batch) store.putBatch(its.slice(i, i + batch));
        const c = cpuMs() - c0;
        const w = performance.now() - w0;
        store.close();
        rmSync(path, { force: true });
        rmSync(`${path}-wal`, { force: true });
        rmSync(`${path}-shm`, { force: true });
        wall.set(name, [...(wall.get(name) ?? []), w / its.length]);
        cpu.set(name, [...(cpu.get(name) ?? []), c / its.length]);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const r2 = (x: number) => Math.round(x * 1000) / 1000;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`${all.length} records, batches of ${batch}, ${rounds} rounds; ms per article (median)`);
  console.log('runner        wall     cpu   (cpu per round)');
  const figures: Record<string, { wallMs: number; cpuMs: number }> = {};
  for (const [name] of runners) {
    const w = median(wall.get(name)!);
    const c = median(cpu.get(name)!);
    figures[name] = { wallMs: r2(w), cpuMs: r2(c) };
    console.log(
      `${name.padEnd(12)} ${r2(w).toFixed(3).padStart(6)} ${r2(c).toFixed(3).padStart(7)}   ${cpu
        .get(name)!
        .map((x) => r2(x).toFixed(3))
        .join(' ')}`,
    );
  }
  console.log(JSON.stringify({ records: all.length, batch, rounds, ms: figures }));
}

await main();
