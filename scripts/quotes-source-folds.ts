/**
 * The source and content rules measured on fixed cues: the cues the shipped pipeline finds on each
 * held-out fold of PolNeAR train (dev is never read), written once, then fed back to the extractor
 * as given cues, so that a change to the source or content rules is scored in seconds on the same
 * cues the five-fold objective of scripts/quotes-cue-rescore.ts sees.
 *
 *   nice node dist/scripts/quotes-source-folds.js cues [--data DIR] [--cache DIR] [--out FILE]
 *   node dist/scripts/quotes-source-folds.js score [--data DIR] [--cues FILE] [--split] [--samples N]
 *
 * `cues`: for each fold k (by SHA-1 of the id, as the training scripts), the lexicon, a tagger with
 * the shipped tagger's settings and the re-scorer's trees (the shipped model's settings, read from
 * its file: extra, other boundaries (variants), word proposals, threshold, fallback, cue ends; the
 * trees' own settings, trees, rate, depth and the rest, from the retrain command in its card) are
 * learnt on the other folds, the trees from the other folds' rows (stacking, as the re-scorer
 * script does); the cues they keep on
 * fold k are written with the fold's own figures (the full extractor's), which `score` must match.
 * `score`: the three target figures per fold and pooled, with the given cues; `--split` also
 * sorts source overlap's errors (a cue found with the source missed, on other words, spurious on a
 * right cue, or the source of a gold cue not found) and prints samples of each.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Span } from '../src/article/types.js';
import { readJsonl } from '../src/eval/data.js';
import { countCues, prepare } from '../src/quotes/cue-counts.js';
import { countCueEnds } from '../src/quotes/cue-ends.js';
import { type CueLexiconFile, lexiconFrom, shippedLexicon, withCues } from '../src/quotes/cue-lexicon.js';
import {
  type CueRescorerFile,
  RESCORER_FEATURES,
  RESCORER_FORMAT,
  rescorerOf,
} from '../src/quotes/cue-rescorer.js';
import { taggerFrom } from '../src/quotes/cue-tagger.js';
import { DEFAULT_SETTINGS, fold, objective, scoreExtractor, trainTagger } from '../src/quotes/cue-train.js';
import {
  emptyRoleCounts,
  figuresOf,
  type GoldArticle,
  parseGoldArticle,
  type RoleCounts,
  rolesOf,
  scoreArticle,
} from '../src/quotes/eval-quotes.js';
import {
  type Attribution,
  cuePrefixStart,
  extractAttributions,
  extractCues,
  tokenTable,
  traceReadings,
  unitsOf,
} from '../src/quotes/extract-attributions.js';
import { findQuoteRegions } from '../src/quotes/quote-marks.js';
import { sameSpanTrimmed, shareWord, trimForScoring } from '../src/quotes/score-attributions.js';
import { cueRanges, cuesInUnit } from '../src/quotes/span-given-cues.js';
import { sentenceSpans } from '../src/text/sentences.js';
import { compactTree, DEFAULT_GBDT, trainGbdt } from './layout-text-gbdt.js';
import { cueRates, labelledRows, phraseRates } from './quotes-fold-rates.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    data: { type: 'string' },
    cache: { type: 'string' },
    out: { type: 'string' },
    cues: { type: 'string' },
    split: { type: 'boolean' },
    // Sorts cue exact's errors on found cues by where the extents differ, with the words that differ.
    'cue-split': { type: 'boolean' },
    samples: { type: 'string' },
    top: { type: 'string' },
    // Re-applies the extractor's cue prefix rule (cuePrefixStart) to the fold cues, with the
    // trees that chose them held fixed: a prefix rule measured apart from the trees' retraining.
    reprefix: { type: 'boolean' },
    gold: { type: 'boolean' },
    // Writes the per-fold figures to this file, or compares with it when it exists (--base).
    save: { type: 'string' },
    base: { type: 'string' },
  },
});

const MODELS = join(import.meta.dirname, '..', '..', 'models', 'quotes');
/** The fold cues `cues` writes and `score` reads (default: newsdigest-fold-cues.json in the system's temporary folder). */
const CUES_FILE = resolve(values.cues ?? values.out ?? join(tmpdir(), 'newsdigest-fold-cues.json'));

async function trainArticles(): Promise<GoldArticle[]> {
  const path = join(resolve(values.data ?? '../shared/data'), 'quotes-polnear', 'polnear.jsonl');
  const all: GoldArticle[] = [];
  let n = 0;
  for await (const r of readJsonl(path)) all.push(parseGoldArticle(r, `${path}: record ${++n}`));
  return all.filter((a) => a.split === 'train');
}

async function writeCues(): Promise<void> {
  const train = await trainArticles();
  const lexiconFile = JSON.parse(readFileSync(join(MODELS, 'cues.json'), 'utf8')) as CueLexiconFile;
  const shippedTagger = JSON.parse(readFileSync(join(MODELS, 'cue-tagger.json'), 'utf8')) as {
    bias: number;
    fallback?: number;
    combine: string;
  };
  const shipped = JSON.parse(readFileSync(join(MODELS, 'cue-rescorer.json'), 'utf8')) as CueRescorerFile;
  const card = readFileSync(join(MODELS, 'CARD-cue-tagger.md'), 'utf8');
  const epochs = Number(/Chosen: (\d+) epochs/.exec(card)?.[1] ?? 4);
  const cardR = readFileSync(join(MODELS, 'CARD-cue-rescorer.md'), 'utf8');
  const trees = Number(/--trees (\d+)/.exec(cardR)?.[1] ?? 40);
  const rate = Number(/--rate ([\d.]+)/.exec(cardR)?.[1] ?? DEFAULT_GBDT.rate);
  // The trees' other settings as the card's retrain command gives them (absent: the training
  // script's defaults), so that the fold trees are the shipped model's kind.
  const option = (name: string, fallback: number) =>
    Number(new RegExp(`--${name} ([\\d.]+)`).exec(cardR)?.[1] ?? fallback);
  const gbdt = {
    ...DEFAULT_GBDT,
    trees,
    depth: option('depth', 4),
    rate,
    lambda: option('lambda', DEFAULT_GBDT.lambda),
    minHessian: option('min-hessian', 3),
    bins: option('bins', DEFAULT_GBDT.bins),
    subsample: option('subsample', DEFAULT_GBDT.subsample),
    colsample: option('colsample', DEFAULT_GBDT.colsample),
  };
  const t0 = performance.now();
  const folds = [];
  for (let k = 0; k < 5; k++) {
    const fit = train.filter((a) => fold(a.id) !== k);
    const held = train.filter((a) => fold(a.id) === k);
    const fitPrepared = fit.map(prepare);
    const lexicon = lexiconFrom(withCues(lexiconFile, countCues(fitPrepared)));
    const cached = values.cache ? join(resolve(values.cache), `fold-${k}-tagger.json`) : undefined;
    const file =
      cached && existsSync(cached)
        ? (JSON.parse(readFileSync(cached, 'utf8')) as ReturnType<typeof trainTagger>)
        : trainTagger(fitPrepared, lexicon, lexiconFile, epochs, DEFAULT_SETTINGS);
    if (cached && !existsSync(cached)) {
      mkdirSync(resolve(values.cache!), { recursive: true });
      writeFileSync(cached, JSON.stringify(file));
    }
    const tagger = taggerFrom({
      ...file,
      bias: shippedTagger.bias,
      ...(shippedTagger.fallback !== undefined ? { fallback: shippedTagger.fallback } : {}),
    });
    // As quotes-cue-rescore.ts reads them, and the shipped stage from the model file's records.
    const rates = new Map(Object.entries(cueRates(fitPrepared)));
    const phrases = new Map(Object.entries(phraseRates(fitPrepared)));
    const rows = labelledRows(held.map(prepare), lexicon, tagger, shipped, rates, phrases);
    folds.push({ k, held, lexicon, tagger, rates, phrases, endPairs: countCueEnds(fitPrepared), rows });
    console.error(`fold ${k}: tagger ready, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  const cues: Record<string, Span[]> = {};
  const figures: Record<string, number> = {};
  for (const f of folds) {
    const x: number[] = [];
    const y: number[] = [];
    for (const g of folds) {
      if (g.k === f.k) continue;
      for (const v of g.rows.x) x.push(v);
      for (const v of g.rows.y) y.push(v);
    }
    // With --cache, the trees too are learnt once and read back: a change to the extractor is then
    // measured with the fold models held fixed, as the shipped models are (retraining the trees on
    // labels that moved in a few articles moves the folds' cue exact by ±0.002 by itself).
    // Named by the settings, so that trees cached under other ones are not read back.
    const cachedTrees = values.cache
      ? join(resolve(values.cache), `fold-${f.k}-trees-${shipped.variants}-d${gbdt.depth}.json`)
      : undefined;
    const model =
      cachedTrees && existsSync(cachedTrees)
        ? (JSON.parse(readFileSync(cachedTrees, 'utf8')) as ReturnType<typeof trainGbdt>)
        : trainGbdt(
            Float64Array.from(x),
            Uint8Array.from(y),
            new Float64Array(y.length).fill(1),
            RESCORER_FEATURES.length,
            gbdt,
          );
    if (cachedTrees && !existsSync(cachedTrees)) writeFileSync(cachedTrees, JSON.stringify(model));
    const file: CueRescorerFile = {
      format: RESCORER_FORMAT,
      features: [...RESCORER_FEATURES],
      extra: shipped.extra,
      variants: shipped.variants,
      threshold: shipped.threshold,
      fallback: shipped.fallback,
      ...(shipped.proposeWords !== undefined ? { proposeWords: shipped.proposeWords } : {}),
      base: model.base,
      trees: model.trees.map(compactTree),
      rates: {},
      phrases: {},
      ...(shipped.ends
        ? { ends: { min: shipped.ends.min, share: shipped.ends.share, pairs: f.endPairs } }
        : {}),
    };
    const rescorer = rescorerOf(file, f.rates, f.phrases);
    const counts = scoreExtractor(f.held, f.lexicon, f.tagger, 'beliefs', rescorer);
    figures[f.k] = objective(counts);
    for (const g of f.held)
      cues[g.id] = extractCues({
        text: g.text,
        sentences: sentenceSpans(g.text),
        lexicon: f.lexicon,
        tagger: f.tagger,
        combine: 'beliefs',
        rescorer,
      });
    console.error(`fold ${f.k}: objective ${figures[f.k]!.toFixed(4)} (${line(counts)})`);
  }
  mkdirSync(join(CUES_FILE, '..'), { recursive: true });
  writeFileSync(CUES_FILE, JSON.stringify({ figures, cues }));
  console.error(`wrote ${CUES_FILE}`);
}

function line(c: RoleCounts): string {
  const f = figuresOf(c);
  return `content ${f.content.overlap.f1.toFixed(4)} / source ${f.source.overlap.f1.toFixed(4)} (P ${f.source.overlap.precision.toFixed(4)} R ${f.source.overlap.recall.toFixed(4)}, exact ${f.source.exact.f1.toFixed(4)}) / cue ${f.cue.exact.f1.toFixed(4)}`;
}

/** Source overlap's errors, sorted. */
class Split {
  readonly n = new Map<string, number>();
  readonly samples = new Map<string, string[]>();
  constructor(readonly every: number) {}
  /** Marks: the predicted cue <…>, the predicted source {…}, the gold source […]. */
  add(kind: string, text: string, around: Span, mark: [Span | undefined, string, string][]): void {
    const c = (this.n.get(kind) ?? 0) + 1;
    this.n.set(kind, c);
    if (!this.every || c % this.every !== 1) return;
    const a = Math.max(0, around.start - 120);
    const b = Math.min(text.length, around.end + 80);
    let s = '';
    let at = a;
    // Each mark opens and closes where its span does (nested or overlapping marks interleave).
    const points: [number, number, string][] = [];
    for (const [m, open, close] of mark) {
      if (!m) continue;
      points.push([m.start, 1, open], [m.end, 0, close]);
    }
    points.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
    for (const [pos, , sign] of points) {
      if (pos < a || pos > b) continue;
      s += text.slice(at, pos) + sign;
      at = pos;
    }
    s += text.slice(at, b);
    const list = this.samples.get(kind) ?? [];
    list.push(s.replace(/\s+/g, ' '));
    this.samples.set(kind, list);
  }
}

async function score(): Promise<void> {
  const train = await trainArticles();
  const { figures, cues } = JSON.parse(readFileSync(CUES_FILE, 'utf8')) as {
    figures: Record<string, number>;
    cues: Record<string, Span[]>;
  };
  const lexicon = shippedLexicon();
  const perFold = Array.from({ length: 5 }, () => emptyRoleCounts());
  const pooled = emptyRoleCounts();
  const split = values.split ? new Split(Number(values.samples ?? 0)) : undefined;
  const readings = split ? traceReadings() : undefined;
  const cueSplit = values['cue-split'] ? new Split(Number(values.samples ?? 0)) : undefined;
  /** Per reading: [ok, no source, other words, spurious on a right cue, gold none and none given, spurious cue] */
  const perReading = new Map<string, number[]>();
  const tally = (a: Attribution, k: number) => {
    const r = readings?.get(a) ?? '?';
    const row = perReading.get(r) ?? [0, 0, 0, 0, 0, 0];
    row[k]!++;
    perReading.set(r, row);
  };
  for (const g of train) {
    const given0 = values.gold ? g.attributions.flatMap((a) => (a.cue ? [a.cue] : [])) : cues[g.id]!;
    const given = values.reprefix ? reprefixed(g.text, given0) : given0;
    const found = extractAttributions({
      text: g.text,
      sentences: sentenceSpans(g.text),
      lexicon,
      givenCues: given,
    });
    const predicted = rolesOf(found);
    scoreArticle(perFold[fold(g.id)]!, g, predicted);
    scoreArticle(pooled, g, predicted);
    if (cueSplit) cueExtents(cueSplit, g, predicted.cue);
    if (split) {
      const t = g.text;
      for (const a of g.attributions) {
        if (!a.cue) continue;
        const p = found.find((f) => shareWord(t, f.cue, a.cue!));
        if (!p) {
          if (a.source)
            split.add('a: gold cue not found (its source lost)', t, a.cue, [
              [a.cue, '<', '>'],
              [a.source, '[', ']'],
            ]);
          continue;
        }
        tally(
          p,
          !a.source && p.source
            ? 3
            : a.source && !p.source
              ? 1
              : a.source && p.source && !shareWord(t, a.source, p.source)
                ? 2
                : a.source
                  ? 0
                  : 4,
        );
        if (!a.source && p.source)
          split.add('d: source on a right cue where gold has none · ' + (readings?.get(p) ?? '?'), t, a.cue, [
            [p.cue, '<', '>'],
            [p.source, '{', '}'],
          ]);
        else if (a.source && !p.source)
          split.add('b: right cue, no source · ' + (readings?.get(p) ?? '?'), t, a.cue, [
            [p.cue, '<', '>'],
            [a.source, '[', ']'],
          ]);
        else if (a.source && p.source && !shareWord(t, a.source, p.source))
          split.add('c: right cue, source on other words · ' + (readings?.get(p) ?? '?'), t, a.cue, [
            [p.cue, '<', '>'],
            [p.source, '{', '}'],
            [a.source, '[', ']'],
          ]);
        else if (a.source && p.source) split.add('ok: right cue, source overlaps', t, a.cue, []);
      }
      for (const p of found) {
        if (!p.source) continue;
        if (!g.attributions.some((a) => a.cue && shareWord(t, p.cue, a.cue))) {
          tally(p, 5);
          const anyGold = g.attributions.some((a) => a.source && shareWord(t, a.source, p.source!));
          split.add(
            anyGold
              ? 'e: spurious cue, its source overlaps some gold source'
              : 'f: spurious cue, source matches nothing',
            t,
            p.cue,
            [
              [p.cue, '<', '>'],
              [p.source, '{', '}'],
            ],
          );
        }
      }
    }
  }
  for (let k = 0; k < 5; k++) {
    const o = objective(perFold[k]!);
    const ref = figures[k];
    console.log(
      `fold ${k}: ${o.toFixed(4)}${ref !== undefined && !values.gold ? ` (full extractor ${ref.toFixed(4)})` : ''} ${line(perFold[k]!)}`,
    );
  }
  const mean = perFold.reduce((s, c) => s + objective(c), 0) / 5;
  const meanSource = perFold.reduce((s, c) => s + figuresOf(c).source.overlap.f1, 0) / 5;
  console.log(`mean objective ${mean.toFixed(4)}, mean source overlap ${meanSource.toFixed(4)}`);
  console.log(`pooled: ${line(pooled)}`);
  const mine = perFold.map((c) => {
    const f = figuresOf(c);
    return [f.content.overlap.f1, f.source.overlap.f1, f.cue.exact.f1, objective(c)];
  });
  if (values.save) writeFileSync(values.save, JSON.stringify(mine));
  if (values.base && existsSync(values.base)) {
    const base = JSON.parse(readFileSync(values.base, 'utf8')) as number[][];
    for (const [k, name] of ['content overlap', 'source overlap', 'cue exact', 'objective'].entries()) {
      const d = mine.map((m, i) => m[k]! - base[i]![k]!);
      const mean = d.reduce((x, y) => x + y, 0) / d.length;
      console.log(
        `vs base ${name}: mean ${mean >= 0 ? '+' : ''}${mean.toFixed(4)}, folds up ${d.filter((x) => x > 1e-9).length}, down ${d.filter((x) => x < -1e-9).length}`,
      );
    }
  }
  if (split) {
    for (const [k, v] of [...split.n].sort()) console.log(`${k}: ${v}`);
    console.log(
      '\n| reading | ok | b: none | c: other words | d: gold none | both none | spurious cue (with source) |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- |');
    for (const [r, row] of [...perReading].sort(
      (x, y) => y[1].reduce((p, q) => p + q) - x[1].reduce((p, q) => p + q),
    ))
      console.log(`| ${r} | ${row.join(' | ')} |`);
    for (const [k, list] of [...split.samples].sort()) {
      console.log(`\n## ${k}`);
      for (const s of list) console.log(`- ${s}`);
    }
  }
  if (cueSplit) {
    const top = [...cueSplit.n].sort((x, y) => y[1] - x[1]);
    console.log('\n# cue extents (found cues; class · the words that differ, lower-cased)');
    for (const [k, v] of top.slice(0, Number(values.top ?? 80))) console.log(`${v}\t${k}`);
    for (const [k, list] of [...cueSplit.samples].sort()) {
      console.log(`\n## ${k}`);
      for (const s of list) console.log(`- ${s}`);
    }
  }
}

/**
 * The cues with the prefix rule applied anew: a cue's first words that the rule no longer takes
 * in are dropped (while a word remains), then cuePrefixStart extends it (not before the unit's
 * start or the previous cue's end).
 */
function reprefixed(text: string, spans: readonly Span[]): Span[] {
  const regions = findQuoteRegions(text);
  const table = tokenTable(text, regions);
  const ranges = cueRanges(table, spans);
  const out: Span[] = [];
  for (const [ts, te] of unitsOf(sentenceSpans(text), regions, table)) {
    let floor = ts;
    for (const [a0, b] of cuesInUnit(ranges, ts, te)) {
      let a = a0;
      while (a + 1 < b && cuePrefixStart(table, a + 1, a) === a + 1 && isOldPrefix(table.lower[a]!)) a++;
      a = cuePrefixStart(table, a, floor);
      out.push({ start: table.off[2 * a]!, end: table.off[2 * b - 1]! });
      floor = b;
    }
  }
  return out;
}

/** Words the prefix rule took in at the fold cues' commit (796ec9e) that it may now leave out. */
function isOldPrefix(w: string): boolean {
  return w === 'will' || w === 'may' || w === 'can' || w === 'must';
}

/** The words of text[from, to), lower-cased, or '∅'. */
function wordsIn(text: string, from: number, to: number): string {
  return text.slice(from, to).trim().toLowerCase().replace(/\s+/g, ' ') || '∅';
}

/**
 * Each gold cue that shares a word with a predicted cue but is not its exact match: by which side
 * differs (start, end, both), whether the prediction is longer or shorter there, and the words
 * between the two bounds; and the predicted cues that share no word with any gold cue, by shape.
 */
function cueExtents(split: Split, g: GoldArticle, cues: readonly Span[]): void {
  const t = g.text;
  const gold = g.attributions.flatMap((a) => (a.cue ? [a.cue] : []));
  for (const gc of gold) {
    if (cues.some((p) => sameSpanTrimmed(t, p, gc))) continue;
    const p = cues.find((q) => shareWord(t, q, gc));
    if (!p) continue;
    const x = trimForScoring(t, p);
    const y = trimForScoring(t, gc);
    const parts: string[] = [];
    if (x.start < y.start) parts.push(`start longer +${wordsIn(t, x.start, y.start)}`);
    if (x.start > y.start) parts.push(`start shorter -${wordsIn(t, y.start, x.start)}`);
    if (x.end > y.end) parts.push(`end longer +${wordsIn(t, y.end, x.end)}`);
    if (x.end < y.end) parts.push(`end shorter -${wordsIn(t, x.end, y.end)}`);
    const side = (x.start !== y.start ? 'S' : '') + (x.end !== y.end ? 'E' : '');
    split.add(`${side} ${parts.map((s) => (s.length > 60 ? s.slice(0, 60) + '…' : s)).join(' & ')}`, t, gc, [
      [p, '<', '>'],
      [gc, '[', ']'],
    ]);
    split.n.set(`=all ${side}`, (split.n.get(`=all ${side}`) ?? 0) + 1);
  }
  for (const p of cues) {
    if (gold.some((gc) => shareWord(t, p, gc))) continue;
    const tp = trimForScoring(t, p);
    const shape = tp.end <= tp.start ? `punct ${JSON.stringify(t.slice(p.start, p.end))}` : 'words';
    split.n.set(`=spurious ${shape}`, (split.n.get(`=spurious ${shape}`) ?? 0) + 1);
  }
}

if (positionals[0] === 'cues') await writeCues();
else await score();
