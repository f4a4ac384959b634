/**
 * Learning curves of the shipped quotes pipeline (issue #7): how the dev figures grow with the
 * number of PolNeAR train articles the pipeline learns from.
 *
 *   nice node dist/scripts/quotes-learning-curve.js [--data DIR] [--sizes 0.125,0.25,0.5,0.75,1]
 *     [--seeds 1,2,3] [--out FILE] [--full-sizes 0.125,1] [--eval dev|fold0] [--check] [--fit-only]
 *     [--order-seeds 1,2] [--upper 0.5]
 *
 * For each size (a share of the pool of training articles) and subset seed, a random subset of the
 * pool's articles (nested: seed s shuffles the pool once, and each size takes the first articles of
 * that shuffle; kept in file order, as the training scripts read them) is what every learnt part of
 * the pipeline learns from, with the shipped settings throughout (no setting changes with size):
 * - **rules**: the cue lexicon counted on the subset (the shipped threshold, minimum count and core
 *   verbs of models/quotes/cues.json), no tagger: the floor, with no learning but the lexicon;
 * - **tagger**: the lexicon and the cue tagger (src/quotes/cue-train.ts, the shipped card's epochs and
 *   the default settings; bias, fallback and "beliefs" as shipped) learnt on the subset;
 * - **full**: the tagger and the cue re-scorer trained out of fold within the subset as
 *   scripts/quotes-cue-rescore.ts does (five folds by SHA-1 of the id; each fold's lexicon, tagger
 *   and cue rates from the other four; the rows of the held-out fold's proposed spans; trees of the
 *   shipped recipe over all five folds' rows; word and phrase rates and cue ends counted on the
 *   whole subset; the shipped threshold, fallback, wide-decode raise, shorter boundaries and word
 *   proposals). Only at the sizes of `--full-sizes` (default: every size).
 * The size 1 is run once (the whole pool: no seed changes it). `--order-seeds 1,2` also trains the
 * tagger and the re-scorer's fold taggers on the whole pool with other training orders
 * (TrainSettings.seed; 0 is the shipped order): how much the figures move at a fixed size. They
 * count as runs at size 1 in the tables and fits (the randomness left when the subset is the pool).
 *
 * `--eval dev` (default): the pool is all of train (622 articles), dev is scored. `--eval fold0`:
 * the train-only twin: the pool is train's folds 1-4, its fold 0 is scored (the re-scorer's inner
 * folds then by another byte of the SHA-1, so that there are five).
 *
 * Every figure is the eval's own scorer (scoreArticle on rolesOf of the extractor's attributions,
 * src/quotes/eval-quotes.ts). Each run appends one JSON line a pipeline to `--out` (a run already in
 * the file is skipped: the script resumes), then the table of every line in the file is printed with
 * a least-squares fit of F1 against log2(training articles). `--check` first scores the shipped
 * models by the same path (they must give the figures of `eval quotes`), then with the lexicon
 * recounted by today's code, then with the tagger retrained too (where a retrain parts from them). `--fit-only` trains
 * nothing: the table and fit of `--out`'s lines.
 *
 * Never writes a model. Dev is scored, nothing is chosen from it.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readJsonl } from '../src/eval/data.js';
import { countCues, type Prepared, prepare } from '../src/quotes/cue-counts.js';
import { countCueEnds } from '../src/quotes/cue-ends.js';
import { type CueLexicon, type CueLexiconFile, lexiconFrom, withCues } from '../src/quotes/cue-lexicon.js';
import {
  type CueRescorer,
  type CueRescorerFile,
  RESCORER_FEATURES,
  RESCORER_FORMAT,
  rescorerFrom,
} from '../src/quotes/cue-rescorer.js';
import { type CueTagger, type CueTaggerFile, loadTagger, taggerFrom } from '../src/quotes/cue-tagger.js';
import { DEFAULT_SETTINGS, fold, scoreExtractor, trainTagger } from '../src/quotes/cue-train.js';
import { figuresOf, type GoldArticle, parseGoldArticle, type RoleCounts } from '../src/quotes/eval-quotes.js';
import { compactTree, DEFAULT_GBDT, trainGbdt } from './layout-text-gbdt.js';
import { cueRates, labelledRows, phraseRates, shippedEnds } from './quotes-fold-rates.js';

/** models/quotes from dist/scripts (run) or scripts/ (imported by a test from the source). */
const MODELS = existsSync(join(import.meta.dirname, '..', 'models', 'quotes'))
  ? join(import.meta.dirname, '..', 'models', 'quotes')
  : join(import.meta.dirname, '..', '..', 'models', 'quotes');

/** Run as a script (not imported, as the tests import subsetOf and leastSquares). */
const RUN = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);

const { values } = parseArgs({
  // Imported by a test, the test runner's own arguments are none of ours.
  args: RUN ? process.argv.slice(2) : [],
  options: {
    data: { type: 'string' },
    sizes: { type: 'string' },
    seeds: { type: 'string' },
    out: { type: 'string' },
    'full-sizes': { type: 'string' },
    eval: { type: 'string' },
    check: { type: 'boolean' },
    'fit-only': { type: 'boolean' },
    'order-seeds': { type: 'string' },
    upper: { type: 'string' },
  },
});

const SIZES = (values.sizes ?? '0.125,0.25,0.5,0.75,1').split(',').map(Number);
const SEEDS = (values.seeds ?? '1,2,3').split(',').map(Number);
const FULL_SIZES = values['full-sizes'] ? values['full-sizes'].split(',').map(Number) : SIZES;
const EVAL = values.eval ?? 'dev';
if (EVAL !== 'dev' && EVAL !== 'fold0') throw new Error('--eval: dev or fold0');
/** Training-order seeds of the taggers (TrainSettings.seed) run on the whole pool: the noise at a fixed size. */
/** The second fit's smallest size (the upper part of the curve, where it flattens). */
const UPPER = Number(values.upper ?? 0.5);
const ORDER_SEEDS = values['order-seeds'] ? values['order-seeds'].split(',').map(Number) : [];
const OUT = resolve(values.out ?? `/tmp/quotes-learning-curve-${EVAL}.jsonl`);

/** The shipped re-scorer's recipe (its card's retrain line; nothing here is chosen anew). */
const shippedRescorer = JSON.parse(
  readFileSync(join(MODELS, 'cue-rescorer.json'), 'utf8'),
) as CueRescorerFile;
const RECIPE = {
  trees: shippedRescorer.trees.length,
  depth: Number(
    /trees of\s+depth (\d+)/.exec(readFileSync(join(MODELS, 'CARD-cue-rescorer.md'), 'utf8'))?.[1],
  ),
  rate: Number(/rate ([\d.]+)\)/.exec(readFileSync(join(MODELS, 'CARD-cue-rescorer.md'), 'utf8'))?.[1]),
  extra: shippedRescorer.extra,
  variants: shippedRescorer.variants,
  threshold: shippedRescorer.threshold,
  fallback: shippedRescorer.fallback,
  proposeWords: shippedRescorer.proposeWords,
  ends: shippedRescorer.ends
    ? { min: shippedRescorer.ends.min, share: shippedRescorer.ends.share }
    : undefined,
};
/** The trees' settings as scripts/quotes-cue-rescore.ts sets them (min-hessian 3 there by default). */
const GBDT = { ...DEFAULT_GBDT, trees: RECIPE.trees, depth: RECIPE.depth, rate: RECIPE.rate, minHessian: 3 };
const shippedTaggerFile = JSON.parse(
  readFileSync(join(MODELS, 'cue-tagger.json'), 'utf8'),
) as CueTaggerFile & {
  bias: number;
  fallback?: number;
};
const EPOCHS = Number(
  /Chosen: (\d+) epochs/.exec(readFileSync(join(MODELS, 'CARD-cue-tagger.md'), 'utf8'))?.[1] ?? Number.NaN,
);
const lexiconFile = JSON.parse(readFileSync(join(MODELS, 'cues.json'), 'utf8')) as CueLexiconFile;

/** The re-scorer's inner folds: the training scripts' own on dev; on the fold-0 twin, another byte of the SHA-1. */
const innerFold = EVAL === 'dev' ? fold : (id: string) => createHash('sha1').update(id).digest()[1]! % 5;

/** A deterministic shuffle of 0..n-1 (mulberry32). */
function permutation(n: number, seed: number): number[] {
  let s = (seed * 0x9e3779b9) >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** The first round(size × n) articles of seed's shuffle, in the pool's order. */
export function subsetOf<T>(pool: readonly T[], size: number, seed: number): T[] {
  if (size >= 1) return pool.slice();
  const k = Math.max(1, Math.round(size * pool.length));
  const keep = permutation(pool.length, seed)
    .slice(0, k)
    .sort((a, b) => a - b);
  return keep.map((i) => pool[i]!);
}

function lexiconOf(articles: readonly Prepared[]): CueLexicon {
  return lexiconFrom(withCues(lexiconFile, countCues(articles)));
}

function taggerOf(articles: readonly Prepared[], lexicon: CueLexicon, order = 0): CueTagger {
  const file = trainTagger(articles, lexicon, lexiconFile, EPOCHS, { ...DEFAULT_SETTINGS, seed: order });
  return taggerFrom({
    ...file,
    combine: 'beliefs',
    bias: shippedTaggerFile.bias,
    ...(shippedTaggerFile.fallback !== undefined ? { fallback: shippedTaggerFile.fallback } : {}),
  } as CueTaggerFile);
}

/** The re-scorer trained out of fold on the articles (the shipped recipe). */
function rescorerOfSubset(articles: readonly Prepared[], order = 0): { rescorer: CueRescorer; rows: number } {
  const x: number[] = [];
  const y: number[] = [];
  for (let k = 0; k < 5; k++) {
    const fit = articles.filter((p) => innerFold(p.gold.id) !== k);
    const held = articles.filter((p) => innerFold(p.gold.id) === k);
    if (!held.length || !fit.length) continue;
    const lexicon = lexiconOf(fit);
    const tagger = taggerOf(fit, lexicon, order);
    labelledRows(
      held,
      lexicon,
      tagger,
      RECIPE,
      new Map(Object.entries(cueRates(fit))),
      new Map(Object.entries(phraseRates(fit))),
      { x, y },
    );
  }
  const model = trainGbdt(
    Float64Array.from(x),
    Uint8Array.from(y),
    new Float64Array(y.length).fill(1),
    RESCORER_FEATURES.length,
    GBDT,
  );
  const file: CueRescorerFile = {
    format: RESCORER_FORMAT,
    features: [...RESCORER_FEATURES],
    extra: RECIPE.extra,
    variants: RECIPE.variants,
    threshold: RECIPE.threshold,
    ...(RECIPE.fallback !== undefined ? { fallback: RECIPE.fallback } : {}),
    ...(RECIPE.proposeWords !== undefined ? { proposeWords: RECIPE.proposeWords } : {}),
    base: model.base,
    trees: model.trees.map(compactTree),
    rates: cueRates(articles),
    phrases: phraseRates(articles),
    ...(RECIPE.ends ? { ends: shippedEnds(RECIPE.ends, countCueEnds(articles)) } : {}),
  };
  // Through JSON, as the shipped file is read.
  return { rescorer: rescorerFrom(JSON.parse(JSON.stringify(file)) as CueRescorerFile), rows: y.length };
}

interface Line {
  eval: string;
  pipeline:
    | 'rules'
    | 'tagger'
    | 'full'
    | 'shipped'
    | 'check-lexicon'
    | 'check-tagger'
    | 'tagger-order'
    | 'full-order';
  size: number;
  seed: number;
  articles: number;
  figures: ReturnType<typeof figuresOf>;
  seconds: number;
  rows?: number;
}

function lineOf(
  pipeline: Line['pipeline'],
  size: number,
  seed: number,
  articles: number,
  counts: RoleCounts,
  seconds: number,
  rows?: number,
): Line {
  return {
    eval: EVAL,
    pipeline,
    size,
    seed,
    articles,
    figures: figuresOf(counts),
    seconds: Math.round(seconds * 10) / 10,
    ...(rows !== undefined ? { rows } : {}),
  };
}

function readLines(): Line[] {
  if (!existsSync(OUT)) return [];
  return readFileSync(OUT, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Line);
}

const FIGURES = [
  ['content overlap', (f: Line['figures']) => f.content.overlap],
  ['source overlap', (f: Line['figures']) => f.source.overlap],
  ['source exact', (f: Line['figures']) => f.source.exact],
  ['cue exact', (f: Line['figures']) => f.cue.exact],
  ['cue overlap', (f: Line['figures']) => f.cue.overlap],
] as const;

/** Least squares y = a + b·x: intercept, slope, and the residual standard deviation. */
export function leastSquares(
  xs: readonly number[],
  ys: readonly number[],
): { a: number; b: number; sd: number; se: number } {
  const n = xs.length;
  const mx = xs.reduce((s, v) => s + v, 0) / n;
  const my = ys.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  const b = sxx ? sxy / sxx : 0;
  const a = my - b * mx;
  const res = ys.reduce((s, v, i) => s + (v - a - b * xs[i]!) ** 2, 0);
  const sd = n > 2 ? Math.sqrt(res / (n - 2)) : 0;
  return { a, b, sd, se: sxx ? sd / Math.sqrt(sxx) : 0 };
}

/** F1 = c − k·n^−α: α on a grid, c and k by least squares at each α; the fit of least squared error. */
export function powerFit(
  ns: readonly number[],
  ys: readonly number[],
): { c: number; k: number; alpha: number; sd: number } {
  let best = { c: 0, k: 0, alpha: 0, sd: Number.POSITIVE_INFINITY };
  for (let step = 1; step <= 60; step++) {
    const alpha = step * 0.05;
    const fit = leastSquares(
      ns.map((n) => n ** -alpha),
      ys,
    );
    if (fit.sd < best.sd) best = { c: fit.a, k: -fit.b, alpha, sd: fit.sd };
  }
  return best;
}

function report(lines: readonly Line[]): string {
  const out: string[] = [];
  const checks = lines.filter(
    (l) =>
      l.eval === EVAL &&
      (l.pipeline === 'shipped' || l.pipeline.startsWith('check-') || l.pipeline.endsWith('-order')),
  );
  if (checks.length) {
    out.push(
      "\n### check: the shipped files, then recounted and retrained on the whole pool; other training orders (seed: the taggers' order seed)\n",
      `| pipeline | seed | ${FIGURES.map(([n]) => `${n} F1`).join(' | ')} |`,
      `| --- | --- | ${FIGURES.map(() => '---').join(' | ')} |`,
      ...checks.map(
        (l) =>
          `| ${l.pipeline} | ${l.seed} | ${FIGURES.map(([, get]) => get(l.figures).f1.toFixed(4)).join(' | ')} |`,
      ),
    );
  }
  const pipelines = ['rules', 'tagger', 'full'] as const;
  for (const pipeline of pipelines) {
    // The whole pool's runs with other training orders count as runs at size 1 (the randomness left there).
    const mine = lines.filter(
      (l) => l.eval === EVAL && (l.pipeline === pipeline || l.pipeline === `${pipeline}-order`),
    );
    if (!mine.length) continue;
    out.push(`\n### ${pipeline} (${EVAL})\n`);
    out.push(
      `| size | articles | runs | ${FIGURES.map(([n]) => `${n} F1 (P / R)`).join(' | ')} |`,
      `| --- | --- | --- | ${FIGURES.map(() => '---').join(' | ')} |`,
    );
    const sizes = [...new Set(mine.map((l) => l.size))].sort((a, b) => a - b);
    for (const size of sizes) {
      const runs = mine.filter((l) => l.size === size);
      const mean = (g: (l: Line) => number) => runs.reduce((s, l) => s + g(l), 0) / runs.length;
      const spread = (g: (l: Line) => number) => {
        const v = runs.map(g);
        return Math.max(...v) - Math.min(...v);
      };
      out.push(
        `| ${size} | ${Math.round(mean((l) => l.articles))} | ${runs.length} | ${FIGURES.map(([, get]) => {
          const f1 = mean((l) => get(l.figures).f1);
          const s = runs.length > 1 ? ` ±${(spread((l) => get(l.figures).f1) / 2).toFixed(4)}` : '';
          return `${f1.toFixed(4)}${s} (${mean((l) => get(l.figures).precision).toFixed(3)} / ${mean((l) => get(l.figures).recall).toFixed(3)})`;
        }).join(' | ')} |`,
      );
    }
    if (sizes.length < 2) continue;
    const upper = mine.filter((l) => l.size >= UPPER);
    const at = (a: number, b: number) => {
      const n = b > 0 ? 2 ** ((0.8 - a) / b) : Number.POSITIVE_INFINITY;
      return Number.isFinite(n) && n < 1e9 ? Math.round(n).toLocaleString('en') : 'never (past 10^9)';
    };
    const signed = (v: number) => `${v >= 0 ? '+' : ''}${v.toFixed(4)}`;
    out.push(
      '',
      `Fits of F1 = a + b·log2(articles), least squares over every run: b is the gain per doubling (± its standard error), sd the residuals' standard deviation, "0.80 at" the articles where the line reaches 0.80 (extrapolated); "upper" the same over the runs at sizes ≥ ${UPPER} only (${upper.length} runs); then the gain per doubling between consecutive sizes (means of the runs):`,
      '',
      `| figure | a | b (per doubling) | sd | 0.80 at | upper b | upper 0.80 at | ${sizes
        .slice(1)
        .map((v, i) => `${sizes[i]}→${v}`)
        .join(' | ')} |`,
      `| --- | --- | --- | --- | --- | --- | --- | ${sizes
        .slice(1)
        .map(() => '---')
        .join(' | ')} |`,
    );
    for (const [name, get] of FIGURES) {
      const fit = leastSquares(
        mine.map((l) => Math.log2(l.articles)),
        mine.map((l) => get(l.figures).f1),
      );
      const up =
        new Set(upper.map((l) => l.size)).size >= 2
          ? leastSquares(
              upper.map((l) => Math.log2(l.articles)),
              upper.map((l) => get(l.figures).f1),
            )
          : undefined;
      const meanAt = (size: number) => {
        const runs = mine.filter((l) => l.size === size);
        return {
          x: runs.reduce((t, l) => t + Math.log2(l.articles), 0) / runs.length,
          y: runs.reduce((t, l) => t + get(l.figures).f1, 0) / runs.length,
        };
      };
      const steps = sizes.slice(1).map((v, i) => {
        const p0 = meanAt(sizes[i]!);
        const p1 = meanAt(v);
        return signed((p1.y - p0.y) / (p1.x - p0.x));
      });
      out.push(
        `| ${name} | ${fit.a.toFixed(4)} | ${signed(fit.b)} ±${fit.se.toFixed(4)} | ${fit.sd.toFixed(4)} | ${at(fit.a, fit.b)} | ${up ? `${signed(up.b)} ±${up.se.toFixed(4)}` : ''} | ${up ? at(up.a, up.b) : ''} | ${steps.join(' | ')} |`,
      );
    }
    if (sizes.length < 3) continue;
    out.push(
      '',
      `A curve that flattens, fitted over every run: F1 = c − k·articles^−α (α on a grid of 0.05 to 3 by 0.05, c and k by least squares at each; the α of the least squared error). c is the ceiling the fit implies; with ${sizes.length} sizes it is loosely determined, a sketch of the shape and not a prediction:`,
      '',
      '| figure | c (ceiling) | k | α | sd | 0.80 at |',
      '| --- | --- | --- | --- | --- | --- |',
    );
    for (const [name, get] of FIGURES) {
      const p = powerFit(
        mine.map((l) => l.articles),
        mine.map((l) => get(l.figures).f1),
      );
      const n = p.c > 0.8 && p.k > 0 ? (p.k / (p.c - 0.8)) ** (1 / p.alpha) : Number.POSITIVE_INFINITY;
      out.push(
        `| ${name} | ${p.c.toFixed(4)} | ${p.k.toFixed(3)} | ${p.alpha.toFixed(2)} | ${p.sd.toFixed(4)} | ${Number.isFinite(n) && n < 1e9 ? Math.round(n).toLocaleString('en') : 'never'} |`,
      );
    }
  }
  return out.join('\n');
}

async function main(): Promise<void> {
  if (values['fit-only']) {
    console.log(report(readLines()));
    return;
  }
  const dataDir = resolve(values.data ?? '../shared/data');
  const path = join(dataDir, 'quotes-polnear', 'polnear.jsonl');
  const all: GoldArticle[] = [];
  let n = 0;
  for await (const r of readJsonl(path)) all.push(parseGoldArticle(r, `${path}: record ${++n}`));
  const train = all.filter((a) => a.split === 'train');
  const pool = EVAL === 'dev' ? train : train.filter((a) => fold(a.id) !== 0);
  const scored =
    EVAL === 'dev' ? all.filter((a) => a.split === 'dev') : train.filter((a) => fold(a.id) === 0);
  console.error(
    `pool ${pool.length} articles, scored ${scored.length} (${EVAL}); tagger ${EPOCHS} epochs, bias ${shippedTaggerFile.bias}, fallback ${shippedTaggerFile.fallback}; re-scorer ${JSON.stringify(RECIPE)}`,
  );
  const done = readLines();
  const has = (pipeline: string, size: number, seed: number) =>
    done.some((l) => l.eval === EVAL && l.pipeline === pipeline && l.size === size && l.seed === seed);
  const write = (l: Line) => {
    appendFileSync(OUT, `${JSON.stringify(l)}\n`);
    done.push(l);
    const f = l.figures;
    console.error(
      `${l.pipeline} size ${l.size} seed ${l.seed} (${l.articles} articles): content ${f.content.overlap.f1} / source ${f.source.overlap.f1} / cue exact ${f.cue.exact.f1} (${l.seconds} s)`,
    );
  };

  if (values.check && EVAL === 'dev' && !has('check-tagger', 1, 0)) {
    const t0 = performance.now();
    const lexicon = lexiconFrom(lexiconFile);
    const tagger = loadTagger(join(MODELS, 'cue-tagger.json'));
    const counts = scoreExtractor(scored, lexicon, tagger, 'beliefs', rescorerFrom(shippedRescorer));
    write(lineOf('shipped', 1, 0, pool.length, counts, (performance.now() - t0) / 1000));
    // Where a retrain on all of train parts from the shipped files: the lexicon recounted by today's
    // code (the shipped tagger and re-scorer kept), then the tagger retrained too (the re-scorer kept).
    const prepared = pool.map(prepare);
    const recounted = lexiconOf(prepared);
    write(
      lineOf(
        'check-lexicon',
        1,
        0,
        pool.length,
        scoreExtractor(scored, recounted, tagger, 'beliefs', rescorerFrom(shippedRescorer)),
        0,
      ),
    );
    const retrained = taggerOf(prepared, recounted);
    write(
      lineOf(
        'check-tagger',
        1,
        0,
        pool.length,
        scoreExtractor(scored, recounted, retrained, 'beliefs', rescorerFrom(shippedRescorer)),
        0,
      ),
    );
  }

  for (const size of SIZES) {
    for (const seed of size >= 1 ? [0] : SEEDS) {
      const full = FULL_SIZES.includes(size);
      if (has('rules', size, seed) && has('tagger', size, seed) && (!full || has('full', size, seed)))
        continue;
      const subset = subsetOf(pool, size, seed);
      const prepared = subset.map(prepare);
      let t0 = performance.now();
      const lexicon = lexiconOf(prepared);
      if (!has('rules', size, seed))
        write(
          lineOf(
            'rules',
            size,
            seed,
            subset.length,
            scoreExtractor(scored, lexicon),
            (performance.now() - t0) / 1000,
          ),
        );
      t0 = performance.now();
      const tagger = taggerOf(prepared, lexicon);
      const tTagger = (performance.now() - t0) / 1000;
      if (!has('tagger', size, seed))
        write(
          lineOf(
            'tagger',
            size,
            seed,
            subset.length,
            scoreExtractor(scored, lexicon, tagger, 'beliefs'),
            tTagger,
          ),
        );
      if (full && !has('full', size, seed)) {
        t0 = performance.now();
        const { rescorer, rows } = rescorerOfSubset(prepared);
        const counts = scoreExtractor(scored, lexicon, tagger, 'beliefs', rescorer);
        write(
          lineOf('full', size, seed, subset.length, counts, tTagger + (performance.now() - t0) / 1000, rows),
        );
      }
    }
  }
  for (const order of ORDER_SEEDS) {
    if (has('tagger-order', 1, order) && has('full-order', 1, order)) continue;
    const prepared = pool.map(prepare);
    const lexicon = lexiconOf(prepared);
    let t0 = performance.now();
    const tagger = taggerOf(prepared, lexicon, order);
    const tTagger = (performance.now() - t0) / 1000;
    write(
      lineOf(
        'tagger-order',
        1,
        order,
        pool.length,
        scoreExtractor(scored, lexicon, tagger, 'beliefs'),
        tTagger,
      ),
    );
    t0 = performance.now();
    const { rescorer, rows } = rescorerOfSubset(prepared, order);
    const counts = scoreExtractor(scored, lexicon, tagger, 'beliefs', rescorer);
    write(
      lineOf('full-order', 1, order, pool.length, counts, tTagger + (performance.now() - t0) / 1000, rows),
    );
  }
  console.log(report(done));
}

if (RUN)
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exitCode = 1;
  });
