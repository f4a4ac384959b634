/**
 * A `.cpuprofile` (node --cpu-prof writes one per thread, workers included) summed by cause:
 * each sample goes to the first frame up its stack that names one (a stage's folder, the store's
 * writes, the record, the log checkpoint, hashing, reading the input, messages, GC, ...). Sample
 * time is wall time while the thread was not idle, so on a loaded machine read the shares, not
 * the milliseconds.
 *
 *   node --cpu-prof --cpu-prof-dir=DIR dist/scripts/corpus-threads.js --workers 1
 *   node dist/scripts/perf-cpuprofile-causes.js DIR/CPU.….cpuprofile
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const STAGES = ['layout', 'text', 'entities', 'quotes', 'summarize'];

function causeOf(frame: ProfileNode['callFrame']): string | undefined {
  const { url: u, functionName: f } = frame;
  if (f === '(idle)') return 'idle';
  if (f === '(garbage collector)') return 'GC';
  if (f === '(program)') return 'V8/native, unattributed';
  if (f === 'checkpoint' || (f === 'exec' && u.includes('better-sqlite3')))
    return 'store: checkpoint / pragma';
  if (f === 'postMessage' || u.includes('internal/worker')) return 'messages';
  if (u.includes('/src/store/record')) return 'store record (articleRecord)';
  if (u.includes('/src/store/') || u.includes('better-sqlite3')) return 'store: SQLite';
  if (u.includes('/src/batch/input-hash') || u.includes('internal/crypto')) return 'input hash';
  if (u.includes('/src/ingest/')) return 'reading the input';
  for (const s of STAGES) if (u.includes(`/src/${s}/`)) return `stage: ${s}`;
  if (u.includes('/src/batch/')) return 'batch (pool, worker, run-ingest)';
  if (u.includes('/src/pipeline') || u.includes('/src/digest')) return 'pipeline';
  return undefined;
}

const file = process.argv[2];
if (!file) {
  console.error('usage: node dist/scripts/perf-cpuprofile-causes.js FILE.cpuprofile');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const causeCache = new Map<number, string>();
function cause(id: number): string {
  const known = causeCache.get(id);
  if (known) return known;
  let found: string | undefined;
  for (let x: number | undefined = id; x !== undefined && !found; x = parent.get(x)) {
    found = causeOf(byId.get(x)!.callFrame);
  }
  if (!found) {
    const { url, functionName } = byId.get(id)!.callFrame;
    found =
      url.startsWith('node:internal/modules') ||
      url.includes('bootstrap') ||
      functionName === 'compileFunction'
        ? 'module loading'
        : 'node internals, other';
  }
  causeCache.set(id, found);
  return found;
}
const totals = new Map<string, number>();
let busy = 0;
let idle = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const us = profile.timeDeltas[i] ?? 0;
  const c = cause(profile.samples[i]!);
  if (c === 'idle') {
    idle += us;
    continue;
  }
  busy += us;
  totals.set(c, (totals.get(c) ?? 0) + us);
}
console.log(`not idle ${(busy / 1000).toFixed(0)} ms, idle ${(idle / 1000).toFixed(0)} ms`);
for (const [c, us] of [...totals].sort((a, b) => b[1] - a[1])) {
  console.log(
    `${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / busy).toFixed(1).padStart(5)} %  ${c}`,
  );
}
