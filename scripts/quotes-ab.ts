/**
 * The quotes stage of two builds on the same inputs: same output, and how much CPU each
 * spends. The inputs are made once (the stages before quotes, by whichever build runs
 * `prepare`), so that only the quotes stage differs between the two runs.
 *
 *   node dist/scripts/quotes-ab.js prepare [--polnear FILE] [--bbc FILE] --out INPUTS.jsonl
 *   node dist/scripts/quotes-ab.js run --in INPUTS.jsonl --out QUOTES.jsonl
 *   node dist/scripts/quotes-ab.js compare A.jsonl B.jsonl
 *   node dist/scripts/quotes-ab.js time --in INPUTS.jsonl [--set bbc] [--cues rules] [--rounds 5]
 *   node dist/scripts/quotes-ab.js ab --base /tmp/BASE --in INPUTS.jsonl [--set bbc] [--cues tagger] [--runs 6]
 *   node dist/scripts/quotes-ab.js interleaved --base /tmp/BASE --in INPUTS.jsonl [--set bbc] [--cues tagger] [--rounds 10]
 *   node dist/scripts/quotes-ab.js passes --in INPUTS.jsonl [--stage-dir DIR] [--set bbc] [--passes 2]
 *   node dist/scripts/quotes-ab.js passes-ab --base /tmp/BASE --in INPUTS.jsonl [--set bbc] [--runs 6] [--passes 2]
 *   node dist/scripts/quotes-ab.js fuzz-regions --base /tmp/BASE [--strings 200000]
 *
 * The input sets: `polnear` (every PolNeAR article through the text and entities stages, as
 * `eval quotes` runs them), `polnear-bare` (the same texts with their sentences only, as
 * `bench quotes` gives them) and `bbc` (BBC articles through layout, text and entities, as
 * `digest()` runs them). `run` writes each article's quotes layer with the tagger (the
 * default) and with the rules. `ab` alternates processes of the two builds (`time` in each:
 * this script must be built in BASE too) and prints CPU ms per article of each, median and
 * minimum, with the load average: on a shared machine, only same-minutes figures compare.
 * `passes` times a fresh process's passes over the inputs (the first pass is V8's warm-up: it
 * interprets, compiles and recompiles; the later ones run compiled code), with the stage of
 * DIR's build (default this one): this thread's CPU and all threads' (V8 compiles on helper
 * threads); `passes-ab` alternates such processes for BASE's stage and this build's.
 * `fuzz-regions` compares the quoted passages (findQuoteRegions) of BASE's build and this one on
 * random short strings of quotation marks, apostrophes, dashes, brackets, spaces and line breaks
 * (fixed seed), the cases the corpora hold too rarely to test a rewrite of the scan.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { SCHEMA_VERSION } from '../src/article/schema.js';
import type { Article } from '../src/article/types.js';
import { entitiesStage } from '../src/entities/index.js';
import { readJsonl } from '../src/eval/data.js';
import { layoutStage } from '../src/layout/index.js';
import { runStages } from '../src/pipeline.js';
import { quotesStage } from '../src/quotes/index.js';
import { textStage } from '../src/text/index.js';
import { sentenceSpans } from '../src/text/sentences.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    polnear: { type: 'string' },
    bbc: { type: 'string' },
    'bbc-limit': { type: 'string' },
    out: { type: 'string' },
    in: { type: 'string' },
    set: { type: 'string' },
    cues: { type: 'string' },
    rounds: { type: 'string' },
    runs: { type: 'string' },
    base: { type: 'string' },
    'stage-dir': { type: 'string' },
    passes: { type: 'string' },
    strings: { type: 'string' },
  },
});
const mode = positionals[0];

interface Input {
  set: string;
  article: Article;
}

function readInputs(path: string, set?: string): Input[] {
  const out: Input[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line) continue;
    const input = JSON.parse(line) as Input;
    if (!set || input.set === set) out.push(input);
  }
  return out;
}

async function prepare(): Promise<void> {
  const polnear = resolve(values.polnear ?? '../shared/data/quotes-polnear/polnear.jsonl');
  const bbc = resolve(values.bbc ?? '../shared/data/bbc-news-summary/bbc-news-summary.jsonl');
  const lines: string[] = [];
  for await (const r of readJsonl(polnear)) {
    if (typeof r['text'] !== 'string') continue;
    const id = String(r['id'] ?? lines.length);
    const text = r['text'];
    const bare: Article = { schemaVersion: SCHEMA_VERSION, id, text, source: { format: 'text' } };
    const staged = await runStages(bare, [textStage, entitiesStage], {});
    lines.push(JSON.stringify({ set: 'polnear', article: staged }));
    lines.push(JSON.stringify({ set: 'polnear-bare', article: { ...bare, sentences: sentenceSpans(text) } }));
  }
  for await (const r of readJsonl(bbc, Number(values['bbc-limit'] ?? 1725))) {
    if (typeof r['text'] !== 'string') continue;
    const article: Article = {
      schemaVersion: SCHEMA_VERSION,
      id: String(r['id'] ?? lines.length),
      text: r['text'],
      source: { format: 'text' },
    };
    const staged = await runStages(article, [layoutStage, textStage, entitiesStage], {});
    lines.push(JSON.stringify({ set: 'bbc', article: staged }));
  }
  writeFileSync(values.out ?? 'quotes-ab-inputs.jsonl', `${lines.join('\n')}\n`);
  const sets = new Map<string, number>();
  for (const l of lines) {
    const s = (JSON.parse(l) as Input).set;
    sets.set(s, (sets.get(s) ?? 0) + 1);
  }
  console.log(JSON.stringify(Object.fromEntries(sets)));
}

function run(): void {
  const inputs = readInputs(values.in!, values.set);
  const lines: string[] = [];
  for (const { set, article } of inputs) {
    const tagger = quotesStage.run(article, {}) as Article;
    const rules = quotesStage.run(article, { quotes: { cues: 'rules' } }) as Article;
    lines.push(JSON.stringify({ set, id: article.id, tagger: tagger.quotes, rules: rules.quotes }));
  }
  writeFileSync(values.out!, `${lines.join('\n')}\n`);
  console.log(`${lines.length} articles written to ${values.out}`);
}

function compare(): void {
  const [a, b] = [positionals[1]!, positionals[2]!].map((p) => readFileSync(p, 'utf8').split('\n'));
  let differ = 0;
  let quotes = 0;
  const bySet = new Map<string, number>();
  for (let i = 0; i < Math.max(a!.length, b!.length); i++) {
    if (a![i] !== b![i]) {
      differ++;
      if (differ <= 5)
        console.log(`line ${i + 1} differs:\n  ${a![i]?.slice(0, 300)}\n  ${b![i]?.slice(0, 300)}`);
    }
    if (a![i]) {
      const rec = JSON.parse(a![i]!) as { set: string; tagger?: unknown[]; rules?: unknown[] };
      bySet.set(rec.set, (bySet.get(rec.set) ?? 0) + 1);
      quotes += (rec.tagger?.length ?? 0) + (rec.rules?.length ?? 0);
    }
  }
  console.log(
    JSON.stringify({
      articles: Object.fromEntries(bySet),
      quotes,
      linesDiffering: differ,
      identical: differ === 0,
    }),
  );
  if (differ) process.exitCode = 1;
}

/** CPU and wall ms per article of the quotes stage over the inputs, after one warm-up pass. */
function time(): void {
  const articles = readInputs(values.in!, values.set).map((i) => i.article);
  const options = values.cues === 'rules' ? { quotes: { cues: 'rules' as const } } : {};
  const rounds = Number(values.rounds ?? 5);
  let sink = 0;
  for (const a of articles) sink += (quotesStage.run(a, options) as Article).quotes?.length ?? 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++)
    for (const a of articles) sink += (quotesStage.run(a, options) as Article).quotes?.length ?? 0;
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const n = articles.length * rounds;
  console.log(
    JSON.stringify({
      articles: articles.length,
      rounds,
      cpuMs: (c.user + c.system) / 1000 / n,
      wallMs: wall / n,
      sink,
    }),
  );
}

function median(xs: number[]): number {
  const s = [...xs].sort((p, q) => p - q);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Alternates `time` processes of BASE's build and this one. */
function ab(): void {
  const base = resolve(values.base!);
  const here = resolve(import.meta.dirname, '..', '..');
  const runs = Number(values.runs ?? 6);
  const args = ['time', '--in', resolve(values.in!), '--rounds', values.rounds ?? '5'];
  if (values.set) args.push('--set', values.set);
  if (values.cues) args.push('--cues', values.cues);
  const builds = [
    { label: 'base', dir: base, cpu: [] as number[], wall: [] as number[] },
    { label: 'new', dir: here, cpu: [] as number[], wall: [] as number[] },
  ];
  const loads: number[] = [];
  let sink: number | undefined;
  for (let r = 0; r < runs; r++) {
    // Swap the order every run, so that neither build always runs first.
    const order = r % 2 ? [builds[1]!, builds[0]!] : builds;
    for (const b of order) {
      const p = spawnSync(process.execPath, [resolve(b.dir, 'dist/scripts/quotes-ab.js'), ...args], {
        cwd: b.dir,
        encoding: 'utf8',
      });
      if (p.status !== 0) throw new Error(`${b.label}: ${p.stderr}`);
      const res = JSON.parse(p.stdout.trim().split('\n').pop()!) as {
        cpuMs: number;
        wallMs: number;
        sink: number;
      };
      if (sink !== undefined && res.sink !== sink)
        console.log(`warning: ${b.label} found ${res.sink} quotes, not ${sink}`);
      sink = res.sink;
      b.cpu.push(res.cpuMs);
      b.wall.push(res.wallMs);
      loads.push(loadavg()[0]!);
    }
  }
  const [b0, b1] = builds;
  console.log(
    `set ${values.set ?? 'all'}, cues ${values.cues ?? 'tagger'}, ${runs} runs each × ${values.rounds ?? 5} rounds`,
  );
  console.log('| build | CPU ms/article median | min | articles/CPU-s (median) | wall ms/article median |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const b of builds)
    console.log(
      `| ${b.label} | ${median(b.cpu).toFixed(4)} | ${Math.min(...b.cpu).toFixed(4)} | ${Math.round(1000 / median(b.cpu))} | ${median(b.wall).toFixed(4)} |`,
    );
  // Runs paired by their index (each pair ran back to back): in how many the new build used less CPU.
  const fewer = b0!.cpu.filter((x, k) => b1!.cpu[k]! < x).length;
  console.log(
    `speed-up (base / new CPU): median ${(median(b0!.cpu) / median(b1!.cpu)).toFixed(2)}×, min ${(Math.min(...b0!.cpu) / Math.min(...b1!.cpu)).toFixed(2)}×, new lower in ${fewer} of ${runs} pairs; load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`,
  );
}

/**
 * Both builds' quotes stages loaded in this one process and timed in alternating rounds
 * (base, new, new, base, …): the same machine state for both, which separate processes on
 * a shared machine do not give.
 */
async function interleaved(): Promise<void> {
  const base = resolve(values.base!);
  const here = resolve(import.meta.dirname, '..', '..');
  const articles = readInputs(values.in!, values.set).map((i) => i.article);
  const options = values.cues === 'rules' ? { quotes: { cues: 'rules' as const } } : {};
  const rounds = Number(values.rounds ?? 10);
  type StageModule = { quotesStage: { run(a: Article, o: object): Article } };
  const builds = await Promise.all(
    [
      ['base', base],
      ['new', here],
    ].map(async ([label, dir]) => ({
      label: label!,
      stage: ((await import(resolve(dir!, 'dist/src/quotes/index.js'))) as StageModule).quotesStage,
      cpu: [] as number[],
    })),
  );
  let sink = 0;
  for (const b of builds) for (const a of articles) sink += b.stage.run(a, options).quotes?.length ?? 0;
  const loads: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const b of r % 2 ? [...builds].reverse() : builds) {
      const c0 = process.cpuUsage();
      for (const a of articles) sink += b.stage.run(a, options).quotes?.length ?? 0;
      const c = process.cpuUsage(c0);
      b.cpu.push((c.user + c.system) / 1000 / articles.length);
    }
    loads.push(loadavg()[0]!);
  }
  const [b0, b1] = builds;
  console.log(
    `set ${values.set ?? 'all'} (${articles.length} articles), cues ${values.cues ?? 'tagger'}, ${rounds} rounds each, interleaved in one process (${sink > 0 ? 'ok' : 'none found'})`,
  );
  console.log('| build | CPU ms/article median | min | articles/CPU-s (median) |');
  console.log('| --- | --- | --- | --- |');
  for (const b of builds)
    console.log(
      `| ${b.label} | ${median(b.cpu).toFixed(4)} | ${Math.min(...b.cpu).toFixed(4)} | ${Math.round(1000 / median(b.cpu))} |`,
    );
  const ratios = b0!.cpu.map((x, k) => x / b1!.cpu[k]!);
  console.log(
    `speed-up (base / new CPU): median of rounds ${median(ratios).toFixed(2)}×, of medians ${(median(b0!.cpu) / median(b1!.cpu)).toFixed(2)}×, of minima ${(Math.min(...b0!.cpu) / Math.min(...b1!.cpu)).toFixed(2)}×; load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`,
  );
}

const threadMs = (): number =>
  Number(readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ', 1)[0]) / 1e6;
const allThreadsMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Each pass's CPU ms per article in a fresh process: this thread's and all threads'. */
async function passes(): Promise<void> {
  const dir = resolve(values['stage-dir'] ?? resolve(import.meta.dirname, '..', '..'));
  const articles = readInputs(values.in!, values.set).map((i) => i.article);
  type StageModule = { quotesStage: { run(a: Article, o: object): Article } };
  const stage = ((await import(resolve(dir, 'dist/src/quotes/index.js'))) as StageModule).quotesStage;
  const options = values.cues === 'rules' ? { quotes: { cues: 'rules' as const } } : {};
  const out: { thread: number; all: number }[] = [];
  let sink = 0;
  for (let p = 0; p < Number(values.passes ?? 2); p++) {
    const t0 = threadMs();
    const a0 = allThreadsMs();
    for (const a of articles) sink += stage.run(a, options).quotes?.length ?? 0;
    out.push({ thread: (threadMs() - t0) / articles.length, all: (allThreadsMs() - a0) / articles.length });
  }
  console.log(JSON.stringify({ articles: articles.length, passes: out, sink }));
}

/** Alternates `passes` processes for BASE's stage and this build's; medians of each pass. */
function passesAb(): void {
  const here = resolve(import.meta.dirname, '..', '..');
  const builds = [
    { label: 'base', dir: resolve(values.base!), runs: [] as { thread: number; all: number }[][] },
    { label: 'new', dir: here, runs: [] as { thread: number; all: number }[][] },
  ];
  const args = [resolve(here, 'dist/scripts/quotes-ab.js'), 'passes', '--in', resolve(values.in!)];
  if (values.set) args.push('--set', values.set);
  if (values.cues) args.push('--cues', values.cues);
  args.push('--passes', values.passes ?? '2');
  const loads: number[] = [];
  for (let r = 0; r < Number(values.runs ?? 6); r++) {
    for (const b of r % 2 ? [...builds].reverse() : builds) {
      const p = spawnSync(process.execPath, [...args, '--stage-dir', b.dir], { encoding: 'utf8' });
      if (p.status !== 0) throw new Error(`${b.label}: ${p.stderr}`);
      b.runs.push(
        (JSON.parse(p.stdout.trim().split('\n').pop()!) as { passes: { thread: number; all: number }[] })
          .passes,
      );
      loads.push(loadavg()[0]!);
    }
  }
  console.log(
    `set ${values.set ?? 'all'}, cues ${values.cues ?? 'tagger'}, ${values.runs ?? 6} fresh processes each, alternated`,
  );
  console.log('| build | pass | thread CPU ms/article median | min | all threads median | min |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  const summary: Record<string, number[]> = {};
  for (const b of builds)
    for (let p = 0; p < b.runs[0]!.length; p++) {
      const th = b.runs.map((run) => run[p]!.thread);
      const al = b.runs.map((run) => run[p]!.all);
      summary[`${b.label}${p}`] = [median(th), median(al)];
      console.log(
        `| ${b.label} | ${p + 1} | ${median(th).toFixed(4)} | ${Math.min(...th).toFixed(4)} | ${median(al).toFixed(4)} | ${Math.min(...al).toFixed(4)} |`,
      );
    }
  console.log(`load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`);
  console.log(JSON.stringify(summary));
}

/** findQuoteRegions of BASE's build and this one on random strings of marks: how many differ. */
async function fuzzRegions(): Promise<void> {
  type RegionsModule = { findQuoteRegions(text: string): unknown };
  const here = resolve(import.meta.dirname, '..', '..');
  const [a, b] = (await Promise.all(
    [resolve(values.base!), here].map((d) => import(resolve(d, 'dist/src/quotes/quote-marks.js'))),
  )) as RegionsModule[];
  const pieces = [
    '"',
    "'",
    "''",
    '\n',
    '\n\n',
    ' ',
    'a',
    'B',
    '\u201c',
    '\u201d',
    '\u201e',
    '\u2018',
    '\u2019',
  ];
  pieces.push('(', '-', '\u2014', ':', '.', ',', '\u00a0', '\t', '\r');
  let seed = 7;
  const next = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % n;
  };
  const count = Number(values.strings ?? 200000);
  let differ = 0;
  for (let k = 0; k < count; k++) {
    let s = '';
    for (let j = next(40); j > 0; j--) s += pieces[next(pieces.length)];
    if (JSON.stringify(a!.findQuoteRegions(s)) !== JSON.stringify(b!.findQuoteRegions(s))) {
      differ++;
      if (differ <= 3) console.log(`differs: ${JSON.stringify(s)}`);
    }
  }
  console.log(JSON.stringify({ strings: count, differ, identical: differ === 0 }));
  if (differ) process.exitCode = 1;
}

if (mode === 'prepare') await prepare();
else if (mode === 'fuzz-regions') await fuzzRegions();
else if (mode === 'passes') await passes();
else if (mode === 'passes-ab') passesAb();
else if (mode === 'interleaved') await interleaved();
else if (mode === 'run') run();
else if (mode === 'compare') compare();
else if (mode === 'time') time();
else if (mode === 'ab') ab();
else {
  console.error('usage: quotes-ab.js prepare|run|compare|time|ab … (see the header of scripts/quotes-ab.ts)');
  process.exitCode = 2;
}
