/**
 * A learnt cue finder: a structured averaged perceptron over the tokens of a unit,
 * labels O / B / I (begin and inside of a cue), decoded with Viterbi.
 *
 * The rules' own cues (lexicon and core verbs, findCues) are one of its features,
 * so the tagger learns where to trust them and where else a cue stands ("drew
 * criticism", "is a vocal advocate of"). To stay fast, only candidate tokens are
 * scored: a token the rules mark, or one whose word or stem was part of a gold cue
 * in training; every other token is O. Tokens inside quotation marks are always O
 * (the words of a quote are the speaker's).
 *
 * The model (models/quotes/cue-tagger.json) is trained by scripts/quotes-train-tagger.ts.
 */
import { readFileSync } from 'node:fs';
import { NewsdigestError } from '../errors.js';
import { modelFile } from '../models.js';
import type { TokenTable } from './extract-attributions.js';

export const O = 0;
export const B = 1;
export const I = 2;
const LABELS = 3;

/** How tagger cues combine with the rules' cues (see extract-attributions.ts). */
export type CueCombination = 'tagger' | 'union' | 'core';

/** Features are hashed into this many buckets (no feature strings at run time: they were the cost). */
export const BUCKETS = 1 << 18;

export interface CueTaggerFile {
  format: 'newsdigest-quotes-cue-tagger/2';
  /** Words and stems that may be part of a cue (the candidates). */
  candidates: string[];
  /** Hashed feature buckets with a weight, flat: bucket, weight of O, B, I, bucket, … (averaged). */
  weights: number[];
  /** Transition weights, from (O, B, I, start) to (O, B, I), flat 4×3. */
  transitions: number[];
  /** How its cues combine with the rules' (chosen on held-out train). */
  combine?: CueCombination;
}

export interface CueTagger {
  candidates: Set<string>;
  /** Dense weights, BUCKETS × 3. */
  weights: Float32Array;
  transitions: ArrayLike<number>;
  combine: CueCombination;
}

/** The feature templates, in the order their index enters the hash. */
export const TEMPLATES = [
  'b',
  'w',
  's',
  'sh',
  'p',
  'pp',
  'n',
  'nn',
  'pw',
  'wn',
  'r',
  'rr',
  'rs',
  'q',
  'qr',
  'c',
  'cr',
  'th',
  'sn',
  'pos',
] as const;

/** A 32-bit FNV-1a hash of a string: words enter the features through it. */
export function stringHash(text: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < text.length; k++) h = Math.imul(h ^ text.charCodeAt(k), 16777619);
  return h >>> 0;
}

/** The bucket of a feature: its template index and two values (word hashes or small codes). */
export function featureHash(template: number, a: number, b: number): number {
  let h = Math.imul(0x811c9dc5 ^ template, 16777619);
  h = Math.imul(h ^ a, 16777619);
  h ^= h >>> 15;
  h = Math.imul(h ^ b, 0x2c1b3c6d);
  h ^= h >>> 13;
  h = Math.imul(h, 0x297a2d39);
  h ^= h >>> 16;
  return (h >>> 0) & (BUCKETS - 1);
}

/** A crude lemma: common inflection endings stripped ("warned" → "warn", "claims" → "claim"). */
export function stemOf(w: string): string {
  if (w.length > 5 && w.endsWith('ing')) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith('ied')) return `${w.slice(0, -3)}y`;
  if (w.length > 4 && w.endsWith('ed')) return w.slice(0, -2);
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

/** The shape of a token: 0 punctuation, 1 digit, 2 capitalised, 3 lower case. */
function shapeOf(table: TokenTable, i: number): number {
  if (!table.word[i]) return 0;
  const c = table.text.charCodeAt(table.off[2 * i]!);
  if (c >= 48 && c <= 57) return 1;
  return c >= 65 && c <= 90 ? 2 : 3;
}

/** Small distances as themselves (1-3), larger ones bucketed: 4 (4-6), 5 (7-12), 6 (farther). */
function bucket(d: number): number {
  return d <= 3 ? d : d <= 6 ? 4 : d <= 12 ? 5 : 6;
}

/** Hash values standing for the positions before and after a unit. */
const BEFORE = 1;
const AFTER = 2;

/** Per-unit context the features need: the rules' tags and the nearest marks. */
export interface UnitContext {
  /** The rules' labels per token of the unit (O, B, I). */
  rule: Uint8Array;
  /** Word hashes of the unit's tokens, filled as needed (-1: not yet). */
  hash?: Float64Array;
}

/** True when token i may carry a cue label. */
export function isCandidate(
  table: TokenTable,
  i: number,
  ctx: UnitContext,
  from: number,
  tagger: CueTagger,
): boolean {
  if (table.region[i] !== -1) return false;
  if (ctx.rule[i - from]) return true;
  if (!table.word[i]) return false;
  const w = table.lower[i]!;
  if (tagger.candidates.has(w)) return true;
  // Only inflected forms can have a different stem: skip the slicing for the rest.
  const last = w.charCodeAt(w.length - 1);
  return (last === 100 || last === 103 || last === 115) && tagger.candidates.has(stemOf(w));
}

/** Receives one feature: its template index and two values. */
export type FeatureSink = (template: number, a: number, b: number) => void;

/** The hash of token k's lower-cased word, cached per unit. */
function wordHash(table: TokenTable, k: number, from: number, ctx: UnitContext): number {
  if (!ctx.hash) ctx.hash = new Float64Array(ctx.rule.length).fill(-1);
  const cache = ctx.hash;
  const v = cache[k - from]!;
  if (v >= 0) return v;
  const h = stringHash(table.lower[k]!);
  cache[k - from] = h;
  return h;
}

/** The features of token i of unit [from, to), given to `emit`. */
export function featuresAt(
  table: TokenTable,
  i: number,
  from: number,
  to: number,
  ctx: UnitContext,
  emit: FeatureSink,
): void {
  const L = table.lower;
  const w = wordHash(table, i, from, ctx);
  const p = i > from ? wordHash(table, i - 1, from, ctx) : BEFORE;
  const pp = i > from + 1 ? wordHash(table, i - 2, from, ctx) : BEFORE;
  const n = i + 1 < to ? wordHash(table, i + 1, from, ctx) : AFTER;
  const nn = i + 2 < to ? wordHash(table, i + 2, from, ctx) : AFTER;
  const r = ctx.rule[i - from]!;
  const rp = i > from ? ctx.rule[i - 1 - from]! : 3;
  const rn = i + 1 < to ? ctx.rule[i + 1 - from]! : 4;
  // Nearest quoted token, comma and "that", each side, within the unit.
  let q = 99;
  let qr = 99;
  let c = 99;
  let cr = 99;
  let that = 99;
  for (let k = i - 1, d = 1; k >= from && d < 13; k--, d++) {
    if (q === 99 && table.region[k] !== -1) q = d;
    if (c === 99 && L[k] === ',') c = d;
  }
  for (let k = i + 1, d = 1; k < to && d < 13; k++, d++) {
    if (qr === 99 && table.region[k] !== -1) qr = d;
    if (cr === 99 && L[k] === ',') cr = d;
    if (that === 99 && L[k] === 'that') that = d;
  }
  // 0 first, 1 early, 2 late, 3 last (or next to last).
  const pos = i === from ? 0 : i + 2 >= to ? 3 : (i - from) * 2 < to - from ? 1 : 2;
  const stem = L[i]!;
  const sw = stemOf(stem);
  const s = sw === stem ? w : stringHash(sw);
  const th = bucket(that);
  emit(0, 0, 0);
  emit(1, w, 0);
  emit(2, s, 0);
  emit(3, shapeOf(table, i), i > from ? shapeOf(table, i - 1) : 4);
  emit(4, p, 0);
  emit(5, pp, 0);
  emit(6, n, 0);
  emit(7, nn, 0);
  emit(8, p, w);
  emit(9, w, n);
  emit(10, r, 0);
  emit(11, rp * 8 + r, rn);
  emit(12, r, s);
  emit(13, bucket(q), 0);
  emit(14, bucket(qr), 0);
  emit(15, bucket(c), 0);
  emit(16, bucket(cr), 0);
  emit(17, th, 0);
  emit(18, s, th);
  emit(19, pos, 0);
}

/** The feature buckets of a token, in template order (for tests and inspection). */
export function featureIds(
  table: TokenTable,
  i: number,
  from: number,
  to: number,
  ctx: UnitContext,
): number[] {
  const out: number[] = [];
  featuresAt(table, i, from, to, ctx, (t, a, b) => out.push(featureHash(t, a, b)));
  return out;
}

/** Emission scores of the candidate tokens of a unit (zero rows for non-candidates). */
function scoreUnit(
  table: TokenTable,
  from: number,
  to: number,
  ctx: UnitContext,
  tagger: CueTagger,
): { cand: Uint8Array; emit: Float64Array } {
  const n = to - from;
  const cand = new Uint8Array(n);
  const emit = new Float64Array(n * LABELS);
  const w = tagger.weights;
  let o = 0;
  const add: FeatureSink = (t, a, b) => {
    const k = featureHash(t, a, b) * LABELS;
    emit[o] = emit[o]! + w[k]!;
    emit[o + 1] = emit[o + 1]! + w[k + 1]!;
    emit[o + 2] = emit[o + 2]! + w[k + 2]!;
  };
  for (let i = from; i < to; i++) {
    if (!isCandidate(table, i, ctx, from, tagger)) continue;
    cand[i - from] = 1;
    o = (i - from) * LABELS;
    featuresAt(table, i, from, to, ctx, add);
  }
  return { cand, emit };
}

/**
 * Viterbi over O/B/I with the BIO constraint (I only after B or I; non-candidates O).
 * Non-candidates are fixed to O, so each run of candidates is decoded on its own: from
 * the start state (or O) before it to O after it. The same answer as one pass over the
 * unit, at the cost of the candidates only.
 */
export function viterbi(cand: Uint8Array, emit: Float64Array, trans: ArrayLike<number>): Uint8Array {
  const n = cand.length;
  const labels = new Uint8Array(n);
  for (let a = 0; a < n; a++) {
    if (!cand[a]) continue;
    let b = a;
    while (b < n && cand[b]) b++;
    decodeRun(a, b, n, emit, trans, labels);
    a = b;
  }
  return labels;
}

function decodeRun(
  a: number,
  b: number,
  n: number,
  emit: Float64Array,
  trans: ArrayLike<number>,
  labels: Uint8Array,
): void {
  const len = b - a;
  const score = new Float64Array(len * LABELS);
  const back = new Uint8Array(len * LABELS);
  const start = a === 0 ? 3 : O;
  for (let t = 0; t < len; t++) {
    for (let y = 0; y < LABELS; y++) {
      const e = emit[(a + t) * LABELS + y]!;
      if (t === 0) {
        score[y] = y === I ? -Infinity : e + trans[start * LABELS + y]!;
        continue;
      }
      let best = -Infinity;
      let arg = 0;
      for (let x = 0; x < LABELS; x++) {
        if (y === I && x === O) continue;
        const v = score[(t - 1) * LABELS + x]! + trans[x * LABELS + y]!;
        if (v > best) {
          best = v;
          arg = x;
        }
      }
      score[t * LABELS + y] = best + e;
      back[t * LABELS + y] = arg;
    }
  }
  // Into the O that follows the run (none at the end of the unit).
  let y = 0;
  let bestEnd = -Infinity;
  for (let k = 0; k < LABELS; k++) {
    const v = score[(len - 1) * LABELS + k]! + (b < n ? trans[k * LABELS + O]! : 0);
    if (v > bestEnd) {
      bestEnd = v;
      y = k;
    }
  }
  for (let t = len - 1; t >= 0; t--) {
    labels[a + t] = y;
    y = back[t * LABELS + y]!;
  }
}

/** The labels the tagger gives the tokens of unit [from, to). */
export function tagUnit(
  table: TokenTable,
  from: number,
  to: number,
  ctx: UnitContext,
  tagger: CueTagger,
): Uint8Array {
  const { cand, emit } = scoreUnit(table, from, to, ctx, tagger);
  return viterbi(cand, emit, tagger.transitions);
}

/** Token ranges of the cues in a label sequence of unit [from, …). */
export function cuesOfLabels(labels: Uint8Array, from: number): [number, number][] {
  const out: [number, number][] = [];
  for (let t = 0; t < labels.length; t++) {
    if (labels[t] !== B) continue;
    let e = t + 1;
    while (e < labels.length && labels[e] === I) e++;
    out.push([from + t, from + e]);
    t = e - 1;
  }
  return out;
}

/** Rule cues of a unit as labels. */
export function labelsOfCues(cues: readonly [number, number][], from: number, to: number): Uint8Array {
  const labels = new Uint8Array(to - from);
  for (const [a, b] of cues) {
    if (a < from || b > to) continue;
    labels[a - from] = B;
    for (let k = a + 1; k < b; k++) labels[k - from] = I;
  }
  return labels;
}

export function taggerFrom(file: CueTaggerFile): CueTagger {
  const weights = new Float32Array(BUCKETS * LABELS);
  const flat = file.weights;
  for (let k = 0; k + 3 < flat.length; k += 4) {
    const b = flat[k]! * LABELS;
    weights[b] = flat[k + 1]!;
    weights[b + 1] = flat[k + 2]!;
    weights[b + 2] = flat[k + 3]!;
  }
  return {
    candidates: new Set(file.candidates),
    weights,
    transitions: file.transitions,
    combine: file.combine ?? 'tagger',
  };
}

let shipped: CueTagger | null | undefined;

/** The tagger shipped in models/quotes/cue-tagger.json, loaded once (undefined when absent). */
export function shippedTagger(): CueTagger | undefined {
  if (shipped !== undefined) return shipped ?? undefined;
  const path = modelFile('quotes', 'cue-tagger.json');
  let parsed: Partial<CueTaggerFile>;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<CueTaggerFile>;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      shipped = null;
      return undefined;
    }
    throw new NewsdigestError('E_MODEL', path, `cannot read the cue tagger (${(e as Error).message})`);
  }
  if (
    parsed.format !== 'newsdigest-quotes-cue-tagger/2' ||
    !Array.isArray(parsed.candidates) ||
    !Array.isArray(parsed.transitions) ||
    !Array.isArray(parsed.weights)
  ) {
    throw new NewsdigestError('E_MODEL', path, 'expecting a newsdigest-quotes-cue-tagger/2 model');
  }
  shipped = taggerFrom(parsed as CueTaggerFile);
  return shipped;
}
