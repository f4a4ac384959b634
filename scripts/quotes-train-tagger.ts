/**
 * Trains the cue tagger of the quotes stage (src/quotes/cue-tagger.ts) on PolNeAR
 * train articles and writes models/quotes/cue-tagger.json and CARD-cue-tagger.md.
 *
 *   node dist/scripts/quotes-train-tagger.js [--data DIR] [--out DIR]
 *
 * Every choice (epochs, how tagger cues combine with the rules' cues, whether the
 * tagger is used at all) is made on a held-out fifth of train (the same fifth as the
 * lexicon's, by SHA-1 of the id), with the lexicon and the tagger learnt on the other
 * four fifths. The shipped tagger is then trained on all of train with the shipped
 * lexicon. Dev is only scored, for the card.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { readJsonl } from '../src/eval/data.js';
import { countCues, type Prepared, prepare } from '../src/quotes/cue-counts.js';
import { type CueLexicon, type CueLexiconFile, lexiconFrom } from '../src/quotes/cue-lexicon.js';
import {
  B,
  BUCKETS,
  type CueCombination,
  type CueTagger,
  type CueTaggerFile,
  featureHash,
  featuresAt,
  I,
  isCandidate,
  labelsOfCues,
  O,
  stemOf,
  taggerFrom,
  viterbi,
} from '../src/quotes/cue-tagger.js';
import {
  emptyRoleCounts,
  figuresOf,
  type GoldArticle,
  parseGoldArticle,
  type RoleCounts,
  scoreArticle,
} from '../src/quotes/eval-quotes.js';
import { extractAttributions, findCues, unitsOf } from '../src/quotes/extract-attributions.js';
import { findQuoteRegions } from '../src/quotes/quote-marks.js';
import { sentenceSpans } from '../src/text/sentences.js';

const MAX_EPOCHS = 8;
/** A word (or stem) is a candidate where it was part of a gold cue at least this often. */
let MIN_CANDIDATE = 2;
/** …and at least this share of its occurrences outside quotes were in a cue. */
let MIN_RATE = 0.1;
/** Folds for the jackknifed rule feature (0: the rules' labels from the lexicon counted on all training articles). */
let JACKKNIFE = 5;

function fold(id: string): number {
  return createHash('sha1').update(id).digest()[0]! % 5;
}

/** One training sequence: the candidate tokens' feature ids and gold labels of a unit. */
interface Sequence {
  cand: Uint8Array;
  feats: (Int32Array | undefined)[];
  gold: Uint8Array;
}

function candidatesOf(articles: readonly Prepared[]): Set<string> {
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
  // Frequent words that are rarely in a cue ("the", "of") would make nearly every token a
  // candidate: slow, and the rules' label covers the cues they are part of.
  return new Set(
    [...inCue]
      .filter(([w, c]) => c >= MIN_CANDIDATE && c / Math.max(c, seen.get(w) ?? 0) >= MIN_RATE)
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
      const ctx = { rule: labelsOfCues(findCues(table, ts, te, lexicon), ts, te) };
      const gold = labelsOfCues(p.cues, ts, te);
      const cand = new Uint8Array(te - ts);
      const feats: (Int32Array | undefined)[] = new Array(te - ts);
      for (let i = ts; i < te; i++) {
        if (!isCandidate(table, i, ctx, ts, tagger)) continue;
        cand[i - ts] = 1;
        const ids: number[] = [];
        featuresAt(table, i, ts, te, ctx, (t, a, b) => ids.push(featureHash(t, a, b)));
        feats[i - ts] = Int32Array.from(ids);
      }
      // Gold labels the decoder can reach: O off the candidates, a cue restarting after one.
      for (let t = 0; t < gold.length; t++) {
        if (!cand[t]) gold[t] = O;
        else if (gold[t] === I && (t === 0 || gold[t - 1] === O)) gold[t] = B;
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
  epoch(seqs: readonly Sequence[], order: readonly number[]): void {
    for (const k of order) {
      const s = seqs[k]!;
      const pred = viterbi(s.cand, this.emit(s, this.w), this.trans);
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

function toFile(candidates: Set<string>, avg: { w: Float64Array; trans: Float64Array }): CueTaggerFile {
  const weights: number[] = [];
  const r = (x: number) => Math.round(x * 1000) / 1000;
  for (let b = 0; b < BUCKETS; b++) {
    const v = [r(avg.w[b * 3]!), r(avg.w[b * 3 + 1]!), r(avg.w[b * 3 + 2]!)];
    if (v[0] || v[1] || v[2]) weights.push(b, v[0]!, v[1]!, v[2]!);
  }
  return {
    format: 'newsdigest-quotes-cue-tagger/2',
    candidates: [...candidates].sort(),
    weights,
    transitions: [...avg.trans].map(r),
  };
}

function score(
  articles: readonly GoldArticle[],
  lexicon: CueLexicon,
  tagger?: CueTagger,
  combine?: CueCombination,
): RoleCounts {
  const counts = emptyRoleCounts();
  for (const gold of articles) {
    const found = extractAttributions({
      text: gold.text,
      sentences: sentenceSpans(gold.text),
      lexicon,
      tagger,
      combine,
    });
    scoreArticle(counts, gold, {
      content: found.map((a) => a.content),
      source: found.flatMap((a) => (a.source ? [a.source] : [])),
      cue: found.map((a) => a.cue),
    });
  }
  return counts;
}

function objective(counts: RoleCounts): number {
  const f = figuresOf(counts);
  return (f.content.overlap.f1 + f.source.overlap.f1 + f.cue.exact.f1) / 3;
}

const fmt = (f: ReturnType<typeof figuresOf>) =>
  `${f.content.overlap.f1.toFixed(3)} / ${f.source.overlap.f1.toFixed(3)} / ${f.cue.exact.f1.toFixed(3)}`;

/** Trains a tagger; calls `each` with the averaged model after every epoch. */
function train(
  articles: readonly Prepared[],
  lexicon: CueLexicon,
  settings: CueLexiconFile,
  epochs: number,
  each?: (epoch: number, file: CueTaggerFile) => void,
): CueTaggerFile {
  const candidates = candidatesOf(articles);
  const probe: CueTagger = { candidates, weights: new Float32Array(0), transitions: [], combine: 'tagger' };
  // Jackknifed rule labels: each article's rule feature comes from a lexicon counted on the
  // other folds, so the tagger learns how far the rules are right on unseen text, not on the
  // text the lexicon memorised.
  let lexiconOf: (k: number) => CueLexicon = () => lexicon;
  if (JACKKNIFE) {
    const folds = Array.from({ length: JACKKNIFE }, (_, f) =>
      lexiconFrom({ ...settings, cues: countCues(articles.filter((_, k) => k % JACKKNIFE !== f)) }),
    );
    lexiconOf = (k) => folds[k % JACKKNIFE]!;
  }
  const seqs = sequencesOf(articles, lexiconOf, probe);
  const model = new Perceptron(BUCKETS);
  let file: CueTaggerFile | undefined;
  for (let e = 1; e <= epochs; e++) {
    model.epoch(seqs, shuffled(seqs.length, e));
    if (each || e === epochs) file = toFile(candidates, model.averaged());
    if (each) each(e, file!);
  }
  return file!;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      out: { type: 'string' },
      // Exploration on held-out train only: no model written, dev not scored.
      explore: { type: 'boolean' },
      'min-candidate': { type: 'string' },
      'min-rate': { type: 'string' },
      jackknife: { type: 'string' },
    },
  });
  if (values['min-candidate']) MIN_CANDIDATE = Number(values['min-candidate']);
  if (values['min-rate']) MIN_RATE = Number(values['min-rate']);
  if (values.jackknife) JACKKNIFE = Number(values.jackknife);
  const dataDir = resolve(values.data ?? '../shared/data');
  const outDir = resolve(values.out ?? join(import.meta.dirname, '..', '..', 'models', 'quotes'));
  const path = join(dataDir, 'quotes-polnear', 'polnear.jsonl');
  const all: GoldArticle[] = [];
  let n = 0;
  for await (const r of readJsonl(path)) all.push(parseGoldArticle(r, `${path}: record ${++n}`));
  const trainSet = all.filter((a) => a.split === 'train');
  const dev = all.filter((a) => a.split === 'dev');
  const fit = trainSet.filter((a) => fold(a.id) !== 0);
  const held = trainSet.filter((a) => fold(a.id) === 0);
  console.error(`train ${trainSet.length} (fit ${fit.length}, held-out ${held.length}), dev ${dev.length}`);

  // The lexicon's own settings (chosen on the same held-out fifth by quotes-train-lexicon).
  const shippedFile = JSON.parse(readFileSync(join(outDir, 'cues.json'), 'utf8')) as CueLexiconFile;
  const fitPrepared = fit.map(prepare);
  const fitLexicon = lexiconFrom({ ...shippedFile, cues: countCues(fitPrepared) });

  const rulesHeld = objective(score(held, fitLexicon));
  console.error(`held-out, rules only: ${rulesHeld.toFixed(4)} (${fmt(figuresOf(score(held, fitLexicon)))})`);
  const grid: { epoch: number; combine: CueCombination; objective: number; figures: string }[] = [];
  train(fitPrepared, fitLexicon, shippedFile, MAX_EPOCHS, (epoch, file) => {
    const tagger = taggerFrom(file);
    for (const combine of ['tagger', 'union', 'core'] as const) {
      const counts = score(held, fitLexicon, tagger, combine);
      const o = objective(counts);
      grid.push({ epoch, combine, objective: o, figures: fmt(figuresOf(counts)) });
      console.error(`epoch ${epoch} ${combine}: ${o.toFixed(4)} (${fmt(figuresOf(counts))})`);
    }
  });
  const best = grid.reduce((a, b) => (b.objective > a.objective ? b : a));
  const useful = best.objective > rulesHeld;
  console.error(
    `chosen: epoch ${best.epoch}, ${best.combine} (${best.objective.toFixed(4)}); better than rules: ${useful}`,
  );

  if (values.explore) return;
  // The shipped tagger: all of train, with the shipped lexicon (counted on all of train).
  const trainPrepared = trainSet.map(prepare);
  const lexicon = lexiconFrom(shippedFile);
  const t0 = performance.now();
  const file = train(trainPrepared, lexicon, shippedFile, best.epoch);
  const seconds = (performance.now() - t0) / 1000;
  const json = `${JSON.stringify({ ...file, combine: best.combine })}\n`;
  mkdirSync(outDir, { recursive: true });
  if (useful) writeFileSync(join(outDir, 'cue-tagger.json'), json);
  const tagger = taggerFrom(file);
  const l0 = performance.now();
  taggerFrom(JSON.parse(json) as CueTaggerFile);
  const loadMs = performance.now() - l0;
  const devRules = figuresOf(score(dev, lexicon));
  const devTagger = figuresOf(score(dev, lexicon, tagger, best.combine));
  const gridRows = grid
    .map((g) => `| ${g.epoch} | ${g.combine} | ${g.objective.toFixed(4)} | ${g.figures} |`)
    .join('\n');
  const card = `# quotes cue tagger

Generated by \`scripts/quotes-train-tagger.ts\`; do not edit by hand.

**What it is.** A structured averaged perceptron (O/B/I labels, Viterbi with BIO
constraints) that finds attribution cues token by token (src/quotes/cue-tagger.ts). Its
features: the word, a suffix-stripped stem, the shape of it and the word before, the
two words either side, word bigrams, the label the cue rules (lexicon + core verbs) give
the token and its neighbours (hashed into ${BUCKETS} buckets), the distance to the nearest quoted token, comma and "that"
on either side, and the position in the sentence. Only candidate tokens are scored (the
rules' cue tokens, and words or stems that were part of a gold cue at least
${MIN_CANDIDATE} times in train and in at least ${MIN_RATE} of their occurrences outside quotes:
${file.candidates.length} of them); tokens inside quotation marks are O.
The cues it finds go to the same source and content rules as the lexicon's.

**Data.** PolNeAR (\`quotes-polnear/polnear.jsonl\`), ${trainSet.length} train articles. Dev
(${dev.length} articles) is scored below and never used for a choice.

**Choices, on a held-out fifth of train** (${held.length} articles by SHA-1 of the id; lexicon
and tagger learnt on the other ${fit.length}). Objective: mean of content overlap F1, source
overlap F1 and cue exact F1 of the whole extractor (figures: content overlap / source
overlap / cue exact). Rules only: ${rulesHeld.toFixed(4)}.
"tagger": its cues replace the rules'; "union": the rules' cues plus the tagger's where
they do not overlap; "core": the tagger's cues plus the rules' cues headed by a hand-written
core verb (src/quotes/core-cues.ts) where they do not overlap.

| epochs | combine | objective | figures |
| --- | --- | --- | --- |
${gridRows}

Chosen: ${best.epoch} epochs, "${best.combine}" (${best.objective.toFixed(4)} against ${rulesHeld.toFixed(4)} for the rules alone):
${useful ? 'shipped.' : 'not better than the rules, so NOT shipped.'}

Rule feature jackknifed (\`--jackknife ${JACKKNIFE}\`): each training article's rule labels come from a lexicon
counted on the other folds of the training articles, so the tagger learns how far the rules
hold on unseen text. On the held-out fifth: 0.6701 without (\`--jackknife 0\`), 0.6797 with 5 folds.

Minimum share (\`--min-rate\`), measured on the same fifth by earlier runs of this script:
0.02 → 0.6661, 0.1 → 0.6701, 0.3 → 0.6672, 0.5 → 0.6647 (0.1 shipped; 0.3 runs faster, see docs/RESULTS.md (quotes section)).
The stage uses the tagger only when asked (\`options.quotes.cues = 'tagger'\`, \`eval quotes --method tagger\`):
it halves the stage's speed.

**Scores on dev** (sentences from src/text/sentences.ts; content overlap / source overlap / cue exact F1):
rules alone ${fmt(devRules)}; with the tagger ${fmt(devTagger)}.

**Size and speed.** ${file.weights.length / 4} hashed feature buckets (of ${BUCKETS}), ${json.length} bytes; parsed in ${loadMs.toFixed(0)} ms
here; trained in ${seconds.toFixed(0)} s on all of train (2 shared cores, Node 20).

**Retrain.** \`npm run build && node dist/scripts/quotes-train-tagger.js --data ../shared/data --min-rate ${MIN_RATE}\`
`;
  writeFileSync(join(outDir, 'CARD-cue-tagger.md'), card);
  console.error(card);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exitCode = 1;
});
