/**
 * `newsdigest bench layout`: HTML main-content extraction (ingest's render plus
 * the layout stage: blocks, metadata, highlights) against Readability.js on jsdom
 * (`extract-readability`, the extractor Firefox's reader view uses) on the same
 * pages in the same run.
 *
 * Two figures for us: in this process on one thread (warm, as the harness times
 * every stage), and as one fresh `node` process over all pages, start-up and
 * module loading included, as the peers are measured.
 *
 * Data: a folder with html/*.html (the extraction benchmark), or any folder of
 * .html files.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { launcherUrl, layoutPathUrl } from '../src/cli/layout-path-url.js';
import { NewsdigestError } from '../src/errors.js';
import type { EvalReport } from '../src/eval/report.js';
import { decodeBytes } from '../src/ingest/decode.js';
import { pageToArticle } from '../src/ingest/page.js';
import { layoutStage } from '../src/layout/index.js';
import { makeTiming, peerAvailable, runPeer, speedReport, type Timing, timeOurs } from './harness.js';
import type { BenchTask } from './registry.js';
import { estimateTrafilatura, REFERENCE_PAGES_PER_SECOND } from './trafilatura-estimate.js';

/**
 * The four extract-* peers that install here and have a reference rate (bench/trafilatura-estimate.ts):
 * with all four, a run over the 121 extraction pages takes ~1.5 minutes on a quiet machine
 * (Readability.js on jsdom alone ~30 s; 3-4 minutes under load).
 */
/** Fresh processes of ours per run (one before each of the four default peers, one after). */
const DEFAULT_FRESH_RUNS = 5;

const DEFAULT_PEERS = [
  'extract-readability',
  'extract-readability-lxml',
  'extract-boilerpipe',
  'extract-html-text',
];

interface Page {
  id: string;
  html: string;
  path: string;
}

function readPagesFrom(data: string, limit: number | undefined): Page[] {
  const dir = existsSync(join(data, 'html')) ? join(data, 'html') : data;
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new NewsdigestError(
      'E_NOT_FOUND',
      data,
      'expecting a folder of .html files (or with html/ inside)',
    );
  const names = readdirSync(dir)
    .filter((n) => /\.html?$/i.test(n))
    .sort();
  const pages = names.slice(0, limit ?? names.length).map((n) => {
    const path = join(dir, n);
    return { id: n.replace(/\.html?$/i, ''), path, html: decodeBytes(readFileSync(path), path).text };
  });
  if (!pages.length) throw new NewsdigestError('E_EMPTY', dir, 'has no .html files');
  return pages;
}

function layoutOne(page: Page): number {
  const article = layoutStage.run(pageToArticle({ id: page.id, html: page.html }), {});
  return 'blocks' in article ? (article.blocks?.length ?? 0) : 0;
}

/** CPU time of this thread so far, in ms (Linux scheduler statistics; the whole process elsewhere). */
function mainThreadCpuMs(): number {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  }
}

/**
 * Pages per CPU-second of the main thread over `passes` whole passes (warm): on a
 * shared machine this moves far less with the load than wall time does.
 */
function cpuRate(pages: readonly Page[], passes = 3): number {
  const t0 = mainThreadCpuMs();
  for (let p = 0; p < passes; p++) for (const page of pages) layoutOne(page);
  return (pages.length * passes) / ((mainThreadCpuMs() - t0) / 1000);
}

interface FreshRun {
  timing: Timing;
  /** CPU ms the child used, start-up included: its main thread, and all its threads (JIT compiler and GC helpers too). */
  mainCpuMs: number;
  processCpuMs: number;
}

/** Main-thread CPU ms of the running process, as the child scripts read it (whole process elsewhere). */
const CHILD_CPU = `const cpuMs = () => {
      try {
        return Number(readFileSync('/proc/self/task/' + process.pid + '/schedstat', 'utf8').split(' ')[0]) / 1e6;
      } catch {
        const u = process.cpuUsage();
        return (u.user + u.system) / 1000;
      }
    };`;

/** Runs a module script in a fresh node process with the pages' paths; resolves with its JSON output and wall seconds. */
function runChild(script: string, paths: readonly string[]): Promise<{ out: string; seconds: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(paths)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - t0) / 1000;
      if (code !== 0) reject(new Error(`fresh process exited with ${code}: ${err.slice(-300)}`));
      else resolve({ out, seconds });
    });
  });
}

/**
 * One fresh node process that reads the pages and lays each out, start-up included, as a
 * user's batch run does (`newsdigest digest`, src/cli/commands/digest.ts): pages read by
 * ingest's readPages (encoding sniffed and checked), each made an Article by pageToArticle
 * (its id a hash of the page, none being given), then the layout stage. Until the fifth
 * session the child read each file with readFileSync(path, 'utf8') and gave the path as id,
 * which cost ~300 ms less than readPages did then (docs/RESULTS.md (layout-fresh-2)).
 * The child loads those three from src/cli/layout-path's module as the running CLI has it:
 * the bundle's entry dist/cli/layout-path.js (the same chunks `digest` loads) when the CLI
 * runs bundled, tsc's module otherwise (layoutPathUrl).
 */
async function timeFreshProcess(paths: readonly string[], bytes: number): Promise<FreshRun> {
  // As the binary does (src/cli/main.ts prepareProcess): Node 22+ keeps compiled code between
  // runs; V8's interrupt budget as the binary chooses it (one core on Node 20: four times V8's).
  const script = `
    import { readFileSync } from 'node:fs';
    const { prepareProcess } = await import(${JSON.stringify(launcherUrl())});
    prepareProcess();
    const { readPages, pageToArticle, layoutStage } = await import(${JSON.stringify(layoutPathUrl())});
    let n = 0;
    for await (const r of readPages(JSON.parse(process.argv[1]))) {
      if (!r.ok) throw new Error(r.error.toString());
      const a = layoutStage.run(pageToArticle(r.page), {});
      n += a.blocks.length;
    }
    const u = process.cpuUsage();
    let main = (u.user + u.system) / 1000;
    try {
      main = Number(readFileSync('/proc/self/task/' + process.pid + '/schedstat', 'utf8').split(' ')[0]) / 1e6;
    } catch {}
    // Ended as the binary ends (src/cli/main.ts endWhenFlushed): once the output is taken.
    process.stdout.write(JSON.stringify({ n, main, all: (u.user + u.system) / 1000 }), () => process.exit(0));`;
  const { out, seconds } = await runChild(script, paths);
  const cpu = JSON.parse(out) as { main: number; all: number };
  return {
    timing: makeTiming('newsdigest layout (fresh process)', paths.length, bytes, seconds),
    mainCpuMs: cpu.main,
    processCpuMs: cpu.all,
  };
}

/** Main-thread CPU ms a fresh process has used when it has started, loaded our modules, and read (and decoded) every page. */
interface Floor {
  startMs: number;
  modulesMs: number;
  readMs: number;
  /** Wall seconds of the whole child, start to exit, when it has done all three. */
  seconds: number;
}

/**
 * What a fresh process costs before any page is laid out: node's start, loading the
 * ingest and layout modules, reading the files as the fresh run does (readPages). No layout code can make the
 * fresh-process rate better than pages / this. The least of `rounds` runs (the one
 * least disturbed by other work on the machine).
 */
async function freshFloor(paths: readonly string[], rounds = 3): Promise<Floor> {
  const script = `
    import { readFileSync } from 'node:fs';
    ${CHILD_CPU}
    const started = cpuMs();
    const { prepareProcess } = await import(${JSON.stringify(launcherUrl())});
    prepareProcess();
    const { readPages } = await import(${JSON.stringify(layoutPathUrl())});
    const loaded = cpuMs();
    let n = 0;
    for await (const r of readPages(JSON.parse(process.argv[1]))) if (r.ok) n += r.page.id.length; // not html: reading it decodes a page the fresh run leaves undecoded (src/ingest/lazy-html.ts)
    const read = cpuMs();
    process.stdout.write(JSON.stringify({ n, started, loaded, read }), () => process.exit(0));`;
  let best: Floor | undefined;
  for (let r = 0; r < rounds; r++) {
    const { out, seconds } = await runChild(script, paths);
    const c = JSON.parse(out) as { started: number; loaded: number; read: number };
    const floor = { startMs: c.started, modulesMs: c.loaded - c.started, readMs: c.read - c.loaded, seconds };
    if (!best || floor.startMs + floor.modulesMs + floor.readMs < best.startMs + best.modulesMs + best.readMs)
      best = floor;
  }
  return best!;
}

export const layoutBench: BenchTask = {
  name: 'layout',
  summary: 'HTML extraction + layout vs Readability.js/jsdom (pages/s, MB/s, ratio)',
  defaultData: 'extraction',
  flags: {
    peers: `NAMES: extract-* peers to run (comma-separated, or none; default ${DEFAULT_PEERS.join(',')}: ~1.5 min)`,
    'fresh-runs': `N: fresh processes of ours, one before each peer and the rest after them; the median is reported (default ${DEFAULT_FRESH_RUNS})`,
  },
  async run({ data, limit, flags }): Promise<EvalReport> {
    const pages = readPagesFrom(data, limit);
    const bytesOf = (p: Page) => Buffer.byteLength(p.html, 'utf8');
    const bytes = pages.reduce((n, p) => n + bytesOf(p), 0);
    const ours = timeOurs('newsdigest layout (in process)', pages, bytesOf, layoutOne);
    const inProcessCpuRate = cpuRate(pages);
    const paths = pages.map((p) => p.path);
    // One fresh process lasts about a second where each peer runs for tens of seconds, so one
    // run of ours is far noisier than theirs on a machine whose speed moves from second to
    // second: ours runs several times, one run just before each peer (the same minutes as
    // that peer) and the rest after them, and the run of median rate is the one reported.
    const wanted = Number(flags['fresh-runs'] ?? DEFAULT_FRESH_RUNS);
    if (!Number.isInteger(wanted) || wanted < 1) {
      throw new NewsdigestError(
        'E_BAD_OPTION',
        '--fresh-runs',
        `expected a whole number >= 1, got ${flags['fresh-runs']}`,
      );
    }
    const freshRuns: FreshRun[] = [];
    const floor = await freshFloor(paths);
    const floorMs = floor.startMs + floor.modulesMs + floor.readMs;
    const asked = flags['peers'];
    const names = typeof asked === 'string' ? (asked === 'none' ? [] : asked.split(',')) : DEFAULT_PEERS;
    const peerTimings: Timing[] = [];
    const skipped: string[] = [];
    // Rates of the peers that ran and answered at least one page (a peer that cannot be
    // installed answers every page with an error: its rate says nothing of the machine).
    const peerRates: Record<string, number> = {};
    for (const name of names) {
      if (!peerAvailable(name)) {
        skipped.push(name);
        continue;
      }
      if (freshRuns.length < wanted) freshRuns.push(await timeFreshProcess(paths, bytes));
      const run = await runPeer(
        name,
        pages.map((p) => ({ id: p.id, html: p.html })),
        bytes,
      );
      peerTimings.push(run.timing);
      if ((run.timing.extra?.['failed'] ?? 0) < run.timing.items) peerRates[name] = run.timing.rate;
    }
    while (freshRuns.length < wanted) freshRuns.push(await timeFreshProcess(paths, bytes));
    const byRate = [...freshRuns].sort((a, b) => a.timing.rate - b.timing.rate);
    const freshRun = byRate[(byRate.length - 1) >> 1]!;
    const fresh: Timing = {
      ...freshRun.timing,
      label: wanted > 1 ? `newsdigest layout (fresh process, median of ${wanted})` : freshRun.timing.label,
    };
    const peers: Timing[] = [fresh, ...peerTimings];
    const estimate = estimateTrafilatura(peerRates, fresh.rate);
    const round2 = (x: number) => Math.round(x * 100) / 100;
    const freshRatios = Object.fromEntries(
      peers.filter((p) => p !== fresh).map((p) => [p.label, Math.round((fresh.rate / p.rate) * 100) / 100]),
    );
    const perCpuSecond = (ms: number) => Math.round((pages.length / (ms / 1000)) * 10) / 10;
    const report = speedReport('layout', ours, peers, {
      freshProcessRate: Math.round(fresh.rate * 10) / 10,
      // Every fresh run's rate, in the order they ran.
      freshProcessRates: freshRuns.map((r) => Math.round(r.timing.rate * 10) / 10),
      freshProcessRatio: freshRatios,
      cpu: {
        inProcessPagesPerCpuSecond: Math.round(inProcessCpuRate * 10) / 10,
        freshProcessPagesPerCpuSecond: perCpuSecond(freshRun.mainCpuMs),
        freshProcessPagesPerCpuSecondAllThreads: perCpuSecond(freshRun.processCpuMs),
      },
      // Main-thread CPU of a fresh process that only starts, loads the modules and reads the pages.
      freshFloor: {
        startMs: Math.round(floor.startMs),
        modulesMs: Math.round(floor.modulesMs),
        readMs: Math.round(floor.readMs),
        layoutMs: Math.round(freshRun.mainCpuMs - floorMs),
        ceilingPagesPerCpuSecond: perCpuSecond(floorMs),
      },
      // trafilatura's pages/s here, estimated from each peer that ran (32 × rate here ÷ reference rate).
      trafilaturaEstimate: {
        byPeer: Object.fromEntries(Object.entries(estimate.byPeer).map(([k, v]) => [k, round2(v)])),
        median: estimate.median === undefined ? null : round2(estimate.median),
        freshRatio: estimate.freshRatio === undefined ? null : round2(estimate.freshRatio),
      },
    });
    if (skipped.length) report.notes?.push(`not installed, skipped: ${skipped.join(', ')}`);
    report.notes?.push(
      estimate.median === undefined
        ? 'trafilatura estimate: no extract-* peer with a reference rate ran (see --peers)'
        : `trafilatura estimate (not installable here; 32 pages/s on the reference machine, peers README): ${Object.entries(
            estimate.byPeer,
          )
            .map(
              ([k, v]) =>
                `${k} ${round2(peerRates[k]!)} here / ${REFERENCE_PAGES_PER_SECOND[k]} there -> ${round2(v)}`,
            )
            .join('; ')}; median ${round2(estimate.median)} pages/s; ours as a fresh process ${round2(
            fresh.rate,
          )} pages/s (median of ${freshRuns.length} runs: ${freshRuns
            .map((r) => round2(r.timing.rate))
            .join(', ')}) = ${round2(estimate.freshRatio!)}x (target >= 10x)`,
    );
    report.notes?.push(
      'the fresh-process row is ours too (start-up included): compare it with the peers for like-for-like',
      `CPU (main thread): ${Math.round(inProcessCpuRate)} pages/CPU-s in process, ${perCpuSecond(freshRun.mainCpuMs)} in the fresh process (${perCpuSecond(freshRun.processCpuMs)} counting its JIT and GC threads)`,
      `fresh process, main-thread CPU: node start ${Math.round(floor.startMs)} ms + loading modules ${Math.round(floor.modulesMs)} ms + reading the pages ${Math.round(floor.readMs)} ms (least of 3 runs that do only that) = ${Math.round(floorMs)} ms before any layout, i.e. at most ${perCpuSecond(floorMs)} pages per CPU-second whatever the layout costs; the layout itself ~${Math.round(freshRun.mainCpuMs - floorMs)} ms`,
    );
    return report;
  },
};
