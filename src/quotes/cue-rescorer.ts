/**
 * A second look at the cue tagger's cues: gradient-boosted trees over each proposed cue span,
 * reading the perceptron's scores and cheap context (the word's cue rate in train, the
 * distance to a quotation, a name or pronoun before it, whether the sentence has another
 * cue, the parts of speech of the span and its neighbours, what follows it …), which a
 * linear model over local features cannot combine. The spans it judges are
 * the tagger's own cues and those of a wider decode (the B scores raised: more cues, for
 * recall); it keeps the spans it scores above a threshold, the more probable first where
 * two overlap.
 *
 * Trained out of fold by scripts/quotes-cue-rescore.ts (the tagger that proposes a fold's
 * spans never saw that fold), shipped as models/quotes/cue-rescorer.json when it helps on
 * the five folds of train.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Tree } from '../layout/text/line-model.js';
import { modelFile } from '../models.js';
import { TAGS } from '../syntax/index.js';
import { type CueEnds, type CueEndsFile, cueEndsOf } from './cue-ends.js';
import type { CueTrie } from './cue-lexicon.js';
import {
  B,
  type CueTagger,
  complementAfter,
  cuesOfLabels,
  decodeUnit,
  I,
  O,
  scoreToken,
  stemOf,
  tagsAround,
  type UnitContext,
} from './cue-tagger.js';
import { HashTable, stemHash, stringHash } from './cue-word-hashes.js';
import type { TokenTable } from './extract-attributions.js';
import { PhraseTrie, ROOT } from './phrase-trie.js';

export const RESCORER_FORMAT = 'newsdigest-quotes-cue-rescorer/1';

export interface CueRescorerFile {
  format: typeof RESCORER_FORMAT;
  /** The feature names, in the order of the rows the trees read. */
  features: string[];
  /** How much the wide decode raises B. */
  extra: number;
  /**
   * Whether other boundaries of the tagger's spans (phrases train knows as cues) are judged too:
   * true, six (one to three tokens more on the right, one more on the left, one less on either
   * side); "shorter", only one token less on the right ("said Tuesday" → "said"); false, none.
   */
  variants: Variants;
  /** A span is kept when its log-odds reach this. */
  threshold: number;
  /**
   * In a unit where no span reaches the threshold, the most probable one is kept when its
   * log-odds reach this (a sentence of news usually carries an attribution; absent: never).
   */
  fallback?: number;
  base: number;
  trees: Tree[];
  /** Per word or stem: the share of its train occurrences outside quotes inside a gold cue. */
  rates: Record<string, number>;
  /** Per cue phrase seen at least twice as a gold cue in train: the share of its occurrences that were one. */
  phrases: Record<string, number>;
  /**
   * Lexical proposals: every phrase of `phrases` whose rate reaches this is proposed wherever it
   * occurs in a unit outside quotation marks and no span of the tagger's two decodes overlaps it
   * ("criticism of", "voted for", "statement": cues the tagger never proposes). Absent: none.
   */
  propose?: number;
  /**
   * Word proposals: a content word outside quotation marks whose cue rate (`rates`) reaches this,
   * where no other span overlaps it, is proposed alone and, before a preposition or "to", with it
   * ("critical of", "concerned about"). Absent: none.
   */
  proposeWords?: number;
  /** Where the kept cues end, by train's convention for the word pair there (cue-ends.ts). Absent: the tagger's ends. */
  ends?: CueEndsFile;
}

/** Which other boundaries of the tagger's spans the re-scorer judges (CueRescorerFile.variants). */
export type Variants = boolean | 'shorter';

/** The other boundaries of span [a, b) that `variants` judges, as [from, to] pairs. */
function variantsOf(variants: Variants, a: number, b: number): readonly (readonly [number, number])[] {
  if (variants === 'shorter') return [[a, b - 1]];
  return [
    [a, b + 1],
    [a, b + 2],
    [a, b + 3],
    [a - 1, b],
    [a, b - 1],
    [a + 1, b],
  ];
}

export interface CueRescorer {
  file: CueRescorerFile;
  rates: Map<string, number>;
  phrases: Map<string, number>;
  forest: Forest;
  /** The phrases proposed wherever they occur (CueRescorerFile.propose), as a trie; undefined: none. */
  proposer?: PhraseTrie;
  /** The words proposed wherever they occur (CueRescorerFile.proposeWords); undefined: none. */
  words?: WordProposer;
  /** Train's cue ends (CueRescorerFile.ends); undefined: the tagger's. */
  ends?: CueEnds;
}

/**
 * Which words the word proposals take (rateOf(rates, w) >= min), answered mostly from the token's
 * hash: `keys` holds the hash of every word and stem `rates` knows, 2 where one with that hash
 * reaches `min`, else 1. A hit is confirmed on the strings, so the answer is rateOf's exactly.
 */
export interface WordProposer {
  min: number;
  rates: Map<string, number>;
  keys: HashTable;
}

export function wordProposerOf(rates: Map<string, number>, min: number): WordProposer {
  const byHash = new Map<number, number>();
  for (const [w, r] of rates) {
    const h = stringHash(w) | 0;
    byHash.set(h, Math.max(byHash.get(h) ?? 0, r >= min ? 2 : 1));
  }
  return { min, rates, keys: new HashTable(byHash) };
}

/** rateOf(rates, lower[k]) >= min, for token k (its hash from the table). */
function proposable(p: WordProposer, table: TokenTable, k: number): boolean {
  const w = table.lower[k]!;
  const h = table.hash[k]!;
  const v = p.keys.get(h, 0);
  if (v) {
    const r = p.rates.get(w);
    if (r !== undefined) return r >= p.min;
  }
  // Only a word in -s, -d or -g has a stem of its own (stemOf).
  const last = w.charCodeAt(w.length - 1);
  if (last !== 115 && last !== 100 && last !== 103) return false;
  const s = stemHash(w) | 0;
  if (s === h || p.keys.get(s, 0) !== 2) return false;
  return (p.rates.get(stemOf(w)) ?? -1) >= p.min;
}

/** The trees as flat typed arrays (node k of every tree in one array), read faster than JSON's. */
interface Forest {
  base: number;
  roots: Int32Array;
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
}

function forestOf(file: CueRescorerFile): Forest {
  let nodes = 0;
  for (const t of file.trees) nodes += t.f.length;
  const forest: Forest = {
    base: file.base,
    roots: new Int32Array(file.trees.length),
    feature: new Int32Array(nodes),
    threshold: new Float64Array(nodes),
    left: new Int32Array(nodes),
    right: new Int32Array(nodes),
    value: new Float64Array(nodes),
  };
  let at = 0;
  file.trees.forEach((t, k) => {
    forest.roots[k] = at;
    for (let j = 0; j < t.f.length; j++) {
      forest.feature[at + j] = t.f[j]!;
      forest.threshold[at + j] = t.t[j]!;
      forest.left[at + j] = at + t.l[j]!;
      forest.right[at + j] = at + t.r[j]!;
      forest.value[at + j] = t.v[j]!;
    }
    at += t.f.length;
  });
  return forest;
}

export const RESCORER_FEATURES = [
  'marginB',
  'marginI',
  'length',
  'inShip',
  'overlapsShip',
  'inWide',
  'rule',
  'ruleExact',
  'headClass',
  'headFunction',
  'prevClass',
  'nextClass',
  'rate',
  'rateKnown',
  'quoteLeft',
  'quoteRight',
  'subjectLeft',
  'position',
  'unitLength',
  'shipCues',
  'wideCues',
  'unitQuoted',
  'nextThat',
  'prevComma',
  'phraseRate',
  'variant',
  'lexical',
  'posFirst',
  'posHead',
  'posPrev',
  'posNext',
  'complement',
  'prevGap',
  'prevBreak',
  'prevMargin',
] as const;

/**
 * Penn tag codes (src/syntax TAGS) as ordered groups, so that a tree's split on the number
 * reads a class: nouns, then names and pronouns, function words, adjectives and adverbs, then
 * the verb forms side by side (VB, VBP, VBZ, VBD, VBN, VBG).
 */
const POS_GROUP = (() => {
  const group: Record<string, number> = {
    NN: 1,
    NNS: 2,
    NNP: 3,
    NNPS: 3,
    PRP: 4,
    PRP$: 5,
    DT: 6,
    IN: 7,
    TO: 8,
    RP: 9,
    CC: 10,
    WDT: 11,
    WP: 11,
    WRB: 11,
    JJ: 12,
    JJR: 12,
    JJS: 12,
    RB: 13,
    RBR: 13,
    RBS: 13,
    MD: 14,
    VB: 15,
    VBP: 16,
    VBZ: 17,
    VBD: 18,
    VBN: 19,
    VBG: 20,
  };
  return Uint8Array.from(TAGS, (t) => group[t] ?? 0);
})();
const WIDTH = RESCORER_FEATURES.length;
/** The row's column that marks a lexical proposal (not one of the tagger's spans). */
const LEXICAL = RESCORER_FEATURES.indexOf('lexical');

/**
 * One proposed cue span of a unit with its features (a row of WIDTH numbers). The row is a view
 * into a buffer that the next call of cueCandidates overwrites: read (or copy) it first.
 */
export interface CueCandidate {
  from: number;
  to: number;
  row: Float64Array;
}

/**
 * The rows of the last call, WIDTH numbers each, grown as needed. A Float64Array of WIDTH numbers
 * is too large for V8 to keep on its heap: each one allocated its own backing store outside it,
 * about a microsecond apiece, a row per proposed span; a view into this buffer costs a tenth.
 */
let rowBuffer = new Float64Array(WIDTH * 16);

function indexOfSpan(spans: readonly [number, number][], a: number, b: number): number {
  for (let k = 0; k < spans.length; k++) if (spans[k]![0] === a && spans[k]![1] === b) return k;
  return -1;
}

function overlapsAny(spans: readonly [number, number][], a: number, b: number): boolean {
  for (let k = 0; k < spans.length; k++) if (spans[k]![0] < b && a < spans[k]![1]) return true;
  return false;
}

/** The class codes of cue-tagger.ts's neighbours, read through its exported helper. */
export type ClassOf = (k: number) => number;

/** The share of a word's (or its stem's) train occurrences that were in a cue; -1 unknown. */
function rateOf(rates: Map<string, number>, w: string): number {
  const r = rates.get(w);
  if (r !== undefined) return r;
  const s = rates.get(stemOf(w));
  return s ?? -1;
}

/** The phrase of tokens [a, b) as the lexicon writes it: lower-cased, punctuation trimmed, one space between. */
function phraseOf(table: TokenTable, a: number, b: number): string {
  let x = a;
  let y = b;
  while (x < y && !table.word[x]) x++;
  while (y > x && !table.word[y - 1]) y--;
  let out = '';
  for (let k = x; k < y; k++) out += k > x ? ` ${table.lower[k]!}` : table.lower[k]!;
  return out;
}

/** True when tokens [a, b) lie in [ts, te) and outside quotation marks. */
function usable(table: TokenTable, a: number, b: number, ts: number, te: number): boolean {
  if (a < ts || b > te || b <= a) return false;
  for (let k = a; k < b; k++) if (table.region[k] !== -1) return false;
  return true;
}

/** The spans of unit [ts, te) the re-scorer judges, each with its features. */
export function cueCandidates(
  table: TokenTable,
  ts: number,
  te: number,
  ctx: UnitContext,
  tagger: CueTagger,
  extra: number,
  variants: Variants,
  rates: Map<string, number>,
  phrases: Map<string, number>,
  classOf: ClassOf,
  proposer?: PhraseTrie,
  words?: WordProposer,
): CueCandidate[] {
  const d = decodeUnit(table, ts, te, ctx, tagger, extra);
  const ship = cuesOfLabels(d.labels, ts);
  const wide = cuesOfLabels(d.wide, ts);
  const spans = ship.slice();
  for (const w of wide) if (indexOfSpan(ship, w[0], w[1]) < 0) spans.push(w);
  const tagged = spans.length;
  if (proposer) proposeSpans(table, ts, te, proposer, spans);
  if (words) proposeByRate(table, ts, te, words, classOf, spans, d.cand);
  if (!spans.length) return [];
  // Other boundaries of the same cues, where train knows the longer or shorter phrase as a
  // cue ("said in a statement" for "said", "pointed to" for "pointed"): PolNeAR's boundaries
  // are the commonest error after spurious cues.
  const proposed = spans.length;
  for (let s = 0; s < (variants ? tagged : 0); s++) {
    const [a, b] = spans[s]!;
    for (const [x, y] of variantsOf(variants, a, b)) {
      if (!usable(table, x, y, ts, te) || spans.some(([p, q]) => p === x && q === y)) continue;
      if (phrases.has(phraseOf(table, x, y))) spans.push([x, y]);
    }
  }
  const n = te - ts;
  let quoted = 0;
  for (let k = ts; k < te; k++) if (table.region[k] !== -1) quoted = 1;
  const out: CueCandidate[] = [];
  if (rowBuffer.length < spans.length * WIDTH) rowBuffer = new Float64Array(spans.length * WIDTH * 2);
  for (let s = 0; s < spans.length; s++) {
    const [a, b] = spans[s]!;
    // Every one of the WIDTH features is written below.
    const row = rowBuffer.subarray(s * WIDTH, (s + 1) * WIDTH);
    const lexical = s >= tagged && s < proposed;
    // The emission rows of the tagger's candidates only are written: the lexical proposals'
    // other tokens are scored here.
    const emit = lexical ? lexicalEmit(table, a, b, ts, te, ctx, tagger, d.cand, d.emit) : d.emit;
    const eo = lexical ? (ts - a) * 3 : 0;
    const o = (a - ts) * 3 + eo;
    row[0] = emit[o + B]! - emit[o + O]!;
    let mi = 0;
    for (let k = a + 1; k < b; k++) mi += emit[(k - ts) * 3 + eo + I]! - emit[(k - ts) * 3 + eo + O]!;
    row[1] = b - a > 1 ? mi / (b - a - 1) : 0;
    row[2] = b - a;
    row[3] = indexOfSpan(ship, a, b) >= 0 ? 1 : 0;
    row[4] = overlapsAny(ship, a, b) ? 1 : 0;
    row[5] = indexOfSpan(wide, a, b) >= 0 ? 1 : 0;
    row[6] = ctx.rule[a - ts]!;
    let ruleExact = ctx.rule[a - ts] === B ? 1 : 0;
    for (let k = a + 1; k < b && ruleExact; k++) if (ctx.rule[k - ts] !== I) ruleExact = 0;
    if (ruleExact && b < te && ctx.rule[b - ts] === I) ruleExact = 0;
    row[7] = ruleExact;
    // The head: the last word of the span ("has said", "according to" → its first word).
    let head = b - 1;
    while (head > a && !table.word[head]) head--;
    const hc = classOf(head);
    row[8] = hc & 31;
    row[9] = hc & 32 ? 1 : 0;
    row[10] = a > ts ? classOf(a - 1) & 31 : 0;
    row[11] = b < te ? classOf(b) & 31 : 0;
    const rate = rateOf(rates, table.lower[head]!);
    row[12] = rate;
    row[13] = rate >= 0 ? 1 : 0;
    let ql = 30;
    for (let k = a - 1; k >= ts && a - k < 30; k--)
      if (table.region[k] !== -1) {
        ql = a - k;
        break;
      }
    let qr = 30;
    for (let k = b; k < te && k - b + 1 < 30; k++)
      if (table.region[k] !== -1) {
        qr = k - b + 1;
        break;
      }
    row[14] = ql;
    row[15] = qr;
    let subj = 0;
    for (let k = a - 1, dist = 1; k >= ts && dist <= 4; k--, dist++) {
      const c = classOf(k) & 31;
      if (c === 1 || c === 2) {
        subj = dist;
        break;
      }
      if (c === 9 || c === 12) break;
    }
    row[16] = subj;
    row[17] = n > 1 ? (a - ts) / (n - 1) : 0;
    row[18] = n;
    row[19] = ship.length;
    row[20] = wide.length;
    row[21] = quoted;
    row[22] = b < te && table.lower[b] === 'that' ? 1 : 0;
    row[23] = a > ts && table.lower[a - 1] === ',' ? 1 : 0;
    row[24] = phrases.get(phraseOf(table, a, b)) ?? -1;
    row[25] = s >= proposed ? 1 : 0;
    row[LEXICAL] = lexical ? 1 : 0;
    // Parts of speech (src/syntax) in windows of six tokens around the span's first and last
    // tokens and the token after it, as the cue tagger's syntax features tag them.
    let pos = tagsAround(table, ts, te, ctx, a);
    if (b - 1 > a + 5) pos = tagsAround(table, ts, te, ctx, b - 1);
    if (b < te) pos = tagsAround(table, ts, te, ctx, b);
    row[27] = POS_GROUP[pos[a - ts]!]!;
    row[28] = POS_GROUP[pos[head - ts]!]!;
    row[29] = a > ts ? POS_GROUP[pos[a - 1 - ts]!]! : 0;
    row[30] = b < te ? POS_GROUP[pos[b - ts]!]! : 0;
    row[31] = complementAfter(table, b - 1, te, pos, ts);
    // The nearest span of the tagger's own decode ending before this one in the unit: how many tokens
    // back (-1: none), whether a comma, colon, semicolon or quotation mark stands between, and the
    // tagger's B-minus-O margin at its first token (0: none). A cue right after another one, with
    // nothing to break them, is often in its content ("38 percent of voters said" after "In a poll";
    // "he considered" after "tweeted"), where PolNeAR marks no cue: each token is in at most one
    // attribution.
    let prevEnd = -1;
    let prevStart = -1;
    for (const [p, q] of ship)
      if (q <= a && q > prevEnd) {
        prevEnd = q;
        prevStart = p;
      }
    row[32] = prevEnd < 0 ? -1 : Math.min(40, a - prevEnd);
    let brk = 0;
    for (let k = prevEnd < 0 ? a : prevEnd; k < a && !brk; k++) {
      const w = table.lower[k]!;
      if (table.region[k] !== -1 || w === ',' || w === ':' || w === ';') brk = 1;
    }
    row[33] = brk;
    row[34] = prevStart < 0 ? 0 : d.emit[(prevStart - ts) * 3 + B]! - d.emit[(prevStart - ts) * 3 + O]!;
    out.push({ from: a, to: b, row });
  }
  return out;
}

/**
 * Adds to `spans` every phrase of the proposer's trie that occurs in unit [ts, te) outside
 * quotation marks and overlaps none of the spans already there (the tagger's two decodes, the
 * proposals before it): the longest match at each token, so "voted for" rather than "voted".
 */
function proposeSpans(
  table: TokenTable,
  ts: number,
  te: number,
  trie: PhraseTrie,
  spans: [number, number][],
): void {
  const { lower, hash, region, word } = table;
  for (let k = ts; k < te; k++) {
    if (region[k] !== -1 || !word[k]) continue;
    let node = trie.child(ROOT, hash[k]!, lower[k]!);
    let end = -1;
    for (let j = k; node >= 0; ) {
      if (trie.end[node]) end = j + 1;
      if (!trie.more[node] || ++j >= te || region[j] !== -1) break;
      node = trie.child(node, hash[j]!, lower[j]!);
    }
    if (end < 0) continue;
    let free = true;
    for (let s = 0; s < spans.length && free; s++) if (spans[s]![0] < end && k < spans[s]![1]) free = false;
    if (free) spans.push([k, end]);
  }
}

/**
 * Adds to `spans` each content word of unit [ts, te) that the tagger took as a candidate, overlapping no
 * span already there, whose cue rate in train reaches `min`: alone, and with the preposition or
 * "to" right after it (PolNeAR's cues "critical of", "voted for" end there).
 */
function proposeByRate(
  table: TokenTable,
  ts: number,
  te: number,
  words: WordProposer,
  classOf: ClassOf,
  spans: [number, number][],
  cand: Uint8Array,
): void {
  const { region, word } = table;
  const before = spans.length;
  for (let k = ts; k < te; k++) {
    // Only the tagger's candidates: its list holds every word with a cue share of 0.1 or more in
    // train, so this drops no word the proposals take there (the five folds' figures are the
    // same with and without), and skips most tokens with one read.
    if (!cand[k - ts] || region[k] !== -1 || !word[k]) continue;
    const c = classOf(k);
    if (c & 32 || ((c & 31) !== 15 && (c & 31) !== 2)) continue;
    if (!proposable(words, table, k)) continue;
    let free = true;
    for (let s = 0; s < before && free; s++) if (spans[s]![0] <= k && k < spans[s]![1]) free = false;
    if (!free) continue;
    spans.push([k, k + 1]);
    if (k + 1 < te && region[k + 1] === -1) {
      const n = classOf(k + 1) & 31;
      if (n === 8 || n === 5) spans.push([k, k + 2]);
    }
  }
}

/** lexicalEmit's rows: token k of a proposal [a, b) at (k - a) * 3. */
let lexicalRows = new Float64Array(24);

/** The tagger's O/B/I scores over tokens [a, b): its own where it scored them, computed where not. */
function lexicalEmit(
  table: TokenTable,
  a: number,
  b: number,
  ts: number,
  te: number,
  ctx: UnitContext,
  tagger: CueTagger,
  cand: Uint8Array,
  emit: Float64Array,
): Float64Array {
  if (lexicalRows.length < (b - a) * 3) lexicalRows = new Float64Array((b - a) * 6);
  for (let k = a; k < b; k++) {
    const o = (k - a) * 3;
    if (cand[k - ts]) {
      const e = (k - ts) * 3;
      lexicalRows[o] = emit[e]!;
      lexicalRows[o + 1] = emit[e + 1]!;
      lexicalRows[o + 2] = emit[e + 2]!;
    } else scoreToken(table, k, ts, te, ctx, tagger, lexicalRows, o);
  }
  return lexicalRows;
}

/** The proposer's trie: the phrases whose rate reaches `min`. */
export function proposerOf(phrases: ReadonlyMap<string, number>, min: number): PhraseTrie {
  const byFirst = new Map<string, CueTrie>();
  for (const [phrase, rate] of phrases) {
    if (rate < min) continue;
    const tokens = phrase.split(' ');
    let level = byFirst;
    let node: CueTrie | undefined;
    for (const t of tokens) {
      node = level.get(t);
      if (!node) {
        node = { end: false };
        level.set(t, node);
      }
      node.next ??= new Map();
      level = node.next;
    }
    node!.end = true;
  }
  // Nodes without children carry an empty map: drop it, so that `more` says "no phrase continues".
  const prune = (m: Map<string, CueTrie>): void => {
    for (const n of m.values()) {
      if (n.next?.size) prune(n.next);
      else delete n.next;
    }
  };
  prune(byFirst);
  return new PhraseTrie(byFirst);
}

/** Log-odds that a candidate is a cue. */
export function rescore(forest: Forest, row: Float64Array): number {
  let s = forest.base;
  const { roots, feature, threshold, left, right, value } = forest;
  for (let k = 0; k < roots.length; k++) {
    let node = roots[k]!;
    while (feature[node]! >= 0) node = row[feature[node]!]! <= threshold[node]! ? left[node]! : right[node]!;
    s += value[node]!;
  }
  return s;
}

/**
 * The candidates kept: log-odds at or above the threshold, the more probable first where two
 * overlap; in text order. With none kept, the most probable one when it reaches `fallback`.
 */
export function keptCues(
  rescorer: CueRescorer,
  candidates: readonly CueCandidate[],
  threshold: number,
  fallback: number,
): [number, number][] {
  const n = candidates.length;
  if (!n) return [];
  const forest = rescorer.forest;
  if (n === 1) {
    // The common case: one span in the sentence, kept when it reaches the threshold or the fallback.
    const c = candidates[0]!;
    const s = rescore(forest, c.row);
    return s >= threshold || (s >= fallback && !c.row[LEXICAL]) ? [[c.from, c.to]] : [];
  }
  if (scores.length < n) {
    scores = new Float64Array(n * 2);
    taken = new Uint8Array(n * 2);
  }
  const score = scores;
  // The fallback's span: the tagger's most probable one (found here for every unit, not in a
  // rare branch below, where V8 would meet the accesses without type feedback and deopt).
  let fallbackAt = -1;
  for (let i = 0; i < n; i++) {
    const row = candidates[i]!.row;
    const s = rescore(forest, row);
    score[i] = s;
    taken[i] = 0;
    if (
      !row[LEXICAL] &&
      (fallbackAt < 0 ||
        s > score[fallbackAt]! ||
        (s === score[fallbackAt] && candidates[i]!.from < candidates[fallbackAt]!.from))
    )
      fallbackAt = i;
  }
  // Most probable first (ties: the earlier span, then the earlier candidate), as a stable sort would.
  const kept: [number, number][] = [];
  for (let round = 0; round < n; round++) {
    let best = -1;
    for (let i = 0; i < n; i++) {
      if (taken[i]) continue;
      if (
        best < 0 ||
        score[i]! > score[best]! ||
        (score[i] === score[best] && candidates[i]!.from < candidates[best]!.from)
      )
        best = i;
    }
    taken[best] = 1;
    if (score[best]! < threshold) break;
    const c = candidates[best]!;
    let overlaps = false;
    for (const [a, b] of kept) if (c.from < b && a < c.to) overlaps = true;
    if (!overlaps) kept.push([c.from, c.to]);
  }
  // The fallback is the tagger's near miss: a lexical proposal is kept only on its own score
  // (one taken by the fallback in a sentence without a cue was more often wrong, on the folds).
  if (!kept.length && fallbackAt >= 0 && score[fallbackAt]! >= fallback)
    kept.push([candidates[fallbackAt]!.from, candidates[fallbackAt]!.to]);
  return kept.sort((x, y) => x[0] - y[0]);
}

/** keptCues' scratch: the candidates' log-odds and which are taken (reused: scoring is synchronous). */
let scores = new Float64Array(16);
let taken = new Uint8Array(16);

export function rescorerFrom(file: CueRescorerFile): CueRescorer {
  return rescorerOf(file, new Map(Object.entries(file.rates)), new Map(Object.entries(file.phrases ?? {})));
}

/** A re-scorer of the file's trees with the given cue rates (the training script's folds have their own). */
export function rescorerOf(
  file: CueRescorerFile,
  rates: Map<string, number>,
  phrases: Map<string, number>,
): CueRescorer {
  return {
    file,
    rates,
    phrases,
    forest: forestOf(file),
    ...(file.propose !== undefined ? { proposer: proposerOf(phrases, file.propose) } : {}),
    ...(file.proposeWords !== undefined ? { words: wordProposerOf(rates, file.proposeWords) } : {}),
    ...(file.ends ? { ends: cueEndsOf(file.ends) } : {}),
  };
}

let shipped: CueRescorer | null | undefined;

/** The re-scorer shipped in models/quotes/cue-rescorer.json (undefined when none is). */
export function shippedRescorer(): CueRescorer | undefined {
  if (shipped !== undefined) return shipped ?? undefined;
  const path = modelFile('quotes', 'cue-rescorer.json');
  if (!existsSync(path)) {
    shipped = null;
    return undefined;
  }
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as CueRescorerFile;
  shipped = parsed.format === RESCORER_FORMAT ? rescorerFrom(parsed) : null;
  return shipped ?? undefined;
}
