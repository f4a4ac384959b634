/**
 * A joint tagger of PolNeAR's three roles (issue #7): every token of an article gets one of seven
 * labels — O, B/I-SOURCE, B/I-CUE, B/I-CONTENT — as PolNeAR is univocal (a token belongs to at most
 * one attribution, in one role), so an article's annotation is a tag sequence. A structured
 * averaged perceptron with first-order Viterbi (I-X only after B-X or I-X) over a decoding unit
 * (a paragraph, or the whole article), features from what the stage already has: words, the
 * cue rules' label, parts of speech (src/syntax), quotation marks and the distance to them, the
 * rules' cues either side, the position in the sentence and paragraph.
 *
 * Scoring is cheap by layout: each token's feature ids are computed once (`jointFeatures`), each
 * already multiplied by the label count, and the weights are label-major per feature, so one
 * feature costs one contiguous read of seven weights.
 *
 * Used by scripts/quotes-train-joint.ts (training and the five-fold measurements); not read by
 * the quotes stage.
 */
import type { Span } from '../article/types.js';
import { COARSE_BY_CODE, shippedPosModel, tagRange } from '../syntax/index.js';
import type { CueLexicon } from './cue-lexicon.js';
import { stemOf } from './cue-tagger.js';
import { stringHash } from './cue-word-hashes.js';
import { findCues, type TokenTable, unitsOf } from './extract-attributions.js';
import type { QuoteRegion } from './quote-marks.js';

export const JOINT_LABELS = [
  'O',
  'B-SOURCE',
  'I-SOURCE',
  'B-CUE',
  'I-CUE',
  'B-CONTENT',
  'I-CONTENT',
] as const;
/** How many labels. */
export const NL = 7;
export const J_O = 0;
export const J_SOURCE = 1;
export const J_CUE = 3;
export const J_CONTENT = 5;
/** The role of a label: 0 none, 1 source, 2 cue, 3 content. */
export const ROLE_OF = Uint8Array.from([0, 1, 1, 2, 2, 3, 3]);
/** Hash buckets of the features (each holds NL weights). */
export const JOINT_BUCKETS = 1 << 20;
/** Feature templates per token. */
export const JOINT_FEATURES = 38;

/** An article's tokens as the joint tagger reads them. */
export interface JointDoc {
  /** Tokens. */
  n: number;
  /** Feature ids, JOINT_FEATURES per token, each bucket × NL (the offset of its row of weights). */
  feats: Int32Array;
  /** The sentence units (unitsOf: sentences merged across quotations), as token ranges. */
  units: [number, number][];
  /** Token index where each paragraph starts (ascending; the first is 0). */
  paragraphs: number[];
}

/** The weights: NL per bucket, label-major; transitions (NL + 1) × NL, row NL is the start. */
export interface JointModel {
  weights: Float32Array | Float64Array;
  transitions: Float32Array | Float64Array;
}

// cue-tagger.ts's featureHash under another seed and mask. Kept as a copy: routing featureHash through one
// seeded function cost the quotes stage ~2.5 % (bench quotes, 6 of 6 alternated runs, fourteenth session).
function mix(template: number, a: number, b: number): number {
  let h = Math.imul(0x9e3779b1 ^ template, 16777619);
  h = Math.imul(h ^ a, 16777619);
  h ^= h >>> 15;
  h = Math.imul(h ^ b, 0x2c1b3c6d);
  h ^= h >>> 13;
  h = Math.imul(h, 0x297a2d39);
  h ^= h >>> 16;
  return ((h >>> 0) & (JOINT_BUCKETS - 1)) * NL;
}

/** 0–3 as themselves, then 4 (4–6), 5 (7–12), 6 (13–25), 7 (farther or none). */
function bucket(d: number): number {
  return d <= 3 ? d : d <= 6 ? 4 : d <= 12 ? 5 : d <= 25 ? 6 : 7;
}

const QUOTE_MARKS = new Set(['\u201c', '\u201d', '"', "''", '\u201e', '``']);

/** The shape of a token: 0 punctuation, 1 digit, 2 capitalised, 3 lower case. */
function shapeOf(table: TokenTable, i: number): number {
  if (!table.word[i]) return 0;
  const c = table.text.charCodeAt(table.off[2 * i]!);
  if (c >= 48 && c <= 57) return 1;
  return c >= 65 && c <= 90 ? 2 : 3;
}

/**
 * The joint tagger's view of an article: its sentence units, paragraphs (blank-line or line
 * breaks) and every token's feature ids. The rules' cues come from `lexicon` (as the extractor
 * finds them), parts of speech from the shipped model.
 */
export function jointFeatures(
  table: TokenTable,
  sentences: readonly Span[],
  regions: readonly QuoteRegion[],
  lexicon: CueLexicon,
): JointDoc {
  const n = table.count;
  const L = table.lower;
  const units = unitsOf(sentences, regions, table);
  const pos = new Uint8Array(n);
  const rule = new Uint8Array(n);
  /** Index of the token's unit (-1: none). */
  const unitOf = new Int32Array(n).fill(-1);
  const model = shippedPosModel();
  const ruleInUnit = new Uint8Array(units.length);
  for (let u = 0; u < units.length; u++) {
    const [ts, te] = units[u]!;
    if (te <= ts) continue;
    if (model) tagRange(model, table.text, table.off, ts, te, pos);
    for (const [a, b] of findCues(table, ts, te, lexicon)) {
      rule[a] = 1;
      for (let k = a + 1; k < b; k++) rule[k] = 2;
      ruleInUnit[u] = 1;
    }
    for (let k = ts; k < te; k++) unitOf[k] = u;
  }
  // Paragraphs: a line break between two tokens starts one.
  const paragraphs = [0];
  const parStart = new Uint8Array(n);
  if (n) parStart[0] = 1;
  for (let i = 1; i < n; i++) {
    const gap = table.text.slice(table.off[2 * i - 1]!, table.off[2 * i]!);
    if (gap.includes('\n')) {
      paragraphs.push(i);
      parStart[i] = 1;
    }
  }
  // Sentence index within its paragraph (0, 1, 2 or more).
  const sentInPar = new Uint8Array(n);
  {
    let count = 0;
    for (const [ts, te] of units) {
      if (te <= ts) continue;
      let par = false;
      for (let k = ts; k < te && !par; k++) par = parStart[k] === 1;
      count = par ? 0 : count + 1;
      for (let k = ts; k < te; k++) sentInPar[k] = Math.min(count, 2);
    }
  }
  // Distances to the nearest quotation mark, and to the nearest rule cue in the unit, each side.
  const isMark = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (!table.word[i] && QUOTE_MARKS.has(L[i]!)) isMark[i] = 1;
  const markL = new Int32Array(n);
  const markR = new Int32Array(n);
  const cueL = new Int32Array(n);
  const cueR = new Int32Array(n);
  const thatL = new Int32Array(n);
  const thatR = new Int32Array(n);
  const commaL = new Int32Array(n);
  const commaR = new Int32Array(n);
  for (let i = 0, last = -1000, lastCue = -1000, lastThat = -1000, lastComma = -1000, u = -2; i < n; i++) {
    if (unitOf[i] !== u) {
      u = unitOf[i]!;
      lastCue = -1000;
      lastThat = -1000;
      lastComma = -1000;
    }
    markL[i] = i - last;
    cueL[i] = i - lastCue;
    thatL[i] = i - lastThat;
    commaL[i] = i - lastComma;
    if (L[i] === ',') lastComma = i;
    if (isMark[i]) last = i;
    if (rule[i]) lastCue = i;
    if (L[i] === 'that' || L[i] === ':') lastThat = i;
  }
  for (
    let i = n - 1, next = 1_000_000, nextCue = 1_000_000, nextThat = 1_000_000, nextComma = 1_000_000, u = -2;
    i >= 0;
    i--
  ) {
    if (unitOf[i] !== u) {
      u = unitOf[i]!;
      nextCue = 1_000_000;
      nextThat = 1_000_000;
      nextComma = 1_000_000;
    }
    markR[i] = next - i;
    cueR[i] = nextCue - i;
    thatR[i] = nextThat - i;
    commaR[i] = nextComma - i;
    if (L[i] === 'that') nextThat = i;
    if (L[i] === ',') nextComma = i;
    if (isMark[i]) next = i;
    if (rule[i]) nextCue = i;
  }
  const w = new Int32Array(n);
  const stem = new Int32Array(n);
  const suf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    w[i] = table.hash[i]!;
    stem[i] = stringHash(stemOf(L[i]!)) | 0;
    suf[i] = stringHash(L[i]!.slice(-3)) | 0;
  }
  const NF = JOINT_FEATURES;
  const feats = new Int32Array(n * NF);
  const BEFORE = 1;
  const AFTER = 2;
  for (let i = 0; i < n; i++) {
    const u = unitOf[i]!;
    const [ts, te] = u >= 0 ? units[u]! : [i, i + 1];
    const wp = i > ts ? w[i - 1]! : BEFORE;
    const wpp = i > ts + 1 ? w[i - 2]! : BEFORE;
    const wn = i + 1 < te ? w[i + 1]! : AFTER;
    const wnn = i + 2 < te ? w[i + 2]! : AFTER;
    const tg = pos[i]!;
    const tp = i > ts ? pos[i - 1]! : 63;
    const tn = i + 1 < te ? pos[i + 1]! : 62;
    const c = COARSE_BY_CODE[tg]!;
    const cp = i > ts ? COARSE_BY_CODE[pos[i - 1]!]! : 31;
    const cn = i + 1 < te ? COARSE_BY_CODE[pos[i + 1]!]! : 30;
    const r = rule[i]!;
    const rp = i > ts ? rule[i - 1]! : 3;
    const rn = i + 1 < te ? rule[i + 1]! : 4;
    const inq = table.region[i] !== -1 ? 1 : 0;
    const mL = bucket(markL[i]!);
    const mR = bucket(markR[i]!);
    const kL = bucket(cueL[i]!);
    const kR = bucket(cueR[i]!);
    const place = i === ts ? 0 : i + 1 >= te ? 3 : (i - ts) * 2 < te - ts ? 1 : 2;
    const uq = u >= 0 && ruleInUnit[u] ? 1 : 0;
    const o = i * NF;
    feats[o] = mix(0, 0, 0);
    feats[o + 1] = mix(1, w[i]!, 0);
    feats[o + 2] = mix(2, stem[i]!, 0);
    feats[o + 3] = mix(3, shapeOf(table, i), i > ts ? shapeOf(table, i - 1) : 4);
    feats[o + 4] = mix(4, wp, 0);
    feats[o + 5] = mix(5, wn, 0);
    feats[o + 6] = mix(6, wpp, 0);
    feats[o + 7] = mix(7, wnn, 0);
    feats[o + 8] = mix(8, wp, w[i]!);
    feats[o + 9] = mix(9, w[i]!, wn);
    feats[o + 10] = mix(10, tg, 0);
    feats[o + 11] = mix(11, tp, tg);
    feats[o + 12] = mix(12, tg, tn);
    feats[o + 13] = mix(13, tp * 64 + tg, tn);
    feats[o + 14] = mix(14, r, 0);
    feats[o + 15] = mix(15, rp * 8 + r, rn);
    feats[o + 16] = mix(16, inq, isMark[i]!);
    feats[o + 17] = mix(17, mL, mR);
    feats[o + 18] = mix(18, inq, tg);
    feats[o + 19] = mix(19, place, sentInPar[i]!);
    feats[o + 20] = mix(20, kL, kR);
    feats[o + 21] = mix(21, kL, c);
    feats[o + 22] = mix(22, kR, c);
    feats[o + 23] = mix(23, suf[i]!, tg);
    feats[o + 24] = mix(24, w[i]!, inq);
    feats[o + 25] = mix(25, stem[i]!, kR);
    feats[o + 26] = mix(26, uq * 4 + inq * 2 + (r ? 1 : 0), mL * 8 + mR);
    feats[o + 27] = mix(27, cp * 32 + c, cn * 2 + inq);
    feats[o + 28] = mix(28, stem[i]!, tg);
    feats[o + 29] = mix(29, parStart[i]! * 2 + (i === ts ? 1 : 0), c);
    feats[o + 30] = mix(30, bucket(thatL[i]!), kL * 2 + inq);
    feats[o + 31] = mix(31, wp, tg);
    // The cue tagger's context templates: "that" to the right, commas either side, a subject to the left.
    let subj = 0;
    for (let k = i - 1, d = 1; k >= ts && d <= 3; k--, d++) {
      const ck = COARSE_BY_CODE[pos[k]!]!;
      if (ck === 2 || ck === 3) {
        subj = d;
        break;
      }
    }
    const th = bucket(thatR[i]!);
    feats[o + 32] = mix(32, th, c);
    feats[o + 33] = mix(33, stem[i]!, th);
    feats[o + 34] = mix(34, bucket(commaL[i]!), bucket(commaR[i]!));
    feats[o + 35] = mix(35, subj, r * 32 + c);
    feats[o + 36] = mix(36, stem[i]!, subj);
    feats[o + 37] = mix(37, bucket(commaL[i]!) * 8 + bucket(commaR[i]!), inq * 32 + c);
  }
  return { n, feats, units, paragraphs };
}

/** Whether label y may follow label p (p = NL: the start). I-X only after B-X or I-X. */
export function allowed(p: number, y: number): boolean {
  if (y === 0 || (y & 1) === 1) return true;
  return p === y || p === y - 1;
}

/** Emission scores of tokens [from, to): NL per token, into out (from its start). */
export function emissions(
  model: JointModel,
  doc: JointDoc,
  from: number,
  to: number,
  out: Float64Array,
): void {
  const W = model.weights;
  const F = doc.feats;
  const NF = JOINT_FEATURES;
  for (let i = from, o = 0; i < to; i++, o += NL) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    let s5 = 0;
    let s6 = 0;
    for (let f = i * NF, end = f + NF; f < end; f++) {
      const k = F[f]!;
      s0 += W[k]!;
      s1 += W[k + 1]!;
      s2 += W[k + 2]!;
      s3 += W[k + 3]!;
      s4 += W[k + 4]!;
      s5 += W[k + 5]!;
      s6 += W[k + 6]!;
    }
    out[o] = s0;
    out[o + 1] = s1;
    out[o + 2] = s2;
    out[o + 3] = s3;
    out[o + 4] = s4;
    out[o + 5] = s5;
    out[o + 6] = s6;
  }
}

let scratch = new Float64Array(0);
let back = new Int8Array(0);

/**
 * The best label sequence of tokens [from, to) (written to labels[from…to)). With `margins`, also
 * each token's max-marginals: margins[(i - from) * NL + y] is the best path's score with token i
 * labelled y (a forward and a backward pass).
 */
export function decode(
  model: JointModel,
  doc: JointDoc,
  from: number,
  to: number,
  labels: Uint8Array,
  margins?: Float64Array,
): void {
  const m = to - from;
  if (m <= 0) return;
  if (scratch.length < m * NL * 3) scratch = new Float64Array(m * NL * 3 + 1024);
  if (back.length < m * NL) back = new Int8Array(m * NL + 1024);
  const emit = scratch;
  const delta = scratch.subarray(m * NL);
  emissions(model, doc, from, to, emit);
  const T = model.transitions;
  for (let y = 0; y < NL; y++) delta[y] = allowed(NL, y) ? emit[y]! + T[NL * NL + y]! : -Infinity;
  for (let t = 1; t < m; t++) {
    const o = t * NL;
    const po = o - NL;
    for (let y = 0; y < NL; y++) {
      let best = -Infinity;
      let arg = 0;
      for (let p = 0; p < NL; p++) {
        if (!allowed(p, y)) continue;
        const s = delta[po + p]! + T[p * NL + y]!;
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      delta[o + y] = best + emit[o + y]!;
      back[o + y] = arg;
    }
  }
  let y = 0;
  const lo = (m - 1) * NL;
  for (let k = 1; k < NL; k++) if (delta[lo + k]! > delta[lo + y]!) y = k;
  for (let t = m - 1; t >= 0; t--) {
    labels[from + t] = y;
    y = back[t * NL + y]!;
  }
  if (!margins) return;
  // Backward: beta[t][y] = best score of tokens t+1… given label y at t.
  const beta = scratch.subarray(2 * m * NL);
  for (let k = 0; k < NL; k++) beta[lo + k] = 0;
  for (let t = m - 2; t >= 0; t--) {
    const o = t * NL;
    const no = o + NL;
    for (let p = 0; p < NL; p++) {
      let best = -Infinity;
      for (let q = 0; q < NL; q++) {
        if (!allowed(p, q)) continue;
        const s = T[p * NL + q]! + emit[no + q]! + beta[no + q]!;
        if (s > best) best = s;
      }
      beta[o + p] = best;
    }
  }
  for (let i = 0; i < m * NL; i++) margins[i] = delta[i]! + beta[i]!;
}

/** The decoding units of a document: "paragraph" or "article" ranges of tokens. */
export function decodingUnits(doc: JointDoc, unit: 'paragraph' | 'article'): [number, number][] {
  if (unit === 'article') return doc.n ? [[0, doc.n]] : [];
  const out: [number, number][] = [];
  for (let p = 0; p < doc.paragraphs.length; p++) {
    const a = doc.paragraphs[p]!;
    const b = p + 1 < doc.paragraphs.length ? doc.paragraphs[p + 1]! : doc.n;
    if (b > a) out.push([a, b]);
  }
  return out;
}

/** The label of every token of a document. */
export function tagDoc(model: JointModel, doc: JointDoc, unit: 'paragraph' | 'article'): Uint8Array {
  const labels = new Uint8Array(doc.n);
  for (const [a, b] of decodingUnits(doc, unit)) decode(model, doc, a, b, labels);
  return labels;
}

/** Runs of one role as token ranges [from, to): a B and the I's after it. */
export function runsOf(labels: Uint8Array, role: number): [number, number][] {
  const out: [number, number][] = [];
  const b = role * 2 - 1;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== b) continue;
    let j = i + 1;
    while (j < labels.length && labels[j] === b + 1) j++;
    out.push([i, j]);
    i = j - 1;
  }
  return out;
}

/**
 * Content runs joined where PolNeAR's one content spans a source and cue ("…," she said, "…"):
 * two runs with only source, cue or punctuation tokens between them, a cue among them, become
 * one range covering both (gold's content with gaps is scored as the range that covers it).
 */
export function joinedContents(labels: Uint8Array, table: TokenTable): [number, number][] {
  const runs = runsOf(labels, 3);
  const out: [number, number][] = [];
  for (const r of runs) {
    const last = out[out.length - 1];
    if (last) {
      let ok = r[0] > last[1];
      let cue = false;
      for (let k = last[1]; k < r[0] && ok; k++) {
        const role = ROLE_OF[labels[k]!]!;
        if (role === 2) cue = true;
        else if (role !== 1 && table.word[k]) ok = false;
      }
      if (ok && cue) {
        last[1] = r[1];
        continue;
      }
    }
    out.push([r[0], r[1]]);
  }
  return out;
}

/** Token range [a, b) as a character span. */
export function spanOf(table: TokenTable, a: number, b: number): Span {
  return { start: table.off[2 * a]!, end: table.off[2 * b - 1]! };
}

/**
 * Gold labels of an article's tokens: a token takes a role where it starts inside that role's
 * span; cue over source over content where spans overlap (a content with gaps is given as the
 * range covering its parts, the source and cue inside it). A B starts each run of one role of
 * one attribution.
 */
export function goldLabels(
  table: TokenTable,
  attributions: readonly { source?: Span; cue?: Span; content?: Span }[],
): Uint8Array {
  const n = table.count;
  const role = new Uint8Array(n);
  const owner = new Int32Array(n).fill(-1);
  const mark = (s: Span | undefined, r: number, a: number) => {
    if (!s) return;
    for (let i = 0; i < n; i++) {
      const st = table.off[2 * i]!;
      if (st >= s.end) break;
      if (st >= s.start) {
        if (r >= role[i]! || owner[i] === -1) {
          role[i] = r;
          owner[i] = a;
        }
      }
    }
  };
  // Rank: content 1, source 2, cue 3 (higher wins).
  for (const [k, a] of attributions.entries()) mark(a.content, 1, k);
  for (const [k, a] of attributions.entries()) mark(a.source, 2, k);
  for (const [k, a] of attributions.entries()) mark(a.cue, 3, k);
  const labels = new Uint8Array(n);
  const base = [0, J_CONTENT, J_SOURCE, J_CUE];
  for (let i = 0; i < n; i++) {
    const r = role[i]!;
    if (!r) continue;
    const same = i > 0 && role[i - 1] === r && owner[i - 1] === owner[i];
    labels[i] = base[r]! + (same ? 1 : 0);
  }
  return labels;
}
