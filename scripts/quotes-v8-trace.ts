/**
 * V8's warm-up of the quotes stage, from a `--trace-opt --trace-deopt` log: for each function
 * declared in the stage's modules (dist/src/quotes and dist/src/syntax), how many TurboFan
 * compiles, their summed compile time (the three "took a, b, c ms" of each "completed
 * compiling" line) and how many deopts, with the deopt reasons. Counts do not depend on the
 * machine's load, which wall-clock figures on a shared machine do.
 *
 *   node --trace-opt --trace-deopt dist/scripts/quotes-ab.js time --in INPUTS.jsonl --set bbc --rounds 0 > TRACE.txt
 *   node dist/scripts/quotes-v8-trace.js TRACE.txt [--all]
 *
 * `--all` lists every function of the log, not only the stage's.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const file = process.argv[2];
const all = process.argv.includes('--all');
if (!file) {
  console.error('usage: quotes-v8-trace.js TRACE.txt [--all]');
  process.exit(2);
}

/** Names of the functions, methods and named arrows declared in the stage's built modules. */
function stageNames(): Set<string> {
  const names = new Set<string>();
  const here = resolve(import.meta.dirname, '..', 'src');
  for (const dir of ['quotes', 'syntax']) {
    const folder = resolve(here, dir);
    for (const f of readdirSync(folder)) {
      if (!f.endsWith('.js')) continue;
      const src = readFileSync(resolve(folder, f), 'utf8');
      for (const m of src.matchAll(/function\s+([\w$]+)\s*\(/g)) names.add(m[1]!);
      for (const m of src.matchAll(/(?:const|let)\s+([\w$]+)\s*=\s*(?:\([^)]*\)|[\w$]+)\s*=>/g))
        names.add(m[1]!);
      for (const m of src.matchAll(/^\s+(?:static\s+)?([\w$]+)\s*\([^)]*\)\s*\{/gm)) names.add(m[1]!);
    }
  }
  for (const kw of ['if', 'for', 'while', 'switch', 'catch', 'return', 'constructor']) names.delete(kw);
  return names;
}

interface Row {
  compiles: number;
  ms: number;
  deopts: number;
  reasons: Map<string, number>;
}

const rows = new Map<string, Row>();
const row = (name: string): Row => {
  let r = rows.get(name);
  if (!r) {
    r = { compiles: 0, ms: 0, deopts: 0, reasons: new Map() };
    rows.set(name, r);
  }
  return r;
};

for (const line of readFileSync(file, 'utf8').split('\n')) {
  const c = /^\[completed compiling .*?<JSFunction (\S*) .*?took ([\d.]+), ([\d.]+), ([\d.]+) ms\]/.exec(
    line,
  );
  if (c) {
    const r = row(c[1]!);
    r.compiles++;
    r.ms += Number(c[2]) + Number(c[3]) + Number(c[4]);
    continue;
  }
  const d = /^\[bailout \(kind: ([^,]+), reason: (.*?)\): begin\. deoptimizing .*?<JSFunction (\S*) /.exec(
    line,
  );
  if (d) {
    const r = row(d[3]!);
    r.deopts++;
    const why = `${d[1]}: ${d[2]}`;
    r.reasons.set(why, (r.reasons.get(why) ?? 0) + 1);
  }
}

const names = stageNames();
const shown = [...rows].filter(([n]) => all || names.has(n)).sort((a, b) => b[1].ms - a[1].ms);
console.log('| function | compiles | compile ms | deopts | deopt reasons |');
console.log('| --- | --- | --- | --- | --- |');
for (const [n, r] of shown)
  console.log(
    `| ${n} | ${r.compiles} | ${r.ms.toFixed(1)} | ${r.deopts} | ${[...r.reasons].map(([k, v]) => `${k} ×${v}`).join('; ')} |`,
  );
const sum = (f: (r: Row) => number) => shown.reduce((s, [, r]) => s + f(r), 0);
const total = {
  functions: shown.length,
  compiles: sum((r) => r.compiles),
  compileMs: +sum((r) => r.ms).toFixed(1),
  deopts: sum((r) => r.deopts),
  allCompiles: [...rows.values()].reduce((s, r) => s + r.compiles, 0),
  allDeopts: [...rows.values()].reduce((s, r) => s + r.deopts, 0),
};
console.log(JSON.stringify(total));
