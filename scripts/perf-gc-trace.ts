/**
 * Sums V8's `--trace-gc-nvp` lines per isolate (the main thread and each worker thread have
 * their own) and per kind of collection: how many, their pauses on the thread, the work V8 did
 * for them on its helper threads (`background.*`), incremental marking steps, and the bytes
 * promoted to the old generation. V8's own timings are wall time: on a loaded machine they are
 * larger than CPU time; the counts and bytes do not depend on the load.
 *
 *   node --trace-gc-nvp dist/src/cli/main.js bench digest … > trace.txt
 *   node dist/scripts/perf-gc-trace.js trace.txt
 */
import { readFileSync } from 'node:fs';

interface Sums {
  n: number;
  pauseMs: number;
  backgroundMs: number;
  incrementalMs: number;
  promotedMb: number;
}

const file = process.argv[2];
if (!file) {
  console.error('usage: node dist/scripts/perf-gc-trace.js TRACE_FILE');
  process.exit(2);
}
const byIsolate = new Map<string, Sums>();
for (const line of readFileSync(file, 'utf8').split('\n')) {
  const m = /^\[\d+:(0x[0-9a-f]+)\]\s+\d+ ms: (.*)$/.exec(line);
  if (!m || !m[2]!.includes('gc=')) continue;
  const fields = new Map<string, string>();
  for (const pair of m[2]!.split(' ')) {
    const eq = pair.indexOf('=');
    if (eq > 0) fields.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  const key = `${m[1]} ${fields.get('gc')}`;
  const s = byIsolate.get(key) ?? { n: 0, pauseMs: 0, backgroundMs: 0, incrementalMs: 0, promotedMb: 0 };
  s.n++;
  s.pauseMs += Number(fields.get('pause') ?? 0);
  s.incrementalMs += Number(fields.get('incremental') ?? 0);
  s.promotedMb += Number(fields.get('promoted') ?? 0) / 1e6;
  for (const [name, value] of fields) if (name.startsWith('background.')) s.backgroundMs += Number(value);
  byIsolate.set(key, s);
}
// gc=s: scavenge (young generation); gc=mc: mark-compact (full); gc=ms: minor mark-sweep.
for (const [key, s] of byIsolate) {
  console.log(
    JSON.stringify({
      isolate: key.split(' ')[0],
      gc: key.split(' ')[1],
      count: s.n,
      pauseMs: Math.round(s.pauseMs),
      backgroundMs: Math.round(s.backgroundMs),
      incrementalMs: Math.round(s.incrementalMs),
      promotedMb: +s.promotedMb.toFixed(1),
    }),
  );
}
