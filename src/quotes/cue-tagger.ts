/**
 * A learnt cue finder: a structured averaged perceptron over the tokens of a unit,
 * labels O / B / I (begin and inside of a cue), decoded with Viterbi.
 *
 * The rules' own cues (lexicon and core verbs, findCues) are one of its features,
 * so the tagger learns where to trust them and where else a cue stands ("drew
 * criticism", "is a vocal advocate of"). To stay fast, only candidate tokens are
 * scored: a token the rules mark, or one whose word or stem was part of a gold cue
 * in training; every other token is O. Tokens inside quotation marks are always O
 * (the words of a quote are the speaker's). In a sentence where Viterbi finds no cue, the
 * candidate nearest to being one may still be taken (fallbackCue, a margin the model sets).
 *
 * The model (models/quotes/cue-tagger.json) is trained by scripts/quotes-train-tagger.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { NewsdigestError } from '../errors.js';
import { modelFile } from '../models.js';
import { COARSE, COARSE_BY_CODE, START, START2, shippedPosModel, tagRange } from '../syntax/index.js';
import { HashTable, stemHash, stringHash, suffixHash } from './cue-word-hashes.js';
import type { TokenTable } from './extract-attributions.js';

export const O = 0;
export const B = 1;
export const I = 2;
const LABELS = 3;

/** How tagger cues combine with the rules' cues (see extract-attributions.ts). */
export type CueCombination = 'tagger' | 'union' | 'core' | 'beliefs';

/** Features are hashed into this many buckets (no feature strings at run time: they were the cost). */
export const BUCKETS = 1 << 18;

/** The model format: /3 added the neighbour classes, suffixes, subject and quote features and the B bias. */
export const FORMAT = 'newsdigest-quotes-cue-tagger/3';
/** The first part-of-speech template's index: a model without syntax has this many features. */
export const SYNTAX_FROM = 29;

/** How many features a token has under a model's syntax mask. */
export function featureCount(syntax: number): number {
  return syntax ? TEMPLATES.length : SYNTAX_FROM;
}

export interface CueTaggerFile {
  format: typeof FORMAT;
  /** Words and stems that may be part of a cue (the candidates). */
  candidates: string[];
  /** Hashed feature buckets with a weight, flat: bucket, weight of O, B, I, bucket, … (averaged). */
  weights: number[];
  /** Transition weights, from (O, B, I, start) to (O, B, I), flat 4×3. */
  transitions: number[];
  /** How its cues combine with the rules' (chosen on held-out train). */
  combine?: CueCombination;
  /** Added to the score of B at every candidate: trades precision for recall (chosen on held-out train). */
  bias?: number;
  /**
   * In a unit where the decoder finds no cue, the candidate whose B score comes closest to its
   * O score becomes a cue when within this margin (chosen on held-out train; absent: never).
   */
  fallback?: number;
  /**
   * Which part-of-speech templates are on (bit k: the k-th template after 'uq'); absent or 0:
   * none, and no token is tagged (files written before the field read as before).
   */
  syntax?: number;
}

export interface CueTagger {
  candidates: Set<string>;
  /** Dense weights, BUCKETS × 3. */
  weights: Float32Array;
  transitions: ArrayLike<number>;
  combine: CueCombination;
  /** Added to the score of B at every candidate. */
  bias: number;
  /** In a unit without a cue, the best candidate within this margin of O becomes one (Infinity: never). */
  fallback: number;
  /** Part-of-speech templates on (bit mask; 0: none). */
  syntax: number;
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
  'pc',
  'nc',
  'pcnc',
  'spc',
  'snc',
  'sufnc',
  'sufpc',
  'subj',
  'uq',
  // Part of speech (only with a model's `syntax` mask): the word's tag, with its stem, with the tags either side; the
  // coarse class of the phrase ending before it (its subject?) with its own; whether a verb came
  // earlier in its clause; what follows it (a "that" clause, a clause without "that", "to" + verb, a quote).
  'tg',
  'tgs',
  'tgp',
  'tgn',
  'tsub',
  'tfv',
  'tcomp',
  'tcomps',
  // Conjunctions of the frame (a linear model's stand-in for trees): stem × subject × what
  // follows, tag × subject × what follows, the rules' label × class × what follows.
  'tframe',
  'tframet',
  'tframer',
] as const;

/** Word classes of the neighbours (a crude part of speech, so that context generalises past the words seen). */
const WORD_CLASS = new Map<string, number>();
const classWords: [number, string][] = [
  [1, 'he she they i we it you who'],
  [3, 'the a an his her their its our my your this these those some many several any each every no'],
  [4, 'has have had is was are were be been being will would can could may might should must do does did'],
  [5, 'to'],
  [6, "not n't never also reportedly repeatedly already still"],
  [7, 'that'],
  [8, 'of on about for with in by at from over against into as'],
  [9, ','],
  [10, ':'],
  [11, '\u201c " \u201d'],
  [12, '. ? ! ;'],
  [13, '( ) [ ] \u2014 \u2013 --'],
  [14, 'and or but'],
];
for (const [c, words] of classWords) for (const w of words.split(' ')) WORD_CLASS.set(w, c);
/** Closed-class words (pronouns, determiners, auxiliaries, prepositions, conjunctions, "to", "not", "that"). */
const FUNCTION_WORDS = new Set(
  [...WORD_CLASS].filter(([w, c]) => c !== 6 && (c <= 8 || c === 14) && /\p{L}/u.test(w)).map(([w]) => w),
);
for (const w of [
  'not',
  "n't",
  'n\u2019t',
  'never',
  'also',
  'would',
  'could',
  'should',
  'up',
  'out',
  'so',
  'then',
])
  FUNCTION_WORDS.add(w);
for (const w of ['now', 'even', 'just', 'more', 'most', 'very']) FUNCTION_WORDS.add(w);
/** By word hash: its class (1-14) plus 32 when it is a function word. */
const CLASS_TABLE = new HashTable(
  [...new Set([...WORD_CLASS.keys(), ...FUNCTION_WORDS])].map((w): [number, number] => [
    stringHash(w),
    (WORD_CLASS.get(w) ?? 0) + (FUNCTION_WORDS.has(w) ? 32 : 0),
  ]),
);
const FUNCTION_FLAG = 32;
const NO_CLASS = 0;

/** Class codes beyond the list: 0 none (unit edge), 2 capitalised, 15 other word, 16 other punctuation, 17 quoted. */
function classOf(table: TokenTable, k: number, listed: number): number {
  if (table.region[k] !== -1) return 17;
  if (listed) return listed;
  if (!table.word[k]) return 16;
  const ch = table.text.charCodeAt(table.off[2 * k]!);
  return ch >= 65 && ch <= 90 ? 2 : 15;
}

export { stringHash };

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
  /** Whether the unit holds a quoted passage (set by the caller; default no). */
  quoted?: boolean;
  /** Per token of the unit, filled lazily after prepareUnit: class (with the function-word flag). */
  cls?: Uint8Array;
  /** The scratch epoch the caches belong to. */
  epoch?: number;
  /** Part-of-speech tag codes of the unit's tokens (src/syntax), tagged on first use. */
  pos?: Uint8Array;
}

/**
 * Scratch arrays, reused from unit to unit: allocating typed arrays for every unit was a
 * large part of the tagger's time. Tagging is synchronous, and a UnitContext's caches are
 * views into them, valid until another unit is prepared (each entry point checks `epoch`).
 * Made for units of SCRATCH_TOKENS tokens: V8 treats a field stored once as a constant in the
 * code it compiles, and the first growth threw away the compiled unitCandidates, decodeUnit
 * and prepareUnit (a unit of 257–443 tokens: 4 of the 54,522 units of BBC and PolNeAR).
 */
const SCRATCH_TOKENS = 1024;
class Scratch {
  cls = new Uint8Array(SCRATCH_TOKENS);
  cand = new Uint8Array(SCRATCH_TOKENS);
  labels = new Uint8Array(SCRATCH_TOKENS);
  back = new Uint8Array(SCRATCH_TOKENS * LABELS);
  emit = new Float64Array(SCRATCH_TOKENS * LABELS);
  score = new Float64Array(SCRATCH_TOKENS * LABELS);
  pos = new Uint8Array(SCRATCH_TOKENS);
  posDone = new Uint8Array(SCRATCH_TOKENS);
  epoch = 0;
  /** Grows every array to hold n tokens. */
  fit(n: number): void {
    if (this.cls.length >= n) return;
    let size = this.cls.length;
    while (size < n) size *= 2;
    this.cls = new Uint8Array(size);
    this.cand = new Uint8Array(size);
    this.labels = new Uint8Array(size);
    this.back = new Uint8Array(size * LABELS);
    this.emit = new Float64Array(size * LABELS);
    this.score = new Float64Array(size * LABELS);
    this.pos = new Uint8Array(size);
    this.posDone = new Uint8Array(size);
  }
}
const scratch = new Scratch();

/** Sets up the unit's per-token caches (filled lazily: only candidates and their neighbours are looked at). */
function prepareUnit(_table: TokenTable, from: number, to: number, ctx: UnitContext): void {
  if (ctx.cls && ctx.epoch === scratch.epoch) return;
  const n = to - from;
  scratch.fit(n);
  scratch.epoch++;
  scratch.cls.fill(UNSET, 0, n);
  ctx.cls = scratch.cls;
  ctx.epoch = scratch.epoch;
  ctx.pos = undefined;
}

/** How far before and after a token its syntax features read (the tags tagged around it). */
const SYNTAX_BACK = 6;
const SYNTAX_AHEAD = 6;

/**
 * The unit's part-of-speech codes, with those of tokens [i - SYNTAX_BACK, i + SYNTAX_AHEAD]
 * tagged (all 0 when no model is shipped). Only the windows around the tokens asked for are
 * tagged (about half of a text's tokens; the tagger is the cost): each untagged stretch is
 * one sequence, continuing the tags right before it when there are some. Training and run
 * time ask in the same order (candidates left to right), so they see the same tags.
 */
export function tagsAround(
  table: TokenTable,
  from: number,
  to: number,
  ctx: UnitContext,
  i: number,
): Uint8Array {
  const tags = scratch.pos;
  const done = scratch.posDone;
  if (!ctx.pos) {
    done.fill(0, 0, to - from);
    tags.fill(0, 0, to - from);
    ctx.pos = tags;
  }
  const model = shippedPosModel();
  if (!model) return tags;
  const lo = Math.max(from, i - SYNTAX_BACK) - from;
  const hi = Math.min(to, i + SYNTAX_AHEAD + 1) - from;
  for (let a = lo; a < hi; a++) {
    if (done[a]) continue;
    let b = a;
    while (b < hi && !done[b]) b++;
    const p1 = a > 0 && done[a - 1] ? tags[a - 1]! : START;
    const p2 = a > 1 && done[a - 1] && done[a - 2] ? tags[a - 2]! : START2;
    tagRange(model, table.text, table.off, from + a, from + b, tags, a, p1, p2);
    done.fill(1, a, b);
    a = b;
  }
  return tags;
}

const C = COARSE;
/** Coarse classes skipped when reading back to a verb's subject: adverbs, modals, auxiliaries, "not". */
function skipsToSubject(coarse: number, cls: number): boolean {
  return coarse === C.adverb || coarse === C.modal || (cls & 31) === 4 || (cls & 31) === 6;
}

/** What follows token i: 1 "that", 2 a clause without "that" (a subject then a verb), 3 "to" + verb, 4 a quotation, 5 a colon, 0 else. */
export function complementAfter(
  table: TokenTable,
  i: number,
  to: number,
  pos: Uint8Array,
  from: number,
): number {
  let subject = false;
  for (let k = i + 1, d = 0; k < to && d < 6; k++, d++) {
    if (table.region[k] !== -1) return subject ? 2 : 4;
    const c = COARSE_BY_CODE[pos[k - from]!]!;
    const w = table.lower[k]!;
    if (w === 'that' && !subject) return 1;
    if (w === ':') return 5;
    if (c === C.to) return k + 1 < to && COARSE_BY_CODE[pos[k + 1 - from]!] === C.verbBase ? 3 : 0;
    if (c === C.pronoun || c === C.name || c === C.noun || c === C.determiner) subject = true;
    else if (subject && (c === C.verbPast || c === C.verbPresent || c === C.modal)) return 2;
    else if (c === C.punctuation) return 0;
  }
  return 0;
}

const UNSET = 255;

/** The word hash of token k (signed 32 bits), computed once per text by tokenTable. */
function hashAt(table: TokenTable, k: number, _from: number, _ctx: UnitContext): number {
  return table.hash[k]!;
}

/** The class of token k, with FUNCTION_FLAG for a function word. */
function clsAt(table: TokenTable, k: number, from: number, ctx: UnitContext): number {
  const cls = ctx.cls!;
  let c = cls[k - from]!;
  if (c === UNSET) {
    const listed = CLASS_TABLE.get(hashAt(table, k, from, ctx), NO_CLASS);
    c = classOf(table, k, listed & 31) | (listed & FUNCTION_FLAG);
    cls[k - from] = c;
  }
  return c;
}

/** The class of token k of the unit starting at `from` (1-17, plus 32 for a function word), for the re-scorer. */
export function classAt(table: TokenTable, k: number, from: number, ctx: UnitContext): number {
  return clsAt(table, k, from, ctx);
}

/** A tagger's candidates as a hash table, and a bitmap of (first letter, length) that can match one. */
interface CandidateIndex {
  table: HashTable;
  /** 1 at (first char code & 127) * 32 + min(length, 31) when some candidate word or its inflection may have it. */
  shape: Uint8Array;
}

function shapeKey(w: string): number {
  return (w.charCodeAt(0) & 127) * 32 + Math.min(w.length, 31);
}

/** The candidate index of a tagger (built once per tagger). */
const candidateIndexes = new WeakMap<CueTagger, CandidateIndex>();
/** The last tagger asked about and its index: nearly every call is for the shipped tagger. */
let lastTagger: CueTagger | undefined;
let lastIndex: CandidateIndex | undefined;
function candidateIndex(tagger: CueTagger): CandidateIndex {
  if (tagger === lastTagger && lastIndex) return lastIndex;
  const index = candidateIndexes.get(tagger) ?? buildCandidateIndex(tagger);
  lastTagger = tagger;
  lastIndex = index;
  return index;
}

function buildCandidateIndex(tagger: CueTagger): CandidateIndex {
  const shape = new Uint8Array(128 * 32);
  // A token matches a candidate as itself or through its stem, up to three letters longer.
  for (const w of tagger.candidates)
    for (let extra = 0; extra <= 3; extra++)
      shape[(w.charCodeAt(0) & 127) * 32 + Math.min(w.length + extra, 31)] = 1;
  const index = {
    table: new HashTable([...tagger.candidates].map((w): [number, number] => [stringHash(w), 1])),
    shape,
  };
  candidateIndexes.set(tagger, index);
  return index;
}

/** The context of unit [from, to) given the rules' cues in it. */
export function unitContext(
  table: TokenTable,
  from: number,
  to: number,
  ruleCues: readonly [number, number][],
): UnitContext {
  let quoted = false;
  for (let k = from; k < to && !quoted; k++) quoted = table.region[k] !== -1;
  return { rule: labelsOfCues(ruleCues, from, to), quoted };
}

/** True when token i may head a cue: a token the rules mark, or a word or stem the tagger knows as part of cues. */
export function isCandidate(
  table: TokenTable,
  i: number,
  ctx: UnitContext,
  from: number,
  tagger: CueTagger,
): boolean {
  prepareUnit(table, from, from + ctx.rule.length, ctx);
  return candidateAt(table, i, ctx, from, candidateIndex(tagger));
}

function candidateAt(
  table: TokenTable,
  i: number,
  ctx: UnitContext,
  from: number,
  index: CandidateIndex,
): boolean {
  if (table.region[i] !== -1) return false;
  if (ctx.rule[i - from]) return true;
  if (!table.word[i]) return false;
  const w = table.lower[i]!;
  if (!index.shape[shapeKey(w)]) return false;
  const h = hashAt(table, i, from, ctx);
  if (index.table.get(h, 0)) return true;
  // Only inflected forms can have a different stem.
  const last = w.charCodeAt(w.length - 1);
  if (last !== 100 && last !== 103 && last !== 115) return false;
  const s = stemHash(w);
  return s !== h >>> 0 && index.table.get(s, 0) === 1;
}

/** A word of ASCII letters in -ly outside quotation marks ("bluntly", "publicly"). */
function isLyAdverb(table: TokenTable, k: number): boolean {
  if (table.region[k] !== -1) return false;
  const w = table.lower[k]!;
  const n = w.length;
  if (n < 3 || w.charCodeAt(n - 1) !== 121 || w.charCodeAt(n - 2) !== 108) return false;
  for (let j = 0; j < n - 2; j++) {
    const c = w.charCodeAt(j);
    if (c < 97 || c > 122) return false;
  }
  return true;
}

/** How far from a content-word candidate a function-word candidate may stand ("has repeatedly said", "is expected to"). */
const FUNCTION_REACH = 3;

/**
 * The tokens of unit [from, to) that may carry a cue label. Function words ("to", "on",
 * "has", "of") are part of many cues but nearly never a cue alone, and they are the
 * most frequent tokens: they are candidates only within FUNCTION_REACH tokens of a
 * content-word candidate (or a token the rules mark), which keeps the tagger fast.
 */
export function unitCandidates(
  table: TokenTable,
  from: number,
  to: number,
  ctx: UnitContext,
  tagger: CueTagger,
): Uint8Array {
  const n = to - from;
  prepareUnit(table, from, to, ctx);
  const cand = scratch.cand.subarray(0, n).fill(0);
  // 1: a head (content word or rule token); 2: a function word, pending a head nearby.
  let any = false;
  prepareUnit(table, from, to, ctx);
  const index = candidateIndex(tagger);
  for (let i = from; i < to; i++) {
    if (!candidateAt(table, i, ctx, from, index)) continue;
    cand[i - from] = ctx.rule[i - from] || !(clsAt(table, i, from, ctx) & FUNCTION_FLAG) ? 1 : 2;
    if (cand[i - from] === 1) any = true;
  }
  if (!any) return cand.fill(0);
  let lastHead = -1e9;
  for (let t = 0; t < n; t++) {
    if (cand[t] === 1) {
      lastHead = t;
      // Pending function words before this head, within reach, are kept.
      for (let k = t - 1; k >= 0 && t - k <= FUNCTION_REACH; k--) if (cand[k] === 2) cand[k] = 3;
    } else if (cand[t] === 2 && t - lastHead <= FUNCTION_REACH) cand[t] = 3;
  }
  // Next to a head: a preposition or "to" right after it ("advocated for", "referred to") and an
  // adverb in -ly right before it ("bluntly suggested"), which PolNeAR often counts in the cue.
  for (let t = 0; t < n; t++) {
    if (cand[t] !== 1) continue;
    const next =
      t + 1 < n && !cand[t + 1] && table.region[from + t + 1] === -1
        ? clsAt(table, from + t + 1, from, ctx) & 31
        : 0;
    if (next === 8 || next === 5) cand[t + 1] = 3;
    // Stored whether or not it changes (the same value when not): a store reached only at the
    // first -ly adverb met the compiled unitCandidates without type feedback and deoptimised it.
    if (t > 0) {
      const before = t - 1;
      cand[before] = !cand[before] && isLyAdverb(table, from + before) ? 3 : cand[before]!;
    }
  }
  for (let t = 0; t < n; t++) cand[t] = cand[t] === 1 || cand[t] === 3 ? 1 : 0;
  return cand;
}

/** The word hash of "that" (as tokenTable computes it). */
const THAT_HASH = stringHash('that') | 0;

/**
 * lower[k] === ',' read from the characters: a string comparison with a literal was a call per
 * token of featuresAt's windows, and V8 compiled it for the kinds of string it had seen (it
 * threw the code away at a two-byte word on BBC text when only some tokens were compared).
 */
function isCommaAt(table: TokenTable, k: number): boolean {
  const start = table.off[2 * k]!;
  return table.off[2 * k + 1]! - start === 1 && table.text.charCodeAt(start) === 44;
}

/** lower[k] === 'that' read from the hash and the characters (only T or t lower-cases to t, and so on). */
function isThatAt(table: TokenTable, k: number): boolean {
  if (table.hash[k] !== THAT_HASH) return false;
  const start = table.off[2 * k]!;
  const text = table.text;
  return (
    table.off[2 * k + 1]! - start === 4 &&
    (text.charCodeAt(start) | 32) === 116 &&
    (text.charCodeAt(start + 1) | 32) === 104 &&
    (text.charCodeAt(start + 2) | 32) === 97 &&
    (text.charCodeAt(start + 3) | 32) === 116
  );
}

/** How many features a token has (one per template). */
export const FEATURES = TEMPLATES.length;

/** The feature buckets of token i of unit [from, to), written to out[0 … FEATURES) in template order. */
export function featuresAt(
  table: TokenTable,
  i: number,
  from: number,
  to: number,
  ctx: UnitContext,
  out: Int32Array,
  syntax = 0,
): void {
  const L = table.lower;
  prepareUnit(table, from, to, ctx);
  const w = hashAt(table, i, from, ctx) >>> 0;
  const p = i > from ? hashAt(table, i - 1, from, ctx) >>> 0 : BEFORE;
  const pp = i > from + 1 ? hashAt(table, i - 2, from, ctx) >>> 0 : BEFORE;
  const n = i + 1 < to ? hashAt(table, i + 1, from, ctx) >>> 0 : AFTER;
  const nn = i + 2 < to ? hashAt(table, i + 2, from, ctx) >>> 0 : AFTER;
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
    if (c === 99 && isCommaAt(table, k)) c = d;
  }
  for (let k = i + 1, d = 1; k < to && d < 13; k++, d++) {
    if (qr === 99 && table.region[k] !== -1) qr = d;
    if (cr === 99 && isCommaAt(table, k)) cr = d;
    if (that === 99 && isThatAt(table, k)) that = d;
  }
  // A subject to the left: the nearest name or subject pronoun within three tokens.
  let subj = 0;
  for (let k = i - 1, d = 1; k >= from && d <= 3; k--, d++) {
    const c = clsAt(table, k, from, ctx) & 31;
    if (c === 1 || c === 2) {
      subj = d;
      break;
    }
    if (c === 9 || c === 12 || c === 7) break;
  }
  const pc = i > from ? clsAt(table, i - 1, from, ctx) & 31 : 0;
  const nc = i + 1 < to ? clsAt(table, i + 1, from, ctx) & 31 : 0;
  const suf = suffixHash(L[i]!);
  // 0 first, 1 early, 2 late, 3 last (or next to last).
  const pos = i === from ? 0 : i + 2 >= to ? 3 : (i - from) * 2 < to - from ? 1 : 2;
  const s = stemHash(L[i]!);
  const th = bucket(that);
  out[0] = featureHash(0, 0, 0);
  out[1] = featureHash(1, w, 0);
  out[2] = featureHash(2, s, 0);
  out[3] = featureHash(3, shapeOf(table, i), i > from ? shapeOf(table, i - 1) : 4);
  out[4] = featureHash(4, p, 0);
  out[5] = featureHash(5, pp, 0);
  out[6] = featureHash(6, n, 0);
  out[7] = featureHash(7, nn, 0);
  out[8] = featureHash(8, p, w);
  out[9] = featureHash(9, w, n);
  out[10] = featureHash(10, r, 0);
  out[11] = featureHash(11, rp * 8 + r, rn);
  out[12] = featureHash(12, r, s);
  out[13] = featureHash(13, bucket(q), 0);
  out[14] = featureHash(14, bucket(qr), 0);
  out[15] = featureHash(15, bucket(c), 0);
  out[16] = featureHash(16, bucket(cr), 0);
  out[17] = featureHash(17, th, 0);
  out[18] = featureHash(18, s, th);
  out[19] = featureHash(19, pos, 0);
  out[20] = featureHash(20, pc, 0);
  out[21] = featureHash(21, nc, 0);
  out[22] = featureHash(22, pc, nc);
  out[23] = featureHash(23, s, pc);
  out[24] = featureHash(24, s, nc);
  out[25] = featureHash(25, suf, nc);
  out[26] = featureHash(26, suf, pc);
  out[27] = featureHash(27, subj, r);
  out[28] = featureHash(28, ctx.quoted ? 1 : 0, r);
  // Without syntax (a model without the field) the token has the first SYNTAX_FROM features
  // only; the part-of-speech templates live in their own function, so that this one stays small.
  if (syntax) syntaxFeaturesAt(table, i, from, to, ctx, out, syntax, s, r);
}

/** The part-of-speech features of token i (templates SYNTAX_FROM …), those off in the mask as a constant bucket. */
function syntaxFeaturesAt(
  table: TokenTable,
  i: number,
  from: number,
  to: number,
  ctx: UnitContext,
  out: Int32Array,
  syntax: number,
  s: number,
  r: number,
): void {
  const L = table.lower;
  const tags = tagsAround(table, from, to, ctx, i);
  const floor = Math.max(from, i - SYNTAX_BACK);
  const tg = tags[i - from]!;
  const tp = i > from ? tags[i - 1 - from]! : 63;
  const tn = i + 1 < to ? tags[i + 1 - from]! : 62;
  const coarse = COARSE_BY_CODE[tg]!;
  // The phrase before: back over adverbs, modals and auxiliaries to the first other token.
  let sub = 31;
  for (let k = i - 1; k >= floor; k--) {
    const ck = COARSE_BY_CODE[tags[k - from]!]!;
    if (skipsToSubject(ck, clsAt(table, k, from, ctx))) continue;
    sub = ck;
    break;
  }
  // A verb earlier in the clause (back to a comma, colon, "that", a wh-word; within SYNTAX_BACK).
  let fv = 0;
  for (let k = i - 1; k >= floor; k--) {
    const ck = COARSE_BY_CODE[tags[k - from]!]!;
    if (ck === C.punctuation || ck === C.wh || L[k] === 'that') break;
    if (ck >= C.verbPast && ck <= C.verbBase) {
      fv = 1;
      break;
    }
  }
  const comp = complementAfter(table, i, to, tags, from);
  out[29] = featureHash(29, tg, 0);
  out[30] = featureHash(30, tg, s);
  out[31] = featureHash(31, tp, tg);
  out[32] = featureHash(32, tg, tn);
  out[33] = featureHash(33, sub, coarse);
  out[34] = featureHash(34, fv * 32 + coarse, r);
  out[35] = featureHash(35, comp, coarse);
  out[36] = featureHash(36, comp, s);
  const frame = sub * 8 + comp;
  out[37] = featureHash(37, s, frame);
  out[38] = featureHash(38, tg, frame);
  out[39] = featureHash(39, r * 32 + coarse, comp * 32 + fv);
  for (let f = SYNTAX_FROM; f < FEATURES; f++)
    if (!(syntax & (1 << (f - SYNTAX_FROM)))) out[f] = featureHash(f, 0, 0);
}

/** The feature buckets of a token, in template order (for tests and inspection). */
export function featureIds(
  table: TokenTable,
  i: number,
  from: number,
  to: number,
  ctx: UnitContext,
  syntax = 0,
): number[] {
  const out = new Int32Array(featureCount(syntax));
  featuresAt(table, i, from, to, ctx, out, syntax);
  return [...out];
}

/** Feature buckets of the token being scored (reused: scoring is synchronous). */
const BUFFER = new Int32Array(FEATURES);

/** Emission scores of the candidate tokens of a unit (zero rows for non-candidates). */
function scoreUnit(
  table: TokenTable,
  from: number,
  to: number,
  ctx: UnitContext,
  tagger: CueTagger,
): { cand: Uint8Array; emit: Float64Array } {
  const cand = unitCandidates(table, from, to, ctx, tagger);
  // Only the candidates' rows are written and read.
  const emit = scratch.emit;
  for (let i = from; i < to; i++) {
    if (cand[i - from]) scoreToken(table, i, from, to, ctx, tagger, emit, (i - from) * LABELS);
  }
  return { cand, emit };
}

/**
 * The tagger's O, B and I scores of token i of unit [from, to), written at out[o..o+2]: each
 * candidate's row of scoreUnit, and the margins of a token it did not score as a candidate
 * (the re-scorer's lexical proposals read them).
 */
export function scoreToken(
  table: TokenTable,
  i: number,
  from: number,
  to: number,
  ctx: UnitContext,
  tagger: CueTagger,
  out: Float64Array,
  o: number,
): void {
  const w = tagger.weights;
  const buckets = BUFFER;
  const nf = featureCount(tagger.syntax);
  featuresAt(table, i, from, to, ctx, buckets, tagger.syntax);
  let eo = 0;
  let eb = tagger.bias;
  let ei = 0;
  for (let f = 0; f < nf; f++) {
    const k = buckets[f]! * LABELS;
    eo += w[k]!;
    eb += w[k + 1]!;
    ei += w[k + 2]!;
  }
  out[o] = eo;
  out[o + 1] = eb;
  out[o + 2] = ei;
}

/**
 * Viterbi over O/B/I with the BIO constraint (I only after B or I; non-candidates O).
 * Non-candidates are fixed to O, so each run of candidates is decoded on its own: from
 * the start state (or O) before it to O after it. The same answer as one pass over the
 * unit, at the cost of the candidates only.
 */
export function viterbi(cand: Uint8Array, emit: Float64Array, trans: ArrayLike<number>): Uint8Array {
  const n = cand.length;
  scratch.fit(n);
  const labels = scratch.labels.subarray(0, n).fill(0);
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
  const score = scratch.score;
  const back = scratch.back;
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
  const labels = viterbi(cand, emit, tagger.transitions);
  if (tagger.fallback < Number.POSITIVE_INFINITY) fallbackCue(cand, emit, labels, tagger.fallback);
  return labels;
}

/**
 * What the re-scorer (cue-rescorer.ts) reads of a unit: the shipped decode and a wider one, with
 * the scores. Views into scratch arrays, valid until the next unit is scored (read at once).
 */
export interface UnitDecodes {
  cand: Uint8Array;
  /** Emission scores (O, B, I per token; the tagger's bias included in B); candidates' rows only. */
  emit: Float64Array;
  /** Labels of the shipped decode (Viterbi and the fallback). */
  labels: Uint8Array;
  /** Labels of a decode with `extra` more added to B at every candidate (more cues: recall). */
  wide: Uint8Array;
}

/** The shipped decode's labels and the raised scores of the wide one (scratch, grown as needed). */
let shipLabels = new Uint8Array(SCRATCH_TOKENS);
let raisedEmit = new Float64Array(SCRATCH_TOKENS * LABELS);

/** The tagger's decode of unit [from, to) and a wider one (B scores raised by `extra`). */
export function decodeUnit(
  table: TokenTable,
  from: number,
  to: number,
  ctx: UnitContext,
  tagger: CueTagger,
  extra: number,
): UnitDecodes {
  const { cand, emit } = scoreUnit(table, from, to, ctx, tagger);
  const n = to - from;
  if (shipLabels.length < n) {
    shipLabels = new Uint8Array(n * 2);
    raisedEmit = new Float64Array(n * 2 * LABELS);
  }
  const labels = shipLabels.subarray(0, n);
  labels.set(viterbi(cand, emit, tagger.transitions));
  if (tagger.fallback < Number.POSITIVE_INFINITY) fallbackCue(cand, emit, labels, tagger.fallback);
  // Only the candidates' rows are read by the decoder.
  const raised = raisedEmit;
  for (let t = 0; t < n; t++) {
    if (!cand[t]) continue;
    const o = t * LABELS;
    raised[o] = emit[o]!;
    raised[o + 1] = emit[o + 1]! + extra;
    raised[o + 2] = emit[o + 2]!;
  }
  const wide = viterbi(cand, raised, tagger.transitions);
  return { cand, emit, labels, wide };
}

/**
 * In a unit where the decoder found no cue, the candidate whose B score comes closest to its
 * O score becomes a cue when it is within `margin` of it, extended over the candidates right
 * after it that score I above O. A sentence of political news usually carries an attribution,
 * so a near-miss in a sentence without any cue is more often a cue than one beside another
 * cue: a per-sentence prior that the constant B bias (the same for every candidate) cannot
 * express.
 */
export function fallbackCue(cand: Uint8Array, emit: Float64Array, labels: Uint8Array, margin: number): void {
  let best = -1;
  let bestGap = Number.NEGATIVE_INFINITY;
  for (let t = 0; t < cand.length; t++) {
    if (!cand[t]) continue;
    if (labels[t] !== O) return;
    const gap = emit[t * LABELS + B]! - emit[t * LABELS]!;
    if (gap > bestGap) {
      bestGap = gap;
      best = t;
    }
  }
  if (best < 0 || bestGap < -margin) return;
  labels[best] = B;
  // The I tokens after it, counted by an addition and stored by one fill that run every time (an
  // empty fill when none follows): an increment and a store reached only at the first fallback
  // cue of two tokens or more met decodeUnit's compiled code (fallbackCue inlined) without type
  // feedback and deoptimised it (a recompile of decodeUnit in a fresh worker).
  let end = best + 1;
  let more = 1;
  while (more) {
    more = end < cand.length && cand[end] && emit[end * LABELS + I]! > emit[end * LABELS]! ? 1 : 0;
    end += more;
  }
  labels.fill(I, best + 1, end);
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

/** The tagger of a file; `weights` (BUCKETS × 3, zeroed) may be given, e.g. over shared memory. */
export function taggerFrom(
  file: CueTaggerFile,
  weights: Float32Array<ArrayBufferLike> = new Float32Array(BUCKETS * LABELS),
): CueTagger {
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
    bias: file.bias ?? 0,
    fallback: file.fallback ?? Number.POSITIVE_INFINITY,
    syntax: file.syntax ?? 0,
  };
}

let shipped: CueTagger | null | undefined;

/** Reads a cue tagger file; throws a NewsdigestError naming the file when it is not one. */
export function loadTagger(path: string, weights?: Float32Array<ArrayBufferLike>): CueTagger {
  let parsed: Partial<CueTaggerFile>;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<CueTaggerFile>;
  } catch (e) {
    throw new NewsdigestError('E_MODEL', path, `cannot read the cue tagger (${(e as Error).message})`);
  }
  if (
    parsed.format !== FORMAT ||
    !Array.isArray(parsed.candidates) ||
    !Array.isArray(parsed.transitions) ||
    !Array.isArray(parsed.weights)
  ) {
    throw new NewsdigestError('E_MODEL', path, `expecting a ${FORMAT} model`);
  }
  return taggerFrom(parsed as CueTaggerFile, weights);
}

/** The tagger shipped in models/quotes/cue-tagger.json, loaded once (undefined when absent). */
export function shippedTagger(): CueTagger | undefined {
  if (shipped !== undefined) return shipped ?? undefined;
  const path = modelFile('quotes', 'cue-tagger.json');
  if (!existsSync(path)) {
    shipped = null;
    return undefined;
  }
  shipped = loadTagger(path);
  return shipped;
}

/**
 * A tagger that crosses to worker threads whole: its 3 MB of weights in shared memory (no
 * copy), the rest as plain values. The batch's main thread loads the shipped tagger once
 * while its workers start, instead of each worker parsing the JSON file (~50 ms each).
 */
export interface SharedCueTagger {
  candidates: string[];
  /** BUCKETS × 3, over a SharedArrayBuffer. */
  weights: Float32Array;
  transitions: number[];
  combine: CueCombination;
  bias: number;
  fallback: number;
  syntax: number;
}

/** The shipped tagger with its weights in shared memory (undefined when none is shipped). */
export function shareShippedTagger(): SharedCueTagger | undefined {
  const path = modelFile('quotes', 'cue-tagger.json');
  if (!existsSync(path)) return undefined;
  const t = loadTagger(path, new Float32Array(new SharedArrayBuffer(BUCKETS * LABELS * 4)));
  return {
    candidates: [...t.candidates],
    weights: t.weights,
    transitions: Array.from(t.transitions),
    combine: t.combine,
    bias: t.bias,
    fallback: t.fallback,
    syntax: t.syntax,
  };
}

/** Makes a tagger shared by another thread (shareShippedTagger) this thread's shipped tagger. */
export function useSharedTagger(shared: SharedCueTagger): void {
  if (!(shared.weights instanceof Float32Array) || shared.weights.length !== BUCKETS * LABELS) {
    throw new NewsdigestError('E_MODEL', 'cue tagger', `expecting ${BUCKETS * LABELS} shared weights`);
  }
  shipped = {
    candidates: new Set(shared.candidates),
    weights: shared.weights,
    transitions: shared.transitions,
    combine: shared.combine,
    bias: shared.bias,
    fallback: shared.fallback,
    syntax: shared.syntax ?? 0,
  };
}
