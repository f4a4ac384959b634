/**
 * The cue re-scorer (src/quotes/cue-rescorer.ts), trained out of fold and measured on the
 * five folds of PolNeAR train; writes models/quotes/cue-rescorer.json and its card only
 * when it beats the tagger alone on every fold's objective (unless --explore).
 *
 *   nice node dist/scripts/quotes-cue-rescore.js [--data DIR] [--out DIR] [--explore]
 *     [--extras 6,12] [--thresholds=-2,-1.5,-1] [--fallbacks=off,-4,-3] [--trees 120] [--depth 4]
 *
 * For each fold k of train (by SHA-1 of the id, as the tagger's training script): the lexicon
 * and a tagger (the shipped settings: epochs, bias, fallback, "beliefs") are learnt on the
 * other folds, and the spans the tagger proposes on fold k (its cues and a wider decode's)
 * become rows with a label (the span is a gold cue, exact up to surrounding punctuation).
 * The trees that score fold k learn from the rows of the other folds only (stacking); the
 * objective of each fold (mean of content overlap F1, source overlap F1 and cue exact F1) is
 * compared with the tagger's alone on the same fold. The shipped trees learn from the rows of
 * all five folds; at run time they judge the shipped tagger's spans.
 *
 * Also prints what the tagger's false-positive cues are on the folds: a boundary error (the
 * span overlaps a gold cue) or spurious (no gold cue overlaps it).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { readJsonl } from '../src/eval/data.js';
import { countCues, type Prepared, prepare } from '../src/quotes/cue-counts.js';
import { countCueEnds } from '../src/quotes/cue-ends.js';
import { type CueLexicon, type CueLexiconFile, lexiconFrom, withCues } from '../src/quotes/cue-lexicon.js';
import {
  type CueCandidate,
  type CueRescorerFile,
  cueCandidates,
  proposerOf,
  RESCORER_FEATURES,
  RESCORER_FORMAT,
  rescorerFrom,
  rescorerOf,
  type Variants,
  type WordProposer,
  wordProposerOf,
} from '../src/quotes/cue-rescorer.js';
import {
  type CueCombination,
  type CueTagger,
  classAt,
  loadTagger,
  taggerFrom,
  unitContext,
} from '../src/quotes/cue-tagger.js';
import { DEFAULT_SETTINGS, fold, objective, scoreExtractor, trainTagger } from '../src/quotes/cue-train.js';
import { figuresOf, type GoldArticle, parseGoldArticle, type RoleCounts } from '../src/quotes/eval-quotes.js';
import { cuePrefixStart, findCues, unitsOf } from '../src/quotes/extract-attributions.js';
import type { PhraseTrie } from '../src/quotes/phrase-trie.js';
import { findQuoteRegions } from '../src/quotes/quote-marks.js';
import { sentenceSpans } from '../src/text/sentences.js';
import { compactTree, DEFAULT_GBDT, trainGbdt } from './layout-text-gbdt.js';
import { Census } from './quotes-cue-census.js';
import { cueRates, phraseRates, shippedEnds, trimmed } from './quotes-fold-rates.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    out: { type: 'string' },
    explore: { type: 'boolean' },
    extras: { type: 'string' },
    thresholds: { type: 'string' },
    fallbacks: { type: 'string' },
    trees: { type: 'string' },
    depth: { type: 'string' },
    rate: { type: 'string' },
    // The trees' other settings (scripts/layout-text-gbdt.ts GbdtParams; defaults: lambda 1,
    // min-hessian 3, bins 32, subsample 1, colsample 1, the shipped trees').
    lambda: { type: 'string' },
    'min-hessian': { type: 'string' },
    bins: { type: 'string' },
    subsample: { type: 'string' },
    colsample: { type: 'string' },
    folds: { type: 'string' },
    // Also judge other boundaries of the proposed spans (phrases train knows as cues).
    variants: { type: 'boolean' },
    // Judge only one other boundary of the tagger's spans: one token shorter on the right.
    shorter: { type: 'boolean' },
    // A folder where each fold's tagger is kept once trained (the same settings give the same
    // tagger: training is deterministic), so that re-scorer experiments skip the retraining.
    cache: { type: 'string' },
    // An error census of the stacked re-scorer's cues at the first setting of the grid.
    census: { type: 'boolean' },
    // Features the trees may not read (an ablation: their columns are zeroed before training).
    drop: { type: 'string' },
    // How the tagger's cues combine with the rules' (cue-tagger.ts CueCombination; default "beliefs").
    combine: { type: 'string' },
    // The fold taggers' candidate share (TrainSettings.minRate; default the shipped 0.1).
    'min-rate': { type: 'string' },
    // The fold taggers' part-of-speech templates (TrainSettings.syntax bit mask; default the shipped 0).
    syntax: { type: 'string' },
    // The fold taggers' minimum gold-cue count for a candidate word (TrainSettings.minCandidate; default 2).
    'min-candidate': { type: 'string' },
    // The fold taggers' cost-augmented training, "spurious/missed" (TrainSettings.costSpurious, costMissed; default 0/0).
    cost: { type: 'string' },
    // The fold taggers' bagged perceptrons (TrainSettings.bags; default 1).
    bags: { type: 'string' },
    // The fold taggers' jackknife folds for the rule feature (TrainSettings.jackknife; default 5).
    jackknife: { type: 'string' },
    // The fold taggers' shuffle seed (TrainSettings.seed; default 0, the shipped order).
    seed: { type: 'string' },
    // The fold taggers' epochs (default: the shipped tagger's, read from its card).
    epochs: { type: 'string' },
    // The fold taggers' B bias (default: the shipped tagger's).
    bias: { type: 'string' },
    // Lexical proposals (cue-rescorer.ts CueRescorerFile.propose): the minimum phrase rates tried ("off": none).
    propose: { type: 'string' },
    // Word proposals (CueRescorerFile.proposeWords): the minimum word cue rates tried ("off": none).
    'propose-words': { type: 'string' },
    // A span that overlaps a gold cue without being one (a boundary error) is still an attribution
    // found (its source and content may be right): it counts as this much a positive (default 0).
    soft: { type: 'string' },
    // Cue ends by train's word pairs (src/quotes/cue-ends.ts): "min/share" settings tried, "off": none.
    ends: { type: 'string' },
  },
});

const EXTRAS = (values.extras ?? '6').split(',').map(Number);
const THRESHOLDS = (values.thresholds ?? '-2.5,-2,-1.75,-1.5,-1.25,-1').split(',').map(Number);
/** Log-odds for the per-unit fallback ("off": none). */
const FALLBACKS = (values.fallbacks ?? 'off,-4,-3,-2.5')
  .split(',')
  .map((v) => (v === 'off' ? Number.POSITIVE_INFINITY : Number(v)));
const GBDT = {
  ...DEFAULT_GBDT,
  trees: Number(values.trees ?? 120),
  depth: Number(values.depth ?? 4),
  rate: Number(values.rate ?? DEFAULT_GBDT.rate),
  lambda: Number(values.lambda ?? DEFAULT_GBDT.lambda),
  minHessian: Number(values['min-hessian'] ?? 3),
  bins: Number(values.bins ?? DEFAULT_GBDT.bins),
  subsample: Number(values.subsample ?? DEFAULT_GBDT.subsample),
  colsample: Number(values.colsample ?? DEFAULT_GBDT.colsample),
};
const VARIANTS: Variants = values.variants ? true : values.shorter ? 'shorter' : false;
/** Minimum phrase rates of the lexical proposer to try (undefined: none). */
const PROPOSE = (values.propose ?? 'off').split(',').map((v) => (v === 'off' ? undefined : Number(v)));
/** The candidate settings the rows are made for: the wide decode's raise and the proposer's minimum rate. */
const PROPOSE_WORDS = (values['propose-words'] ?? 'off')
  .split(',')
  .map((v) => (v === 'off' ? undefined : Number(v)));
const CANDS = EXTRAS.flatMap((extra) =>
  PROPOSE.flatMap((propose) => PROPOSE_WORDS.map((proposeWords) => ({ extra, propose, proposeWords }))),
);
type Cand = (typeof CANDS)[number];
const candKey = (c: Cand) => `${c.extra}/${c.propose ?? 'off'}/${c.proposeWords ?? 'off'}`;
/** The cue-end settings tried (undefined: the tagger's ends). */
const ENDS = (values.ends ?? 'off').split(',').map((v) => {
  if (v === 'off') return undefined;
  const [min, share] = v.split('/').map(Number);
  return { min: min!, share: share! };
});
const FOLDS = (values.folds ?? '0,1,2,3,4').split(',').map(Number);

const shippedTaggerFile = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', '..', 'models', 'quotes', 'cue-tagger.json'), 'utf8'),
) as { bias: number; fallback?: number; combine: string };
/** The shipped tagger's epochs, read from its card (the training script's choice). */
const EPOCHS = Number(
  values.epochs ??
    /Chosen: (\d+) epochs/.exec(
      readFileSync(join(import.meta.dirname, '..', '..', 'models', 'quotes', 'CARD-cue-tagger.md'), 'utf8'),
    )?.[1] ??
    4,
);

interface Rows {
  x: number[];
  y: number[];
  /** 1 where the span overlaps a gold cue without being one. */
  o: number[];
}
const SOFT = Number(values.soft ?? 0);

/** The spans the tagger proposes in the articles, as rows; and the false-positive breakdown of its own cues. */
function rowsOf(
  articles: readonly Prepared[],
  lexicon: CueLexicon,
  tagger: CueTagger,
  extra: number,
  rates: Map<string, number>,
  phrases: Map<string, number>,
  proposer: PhraseTrie | undefined,
  words: WordProposer | undefined,
  errors: {
    boundary: number;
    spurious: number;
    right: number;
    boundaryExamples: string[];
    spuriousWords: Map<string, number>;
  },
): Rows {
  const rows: Rows = { x: [], y: [], o: [] };
  for (const p of articles) {
    const table = p.table;
    const gold = new Set(p.cues.map(([a, b]) => trimmed(table.lower, a, b)));
    const units = unitsOf(sentenceSpans(p.gold.text), findQuoteRegions(p.gold.text), table);
    for (let u = 0; u < units.length; u++) {
      const [ts, te] = units[u]!;
      if (te <= ts) continue;
      const ctx = unitContext(table, ts, te, findCues(table, ts, te, lexicon));
      const cands: CueCandidate[] = cueCandidates(
        table,
        ts,
        te,
        ctx,
        tagger,
        extra,
        VARIANTS,
        rates,
        phrases,
        (k) => classAt(table, k, ts, ctx),
        proposer,
        words,
      );
      for (const c of cands) {
        // Labelled as the extractor will state it: with the auxiliaries and adverbs before it taken in.
        const from = cuePrefixStart(table, c.from, ts);
        const label = gold.has(trimmed(table.lower, from, c.to)) ? 1 : 0;
        for (const v of c.row) rows.x.push(v);
        rows.y.push(label);
        rows.o.push(!label && p.cues.some(([ga, gb]) => ga < c.to && from < gb) ? 1 : 0);
        if (c.row[3] === 1) {
          // One of the tagger's own cues.
          if (label) errors.right++;
          else if (p.cues.some(([a, b]) => a < c.to && c.from < b)) {
            errors.boundary++;
            if (errors.boundaryExamples.length < 25) {
              const g = p.cues.find(([a, b]) => a < c.to && c.from < b)!;
              errors.boundaryExamples.push(
                `"${table.lower.slice(c.from, c.to).join(' ')}" vs gold "${table.lower.slice(g[0], g[1]).join(' ')}"`,
              );
            }
          } else {
            errors.spurious++;
            const w = table.lower.slice(c.from, c.to).join(' ');
            errors.spuriousWords.set(w, (errors.spuriousWords.get(w) ?? 0) + 1);
          }
        }
      }
    }
  }
  return rows;
}

function score(
  articles: readonly GoldArticle[],
  lexicon: CueLexicon,
  tagger: CueTagger,
  rescorer?: CueRescorerFile,
  rates?: Map<string, number>,
  phrases?: Map<string, number>,
): RoleCounts {
  const r = rescorer ? rescorerOf(rescorer, rates!, phrases!) : undefined;
  return scoreExtractor(articles, lexicon, tagger, (values.combine ?? 'beliefs') as CueCombination, r);
}

const fmt = (c: RoleCounts) => {
  const f = figuresOf(c);
  return `${f.content.overlap.f1.toFixed(4)} / ${f.source.overlap.f1.toFixed(4)} / ${f.cue.exact.f1.toFixed(4)} (cue P ${f.cue.exact.precision.toFixed(3)} R ${f.cue.exact.recall.toFixed(3)})`;
};

const DROPPED = (values.drop ?? '')
  .split(',')
  .filter(Boolean)
  .map((name) => {
    const k = (RESCORER_FEATURES as readonly string[]).indexOf(name);
    if (k < 0) throw new Error(`--drop: no feature ${name}`);
    return k;
  });

function fitTrees(x: number[], y: number[], o: number[]): { base: number; trees: CueRescorerFile['trees'] } {
  const width = RESCORER_FEATURES.length;
  for (const k of DROPPED) for (let r = 0; r < y.length; r++) x[r * width + k] = 0;
  // A soft label as two rows: positive with weight SOFT, negative with 1 - SOFT.
  const ww: number[] = new Array<number>(y.length).fill(1);
  if (SOFT > 0) {
    const n = y.length;
    for (let r = 0; r < n; r++) {
      if (!o[r]) continue;
      for (let j = 0; j < width; j++) x.push(x[r * width + j]!);
      y.push(1);
      ww.push(SOFT);
      ww[r] = 1 - SOFT;
    }
  }
  const yy = Uint8Array.from(y);
  const w = Float64Array.from(ww);
  const model = trainGbdt(Float64Array.from(x), yy, w, RESCORER_FEATURES.length, GBDT);
  return { base: model.base, trees: model.trees.map(compactTree) };
}

async function main(): Promise<void> {
  const dataDir = resolve(values.data ?? '../shared/data');
  const outDir = resolve(values.out ?? join(import.meta.dirname, '..', '..', 'models', 'quotes'));
  const path = join(dataDir, 'quotes-polnear', 'polnear.jsonl');
  const all: GoldArticle[] = [];
  let n = 0;
  for await (const r of readJsonl(path)) all.push(parseGoldArticle(r, `${path}: record ${++n}`));
  const train = all.filter((a) => a.split === 'train');
  const lexiconFile = JSON.parse(
    readFileSync(join(import.meta.dirname, '..', '..', 'models', 'quotes', 'cues.json'), 'utf8'),
  ) as CueLexiconFile;
  const t0 = performance.now();

  interface FoldData {
    k: number;
    held: GoldArticle[];
    lexicon: CueLexicon;
    tagger: CueTagger;
    rates: Map<string, number>;
    phrases: Map<string, number>;
    endPairs: Record<string, [number, number]>;
    rows: Map<string, Rows>;
    base: RoleCounts;
  }
  const folds: FoldData[] = [];
  const errors = {
    boundary: 0,
    spurious: 0,
    right: 0,
    boundaryExamples: [] as string[],
    spuriousWords: new Map<string, number>(),
  };
  for (const k of FOLDS) {
    const fit = train.filter((a) => fold(a.id) !== k);
    const held = train.filter((a) => fold(a.id) === k);
    const fitPrepared = fit.map(prepare);
    const lexicon = lexiconFrom(withCues(lexiconFile, countCues(fitPrepared)));
    const cached = values.cache ? join(resolve(values.cache), `fold-${k}-tagger.json`) : undefined;
    const file =
      cached && existsSync(cached)
        ? (JSON.parse(readFileSync(cached, 'utf8')) as ReturnType<typeof trainTagger>)
        : trainTagger(fitPrepared, lexicon, lexiconFile, EPOCHS, {
            ...DEFAULT_SETTINGS,
            minRate: Number(values['min-rate'] ?? DEFAULT_SETTINGS.minRate),
            syntax: Number(values.syntax ?? DEFAULT_SETTINGS.syntax),
            minCandidate: Number(values['min-candidate'] ?? DEFAULT_SETTINGS.minCandidate),
            costSpurious: Number((values.cost ?? '0/0').split('/')[0]),
            costMissed: Number((values.cost ?? '0/0').split('/')[1]),
            bags: Number(values.bags ?? 1),
            jackknife: Number(values.jackknife ?? DEFAULT_SETTINGS.jackknife),
            seed: Number(values.seed ?? 0),
          });
    if (cached && !existsSync(cached)) {
      mkdirSync(resolve(values.cache!), { recursive: true });
      writeFileSync(cached, JSON.stringify(file));
    }
    const tagger = taggerFrom({
      ...file,
      bias: Number(values.bias ?? shippedTaggerFile.bias),
      ...(shippedTaggerFile.fallback !== undefined ? { fallback: shippedTaggerFile.fallback } : {}),
    });
    const rates = new Map(Object.entries(cueRates(fitPrepared)));
    const phrases = new Map(Object.entries(phraseRates(fitPrepared)));
    const heldPrepared = held.map(prepare);
    const rows = new Map<string, Rows>();
    for (const c of CANDS)
      rows.set(
        candKey(c),
        rowsOf(
          heldPrepared,
          lexicon,
          tagger,
          c.extra,
          rates,
          phrases,
          c.propose !== undefined ? proposerOf(phrases, c.propose) : undefined,
          c.proposeWords !== undefined ? wordProposerOf(rates, c.proposeWords) : undefined,
          c === CANDS[0]
            ? errors
            : { boundary: 0, spurious: 0, right: 0, boundaryExamples: [], spuriousWords: new Map() },
        ),
      );
    const base = score(held, lexicon, tagger);
    console.error(
      `fold ${k}: ${held.length} held-out; tagger alone ${objective(base).toFixed(4)} (${fmt(base)}); ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    );
    folds.push({ k, held, lexicon, tagger, rates, phrases, endPairs: countCueEnds(fitPrepared), rows, base });
  }
  console.error(
    `the tagger's cues on the held-out folds: ${errors.right} right, ${errors.boundary} boundary errors, ${errors.spurious} spurious`,
  );
  console.error(`boundary examples: ${errors.boundaryExamples.join('; ')}`);
  console.error(
    `most frequent spurious cues: ${[...errors.spuriousWords]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 40)
      .map(([w, c]) => `${w} ${c}`)
      .join(', ')}`,
  );

  // Stacking: the trees scoring fold k learn from the other folds' rows.
  const results: {
    extra: number;
    propose: number | undefined;
    proposeWords: number | undefined;
    threshold: number;
    fallback: number;
    ends: number;
    perFold: number[];
    mean: number;
    wins: number;
  }[] = [];
  const grid = THRESHOLDS.flatMap((t) =>
    FALLBACKS.filter((f) => f < t || !Number.isFinite(f)).flatMap((f) =>
      ENDS.map((_, e) => [t, f, e] as const),
    ),
  );
  const key = (t: number, f: number, e: number) => `${t} ${f} ${e}`;
  const endsLabel = (e: number) => (ENDS[e] ? ` ends ${ENDS[e]!.min}/${ENDS[e]!.share}` : '');
  const census = values.census ? new Census() : undefined;
  const baseMean = folds.reduce((s, f) => s + objective(f.base), 0) / folds.length;
  for (const cand of CANDS) {
    const { extra, propose, proposeWords } = cand;
    const perSetting = new Map<string, number[]>(grid.map(([t, f, e]) => [key(t, f, e), []]));
    for (const f of folds) {
      const x: number[] = [];
      const y: number[] = [];
      const o: number[] = [];
      for (const g of folds) {
        if (g.k === f.k) continue;
        const r = g.rows.get(candKey(cand))!;
        for (const v of r.x) x.push(v);
        for (const v of r.y) y.push(v);
        for (const v of r.o) o.push(v);
      }
      const model = fitTrees(x, y, o);
      for (const [threshold, fallback, e] of grid) {
        const end = ENDS[e];
        const file: CueRescorerFile = {
          format: RESCORER_FORMAT,
          features: [...RESCORER_FEATURES],
          extra,
          variants: VARIANTS,
          threshold,
          fallback,
          ...(propose !== undefined ? { propose } : {}),
          ...(proposeWords !== undefined ? { proposeWords } : {}),
          base: model.base,
          trees: model.trees,
          rates: {},
          phrases: {},
          ...(end ? { ends: { ...end, pairs: f.endPairs } } : {}),
        };
        const counts = score(f.held, f.lexicon, f.tagger, file, f.rates, f.phrases);
        if (census && threshold === grid[0]![0] && fallback === grid[0]![1] && e === 0 && cand === CANDS[0])
          census.add(f.held, f.lexicon, f.tagger, rescorerOf(file, f.rates, f.phrases));
        perSetting.get(key(threshold, fallback, e))!.push(objective(counts));
        console.error(
          `extra ${extra} propose ${propose ?? 'off'}/${proposeWords ?? 'off'}${endsLabel(e)} threshold ${threshold} fallback ${fallback} fold ${f.k}: ${objective(counts).toFixed(4)} (${fmt(counts)})`,
        );
      }
    }
    for (const [threshold, fallback, e] of grid) {
      const perFold = perSetting.get(key(threshold, fallback, e))!;
      const mean = perFold.reduce((s, v) => s + v, 0) / perFold.length;
      const wins = perFold.filter((v, i) => v > objective(folds[i]!.base)).length;
      results.push({ extra, propose, proposeWords, threshold, fallback, ends: e, perFold, mean, wins });
    }
  }
  console.log(
    `| extra | propose | threshold | fallback | ${folds.map((f) => `fold ${f.k}`).join(' | ')} | mean | Δ mean | folds better |`,
  );
  console.log(`| --- | --- | --- | --- | ${folds.map(() => '---').join(' | ')} | --- | --- | --- |`);
  console.log(
    `| tagger alone | | | | ${folds.map((f) => objective(f.base).toFixed(4)).join(' | ')} | ${baseMean.toFixed(4)} | | |`,
  );
  for (const r of results)
    console.log(
      `| ${r.extra} | ${r.propose ?? 'off'}/${r.proposeWords ?? 'off'}${endsLabel(r.ends)} | ${r.threshold} | ${Number.isFinite(r.fallback) ? r.fallback : 'off'} | ${r.perFold.map((v) => v.toFixed(4)).join(' | ')} | ${r.mean.toFixed(4)} | ${(r.mean - baseMean >= 0 ? '+' : '') + (r.mean - baseMean).toFixed(4)} | ${r.wins}/${folds.length} |`,
    );
  if (census) console.log(census.report());
  const best = results.reduce((a, b) => (b.mean > a.mean ? b : a));
  console.error(
    `best: extra ${best.extra}, propose ${best.propose ?? 'off'}/${best.proposeWords ?? 'off'}, threshold ${best.threshold}, fallback ${best.fallback}, mean ${best.mean.toFixed(4)} vs ${baseMean.toFixed(4)}, better on ${best.wins} of ${folds.length} folds`,
  );
  if (values.explore || best.wins < folds.length || folds.length < 5) {
    console.error('not written (exploring, or not better on every fold)');
    return;
  }
  // Shipped: trees over every fold's rows; rates over all of train.
  const x: number[] = [];
  const y: number[] = [];
  const o: number[] = [];
  for (const f of folds) {
    const r = f.rows.get(candKey(best))!;
    for (const v of r.x) x.push(v);
    for (const v of r.y) y.push(v);
    for (const v of r.o) o.push(v);
  }
  const rowCount = y.length;
  const model = fitTrees(x, y, o);
  const file: CueRescorerFile = {
    format: RESCORER_FORMAT,
    features: [...RESCORER_FEATURES],
    extra: best.extra,
    variants: VARIANTS,
    threshold: best.threshold,
    ...(Number.isFinite(best.fallback) ? { fallback: best.fallback } : {}),
    ...(best.propose !== undefined ? { propose: best.propose } : {}),
    ...(best.proposeWords !== undefined ? { proposeWords: best.proposeWords } : {}),
    base: model.base,
    trees: model.trees,
    rates: cueRates(train.map(prepare)),
    phrases: phraseRates(train.map(prepare)),
    ...(ENDS[best.ends] ? { ends: shippedEnds(ENDS[best.ends]!, countCueEnds(train.map(prepare))) } : {}),
  };
  mkdirSync(outDir, { recursive: true });
  const json = `${JSON.stringify(file)}\n`;
  writeFileSync(join(outDir, 'cue-rescorer.json'), json);
  const l0 = performance.now();
  const loaded = rescorerFrom(JSON.parse(json) as CueRescorerFile);
  const loadMs = performance.now() - l0;
  console.error(`written ${join(outDir, 'cue-rescorer.json')} (${json.length} bytes, ${rowCount} rows)`);
  // Dev, scored once for the card: the shipped lexicon and tagger, without and with the trees.
  const dev = all.filter((a) => a.split === 'dev');
  const lexicon = lexiconFrom(lexiconFile);
  const tagger = loadTagger(join(import.meta.dirname, '..', '..', 'models', 'quotes', 'cue-tagger.json'));
  const devBase = score(dev, lexicon, tagger);
  const devNew = score(dev, lexicon, tagger, loaded.file, loaded.rates, loaded.phrases);
  const table = [
    `| tagger alone | | | | ${folds.map((f) => objective(f.base).toFixed(4)).join(' | ')} | ${baseMean.toFixed(4)} | | |`,
    ...results.map(
      (r) =>
        `| ${r.extra} | ${r.propose ?? 'off'}/${r.proposeWords ?? 'off'}${endsLabel(r.ends)} | ${r.threshold} | ${Number.isFinite(r.fallback) ? r.fallback : 'off'} | ${r.perFold.map((v) => v.toFixed(4)).join(' | ')} | ${r.mean.toFixed(4)} | ${(r.mean - baseMean >= 0 ? '+' : '') + (r.mean - baseMean).toFixed(4)} | ${r.wins}/5 |`,
    ),
  ].join('\n');
  const card = `# quotes cue re-scorer

Generated by \`scripts/quotes-cue-rescore.ts\`; do not edit by hand.

**What it is.** Gradient-boosted trees (scripts/layout-text-gbdt.ts, logistic loss, ${GBDT.trees} trees of
depth ${GBDT.depth}, rate ${GBDT.rate}) that judge each cue span the cue tagger (CARD-cue-tagger.md) proposes in a
sentence: its own cues and those of a wider decode (B scores raised by ${best.extra}: more cues)${VARIANTS === 'shorter' ? ', and each of these one token shorter on the right where train knows the shorter phrase as a cue ("said Tuesday" → "said"; the six other boundaries of quotes-6, `--variants`, lost on the folds, the left ones taking the source\'s words; docs/RESULTS.md (quotes-rescore-12b))' : VARIANTS ? ', and other boundaries of these where train knows the phrase as a cue (one to three tokens more on the right, one more on the left, one less on either side)' : ' (other boundaries of these, where train knows the phrase as a cue, were measured as candidates too and lost on the folds: `--variants`, docs/RESULTS.md (quotes-6))'}${best.propose !== undefined || best.proposeWords !== undefined ? `; and, where no span of the two decodes lies, lexical proposals (docs/RESULTS.md (quotes-9)):${best.propose !== undefined ? ` every cue phrase of train (seen as a gold cue twice or more) whose cue rate reaches ${best.propose}, longest match at each token;` : ''}${best.proposeWords !== undefined ? ` every content word among the tagger's candidates whose cue rate in train (or its stem's) reaches ${best.proposeWords}, alone and with the preposition or "to" after it;` : ''} the tagger's margins on their tokens computed for them, and a lexical proposal never taken by the fallback` : ''}. A span is kept when its log-odds reach ${best.threshold}, the more
probable first where two overlap; in a sentence where none does, the most probable is kept when it
reaches ${Number.isFinite(best.fallback) ? best.fallback : '(never)'}. The rules' belief and intention cues still fill a sentence left without a cue ("beliefs").${
    ENDS[best.ends]
      ? `
**Cue ends** (src/quotes/cue-ends.ts, docs/RESULTS.md (quotes-10)): a kept cue's end follows train's gold cues for the word pair there
(h, w) — run on over w ("said in a statement") or stop at h ("said | Tuesday") — where the pair occurs at
least ${ENDS[best.ends]!.min} times in train's cues and one way holds at least ${ENDS[best.ends]!.share} of them (on the folds: counted on the
other four; shipped: ${Object.keys(file.ends?.pairs ?? {}).length} pairs counted on all of train).`
      : ''
  }
Features (${RESCORER_FEATURES.length}): ${RESCORER_FEATURES.join(', ')} (src/quotes/cue-rescorer.ts: the perceptron's B-minus-O margin at
the span's first token and mean I-minus-O margin inside it, whether the span is the tagger's own cue or
overlaps one, the rules' label, the word classes of the head and of the tokens either side, the head
word's and the whole phrase's cue rate in train, the distance to a quotation either side, a name or
subject pronoun within four tokens before it, the position in the sentence, how many cues each decode
finds in the sentence, whether it holds a quotation, "that" after it, a comma before it, whether it is a lexical proposal;
and, since the eleventh session (docs/RESULTS.md (quotes-cue-11)), parts of speech from src/syntax's tagger, tagged in windows of six
tokens around the span's first and last tokens and the token after it: the Penn tag (as ordered groups: nouns, names and pronouns,
function words, adjectives and adverbs, then the verb forms) of the span's first word, its head, the token before and the token after,
and what follows the span — "that", a clause without "that", "to" and a verb, a quotation, a colon — as the tagger's unshipped syntax
templates read it); and, since the twelfth session (docs/RESULTS.md (quotes-cue-12)), how many tokens back the nearest span of the
tagger's own decode ends in the sentence (-1: none), whether a comma, colon, semicolon or quotation mark stands between them, and the
tagger's B-minus-O margin at that span's first token — a cue right after another with nothing between is often inside its content,
where PolNeAR, one attribution to a token, marks no cue (train folds, four shuffle seeds of the fold taggers, paired: the first two
columns +0.0024 on the objective, 18 of 20 folds up, the margin +0.0012 more, 14 of 20).${
    VARIANTS === 'shorter' && GBDT.depth === 5
      ? ` The shorter boundaries and trees of depth 5 (quotes-rescore-12b): on the train folds, four shuffle seeds of the
fold taggers, paired against the trees of depth 4 without them, +0.0021 on the objective (18 of 20 folds up; cue exact
+0.0048, content +0.0005, source +0.0010); the shorter boundaries alone +0.0011 (17 of 20), depth 5 alone +0.0007 (11 of 20).`
      : ''
  }

**Data.** PolNeAR (\`quotes-polnear/polnear.jsonl\`), ${train.length} train articles; dev (${dev.length}) scored below, never used for a choice.

**Trained out of fold.** For each of the five folds of train (SHA-1 of the id, as the tagger's script),
the lexicon and a tagger with the shipped settings (${EPOCHS} epochs, bias ${shippedTaggerFile.bias}, fallback ${shippedTaggerFile.fallback ?? 'off'}, "beliefs") learn
from the other four and propose the fold's spans; a span's label is whether it is a gold cue (exact up to
surrounding punctuation) once the auxiliaries, modals, negation and adverbs right before it are taken in, as
the extractor states it (src/quotes/extract-attributions.ts, cuePrefixStart). The trees that score a fold learn from the other folds' spans only; the shipped
trees from all five folds' (${rowCount} spans); the cue rates from all of train.

**Choice, on the five folds of train** (objective: mean of content overlap F1, source overlap F1 and cue
exact F1 of the whole extractor on the held-out fold; shipped only when better on every fold):

(propose: the phrase / word minimum rates of the lexical proposals, "off": none)

| extra | propose | threshold | fallback | fold 0 | fold 1 | fold 2 | fold 3 | fold 4 | mean | Δ mean | folds better |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${table}

Chosen: extra ${best.extra}, lexical proposals ${best.propose ?? 'off'}/${best.proposeWords ?? 'off'},${ENDS[best.ends] ? ` cue ends ${ENDS[best.ends]!.min}/${ENDS[best.ends]!.share},` : ''} threshold ${best.threshold}, fallback ${Number.isFinite(best.fallback) ? best.fallback : 'off'} (${best.mean.toFixed(4)} against ${baseMean.toFixed(4)}, better on ${best.wins} of 5 folds).

**Scores on dev** (content overlap / source overlap / cue exact F1; sentences from src/text/sentences.ts):
the tagger alone ${fmt(devBase)}; with the re-scorer ${fmt(devNew)}.

**Size and load.** ${json.length} bytes (${file.trees.length} trees, ${Object.keys(file.rates).length} word rates, ${Object.keys(file.phrases).length} phrase rates);
parsed in ${loadMs.toFixed(1)} ms here. Speed: docs/RESULTS.md (quotes-6: what 40 trees cost the stage), docs/RESULTS.md (quotes-9), and docs/RESULTS.md (quotes-cue-11: what the part-of-speech features cost the stage).

**Retrain.** \`npm run build && nice node dist/scripts/quotes-cue-rescore.js --data ../shared/data --trees ${GBDT.trees} --rate ${GBDT.rate} --extras ${EXTRAS.join(',')}${VARIANTS === 'shorter' ? ' --shorter' : VARIANTS ? ' --variants' : ''}${values.depth ? ` --depth ${values.depth}` : ''}${values.lambda ? ` --lambda ${values.lambda}` : ''}${values['min-hessian'] ? ` --min-hessian ${values['min-hessian']}` : ''}${values.subsample ? ` --subsample ${values.subsample}` : ''}${values.colsample ? ` --colsample ${values.colsample}` : ''}${values.bins ? ` --bins ${values.bins}` : ''}${values.propose ? ` --propose ${values.propose}` : ''}${values['propose-words'] ? ` --propose-words ${values['propose-words']}` : ''}${values.ends ? ` --ends ${values.ends}` : ''}${values.soft ? ` --soft ${values.soft}` : ''}${values['min-rate'] ? ` --min-rate ${values['min-rate']}` : ''}${values.syntax ? ` --syntax ${values.syntax}` : ''}${values['min-candidate'] ? ` --min-candidate ${values['min-candidate']}` : ''}${values.epochs ? ` --epochs ${values.epochs}` : ''}${values.bias ? ` --bias ${values.bias}` : ''} --thresholds=${THRESHOLDS.join(',')} --fallbacks=${FALLBACKS.map((f) => (Number.isFinite(f) ? f : 'off')).join(',')}\`
(the five-fold table alone, nothing written and dev not read: add \`--explore\`).
`;
  writeFileSync(join(outDir, 'CARD-cue-rescorer.md'), card);
  console.error(card);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exitCode = 1;
});
