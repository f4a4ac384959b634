/**
 * Training of the cue tagger (cue-tagger.ts): used by the scripts in scripts/, never at run
 * time. An averaged structured perceptron over the candidate tokens of each unit, with
 * the rules' labels as a feature (jackknifed: each training article's rule labels come
 * from a lexicon counted on the other folds, so the tagger learns how far the rules
 * hold on text the lexicon has not memorised).
 */
import { createHash } from 'node:crypto';
import { sentenceSpans } from '../text/sentences.js';
import { countCues, type Prepared } from './cue-counts.js';
import { type CueLexicon, type CueLexiconFile, lexiconFrom, withCues } from './cue-lexicon.js';
import type { CueRescorer } from './cue-rescorer.js';
import {
  BUCKETS,
  type CueCombination,
  type CueTagger,
  type CueTaggerFile,
  FORMAT,
  featureCount,
  featuresAt,
  I,
  labelsOfCues,
  O,
  stemOf,
  taggerFrom,
  unitCandidates,
  unitContext,
  viterbi,
} from './cue-tagger.js';
import {
  emptyRoleCounts,
  figuresOf,
  type GoldArticle,
  type RoleCounts,
  rolesOf,
  scoreArticle,
} from './eval-quotes.js';
import { extractAttributions, findCues, unitsOf } from './extract-attributions.js';
import { findQuoteRegions } from './quote-marks.js';

export interface TrainSettings {
  /** A word (or stem) is a candidate where it was part of a gold cue at least this often… */
  minCandidate: number;
  /** …and at least this share of its occurrences outside quotes were in a cue. */
  minRate: number;
  /** Folds for the jackknifed rule feature (0: rule labels from the lexicon given). */
  jackknife: number;
  /** Part-of-speech templates on (bit mask over the templates after 'uq'; 0: none). */
  syntax: number;
  /**
   * Cost-augmented training (a margin): while training, a wrong label's score at a candidate is
   * raised by this much where the gold label is O (a spurious cue token)…
   */
  costSpurious?: number;
  /** …and by this much where the gold label is B or I (a missed cue token). 0 and 0: the plain perceptron. */
  costMissed?: number;
  /** Perceptrons trained on other shuffles of the sequences and averaged into one (1: one). */
  bags?: number;
  /** Shifts the shuffles' seeds (0: the shipped order): how much the order alone moves the figures. */
  seed?: number;
}

export const DEFAULT_SETTINGS: TrainSettings = {
  minCandidate: 2,
  minRate: 0.1,
  jackknife: 5,
  syntax: 0,
};

/** The fold (0-4) of an article, by SHA-1 of its id: fold 0 is the held-out fifth of train. */
export function fold(id: string): number {
  return createHash('sha1').update(id).digest()[0]! % 5;
}

/** One training sequence: the candidate tokens' feature ids and gold labels of a unit. */
interface Sequence {
  cand: Uint8Array;
  feats: (Int32Array | undefined)[];
  gold: Uint8Array;
}

/**
 * Per word and stem: how often it stands in a gold cue (`inCue`) and how often outside quotes
 * at all (`seen`), over the articles.
 */
export function cueWordCounts(articles: readonly Prepared[]): {
  inCue: Map<string, number>;
  seen: Map<string, number>;
} {
  const inCue = new Map<string, number>();
  const seen = new Map<string, number>();
  const add = (m: Map<string, number>, w: string) => {
    m.set(w, (m.get(w) ?? 0) + 1);
    const s = stemOf(w);
    if (s !== w) m.set(s, (m.get(s) ?? 0) + 1);
  };
  for (const p of articles) {
    for (const [a, b] of p.cues) for (let k = a; k < b; k++) if (p.table.word[k]) add(inCue, p.lower[k]!);
    for (let k = 0; k < p.lower.length; k++)
      if (p.table.word[k] && p.region[k] === -1) add(seen, p.lower[k]!);
  }
  return { inCue, seen };
}

export function candidatesOf(articles: readonly Prepared[], settings: TrainSettings): Set<string> {
  const { inCue, seen } = cueWordCounts(articles);
  // Frequent words that are rarely in a cue ("the", "of") would make nearly every token a
  // candidate: slow, and the rules' label covers the cues they are part of.
  return new Set(
    [...inCue]
      .filter(([w, c]) => c >= settings.minCandidate && c / Math.max(c, seen.get(w) ?? 0) >= settings.minRate)
      .map(([w]) => w),
  );
}

function sequencesOf(
  articles: readonly Prepared[],
  lexiconOf: (k: number) => CueLexicon,
  tagger: CueTagger,
): Sequence[] {
  const out: Sequence[] = [];
  for (const [k, p] of articles.entries()) {
    const lexicon = lexiconOf(k);
    const table = p.table;
    const units = unitsOf(sentenceSpans(p.gold.text), findQuoteRegions(p.gold.text), table);
    for (const [ts, te] of units) {
      if (te <= ts) continue;
      const ctx = unitContext(table, ts, te, findCues(table, ts, te, lexicon));
      const gold = labelsOfCues(p.cues, ts, te);
      const cand = unitCandidates(table, ts, te, ctx, tagger).slice();
      const feats: (Int32Array | undefined)[] = new Array(te - ts);
      for (let i = ts; i < te; i++) {
        if (!cand[i - ts]) continue;
        const ids = new Int32Array(featureCount(tagger.syntax));
        featuresAt(table, i, ts, te, ctx, ids, tagger.syntax);
        feats[i - ts] = ids;
      }
      // Gold labels the decoder can reach: O off the candidates, a cue restarting after one.
      for (let t = 0; t < gold.length; t++) {
        if (!cand[t]) gold[t] = O;
        else if (gold[t] === I && (t === 0 || gold[t - 1] === O)) gold[t] = 1;
      }
      out.push({ cand, feats, gold });
    }
  }
  return out;
}

/** Averaged structured perceptron (the lazy-update averaging of Daumé's thesis). */
class Perceptron {
  w: Float64Array;
  u: Float64Array;
  trans = new Float64Array(12);
  transU = new Float64Array(12);
  c = 1;
  constructor(features: number) {
    this.w = new Float64Array(features * 3);
    this.u = new Float64Array(features * 3);
  }
  emit(s: Sequence, weights: Float64Array): Float64Array {
    const e = new Float64Array(s.cand.length * 3);
    for (let t = 0; t < s.cand.length; t++) {
      const f = s.feats[t];
      if (!f) continue;
      for (const id of f) for (let y = 0; y < 3; y++) e[t * 3 + y] = e[t * 3 + y]! + weights[id * 3 + y]!;
    }
    return e;
  }
  update(s: Sequence, pred: Uint8Array): void {
    let prevG = 3;
    let prevP = 3;
    for (let t = 0; t < s.cand.length; t++) {
      const g = s.gold[t]!;
      const p = pred[t]!;
      if (g !== p) {
        for (const id of s.feats[t] ?? []) {
          this.w[id * 3 + g]! += 1;
          this.u[id * 3 + g]! += this.c;
          this.w[id * 3 + p]! -= 1;
          this.u[id * 3 + p]! -= this.c;
        }
      }
      if (g !== p || prevG !== prevP) {
        this.trans[prevG * 3 + g]! += 1;
        this.transU[prevG * 3 + g]! += this.c;
        this.trans[prevP * 3 + p]! -= 1;
        this.transU[prevP * 3 + p]! -= this.c;
      }
      prevG = g;
      prevP = p;
    }
  }
  epoch(seqs: readonly Sequence[], order: readonly number[], costSpurious = 0, costMissed = 0): void {
    const costly = costSpurious !== 0 || costMissed !== 0;
    for (const k of order) {
      const s = seqs[k]!;
      const e = this.emit(s, this.w);
      // Loss-augmented decoding: the model must beat each wrong label by its cost to go without an update.
      if (costly)
        for (let t = 0; t < s.cand.length; t++) {
          if (!s.cand[t]) continue;
          const g = s.gold[t]!;
          const cost = g === O ? costSpurious : costMissed;
          for (let y = 0; y < 3; y++) if (y !== g) e[t * 3 + y]! += cost;
        }
      const pred = viterbi(s.cand, e, this.trans);
      let same = true;
      for (let t = 0; t < pred.length && same; t++) same = pred[t] === s.gold[t];
      if (!same) this.update(s, pred);
      this.c++;
    }
  }
  averaged(): { w: Float64Array; trans: Float64Array } {
    const w = new Float64Array(this.w.length);
    for (let i = 0; i < w.length; i++) w[i] = this.w[i]! - this.u[i]! / this.c;
    const trans = new Float64Array(12);
    for (let i = 0; i < 12; i++) trans[i] = this.trans[i]! - this.transU[i]! / this.c;
    return { w, trans };
  }
}

/** The mean of several averaged perceptrons (one linear model: the same size and cost at run time). */
function meanOf(models: { w: Float64Array; trans: Float64Array }[]): {
  w: Float64Array;
  trans: Float64Array;
} {
  if (models.length === 1) return models[0]!;
  const w = new Float64Array(models[0]!.w.length);
  const trans = new Float64Array(12);
  for (const m of models) {
    for (let i = 0; i < w.length; i++) w[i]! += m.w[i]! / models.length;
    for (let i = 0; i < 12; i++) trans[i]! += m.trans[i]! / models.length;
  }
  return { w, trans };
}

/** A deterministic shuffle (the same order every run). */
function shuffled(n: number, seed: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  let s = seed >>> 0 || 1;
  for (let i = n - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

function toFile(
  candidates: Set<string>,
  avg: { w: Float64Array; trans: Float64Array },
  settings: TrainSettings,
): CueTaggerFile {
  const weights: number[] = [];
  const r = (x: number) => Math.round(x * 1000) / 1000;
  for (let b = 0; b < BUCKETS; b++) {
    const v = [r(avg.w[b * 3]!), r(avg.w[b * 3 + 1]!), r(avg.w[b * 3 + 2]!)];
    if (v[0] || v[1] || v[2]) weights.push(b, v[0]!, v[1]!, v[2]!);
  }
  return {
    format: FORMAT,
    candidates: [...candidates].sort(),
    weights,
    transitions: [...avg.trans].map(r),
    ...(settings.syntax ? { syntax: settings.syntax } : {}),
  };
}

/** Trains a tagger; calls `each` with the averaged model after every epoch. */
export function trainTagger(
  articles: readonly Prepared[],
  lexicon: CueLexicon,
  lexiconSettings: CueLexiconFile,
  epochs: number,
  settings: TrainSettings = DEFAULT_SETTINGS,
  each?: (epoch: number, file: CueTaggerFile) => void,
): CueTaggerFile {
  const candidates = candidatesOf(articles, settings);
  const probe: CueTagger = {
    candidates,
    weights: new Float32Array(0),
    transitions: [],
    combine: 'tagger',
    bias: 0,
    fallback: Number.POSITIVE_INFINITY,
    syntax: settings.syntax,
  };
  let lexiconOf: (k: number) => CueLexicon = () => lexicon;
  const J = settings.jackknife;
  if (J) {
    const folds = Array.from({ length: J }, (_, f) =>
      lexiconFrom(withCues(lexiconSettings, countCues(articles.filter((_, k) => k % J !== f)))),
    );
    lexiconOf = (k) => folds[k % J]!;
  }
  const seqs = sequencesOf(articles, lexiconOf, probe);
  const bags = Math.max(1, settings.bags ?? 1);
  const models = Array.from({ length: bags }, () => new Perceptron(BUCKETS));
  let file: CueTaggerFile | undefined;
  for (let e = 1; e <= epochs; e++) {
    for (const [m, model] of models.entries())
      model.epoch(
        seqs,
        shuffled(seqs.length, e + 1000 * m + 100_000 * (settings.seed ?? 0)),
        settings.costSpurious ?? 0,
        settings.costMissed ?? 0,
      );
    if (each || e === epochs) file = toFile(candidates, meanOf(models.map((m) => m.averaged())), settings);
    if (each) each(e, file!);
  }
  return file!;
}

/** The whole extractor's counts on gold articles (sentences from src/text/sentences.ts). */
export function scoreExtractor(
  articles: readonly GoldArticle[],
  lexicon: CueLexicon,
  tagger?: CueTagger,
  combine?: CueCombination,
  rescorer?: CueRescorer,
): RoleCounts {
  const counts = emptyRoleCounts();
  for (const gold of articles) {
    const found = extractAttributions({
      text: gold.text,
      sentences: sentenceSpans(gold.text),
      lexicon,
      tagger,
      combine,
      rescorer,
    });
    scoreArticle(counts, gold, rolesOf(found));
  }
  return counts;
}

/** The mean of the three target figures (content overlap, source overlap, cue exact F1). */
export function objective(counts: RoleCounts): number {
  const f = figuresOf(counts);
  return (f.content.overlap.f1 + f.source.overlap.f1 + f.cue.exact.f1) / 3;
}

/** "content overlap / source overlap / cue exact" F1, three decimals. */
export function formatFigures(counts: RoleCounts): string {
  const f = figuresOf(counts);
  return `${f.content.overlap.f1.toFixed(3)} / ${f.source.overlap.f1.toFixed(3)} / ${f.cue.exact.f1.toFixed(3)}`;
}

export { taggerFrom };
