/**
 * What loading the quotes stage's lexicon and re-scorer costs a fresh process (a batch worker
 * loads both; the tagger crosses to workers shared): fresh processes of this build and, with
 * --base, of another build's dist, alternated.
 *
 *   node dist/scripts/quotes-load.js [--base /tmp/BASE] [--runs 8]
 *
 * Each child imports the two modules of its build, then times shippedLexicon() (read, parse,
 * build) and shippedRescorer(), in wall time and process CPU time. Prints medians and minima.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { base: { type: 'string' }, runs: { type: 'string' }, child: { type: 'string' } },
});

interface Timing {
  lexiconWall: number;
  lexiconCpu: number;
  rescorerWall: number;
  rescorerCpu: number;
}

async function child(root: string): Promise<void> {
  const lexicon = (await import(join(root, 'dist', 'src', 'quotes', 'cue-lexicon.js'))) as {
    shippedLexicon: () => unknown;
  };
  const rescorer = (await import(join(root, 'dist', 'src', 'quotes', 'cue-rescorer.js'))) as {
    shippedRescorer: () => unknown;
  };
  const cpu = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  lexicon.shippedLexicon();
  const t1 = performance.now();
  const c1 = process.cpuUsage();
  rescorer.shippedRescorer();
  const t2 = performance.now();
  const c2 = process.cpuUsage();
  const out: Timing = {
    lexiconWall: t1 - t0,
    lexiconCpu: cpu(c1) - cpu(c0),
    rescorerWall: t2 - t1,
    rescorerCpu: cpu(c2) - cpu(c1),
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

function main(): void {
  const self = resolve(import.meta.dirname, '..', '..');
  const builds: [string, string][] = [['this build', self]];
  if (values.base) builds.unshift(['base', resolve(values.base)]);
  const runs = Number(values.runs ?? 8);
  const timings = new Map<string, Timing[]>(builds.map(([name]) => [name, []]));
  const load0 = loadavg()[0]!;
  for (let r = 0; r < runs; r++)
    for (const [name, root] of builds) {
      const p = spawnSync(process.execPath, [import.meta.filename, '--child', root], { encoding: 'utf8' });
      if (p.status !== 0) throw new Error(`${name}: ${p.stderr}`);
      timings.get(name)!.push(JSON.parse(p.stdout) as Timing);
    }
  const load1 = loadavg()[0]!;
  console.log(
    '| build | shippedLexicon wall ms, median (min) | its CPU | shippedRescorer wall ms, median (min) | its CPU |',
  );
  console.log('| --- | --- | --- | --- | --- |');
  for (const [name, list] of timings) {
    const col = (k: keyof Timing) => list.map((t) => t[k]);
    console.log(
      `| ${name} | ${median(col('lexiconWall')).toFixed(1)} (${Math.min(...col('lexiconWall')).toFixed(1)}) | ${median(col('lexiconCpu')).toFixed(1)} | ${median(col('rescorerWall')).toFixed(1)} (${Math.min(...col('rescorerWall')).toFixed(1)}) | ${median(col('rescorerCpu')).toFixed(1)} |`,
    );
  }
  console.log(
    `${runs} fresh processes each, alternated; load average ${load0.toFixed(1)}–${load1.toFixed(1)}`,
  );
}

if (values.child) await child(values.child);
else main();
