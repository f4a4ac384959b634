/**
 * Summarises a V8 .cpuprofile: the functions with the most self time.
 *
 *   node dist/scripts/perf-profile.js FILE.cpuprofile [--top N] [--lines FUNCTION]
 *
 * With --lines, also the source lines (of the compiled .js) of FUNCTION with the most samples.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  /** Samples per source line (1-based) of this node's own code. */
  positionTicks?: { line: number; ticks: number }[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const file = process.argv[2];
if (!file) {
  console.error('usage: perf-profile FILE.cpuprofile [--top N]');
  process.exit(2);
}
const topIdx = process.argv.indexOf('--top');
const top = topIdx >= 0 ? Number(process.argv[topIdx + 1]) : 30;
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  total += dt;
  const f = byId.get(id)!.callFrame;
  const where = f.url ? `${f.url.replace(/^.*\/(dist|node_modules)\//, '$1/')}:${f.lineNumber + 1}` : '';
  const key = `${f.functionName || '(anonymous)'} ${where}`.trim();
  self.set(key, (self.get(key) ?? 0) + dt);
});
const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, top);
console.log(`total sampled: ${(total / 1000).toFixed(0)} ms`);
for (const [key, us] of rows) {
  console.log(
    `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${key}`,
  );
}

const linesIdx = process.argv.indexOf('--lines');
if (linesIdx >= 0) {
  const fn = process.argv[linesIdx + 1];
  const lines = new Map<string, number>();
  let ticks = 0;
  for (const node of profile.nodes) {
    if (node.callFrame.functionName !== fn) continue;
    const url = node.callFrame.url.replace(/^.*\/dist\//, 'dist/');
    for (const p of node.positionTicks ?? []) {
      const key = `${url}:${p.line}`;
      lines.set(key, (lines.get(key) ?? 0) + p.ticks);
      ticks += p.ticks;
    }
  }
  console.log(`\n${fn}: ${ticks} samples by line`);
  for (const [key, n] of [...lines].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
    console.log(`${((100 * n) / Math.max(ticks, 1)).toFixed(1).padStart(5)}%  ${key}`);
  }
}
