/**
 * First-article cost of the stages (issue #8): each run is a fresh Node process that
 * imports a build's dist/src/digest.js and runs every stage once on one short
 * article, printing each stage's CPU ms (model loading included). Runs alternate
 * between this build and, with --other DIR, another build (a `git archive` of an
 * older commit built into DIR/dist), so that both meet the same machine load; the
 * medians are printed, then one JSON line. A stage that throws (another engineer's
 * half-done change in a shared tree) is timed to its failure and marked "failed"; the
 * article goes on unchanged.
 *
 *   node dist/scripts/entities-startup.js [--other DIR] [--runs N]
 */
import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** The project root of this build (dist/scripts/ → ../..). */
const ours = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const other = arg('other');
const runs = Number(arg('runs') ?? '7');
const builds = other ? [ours, resolve(other)] : [ours];

/** The child: one article through every stage, each stage's CPU ms as JSON. */
const child = (root: string) => `
const { STAGES } = await import(${JSON.stringify(pathToFileURL(`${root}/dist/src/digest.js`).href)});
const { pageToArticle } = await import(${JSON.stringify(pathToFileURL(`${root}/dist/src/ingest/page.js`).href)});
let a = pageToArticle({ text: 'Anna Berg said on Monday that the Harbour Party would win. "We will," she said.' });
const out = {};
for (const s of STAGES) { const c = process.cpuUsage(); try { a = await s.run(a, {}); } catch (e) { out[s.name + ' failed'] = 1; } const u = process.cpuUsage(c); out[s.name] = (u.user + u.system) / 1000; }
console.log(JSON.stringify(out));`;

const samples = builds.map(() => [] as Record<string, number>[]);
for (let r = 0; r < runs; r++)
  builds.forEach((root, b) => {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', child(root)], {
      encoding: 'utf8',
    });
    samples[b]!.push(JSON.parse(out.trim().split('\n').pop()!) as Record<string, number>);
  });

const median = (xs: number[]) => {
  const s = [...xs].sort((x, y) => x - y);
  return s[(s.length - 1) >> 1]!;
};
const rows = builds.map((root, b) => {
  const runsOf = samples[b]!;
  const stages = Object.keys(runsOf[0]!);
  const med = Object.fromEntries(
    stages.map((s) => [s, Math.round(median(runsOf.map((x) => x[s]!)) * 10) / 10]),
  );
  const both = Math.round(median(runsOf.map((x) => (x.entities ?? 0) + (x.quotes ?? 0))) * 10) / 10;
  return { build: root === ours ? 'this build' : root, medianCpuMs: med, entitiesPlusQuotes: both };
});
for (const r of rows)
  console.log(
    `${r.build.padEnd(24)} entities+quotes ${String(r.entitiesPlusQuotes).padStart(7)} ms CPU  (${Object.entries(
      r.medianCpuMs,
    )
      .map(([s, v]) => `${s} ${v}`)
      .join(', ')})`,
  );
const ratio =
  rows.length > 1
    ? Math.round((rows[0]!.entitiesPlusQuotes / rows[1]!.entitiesPlusQuotes) * 1000) / 1000
    : null;
if (ratio !== null) console.log(`ratio this/other: ${ratio}`);
console.log(JSON.stringify({ runs, rows, ratio }));
