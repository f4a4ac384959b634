/**
 * The joint tagger (src/quotes/joint-tagger.ts: O, B/I-SOURCE, B/I-CUE, B/I-CONTENT over a paragraph
 * or an article) measured on the five folds of PolNeAR train (by SHA-1 of the id, as
 * scripts/quotes-train-tagger.ts; each fold's model learnt on the other four; dev and test never
 * read), against the shipped pipeline's own fold figures, and combined with it in several ways.
 *
 *   nice node dist/scripts/quotes-source-folds.js cues --data ../shared/data --cache DIR --out CUES.json
 *   nice node dist/scripts/quotes-train-joint.js --data ../shared/data --cues CUES.json
 *     [--folds 0,1,2,3,4] [--epochs 4,6,8] [--unit paragraph|article] [--seed 0] [--vetoes 0,5,10,20]
 *     [--save FILE]
 *
 * The shipped pipeline's cues of each held-out fold come from scripts/quotes-source-folds.ts `cues`
 * (its fold lexicon, tagger and stacked re-scorer trees, learnt on the other folds; the same five
 * figures as scripts/quotes-cue-rescore.ts --explore for the shipped setting); fed back to the
 * extractor as given cues they give the base figures ("shipped") printed here.
 *
 * The rule feature of a training article comes from a lexicon counted without its own fold
 * (jackknifed, as the cue tagger's), a held-out article's from the fold's lexicon (the other four).
 *
 * Variants, each scored with the whole extractor's objective (mean of content overlap F1, source
 * overlap F1 and cue exact F1):
 * - `a`: the joint tagger's spans alone (content runs joined across a source and cue, `a-raw` not);
 * - `a-cues`: the joint tagger's cues given to the extractor (its rules find source and content);
 * - `b-src`: the shipped attributions, each source replaced by the joint tagger's nearest source in
 *   the cue's sentence where there is one (`b-src-fill`: only where the rules found none;
 *   `b-src-agree`: only where the joint tagger also labels a token of the cue a cue);
 * - `b-cont`: each content replaced by the joint tagger's nearest content in the paragraph, where no
 *   other cue lies between; `b-both`: b-src and b-cont;
 * - `d-θ`: the shipped cues less those whose every token the joint tagger labels content with a
 *   max-marginal margin of at least θ (content against the best other label), then the extractor.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Span } from '../src/article/types.js';
import { readJsonl } from '../src/eval/data.js';
import { countCues, prepare } from '../src/quotes/cue-counts.js';
import { type CueLexicon, type CueLexiconFile, lexiconFrom, withCues } from '../src/quotes/cue-lexicon.js';
import { fold, objective } from '../src/quotes/cue-train.js';
import {
  emptyRoleCounts,
  figuresOf,
  type GoldArticle,
  parseGoldArticle,
  type Role,
  type RoleCounts,
  rolesOf,
  scoreArticle,
} from '../src/quotes/eval-quotes.js';
import {
  type Attribution,
  extractAttributions,
  type TokenTable,
  tokenIndexAt,
  tokenTable,
} from '../src/quotes/extract-attributions.js';
import {
  decode,
  decodingUnits,
  goldLabels,
  type JointDoc,
  type JointModel,
  joinedContents,
  jointFeatures,
  NL,
  ROLE_OF,
  runsOf,
  spanOf,
} from '../src/quotes/joint-tagger.js';
import { type JointSequence, trainJoint } from '../src/quotes/joint-train.js';
import { findQuoteRegions, type QuoteRegion } from '../src/quotes/quote-marks.js';
import { shareWord } from '../src/quotes/score-attributions.js';
import { sentenceSpans } from '../src/text/sentences.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    cues: { type: 'string' },
    folds: { type: 'string' },
    epochs: { type: 'string' },
    unit: { type: 'string' },
    seed: { type: 'string' },
    vetoes: { type: 'string' },
    save: { type: 'string' },
    // Writes each held-out article's per-token max-marginals (roleMargins) of the last epoch's
    // fold model, for the re-scorer experiments (variant c): JSON, id → base64 of Float32, seven a token.
    margins: { type: 'string' },
  },
});

const FOLDS = (values.folds ?? '0,1,2,3,4').split(',').map(Number);
const EPOCHS = (values.epochs ?? '4,6,8').split(',').map(Number);
const UNIT = (values.unit ?? 'paragraph') as 'paragraph' | 'article';
const SEED = Number(values.seed ?? 0);
const VETOES = (values.vetoes ?? '0,5,10,20').split(',').map(Number);
const MODELS = join(import.meta.dirname, '..', '..', 'models', 'quotes');

interface Article {
  gold: GoldArticle;
  k: number;
  table: TokenTable;
  regions: QuoteRegion[];
  sentences: Span[];
  labels: Uint8Array;
}

type Predicted = Record<Role, Span[]>;

function line(c: RoleCounts): string {
  const f = figuresOf(c);
  return `${objective(c).toFixed(4)} (content ${f.content.overlap.f1.toFixed(4)} / source ${f.source.overlap.f1.toFixed(4)} / cue ${f.cue.exact.f1.toFixed(4)}; cue P ${f.cue.exact.precision.toFixed(3)} R ${f.cue.exact.recall.toFixed(3)})`;
}

/** The unit (sentence) index of each token (-1: none). */
function unitIndex(doc: JointDoc): Int32Array {
  const out = new Int32Array(doc.n).fill(-1);
  doc.units.forEach(([a, b], u) => {
    for (let k = a; k < b; k++) out[k] = u;
  });
  return out;
}

function paragraphIndex(doc: JointDoc): Int32Array {
  const out = new Int32Array(doc.n);
  for (let p = 0; p < doc.paragraphs.length; p++) {
    const a = doc.paragraphs[p]!;
    const b = p + 1 < doc.paragraphs.length ? doc.paragraphs[p + 1]! : doc.n;
    for (let k = a; k < b; k++) out[k] = p;
  }
  return out;
}

/** Token gap between ranges (0 when adjacent or overlapping). */
function gap(a: [number, number], b: [number, number]): number {
  return a[1] <= b[0] ? b[0] - a[1] : b[1] <= a[0] ? a[0] - b[1] : 0;
}

/** The nearest range among `ranges` to `cue` for which `ok` holds (ties: the one before). */
function nearest(
  ranges: readonly [number, number][],
  cue: [number, number],
  ok: (r: [number, number]) => boolean,
): [number, number] | undefined {
  let best: [number, number] | undefined;
  let bestGap = Number.POSITIVE_INFINITY;
  for (const r of ranges) {
    if (r[0] < cue[1] && cue[0] < r[1]) continue;
    if (!ok(r)) continue;
    const g = gap(r, cue) + (r[0] >= cue[1] ? 0.5 : 0);
    if (g < bestGap) {
      bestGap = g;
      best = r;
    }
  }
  return best;
}

async function main(): Promise<void> {
  const dataDir = resolve(values.data ?? '../shared/data');
  const path = join(dataDir, 'quotes-polnear', 'polnear.jsonl');
  const train: GoldArticle[] = [];
  let count = 0;
  for await (const r of readJsonl(path)) {
    const g = parseGoldArticle(r, `${path}: record ${++count}`);
    if (g.split === 'train') train.push(g);
  }
  const cuesFile = values.cues
    ? (JSON.parse(readFileSync(resolve(values.cues), 'utf8')) as {
        figures: Record<string, number>;
        cues: Record<string, Span[]>;
      })
    : undefined;
  const lexiconFile = JSON.parse(readFileSync(join(MODELS, 'cues.json'), 'utf8')) as CueLexiconFile;
  const t0 = performance.now();
  const articles: Article[] = train.map((gold) => {
    const regions = findQuoteRegions(gold.text);
    const table = tokenTable(gold.text, regions);
    return {
      gold,
      k: fold(gold.id),
      table,
      regions,
      sentences: sentenceSpans(gold.text),
      labels: goldLabels(table, gold.attributions),
    };
  });
  const prepared = train.map(prepare);
  /** A lexicon counted on the articles of the folds not in `without`. */
  const lexiconWithout = (without: readonly number[]): CueLexicon =>
    lexiconFrom(
      withCues(lexiconFile, countCues(prepared.filter((_, i) => !without.includes(articles[i]!.k)))),
    );
  const docOf = (a: Article, lexicon: CueLexicon) => jointFeatures(a.table, a.sentences, a.regions, lexicon);
  console.error(`${articles.length} train articles read, ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const names: string[] = [];
  /** variant → epoch → fold → counts */
  const results = new Map<string, Map<number, Map<number, RoleCounts>>>();
  const add = (name: string, epoch: number, k: number, c: RoleCounts) => {
    if (!results.has(name)) {
      results.set(name, new Map());
      names.push(name);
    }
    const byEpoch = results.get(name)!;
    if (!byEpoch.has(epoch)) byEpoch.set(epoch, new Map());
    byEpoch.get(epoch)!.set(k, c);
  };

  const marginsOut: Record<string, string> = {};
  for (const k of FOLDS) {
    const held = articles.filter((a) => a.k === k);
    const fit = articles.filter((a) => a.k !== k);
    // Jackknifed rule feature: each fit article's lexicon is counted without its own fold (and fold k).
    const seqs: JointSequence[] = [];
    for (const j of [0, 1, 2, 3, 4]) {
      if (j === k) continue;
      const lexicon = lexiconWithout([k, j]);
      for (const a of fit) {
        if (a.k !== j) continue;
        const doc = docOf(a, lexicon);
        for (const [from, to] of decodingUnits(doc, UNIT)) seqs.push({ doc, gold: a.labels, from, to });
      }
    }
    const foldLexicon = lexiconWithout([k]);
    const heldDocs = held.map((a) => docOf(a, foldLexicon));
    console.error(
      `fold ${k}: ${seqs.length} training sequences, ${held.length} held out; ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    // The shipped pipeline's attributions on the held-out fold (its cues given to the extractor).
    const shippedFound = held.map((a) =>
      cuesFile
        ? extractAttributions({
            text: a.gold.text,
            sentences: a.sentences,
            lexicon: foldLexicon,
            givenCues: cuesFile.cues[a.gold.id]!,
          })
        : [],
    );
    if (cuesFile) {
      const base = emptyRoleCounts();
      for (const [i, a] of held.entries()) scoreArticle(base, a.gold, rolesOf(shippedFound[i]!));
      add('shipped', 0, k, base);
      console.error(
        `fold ${k} shipped: ${line(base)} (quotes-source-folds: ${cuesFile.figures[k]?.toFixed(4) ?? '?'})`,
      );
    }
    trainJoint(seqs, Math.max(...EPOCHS), SEED, (epoch, model) => {
      if (epoch === Math.max(...EPOCHS) && values.margins)
        held.forEach((a, i) => {
          marginsOut[a.gold.id] = Buffer.from(roleMargins(model, heldDocs[i]!).buffer).toString('base64');
        });
      if (!EPOCHS.includes(epoch)) return;
      evaluate(k, epoch, model, held, heldDocs, shippedFound, foldLexicon, add);
      console.error(`fold ${k} epoch ${epoch}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    });
  }

  // Tables: per variant and epoch, each fold's objective, the mean and the folds above the shipped.
  const base = results.get('shipped')?.get(0);
  const out: string[] = [];
  out.push(
    `| variant | epoch | ${FOLDS.map((k) => `fold ${k}`).join(' | ')} | mean | Δ shipped | folds up | content | source | cue exact |`,
  );
  out.push(`| --- | --- | ${FOLDS.map(() => '---').join(' | ')} | --- | --- | --- | --- | --- | --- |`);
  const saved: Record<string, number[][]> = {};
  for (const name of names) {
    for (const [epoch, byFold] of results.get(name)!) {
      const per = FOLDS.map((k) => byFold.get(k)!);
      const obj = per.map(objective);
      const mean = obj.reduce((s, v) => s + v, 0) / obj.length;
      const parts = per.map((c) => figuresOf(c));
      const m = (f: (x: (typeof parts)[number]) => number) =>
        parts.reduce((s, x) => s + f(x), 0) / parts.length;
      let delta = '';
      let wins = '';
      if (base) {
        const b = FOLDS.map((k) => objective(base.get(k)!));
        const bm = b.reduce((s, v) => s + v, 0) / b.length;
        delta = `${mean - bm >= 0 ? '+' : ''}${(mean - bm).toFixed(4)}`;
        wins = `${obj.filter((v, i) => v > b[i]! + 1e-9).length}/${FOLDS.length}`;
      }
      saved[`${name}@${epoch}`] = per.map((c) => {
        const f = figuresOf(c);
        return [f.content.overlap.f1, f.source.overlap.f1, f.cue.exact.f1, objective(c)];
      });
      out.push(
        `| ${name} | ${epoch || ''} | ${obj.map((v) => v.toFixed(4)).join(' | ')} | ${mean.toFixed(4)} | ${delta} | ${wins} | ${m((x) => x.content.overlap.f1).toFixed(4)} | ${m((x) => x.source.overlap.f1).toFixed(4)} | ${m((x) => x.cue.exact.f1).toFixed(4)} |`,
      );
    }
  }
  console.log(out.join('\n'));
  if (values.save) writeFileSync(values.save, JSON.stringify(saved));
  if (values.margins) writeFileSync(values.margins, JSON.stringify(marginsOut));
}

/**
 * Per token, the max-marginal of each of the seven labels (the best path's score with the token
 * so labelled) less the best of them: 0 for the label of the best path, below 0 for the others.
 */
function roleMargins(model: JointModel, doc: JointDoc): Float32Array {
  const margins = new Float64Array(doc.n * NL);
  const labels = new Uint8Array(doc.n);
  for (const [from, to] of decodingUnits(doc, UNIT))
    decode(model, doc, from, to, labels, margins.subarray(from * NL, to * NL));
  const out = new Float32Array(doc.n * NL);
  for (let i = 0; i < doc.n; i++) {
    const o = i * NL;
    let best = Number.NEGATIVE_INFINITY;
    for (let y = 0; y < NL; y++) best = Math.max(best, margins[o + y]!);
    for (let y = 0; y < NL; y++) out[o + y] = Math.max(-1000, margins[o + y]! - best);
  }
  return out;
}

function evaluate(
  k: number,
  epoch: number,
  model: JointModel,
  held: readonly Article[],
  docs: readonly JointDoc[],
  shippedFound: readonly Attribution[][],
  lexicon: CueLexicon,
  add: (name: string, epoch: number, k: number, c: RoleCounts) => void,
): void {
  const counts = new Map<string, RoleCounts>();
  /** θ → [shipped cues vetoed, of which overlapping a gold cue] */
  const vetoes = new Map<number, [number, number]>();
  const score = (name: string, a: Article, p: Predicted) => {
    if (!counts.has(name)) counts.set(name, emptyRoleCounts());
    scoreArticle(counts.get(name)!, a.gold, p);
  };
  held.forEach((a, i) => {
    const doc = docs[i]!;
    const t = a.table;
    const labels = new Uint8Array(doc.n);
    const margins = new Float64Array(doc.n * NL);
    for (const [from, to] of decodingUnits(doc, UNIT))
      decode(model, doc, from, to, labels, margins.subarray(from * NL, to * NL));
    const sources = runsOf(labels, 1);
    const cues = runsOf(labels, 2);
    const contents = joinedContents(labels, t);
    const toSpans = (rs: readonly [number, number][]) => rs.map(([x, y]) => spanOf(t, x, y));
    score('a', a, { source: toSpans(sources), cue: toSpans(cues), content: toSpans(contents) });
    score('a-raw', a, { source: toSpans(sources), cue: toSpans(cues), content: toSpans(runsOf(labels, 3)) });
    score(
      'a-cues',
      a,
      rolesOf(
        extractAttributions({ text: a.gold.text, sentences: a.sentences, lexicon, givenCues: toSpans(cues) }),
      ),
    );
    const found = shippedFound[i]!;
    if (!found.length && !a.gold.attributions.length) return;
    const unitOf = unitIndex(doc);
    const parOf = paragraphIndex(doc);
    const cueRange = (s: Span): [number, number] => {
      const x = tokenIndexAt(t, s.start);
      let y = tokenIndexAt(t, Math.max(s.start, s.end - 1)) + 1;
      if (y <= x) y = x + 1;
      return [x, Math.min(y, doc.n)];
    };
    const ranges = found.map((f) => cueRange(f.cue));
    const jointSource = (r: [number, number]) =>
      nearest(sources, r, (s) => unitOf[s[0]] === unitOf[r[0]] && unitOf[r[0]] !== -1);
    const between = (x: [number, number], y: [number, number]) => {
      const lo = Math.min(x[1], y[1]);
      const hi = Math.max(x[0], y[0]);
      return ranges.some((c) => c !== x && c[0] >= lo && c[1] <= hi);
    };
    const jointContent = (r: [number, number]) =>
      nearest(contents, r, (c) => parOf[c[0]] === parOf[r[0]] && !between(r, c));
    const agrees = (r: [number, number]) => {
      for (let q = r[0]; q < r[1]; q++) if (ROLE_OF[labels[q]!] === 2) return true;
      return false;
    };
    const withSource = (mode: 'all' | 'fill' | 'agree') =>
      found.map((f, j) => {
        if (mode === 'fill' && f.source) return f;
        if (mode === 'agree' && !agrees(ranges[j]!)) return f;
        const s = jointSource(ranges[j]!);
        return s ? { ...f, source: spanOf(t, s[0], s[1]) } : f;
      });
    score('b-src', a, rolesOf(withSource('all')));
    score('b-src-fill', a, rolesOf(withSource('fill')));
    score('b-src-agree', a, rolesOf(withSource('agree')));
    const withContent = (list: readonly Attribution[]) =>
      list.map((f, j) => {
        const c = jointContent(ranges[j]!);
        return c ? { ...f, content: spanOf(t, c[0], c[1]) } : f;
      });
    score('b-cont', a, rolesOf(withContent(found)));
    score('b-both', a, rolesOf(withContent(withSource('all'))));
    // d: a veto on shipped cues inside a content the joint tagger is sure of.
    const sure = (r: [number, number]) => {
      let low = Number.POSITIVE_INFINITY;
      for (let q = r[0]; q < r[1]; q++) {
        const o = q * NL;
        const c = Math.max(margins[o + 5]!, margins[o + 6]!);
        let other = Number.NEGATIVE_INFINITY;
        for (let y = 0; y < 5; y++) other = Math.max(other, margins[o + y]!);
        low = Math.min(low, c - other);
      }
      return low;
    };
    const sureness = ranges.map(sure);
    const goldCues = a.gold.attributions.flatMap((g) => (g.cue ? [g.cue] : []));
    for (const theta of VETOES) {
      const vetoed = found.filter((_, j) => sureness[j]! >= theta);
      const v = vetoes.get(theta) ?? [0, 0];
      v[0] += vetoed.length;
      v[1] += vetoed.filter((f) => goldCues.some((g) => shareWord(a.gold.text, g, f.cue))).length;
      vetoes.set(theta, v);
      const kept = found.filter((_, j) => !(sureness[j]! >= theta)).map((f) => f.cue);
      const p =
        kept.length === found.length
          ? rolesOf(found)
          : rolesOf(
              extractAttributions({ text: a.gold.text, sentences: a.sentences, lexicon, givenCues: kept }),
            );
      score(`d-${theta}`, a, p);
    }
  });
  for (const [theta, [n, right]] of vetoes)
    console.error(
      `fold ${k} epoch ${epoch} veto ≥ ${theta}: ${n} shipped cues vetoed, ${right} of them overlapping a gold cue`,
    );
  for (const [name, c] of counts) {
    add(name, epoch, k, c);
    console.error(`fold ${k} epoch ${epoch} ${name}: ${line(c)}`);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exitCode = 1;
});
