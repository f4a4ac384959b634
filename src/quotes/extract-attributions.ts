/**
 * Finds attributions in a text: for each cue ("said", "told reporters",
 * "according to", "believes"), the source (who) and the content (what).
 *
 * The text is read in units: sentences, merged where a quoted passage runs over
 * a sentence break, so that a quote over several sentences or paragraphs is one
 * piece. In each unit the cues are found with the cue lexicon, never inside
 * quotation marks (words in a quote are the speaker's, not the reporter's). Then
 * each cue takes its source and content by where it stands:
 * 1. "according to X": X is the source; the content is the rest of the clause,
 *    before ("…, according to X") or after ("According to X, …");
 * 2. a cue right after a comma or a closing mark ("…,” said X"): the source
 *    follows the cue, the content is what precedes the comma;
 * 3. otherwise the source is the phrase before the cue, back to a comma, a
 *    quotation mark or the start of the unit, and the content is:
 *    - what precedes that boundary when little follows the cue ("…, X said on
 *      Sunday."), the whole passage when a quote is broken by the cue ("“A,” he
 *      said, “B.”");
 *    - otherwise what follows the cue ("X said (that) …", "X said: “…”"), or the
 *      quote of the next unit when the unit ends with the cue ("X told CNN.").
 * A quote followed by a dash and a name ("“…” — Jane Roe") is an attribution
 * with the dash as its cue.
 */
import type { Span } from '../article/types.js';
import { tokenOffsets } from '../text/tokens.js';
import { coreCueAt, isBeliefOrIntentionVerb, isCoreVerb } from './core-cues.js';
import { cueEnd } from './cue-ends.js';
import type { CueLexicon } from './cue-lexicon.js';
import { type CueRescorer, cueCandidates, keptCues } from './cue-rescorer.js';
import {
  type CueCombination,
  type CueTagger,
  classAt,
  cuesOfLabels,
  tagUnit,
  type UnitContext,
  unitContext,
} from './cue-tagger.js';
import { hashRange, stringHash } from './cue-word-hashes.js';
import { type PhraseTrie, ROOT } from './phrase-trie.js';
import { type QuoteRegion, quoteRegionsWithSingles } from './quote-marks.js';
import {
  AUXILIARY_VERBS,
  agentlessPassive,
  BE_FORMS,
  chunkKind,
  onlyFunctionWords,
  opensAside,
  sourceless,
  sourceStart,
  withoutTrailingTime,
} from './source-phrase.js';
import { cueRanges, cuesInUnit } from './span-given-cues.js';
import { joinSplitQuotes } from './split-quotes.js';

export type AttributionKind = 'direct' | 'reported' | 'according-to';

export interface Attribution {
  kind: AttributionKind;
  content: Span;
  cue: Span;
  source?: Span;
}

/** The tokens of a text with what the extractor needs to know about each. */
export interface TokenTable {
  /** Token offsets, flat: token i is [off[2i], off[2i + 1]). */
  off: number[];
  /** How many tokens. */
  count: number;
  text: string;
  /** Token text, lower-cased. */
  lower: string[];
  /**
   * FNV-1a hash of each lower-cased token (stringHash(lower[i]) | 0), computed once per text:
   * the lexicon's matcher and the cue tagger both look tokens up by it.
   */
  hash: Int32Array;
  /** Index of the quoted passage the token lies in, or -1. */
  region: Int32Array;
  /** 1 where the token holds a letter or digit. */
  word: Uint8Array;
}

const WORD = /[\p{L}\p{N}]/u;
const OPEN_MARKS = new Set(['\u201c', '\u201e', '"', "''"]);
const CLOSE_MARKS = new Set(['\u201d', '"', "''"]);
const DASHES = new Set(['\u2014', '\u2013', '-', '--']);
/** Tokens that end the phrase naming a source when reading back from a cue. */
const SOURCE_STOPS = new Set([
  ',',
  ';',
  ':',
  '(',
  ')',
  '[',
  ']',
  '\u201c',
  '\u201d',
  '"',
  "''",
  '\u2014',
  '\u2013',
  '--',
  '?',
  '!',
]);
/** Words that may open the clause but are no part of the source. */
const LEADING_NOISE = new Set([
  'but',
  'and',
  'so',
  'yet',
  'or',
  'then',
  'also',
  'however',
  'still',
  'that',
  'as',
  'while',
  'because',
  'when',
  'if',
  'though',
  'although',
]);
/** Verbs whose object comes between the cue and the content ("told reporters Tuesday that …"). */
const TAKES_OBJECT =
  /^(tell|tells|told|telling|ask|asks|asked|asking|assure|assures|assured|warn|warns|warned|remind|reminds|reminded|inform|informs|informed|urge|urges|urged)$/;
/** One-word addressees of "told", "asked": "told reporters", "told him". */
const ADDRESSEES = new Set([
  'reporters',
  'journalists',
  'supporters',
  'voters',
  'me',
  'us',
  'him',
  'her',
  'them',
  'you',
  'delegates',
  'lawmakers',
  'students',
  'residents',
]);
/** The longest source phrase kept, in tokens; longer phrases keep their last tokens. */
const MAX_SOURCE_TOKENS = 14;
/**
 * At most this many words may follow a cue for the content to be read before it ("…, X said
 * on Sunday."). Train objective: 3 → 0.7576, 4 → 0.7575, 5 → 0.7572, 8 → 0.7568, 12 → 0.7557;
 * 5 is kept, within noise of the best, for the longer adverbials of other sources.
 */
const SHORT_TAIL = 5;

/** True when text[from, to) holds a letter or digit (ASCII checked by code, the rest by regex). */
function hasWordChar(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) return true;
    } else if (WORD.test(text[i]!)) return true;
  }
  return false;
}

function isCapitalisedAt(table: TokenTable, i: number): boolean {
  const c = table.text.charCodeAt(table.off[2 * i]!);
  return c >= 65 && c <= 90;
}

/** The token as written. */
function rawAt(table: TokenTable, i: number): string {
  return table.text.slice(table.off[2 * i]!, table.off[2 * i + 1]!);
}

/**
 * Punctuation tokens written as string literals. Comparisons with literals ("lower[i] ===
 * '\u201d'") and Set lookups are compiled by V8 for the kind of string they first see; a slice
 * of a curly mark or a dash is a fresh string of another kind than the literal, and meeting one
 * later threw the compiled code away ("wrong instance type"). Single ASCII characters are V8's
 * own shared strings already.
 */
const PUNCTUATION_LITERALS = new Map<string, string>(
  [
    '\u201c',
    '\u201d',
    '\u201e',
    '\u2018',
    '\u2019',
    '\u2014',
    '\u2013',
    '\u2026',
    '\u2015',
    '--',
    "''",
    '...',
  ].map((p): [string, string] => [p, p]),
);

/** Index of the first token that ends after `offset` (binary search; `count` when none does). */
export function tokenIndexAt(table: Pick<TokenTable, 'off' | 'count'>, offset: number): number {
  let lo = 0;
  let hi = table.count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (table.off[2 * mid + 1]! <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A punctuation token as a string literal where there is one, else empty. One Map lookup for
 * every kind (rather than a branch per kind, whose rarer ones had no type feedback when V8
 * compiled the caller, and threw its code away when they came).
 */
function punctuationToken(text: string, start: number, end: number): string {
  if (end - start === 1 && text.charCodeAt(start) < 128) return text[start]!;
  return PUNCTUATION_LITERALS.get(text.slice(start, end)) ?? '';
}

export function tokenTable(text: string, regions: readonly QuoteRegion[]): TokenTable {
  const off = tokenOffsets(text);
  // Lower-casing the whole text once is cheaper than token by token; it keeps
  // offsets only when no character changes length (true of nearly all text).
  const lowered = text.toLowerCase();
  const sameLength = lowered.length === text.length;
  const n = off.length >> 1;
  const lower = new Array<string>(n);
  // The three per-token arrays share one buffer: a typed array of a text's length lives outside
  // V8's heap, and each backing store allocated there costs about a microsecond.
  const buffer = new ArrayBuffer(n * 9);
  const region = new Int32Array(buffer, 0, n).fill(-1);
  const hash = new Int32Array(buffer, n * 4, n);
  const word = new Uint8Array(buffer, n * 8, n);
  let r = 0;
  for (let i = 0; i < n; i++) {
    const start = off[2 * i]!;
    const end = off[2 * i + 1]!;
    const wordy = hasWordChar(text, start, end);
    const literal = wordy ? '' : punctuationToken(text, start, end);
    const token =
      literal !== ''
        ? literal
        : sameLength
          ? lowered.slice(start, end)
          : text.slice(start, end).toLowerCase();
    lower[i] = token;
    // Where offsets agree, the lowered text's characters are the token's (a literal too).
    hash[i] = sameLength ? hashRange(lowered, start, end) | 0 : stringHash(token) | 0;
    while (r < regions.length && regions[r]!.end <= start) r++;
    if (r < regions.length && regions[r]!.start <= start && end <= regions[r]!.end) {
      region[i] = r;
      // An opening curly mark that closes its passage ("“…,“ said X": quote-marks.ts closesAt)
      // is read as the closing mark it stands for.
      if (literal === '\u201c' && regions[r]!.end === end && regions[r]!.start < start) {
        lower[i] = '\u201d';
        hash[i] = stringHash('\u201d') | 0;
      }
      // A single mark that opens or closes a single-marked passage reads as the double one.
      if (regions[r]!.single && (regions[r]!.start === start || regions[r]!.end === end)) {
        const mark = regions[r]!.start === start ? '\u201c' : '\u201d';
        lower[i] = mark;
        hash[i] = stringHash(mark) | 0;
      }
    }
    word[i] = wordy ? 1 : 0;
  }
  return { text, off, count: n, lower, hash, region, word };
}

/** Index of the first token starting at or after `offset`. */
function tokenAt(table: TokenTable, offset: number): number {
  let lo = 0;
  let hi = table.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (table.off[2 * mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Sentences merged wherever a quoted passage crosses a sentence break, as token ranges. */
export function unitsOf(
  sentences: readonly Span[],
  regions: readonly QuoteRegion[],
  table: TokenTable,
): [number, number][] {
  const merged: Span[] = [];
  let r = 0;
  for (const s of sentences) {
    const last = merged[merged.length - 1];
    // The last passage that opens before this sentence: does it reach into it?
    while (r + 1 < regions.length && regions[r + 1]!.start < s.start) r++;
    const q = regions[r];
    const crossing = last && q && q.start < s.start && q.end > s.start && q.start < last.end;
    if (last && crossing) last.end = Math.max(last.end, s.end);
    else merged.push({ start: s.start, end: s.end });
  }
  // Built by push, so that the list is always the same kind of array (one map for V8: a list
  // made by map() reached extractAttributions with another, which threw its code away).
  const units: [number, number][] = [];
  for (const u of merged) units.push([tokenAt(table, u.start), tokenAt(table, u.end)]);
  return units;
}

const isWord = (t: string): boolean => WORD.test(t);

/** The cues of a unit, longest phrase first, none inside quotation marks, none overlapping. */
export function findCues(
  table: TokenTable,
  from: number,
  to: number,
  lexicon: CueLexicon,
): [number, number][] {
  const cues: [number, number][] = [];
  const trie = lexicon.trie;
  const { lower, hash, region } = table;
  // Where the last cue ends (the unit's start before the first).
  let lastEnd = from;
  for (let i = from; i < to; i++) {
    if (region[i] !== -1) continue;
    // One lookup per token: the trie's first level holds the lexicon's first tokens and the core verbs.
    const first = trie.child(ROOT, hash[i]!, lower[i]!);
    if (first < 0) continue;
    // An infinitive ("to say", "wants to see") is rarely a cue: measured on PolNeAR train.
    const found = i > 0 && lower[i - 1] === 'to' ? 0 : lexiconMatch(table, i, to, trie, first);
    if (found) {
      // "has learned", "have warned": the auxiliary belongs to the cue, not to the source.
      const start = i > lastEnd && AUXILIARIES.has(lower[i - 1]!) ? i - 1 : i;
      cues.push([start, i + found]);
      lastEnd = i + found;
      i += found - 1;
      continue;
    }
    // Only a core verb form can start a core cue (coreCueAt has nothing for other words).
    if (!lexicon.core || !trie.verb[first]) continue;
    const core = coreCueAt(lower, table, i, from, to);
    if (core && core[0] >= lastEnd) {
      cues.push(core);
      lastEnd = core[1];
    }
  }
  return cues;
}

const AUXILIARIES = new Set(['has', 'have', 'had']);

/** The length in tokens of the longest accepted phrase starting at token `i` (whose trie node is `node`), or 0. */
function lexiconMatch(table: TokenTable, i: number, to: number, trie: PhraseTrie, node: number): number {
  let best = trie.end[node] ? 1 : 0;
  let at = node;
  for (let k = i + 1; trie.more[at] && k < to && table.region[k] === -1; k++) {
    at = trie.child(at, table.hash[k]!, table.lower[k]!);
    if (at < 0) break;
    if (trie.end[at]) best = k - i + 1;
  }
  return best;
}

/** A token range as a character span (empty ranges give undefined). */
function charSpan(table: TokenTable, from: number, to: number): Span | undefined {
  if (to <= from) return undefined;
  return { start: table.off[2 * from]!, end: table.off[2 * (to - 1) + 1]! };
}

/** The range without leading conjunctions and trailing punctuation. */
function trimRange(
  table: TokenTable,
  from: number,
  to: number,
  noise: ReadonlySet<string> = LEADING_NOISE,
): [number, number] {
  let a = from;
  let b = to;
  while (
    a < b &&
    (noise.has(table.lower[a]!) || (!isWord(table.lower[a]!) && !OPEN_MARKS.has(table.lower[a]!)))
  )
    a++;
  while (b > a && !isWord(table.lower[b - 1]!) && !CLOSE_MARKS.has(table.lower[b - 1]!)) {
    // A closing parenthesis stays when its opening one is in the range: "Jane Roe (D-Ore.)".
    if (table.lower[b - 1] === ')' && table.lower.slice(a, b - 1).includes('(')) break;
    b--;
  }
  return [a, b];
}

/** The source phrase read back from the cue, to a stop token or `floor`. Returns [start, boundary]. */
function sourceBefore(
  table: TokenTable,
  cueStart: number,
  floor: number,
): { from: number; boundary: number } {
  let i = cueStart - 1;
  while (i >= floor && table.region[i] === -1) {
    if (table.lower[i] === ')') {
      // A parenthesis inside the phrase belongs to it: "Rep. Jane Roe (D-Ore.) said".
      let j = i - 1;
      while (j > floor && table.lower[j] !== '(' && table.lower[j] !== ')' && i - j < 20) j--;
      if (j > floor && table.lower[j] === '(' && table.word[j - 1]) {
        i = j - 1;
        continue;
      }
    }
    if (SOURCE_STOPS.has(table.lower[i]!)) break;
    // "drawing what organisers said was …": a free relative's own subject is the source.
    if (table.lower[i] === 'what') break;
    i--;
  }
  return { from: i + 1, boundary: i };
}

/** The source phrase after the cue ("said X", "according to X"), to a stop token or `ceil`. */
function sourceAfter(table: TokenTable, cueEnd: number, ceil: number): number {
  let i = cueEnd;
  while (
    i < ceil &&
    !SOURCE_STOPS.has(table.lower[i]!) &&
    table.region[i] === -1 &&
    i - cueEnd < MAX_SOURCE_TOKENS
  )
    i++;
  return i;
}

function wordsIn(table: TokenTable, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (table.word[i]) n++;
  return n;
}

/**
 * Determiners that PolNeAR marks as a source when they stand alone before the cue ("Some said
 * …", "Both want …"). "both" was neutral on the folds in quotes-8 and +0.0001 (gold cues +0.0002)
 * after quotes-source-11's rules; "those", "these", "that", "this" changed nothing or lost.
 */
const PRONOUN_DETERMINERS = new Set(['some', 'both']);

/** Subordinators before a participle cue, whose speaker is the sentence's subject ("…, while saying …", "After suggesting …"). */
const PARTICIPLE_OPENERS = new Set([
  'while',
  'after',
  'before',
  'since',
  'when',
  'without',
  'by',
  'in',
  'upon',
  'despite',
]);

/** Relative pronouns that may stand before the subject of their clause ("which locals called"). */
const OBJECT_RELATIVES = new Set(['which', 'whom']);
/** Words after "which" that leave it the subject ("which also said", "which last week warned"). */
const ADVERBS_AFTER_RELATIVE = new Set([
  'also',
  'last',
  'this',
  'earlier',
  'later',
  'first',
  'then',
  'now',
  'still',
  'has',
  'have',
  'had',
  'never',
  'often',
  // a preposition opens an aside, not the clause's subject ("which through the 1950s supported")
  'through',
  'in',
  'on',
  'at',
  'for',
  'during',
  'since',
  'over',
  'after',
  'before',
  'with',
  'by',
  'from',
  'under',
  'until',
  'despite',
]);

/** A source phrase kept to its last MAX_SOURCE_TOKENS tokens and without leading conjunctions. */
function sourceSpan(table: TokenTable, from: number, to: number): Span | undefined {
  const [a0, b] = trimRange(table, Math.max(from, to - MAX_SOURCE_TOKENS), to);
  // "which locals called", "whom critics describe as": an object relative's own subject is the
  // source, never the pronoun before it (a relative pronoun alone stays: "who said").
  const a =
    b - a0 > 1 &&
    OBJECT_RELATIVES.has(table.lower[a0]!) &&
    !verbAt(table, a0 + 1) &&
    !/ly$/.test(table.lower[a0 + 1]!) &&
    !ADVERBS_AFTER_RELATIVE.has(table.lower[a0 + 1]!)
      ? a0 + 1
      : a0;
  // "In", "A", "Amid": a phrase of function words alone names no one, but for a determiner
  // standing alone as a pronoun ("Some said …", "a group that is devoted to …").
  if (b - a === 1 && PRONOUN_DETERMINERS.has(table.lower[a]!)) return charSpan(table, a, b);
  return wordsIn(table, a, b) && !onlyFunctionWords(table, a, b) ? charSpan(table, a, b) : undefined;
}

/**
 * Words trimmed from the start of a content span: conjunctions, but not the complementizer
 * "that", which PolNeAR counts as part of the content ("said that the port …").
 */
const CONTENT_NOISE = new Set([...LEADING_NOISE].filter((w) => w !== 'that' && w !== 'if'));

function contentSpan(table: TokenTable, from: number, to: number): Span | undefined {
  const [a, b] = trimRange(table, from, to, CONTENT_NOISE);
  return wordsIn(table, a, b) ? charSpan(table, a, b) : undefined;
}

/** True when tokens [from, to) are one quoted passage and nothing but punctuation around it. */
function isWholeQuote(table: TokenTable, from: number, to: number): boolean {
  const words: number[] = [];
  for (let i = from; i < to; i++) if (table.word[i]) words.push(i);
  if (!words.length) return false;
  const r = table.region[words[0]!]!;
  return r !== -1 && words.every((i) => table.region[i] === r);
}

export interface ExtractInput {
  text: string;
  sentences: readonly Span[];
  lexicon: CueLexicon;
  /** A learnt cue tagger (cue-tagger.ts); without it the rules' cues are used. */
  tagger?: CueTagger;
  /**
   * How tagger cues combine with the rules': replace them ('tagger'), add to them where they
   * do not overlap ('union'), or replace them but for the rules' core-verb cues ('core'), or
   * replace them but, in a sentence where the tagger finds no cue, for the rules' belief and
   * intention cues ('beliefs').
   */
  combine?: CueCombination;
  /**
   * Cue spans given from outside instead of found (a diagnostic: `eval quotes --method
   * gold-cues` feeds the gold cues, to score source and content on their own).
   */
  givenCues?: readonly Span[];
  /** A re-scorer of the tagger's cues (cue-rescorer.ts); only with a tagger. */
  rescorer?: CueRescorer;
}

/** The tagger's cues of a unit as the re-scorer keeps them. */
function rescoredCues(
  table: TokenTable,
  ts: number,
  te: number,
  ctx: UnitContext,
  tagger: CueTagger,
  rescorer: CueRescorer,
): [number, number][] {
  const f = rescorer.file;
  const candidates = cueCandidates(
    table,
    ts,
    te,
    ctx,
    tagger,
    f.extra,
    f.variants,
    rescorer.rates,
    rescorer.phrases,
    (k) => classAt(table, k, ts, ctx),
    rescorer.proposer,
    rescorer.words,
  );
  const kept = keptCues(rescorer, candidates, f.threshold, f.fallback ?? Number.POSITIVE_INFINITY);
  const ends = rescorer.ends;
  if (ends)
    for (let k = 0; k < kept.length; k++) {
      const c = kept[k]!;
      c[1] = cueEnd(table, ends, c[0], c[1], k + 1 < kept.length ? kept[k + 1]![0] : te);
    }
  return kept;
}

/**
 * Auxiliaries, modals, negation and adverbs of time and manner that PolNeAR's cues take in
 * when they stand right before the cue word ("has also said", "would not say", "is widely
 * seen"): on train, such a word right before a gold cue's first word is inside the cue 2,847
 * times and outside it 108.
 */
const CUE_PREFIX_WORDS = new Set([
  'has',
  'have',
  'had',
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'being',
  'am',
  'do',
  'does',
  'did',
  'will',
  'would',
  'shall',
  'should',
  'can',
  'could',
  'may',
  'might',
  'must',
  'not',
  "n't",
  'n\u2019t',
  // "can't", "won't" are tokenised "ca n't", "wo n't".
  'ca',
  'wo',
  'never',
  'also',
  'still',
  'already',
  'often',
  'always',
  'again',
  'just',
  'even',
  'now',
  'once',
  'later',
  'then',
  'soon',
  // Contracted auxiliaries, both apostrophes ("they’ve suggested" → "’ve suggested"): on train, a
  // gold cue right after one takes it in 33 times and leaves it out twice. Not "'s" (77 in, 139
  // out: a possessive as often as "is").
  "'ve",
  '\u2019ve',
  "'re",
  '\u2019re',
  "'d",
  '\u2019d',
  "'ll",
  '\u2019ll',
  "'m",
  '\u2019m',
]);

/** Modals that are also names ("George Will urged", "Theresa May said"): a prefix only in lower case. */
const NAME_MODALS = new Set(['will', 'may', 'can', 'must']);

/**
 * True for a word the cue takes in before it: a closed-class word above, or a lower-case word in
 * -ly that does not follow a determiner (an adverb: "repeatedly said", not "the family said").
 */
function isCuePrefix(table: TokenTable, k: number): boolean {
  const w = table.lower[k]!;
  if (CUE_PREFIX_WORDS.has(w)) return !NAME_MODALS.has(w) || !isCapitalisedAt(table, k);
  if (w.length < 5 || !(w.endsWith('ly') || ORDER_ADVERBS.has(w))) return false;
  const c = table.text.charCodeAt(table.off[2 * k]!);
  if (c < 97 || c > 122) return false;
  // A noun in -ly ("the family said", "an ally said", "Trump's family") follows its determiner.
  return k === 0 || !NOUN_OPENERS.has(table.lower[k - 1]!);
}

/**
 * Adverbs of order that a cue takes in like the -ly ones ("first said", "earlier asked",
 * "further alleges"): on train, a gold cue starts with "first" 14 times and follows it 2.
 */
const ORDER_ADVERBS = new Set(['first', 'earlier', 'further']);

/** Words before a noun, never before an adverb. */
const NOUN_OPENERS = new Set([
  'the',
  'a',
  'an',
  'his',
  'her',
  'its',
  'their',
  'our',
  'my',
  'your',
  "'s",
  '\u2019s',
  'this',
  'that',
]);

/**
 * The tagger's cues with the auxiliaries, modals, negation and adverbs right before each taken
 * in (not past the unit's start, a quotation, or the previous cue). The tagger rarely has these
 * words as candidates, so it cannot label them itself.
 */
function withCuePrefixes(table: TokenTable, ts: number, cues: [number, number][]): [number, number][] {
  let floor = ts;
  for (const c of cues) {
    c[0] = cuePrefixStart(table, c[0], floor);
    floor = c[1];
  }
  return cues;
}

/** Where a cue starting at token `a` starts once the words before it are taken in (not before `floor`). */
export function cuePrefixStart(table: TokenTable, a: number, floor: number): number {
  let k = a;
  while (k > floor && table.region[k - 1] === -1 && isCuePrefix(table, k - 1)) k--;
  return k;
}

/** Cues of both lists, the first list winning where two overlap, in order. */
function unionCues(a: readonly [number, number][], b: readonly [number, number][]): [number, number][] {
  const out = [...a];
  for (const c of b) if (!a.some(([x, y]) => c[0] < y && x < c[1])) out.push(c);
  return out.sort((p, q) => p[0] - q[0]);
}

/** The cues of a unit: the rules', then (with a tagger) the tagger's, which reads the rules' as a feature. */
function unitCues(
  table: TokenTable,
  ts: number,
  te: number,
  lexicon: CueLexicon,
  tagger: CueTagger | undefined,
  combine: CueCombination,
  rescorer: CueRescorer | undefined,
): [number, number][] {
  const rules = findCues(table, ts, te, lexicon);
  if (!tagger) return rules;
  const ctx = unitContext(table, ts, te, rules);
  const tagged = withCuePrefixes(
    table,
    ts,
    rescorer
      ? rescoredCues(table, ts, te, ctx, tagger, rescorer)
      : cuesOfLabels(tagUnit(table, ts, te, ctx, tagger), ts),
  );
  if (combine === 'union') return unionCues(rules, tagged);
  if (combine === 'core')
    return unionCues(
      tagged,
      rules.filter(([, b]) => isCoreVerb(table.lower[b - 1]!)),
    );
  // In a sentence where the tagger found no cue, the rules' belief or intention cue ("X believes
  // …", "X wants …"): PolNeAR marks only some of them, but a sentence built on one is about it.
  // Their auxiliaries and adverbs are taken in as the tagger's are ("has long believed").
  if (combine === 'beliefs' && !tagged.length)
    return withCuePrefixes(
      table,
      ts,
      rules.filter(([, b]) => isBeliefOrIntentionVerb(table.lower[b - 1]!)),
    );
  return tagged;
}

/**
 * The cues the extractor would read in a text, as character spans (a script's view: feeding them
 * back as `givenCues` gives the same attributions, so that the source and content rules can be
 * measured on fixed cues; scripts/quotes-source-folds.ts).
 */
export function extractCues({
  text,
  sentences,
  lexicon,
  tagger,
  combine = 'tagger',
  rescorer,
}: ExtractInput): Span[] {
  const regions = quoteRegionsWithSingles(text);
  const table = tokenTable(text, regions);
  const out: Span[] = [];
  for (const [ts, te] of unitsOf(sentences, regions, table))
    for (const [a, b] of unitCues(table, ts, te, lexicon, tagger, combine, rescorer))
      out.push(charSpan(table, a, b)!);
  return out;
}

/**
 * Which reading of attributionAt gave each attribution, kept only while a script asks for it
 * (traceReadings): the source rules' census (scripts/quotes-source-folds.ts) counts errors per reading.
 */
let readings: WeakMap<Attribution, string> | undefined;
/** The reading attributionAt last took. */
let reading = '';

/** Starts (or with false stops) recording which reading gave each attribution; returns the record. */
export function traceReadings(on = true): WeakMap<Attribution, string> | undefined {
  readings = on ? new WeakMap() : undefined;
  return readings;
}

/** The unit after the last one: none (attributionAt reads -1 as "no next unit"). */
const NO_UNIT: [number, number] = [-1, -1];

/** The attributions of a text, in order of their cues. */
export function extractAttributions({
  text,
  sentences,
  lexicon,
  tagger,
  combine = 'tagger',
  givenCues,
  rescorer,
}: ExtractInput): Attribution[] {
  // No sentence, no attribution (and no empty list of units, which V8 would see as another kind of array).
  if (!sentences.length) return [];
  const regions = quoteRegionsWithSingles(text);
  const table = tokenTable(text, regions);
  const units = unitsOf(sentences, regions, table);
  const given = givenCues ? cueRanges(table, givenCues) : undefined;
  const out: Attribution[] = [];
  for (let u = 0; u < units.length; u++) {
    const [ts, te] = units[u]!;
    const cues = given
      ? cuesInUnit(given, ts, te)
      : unitCues(table, ts, te, lexicon, tagger, combine, rescorer);
    let thatClauseFrom = -1;
    for (let k = 0; k < cues.length; k++) {
      const [c0, c1] = cues[k]!;
      const s0 = k === 0 ? ts : cues[k - 1]![1];
      const s1 = k === cues.length - 1 ? te : cues[k + 1]![0];
      const last = out[out.length - 1];
      if (k > 0 && last && thatClauseFrom >= 0 && last.content.start >= table.off[2 * thatClauseFrom]!) {
        // A cue inside a "said that …" clause is part of what was said (attributions do not nest).
        const end = contentSpan(table, c1, te);
        if (end) last.content = { start: last.content.start, end: Math.max(last.content.end, end.end) };
        continue;
      }
      const previous = k > 0 && last && last.cue.start >= table.off[2 * ts]! ? last : undefined;
      const next = u + 1 < units.length ? units[u + 1]! : NO_UNIT;
      const a = attributionAt(table, c0, c1, s0, s1, next[0], next[1], ts, previous);
      if (!a) continue;
      if (previous && a.source) {
        if (!previous.source && a.source.start > a.cue.start)
          wholeClause(table, a, previous, k === 1 ? ts : cues[k - 2]![1], c0);
        else if (a.source.start < a.cue.start || a.content.end <= a.cue.start)
          outerClause(table, a, previous, ts);
        cutBeforeCoordinate(table, previous, a.source);
        restrictiveClauseEnd(table, previous, a.source, ts);
      }
      if (previous) {
        // "called Okafor a “thief” and said …": the "and" that joins the next verb is no content.
        const j = tokenAt(table, previous.content.end) - 1;
        if (j === c0 - 1 && j > 0 && (table.lower[j] === 'and' || table.lower[j] === 'but')) {
          const cut = contentSpan(table, tokenAt(table, previous.content.start), j);
          if (cut) previous.content = cut;
        }
        previous.kind = kindOf(table, previous, tokenAt(table, previous.cue.start));
      }
      thatClauseFrom = table.lower[c1] === 'that' ? c1 : -1;
      a.kind = kindOf(table, a, c0);
      if (readings) readings.set(a, reading);
      out.push(a);
    }
    if (!cues.length) {
      const other = dashAttribution(table, ts, te) ?? colonAttribution(table, ts, te);
      if (other) {
        out.push(other);
        if (readings)
          readings.set(
            other,
            other.cue.end - other.cue.start === 1 && table.text[other.cue.start] === ':' ? 'colon' : 'dash',
          );
      }
    }
  }
  joinSplitQuotes(text, regions, out);
  return out;
}

/**
 * "Job cuts will be announced …, said X": an inverted cue's content is the whole clause before
 * it (from `from`, where the previous cue's stretch began), the earlier sourceless cue inside it.
 */
function wholeClause(
  table: TokenTable,
  a: Attribution,
  previous: Attribution,
  from: number,
  c0: number,
): void {
  if (previous.cue.start < table.off[2 * from]! || a.content.end > table.off[2 * c0]!) return;
  const whole = contentSpan(table, from, c0);
  if (whole && whole.end === a.content.end) a.content = whole;
}

/**
 * "A man pleaded guilty on Monday to …, prosecutors said": the content read before the source began
 * where the earlier cue of the sentence ended ("on Monday to …"); the outer cue's content is the
 * whole clause, the earlier attribution inside it (as PolNeAR nests them).
 */
function outerClause(table: TokenTable, a: Attribution, previous: Attribution, from: number): void {
  if (a.content.end > a.source!.start || previous.cue.start < table.off[2 * from]!) return;
  if (a.content.start < previous.cue.end || a.content.start > previous.content.start) return;
  const whole = contentSpan(table, from, tokenAt(table, a.content.end));
  if (whole && whole.end === a.content.end && whole.start < a.content.start) a.content = whole;
}

/** Words that join a second clause to the first ("…, and three-quarters said …", "…, but Roe said"). */
const COORDINATORS = new Set(['and', 'but', 'while', 'whereas', 'yet', ';']);

/**
 * "Voters said [the plan is fair], and a third said …": the previous attribution's content ran up
 * to the next cue, over the next clause's coordinator and its source. It ends before them. Train
 * folds (fold cues fixed): content exact +0.0038 for the coordinators, +0.0041 more for a comma
 * before a short source (a comma before sources of up to 3 or 5 tokens: +0.0048 / +0.0053 but
 * content overlap −0.0001 on a fold).
 */
function cutBeforeCoordinate(table: TokenTable, previous: Attribution, source: Span): void {
  if (source.start <= previous.content.start || source.start >= previous.content.end) return;
  let j = tokenAt(table, source.start);
  // A comma alone is enough before a source of one or two tokens ("…[his goals], he wrote",
  // "…[the crowd], which chanted"); before a longer one the comma may be inside the content.
  const short = tokenAt(table, source.end) - j <= 2;
  let joined = false;
  // "…, “A,” the prosecutor’s office said": a quotation closed with a comma ends before the source.
  if (
    j > 1 &&
    CLOSE_MARKS.has(table.lower[j - 1]!) &&
    table.lower[j - 2] === ',' &&
    table.region[j - 1] !== -1
  ) {
    const cut = contentSpan(table, tokenAt(table, previous.content.start), j);
    if (cut) previous.content = cut;
    return;
  }
  while (j > 0 && (table.lower[j - 1] === ',' || COORDINATORS.has(table.lower[j - 1]!))) {
    if (table.lower[j - 1] !== ',' || short) joined = true;
    j--;
  }
  if (!joined) return;
  const cut = contentSpan(table, tokenAt(table, previous.content.start), j);
  if (cut) previous.content = cut;
}

function kindOf(table: TokenTable, a: Attribution, cueToken: number): AttributionKind {
  if (table.lower[cueToken] === 'according') return 'according-to';
  const from = tokenAt(table, a.content.start);
  const to = tokenAt(table, a.content.end);
  // Direct when most of the content is quoted: a scare-quoted word in a paraphrase is not a quote.
  let quoted = 0;
  let words = 0;
  for (let i = from; i < to; i++) {
    if (!table.word[i]) continue;
    words++;
    if (table.region[i] !== -1) quoted++;
  }
  return quoted * 2 > words ? 'direct' : 'reported';
}

/** Words that open a noun phrase without naming anyone themselves. */
const DETERMINERS = new Set([
  'the',
  'a',
  'an',
  'his',
  'her',
  'its',
  'their',
  'our',
  'this',
  'that',
  'these',
  'those',
  'former',
  'some',
  'many',
  'several',
  'two',
  'three',
  'one',
  'another',
]);

/** The subject of a sentence, skipping a short opening phrase set off by a comma ("Hours later, Trump …"). */
function subjectSpan(table: TokenTable, s0: number, limit: number): Span | undefined {
  let ts = datelineEnd(table, s0, limit);
  // "Long before the vote, Roe was …", "With a storm coming, the candidates …": the subject
  // follows the opening aside.
  for (let n = 0; n < 3; n++) {
    let comma = ts;
    while (comma < limit && comma - ts < 25 && table.lower[comma] !== ',' && table.region[comma] === -1)
      comma++;
    if (
      comma >= limit ||
      table.lower[comma] !== ',' ||
      !(opensAside(table, ts, comma) || opensClause(table, ts, comma))
    )
      break;
    ts = comma + 1;
  }
  const end = subjectOf(table, ts, limit);
  // "Hours later, Trump …": a short opening phrase, then the subject; but not after a name
  // ("Mr. Trump, in a freewheeling style, …", "She, too, …").
  if (table.lower[end] === ',' && end - ts <= 5 && end + 1 < limit && !namesSomeone(table, ts, end)) {
    const second = subjectOf(table, end + 1, limit);
    if (second > end + 1) return sourceSpan(table, end + 1, second);
  }
  return sourceSpan(table, ts, end);
}

/**
 * Where the sentence starts after a dateline ("LOS ANGELES (AP) — Clinton …", "Washington (AFP) –
 * …"): after a dash within the first 12 tokens that follows a parenthesised word or words in
 * capitals only; else s0.
 */
function datelineEnd(table: TokenTable, s0: number, limit: number): number {
  let capitals = true;
  for (let i = s0; i < limit && i - s0 < 12; i++) {
    const t = table.lower[i]!;
    if (DASHES.has(t)) return i > s0 && (capitals || table.lower[i - 1] === ')') ? i + 1 : s0;
    if (table.region[i] !== -1) return s0;
    if (table.word[i] && rawAt(table, i) !== rawAt(table, i).toUpperCase()) capitals = false;
  }
  return s0;
}

/** True when tokens [from, to) are a personal pronoun or capitalised words only (a name). */
function namesSomeone(table: TokenTable, from: number, to: number): boolean {
  let a = from;
  while (a < to && (LEADING_NOISE.has(table.lower[a]!) || !table.word[a])) a++;
  if (a >= to) return false;
  if (to - a === 1 && SUBJECT_PRONOUNS.has(table.lower[a]!) && table.lower[a] !== 'it') return true;
  // One capitalised word opening a sentence may be an adverb ("Ultimately, …", "Likewise, …").
  if (to - a === 1 && (table.lower[a]!.endsWith('ly') || SENTENCE_ADVERBS.has(table.lower[a]!))) return false;
  for (let i = a; i < to; i++) if (table.word[i] && !isCapitalisedAt(table, i)) return false;
  // "Tuesday, …", "In March, …" are times, not names.
  return !CALENDAR_WORDS.test(table.lower[a]!);
}

/** Adverbs that open a sentence before its comma. */
const SENTENCE_ADVERBS = new Set([
  'likewise',
  'meanwhile',
  'however',
  'instead',
  'indeed',
  'still',
  'otherwise',
  'nevertheless',
  'nonetheless',
  'moreover',
  'furthermore',
  'thus',
  'hence',
  'therefore',
  'besides',
  'overall',
  'first',
  'second',
  'third',
  'finally',
  'again',
  'yet',
  'so',
  'now',
  'then',
  'also',
  'too',
  'here',
  'there',
]);

const CALENDAR_WORDS =
  /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|today|yesterday|tonight|earlier|later|meanwhile|still|now|then)$/;

/**
 * True when a sentence's opening chunk is a participle clause or a lone adverb ("Adopting the
 * recommendations …, the board", "Asked on Monday whether …, Clinton", "Ultimately, …").
 */
function opensClause(table: TokenTable, from: number, to: number): boolean {
  let a = from;
  while (a < to && (LEADING_NOISE.has(table.lower[a]!) || !table.word[a])) a++;
  if (a >= to) return false;
  const w = table.lower[a]!;
  if (to - a === 1) return w.endsWith('ly') || SENTENCE_ADVERBS.has(w);
  return (
    w.length > 4 && (w.endsWith('ing') || w.endsWith('ed')) && !namesSomeone(table, a, Math.min(to, a + 2))
  );
}

/** Verbs and auxiliaries that end a subject noun phrase ("The minister was …"). */
const VERBISH = new Set([
  ...AUXILIARY_VERBS,
  'began',
  'went',
  'met',
  'made',
  'took',
  'gave',
  'got',
  'came',
  'left',
  'spoke',
  'sent',
  'kept',
]);

/** The subject of a clause, roughly: its opening noun phrase ("Donald Trump went …" → "Donald Trump"). */
function subjectOf(table: TokenTable, s0: number, limit: number): number {
  let i = s0;
  while (i < limit && (LEADING_NOISE.has(table.lower[i]!) || !table.word[i])) i++;
  const start = i;
  let prevName = false;
  while (i < limit && i - start < 8) {
    const t = table.lower[i]!;
    if (SOURCE_STOPS.has(t) || table.region[i] !== -1 || VERBISH.has(t) || t === 'and') break;
    // A verb form ends the phrase: "rallied", "says", "wants"; so does a lower-case
    // word right after a name ("Trump went"), unless it is a title ("Port director Sam Okafor").
    const capitalised = isCapitalisedAt(table, i);
    if (i > start && !capitalised && (/ed$/.test(t) || isCoreVerb(t))) break;
    if (
      i > start + 1 &&
      !capitalised &&
      prevName &&
      !DETERMINERS.has(t) &&
      t !== 'of' &&
      !/^['\u2019]s$/.test(t)
    )
      break;
    prevName = capitalised && i > start;
    i++;
  }
  return i;
}

/** Words that open a clause inside a phrase read back from a cue ("… was quick to respond after Cruz said"). */
const CLAUSE_OPENERS = new Set([
  'and',
  'but',
  'or',
  'nor',
  'when',
  'after',
  'before',
  'while',
  'because',
  'as',
  'since',
  'if',
  'that',
  'where',
  'until',
  'although',
  'though',
  'whether',
  'than',
  'so',
]);

/** True for a verb as the rules can see one: an auxiliary, a frequent verb, a lower-case word in -ed. */
function verbAt(table: TokenTable, i: number): boolean {
  const w = table.lower[i]!;
  return VERBISH.has(w) || (w.length > 3 && w.endsWith('ed') && !isCapitalisedAt(table, i));
}

/**
 * The subject of the last clause of a phrase read back from a cue, when a clause with a verb
 * precedes it ("CNN was quick to push back after [Ted Cruz] blamed", "the Post will brand you a
 * liar and [NBC News] will accuse"): the words after the last clause opener, when they hold no
 * verb; undefined when the phrase has no such opener.
 */
function clauseSubjectSpan(table: TokenTable, from: number, c0: number): Span | undefined {
  const name = nameBeforeCue(table, from, c0);
  if (name) return name;
  for (let b = c0 - 1; b > from && c0 - b <= 12; b--) {
    if (verbAt(table, b)) return undefined;
    if (!CLAUSE_OPENERS.has(table.lower[b]!) || b + 1 >= c0) continue;
    for (let i = from; i < b; i++) if (verbAt(table, i)) return sourceSpan(table, b + 1, c0);
    return undefined;
  }
  return undefined;
}

/**
 * "… comply with [the DOJ] demand that …", "… renewed [Republican] calls for …", "things [the
 * Donald] has said": a name of at most three capitalised words right before the cue, after a verb
 * in the phrase read back, is the cue's own subject or agent (not the sentence's subject).
 */
function nameBeforeCue(table: TokenTable, from: number, c0: number): Span | undefined {
  let k = c0 - 1;
  while (k >= from && c0 - k <= 3 && table.word[k] && isCapitalisedAt(table, k)) k--;
  if (k === c0 - 1 || k < from || CALENDAR_WORDS.test(table.lower[c0 - 1]!)) return undefined;
  if (!hasVerb(table, from, k + 1)) return undefined;
  const w = table.lower[k]!;
  if (w === 'the') return charSpan(table, k, c0);
  if (!table.word[k] || NOT_BEFORE_NAME.has(w)) return undefined;
  return charSpan(table, k + 1, c0);
}

/** Words after which a name is an object or a modifier, not the cue's subject ("in Congress to endorse"). */
const NOT_BEFORE_NAME = new Set([
  'and',
  'or',
  'of',
  "'s",
  '\u2019s',
  'in',
  'like',
  'to',
  'at',
  'on',
  'from',
  'with',
  'for',
  'by',
  'as',
  'her',
  'his',
  'their',
  'its',
]);

/** Words that open a subordinate clause whose subject follows them ("because he favors …"). */
const SUBORDINATORS = new Set([
  'when',
  'because',
  'as',
  'after',
  'before',
  'while',
  'since',
  'if',
  'although',
  'though',
  'where',
  'whereas',
  'until',
  'but',
  'that',
]);

/** Personal pronouns: a subject of one word. */
const SUBJECT_PRONOUNS = new Set(['he', 'she', 'they', 'we', 'i', 'you', 'it']);

/**
 * The subject of the clause a coordinated or participle cue belongs to, when that clause is a
 * subordinate or relative one within the same comma-free stretch ("… because [he] favors X and
 * opposes Y", "Weaver, [who] came out and endorsed Clinton"): the relative pronoun, or the subject
 * after the subordinator; undefined when no such clause opens between the cue and the last comma.
 */
function ownClauseSubject(table: TokenTable, ts: number, c0: number): Span | undefined {
  for (let i = c0 - 2; i > ts && c0 - i <= 30; i--) {
    const w = table.lower[i]!;
    if (table.region[i] !== -1 || SOURCE_STOPS.has(w)) return undefined;
    if (RELATIVES_AS_SOURCE.has(w) || (w === 'that' && verbAt(table, i + 1)))
      return charSpan(table, i, i + 1);
    if (!SUBORDINATORS.has(w)) continue;
    if (SUBJECT_PRONOUNS.has(table.lower[i + 1]!)) return charSpan(table, i + 1, i + 2);
    const end = subjectOf(table, i + 1, c0 - 1);
    return end > i + 1 && end < c0 - 1 && verbAt(table, end) ? sourceSpan(table, i + 1, end) : undefined;
  }
  return undefined;
}

/** Relative pronouns that PolNeAR marks as the source of their clause's cue. */
const RELATIVES_AS_SOURCE = new Set(['who', 'which']);

/** A source phrase longer than this, in tokens, with a verb in it, keeps only its subject. */
const LONG_SOURCE = 6;

/** Words that open an adverbial after a cue ("said on Sunday", "said in a statement", "said Tuesday"). */
const TAIL_OPENERS = new Set([
  'on',
  'in',
  'at',
  'during',
  'after',
  'before',
  'last',
  'this',
  'earlier',
  'later',
  'recently',
  'yesterday',
  'today',
  'tonight',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'when',
  'while',
  'of',
  'about',
  'to',
  'from',
  'with',
  'via',
  'through',
  'as',
  'also',
  'again',
  'afterward',
  'afterwards',
  'then',
  'late',
  'early',
  'privately',
  'publicly',
  'repeatedly',
  'separately',
]);

/** True when nothing but an adverbial follows the cue: "…, X said (on Sunday)." */
function adverbialTail(table: TokenTable, c1: number, s1: number): boolean {
  let i = c1;
  while (i < s1 && !table.word[i]) i++;
  return i >= s1 || TAIL_OPENERS.has(table.lower[i]!);
}

/** True when tokens [from, to) read as a clause: a quote, an auxiliary, or a verb in -ed. */
function clauseLike(table: TokenTable, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    if (table.region[i] !== -1 || VERBISH.has(table.lower[i]!)) return true;
    if (i > from && /ed$/.test(table.lower[i]!) && !isCapitalisedAt(table, i)) return true;
  }
  return false;
}

/** True when tokens [from, to) hold an auxiliary or a common verb (a clause, not a name). */
function hasVerb(table: TokenTable, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (VERBISH.has(table.lower[i]!)) return true;
  return false;
}

/** An attribution; every one is built here, so that all have one shape (V8 compiles the code reading them once). */
function attribution(kind: AttributionKind, content: Span, cue: Span, source: Span | undefined): Attribution {
  return { kind, content, cue, source };
}

/** True when a quotation opens at token i (after commas and colons), before s1. */
function startsQuote(table: TokenTable, i: number, s1: number): boolean {
  let j = i;
  while (j < s1 && (table.lower[j] === ',' || table.lower[j] === ':')) j++;
  return j < s1 && table.region[j] !== -1;
}

/**
 * What follows the cue [.., c1) up to s1, skipping the addressee of "told reporters that …";
 * or the next unit [next0, next1) when it is a whole quote and little follows the cue
 * ("X told CNN." and the quote in the next sentence or paragraph; next0 -1: no next unit).
 */
function contentAfter(
  table: TokenTable,
  c1: number,
  s1: number,
  next0: number,
  next1: number,
): Span | undefined {
  const after = TAKES_OBJECT.test(table.lower[c1 - 1]!)
    ? afterAddressee(table, c1, s1)
    : adjunctThen(table, c1, s1);
  const content = contentSpan(table, after, s1);
  if ((!content || wordsIn(table, c1, s1) <= 3) && next0 >= 0 && isWholeQuote(table, next0, next1)) {
    return contentSpan(table, next0, next1);
  }
  return content;
}

/** Words that open an adjunct of time or circumstance between a cue and "that" ("said on Monday that"). */
const ADJUNCT_OPENERS = new Set([
  'on',
  'in',
  'at',
  'during',
  'after',
  'before',
  'late',
  'early',
  'last',
  'this',
  'earlier',
  'later',
  'yesterday',
  'today',
  'tonight',
  'again',
  'repeatedly',
  'publicly',
  'privately',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'for',
  'with',
  'by',
  'from',
  'through',
  'over',
  'via',
  'under',
  'to',
]);
/**
 * The last word of such an adjunct, right before "that": a time word, a number, or the medium
 * ("in a statement", "in an interview"); a capitalised word (a day, a place, a paper) counts too.
 * Any other noun may have a relative "that" after it ("in areas that …").
 */
const ADJUNCT_ENDS =
  /^(\d+|\d+s|monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|weekend|month|year|night|morning|afternoon|evening|day|today|yesterday|tonight|earlier|later|again|ago|recently|repeatedly|publicly|privately|statement|statements|interview|interviews|conference|briefing|speech|letter|email|e-mail|release|post|tweet|tweets|call|appearance|hearing|testimony|filing|memo|report|debate|rally|remarks|op-ed|video|broadcast|podcast|program|programme|show|session|meeting|court|twitter|facebook)$/;
/** The most tokens an adjunct between a cue and "that" may have ("said in a statement on Monday that"). */
const MAX_ADJUNCT = 8;

/**
 * Where the content of "said on Monday that …" starts: at the "that" after a short adjunct of
 * time or circumstance that follows the cue (PolNeAR leaves the adjunct out of the content:
 * the content opens with its complementizer). An adjunct opens with a preposition or a time
 * word and holds no verb, quotation or clause stop; anything else leaves the content at c1.
 */
function adjunctThen(table: TokenTable, c1: number, s1: number): number {
  if (c1 >= s1 || !ADJUNCT_OPENERS.has(table.lower[c1]!)) return c1;
  const end = Math.min(s1, c1 + MAX_ADJUNCT + 1);
  for (let i = c1 + 1; i < end; i++) {
    const t = table.lower[i]!;
    if (t === 'that') return ADJUNCT_ENDS.test(table.lower[i - 1]!) || isCapitalisedAt(table, i - 1) ? i : c1;
    if (table.region[i] !== -1 || t === ':' || t === ';' || SOURCE_STOPS.has(t) || verbAt(table, i))
      return c1;
  }
  return c1;
}

/** Where the content of "told reporters (that) …" starts: at "that", "if", "whether", a colon or a quote, else after a one-word addressee. */
function afterAddressee(table: TokenTable, c1: number, s1: number): number {
  for (let i = c1; i < Math.min(s1, c1 + 10); i++) {
    const t = table.lower[i]!;
    if (
      t === 'that' ||
      t === 'if' ||
      t === 'whether' ||
      t === ':' ||
      OPEN_MARKS.has(t) ||
      table.region[i] !== -1
    )
      return i;
  }
  // "told reporters the talks …": a one-word addressee is no part of the content.
  return ADDRESSEES.has(table.lower[c1]!) ? c1 + 1 : c1;
}

/**
 * The attribution of the cue [c0, c1) in the stretch [s0, s1) of the unit that starts at ts
 * (the next unit is [next0, next1), next0 -1 when none; `previous` is the unit's previous
 * attribution, if any). Each way of reading it is its own function, so that this one stays
 * small: V8 compiles each when it is hot, and a rarely taken way does not make it compile
 * this one again.
 */
function attributionAt(
  table: TokenTable,
  c0: number,
  c1: number,
  s0: number,
  s1: number,
  next0: number,
  next1: number,
  ts: number,
  previous: Attribution | undefined,
): Attribution | undefined {
  if (c1 - c0 === 1 && eventNotSaying(table, c0)) return undefined;
  const cue = charSpan(table, c0, c1)!;
  const first = table.lower[c0]!;
  // 1. "according to X"; a cue that is a lone preposition reads the same way ("In the latest
  // poll, …", "To many voters, …", "For his supporters, …": the phrase after it is the source).
  if (first === 'according' || (c1 - c0 === 1 && PREPOSITION_CUES.has(first))) {
    reading = 'according';
    return accordingTo(table, c0, c1, s0, s1, ts, cue, previous);
  }
  // "…the word 'old-school,''' said X": a single mark closing an inner quote after the double one.
  const prev =
    c0 > s0
      ? table.lower[c0 - 1] === "'" && c0 - 1 > s0 && table.lower[c0 - 2] === "''"
        ? "''"
        : table.lower[c0 - 1]!
      : '';
  // The verb after the cue's prefix words: "…, not even suggesting …" is a participle cue.
  let verb = c0;
  let finite = false;
  while (verb < c1 - 1 && isCuePrefix(table, verb)) {
    // "is criticizing", "are warning against", "has been saying": a finite verb, not a participle.
    if (VERBISH.has(table.lower[verb]!)) finite = true;
    verb++;
  }
  const participle = !finite && /ing$/.test(table.lower[verb]!);

  // 2. inverted: "…,” said X" / "…, said X." — a short name after the cue, then the end. A cue of
  // more than one word does not invert ("…, has reported spending …", "…, referred to X as"),
  // nor does a verb after a title that closes an apposition ("X, star of “Y,” thanked Z").
  if (
    (prev === ',' || CLOSE_MARKS.has(prev)) &&
    !participle &&
    c1 - c0 === 1 &&
    !(CLOSE_MARKS.has(prev) && titledApposition(table, c0, s0)) &&
    table.lower[c1] !== 'that' &&
    !startsQuote(table, c1, s1)
  ) {
    const inverted = invertedAt(table, c0, c1, s0, s1, cue, prev);
    reading = 'inverted';
    if (inverted) return inverted;
  }

  // 3. a participle after a comma ("…, saying …") or a second verb ("… and says …"): the
  // speaker is the previous cue's speaker in the sentence, else the subject of the sentence.
  // A comma inside a closing mark counts as one before it ("… strategy,” promising …").
  const afterComma = prev === ',' || (CLOSE_MARKS.has(prev) && c0 - 2 >= s0 && table.lower[c0 - 2] === ',');
  if (
    (afterComma && participle) ||
    prev === 'and' ||
    prev === 'but' ||
    (participle && PARTICIPLE_OPENERS.has(prev))
  ) {
    // "Two weeks after suggesting …, Cruz said": the participle's clause opens the sentence.
    if (participle && !previous && PARTICIPLE_OPENERS.has(prev) && opensSentence(table, ts, c0)) {
      const opener = openingParticiple(table, c1, s1, cue);
      reading = 'opener';
      if (opener) return opener;
    }
    const source = previous?.source ?? ownClauseSubject(table, ts, c0) ?? subjectSpan(table, ts, c0);
    if (readings)
      reading = `${participle ? 'participle' : prev}-${previous?.source ? 'previous' : 'subject'}`;
    // "After suggesting …, Cruz said": no subject before the subordinator; the clause's own follows it.
    if (!source && participle && !previous && opensSentence(table, ts, c0)) {
      const opener = openingParticiple(table, c1, s1, cue);
      reading = 'opener';
      if (opener) return opener;
      reading = 'participle-none';
    }
    const content = contentAfter(table, c1, s1, next0, next1);
    return content ? attribution('reported', content, cue, source) : undefined;
  }

  // 3b. a participle that opens the sentence ("Citing the attack, Will urged …", "After
  // suggesting …, Cruz said"): the speaker is the subject after the participle's clause.
  if (participle && !previous && opensSentence(table, ts, c0)) {
    const opener = openingParticiple(table, c1, s1, cue);
    reading = 'opener';
    if (opener) return opener;
  }

  // 4a. passive: "… was first reported by X": X is the source, the subject is the content.
  const byAgent = table.lower[c1] === 'by' && /(ed|en)$/.test(table.lower[c1 - 1]!);
  if (byAgent) {
    const passive = passiveBy(table, c0, c1, s0, s1, cue);
    reading = 'passive-by';
    if (passive) return passive;
  }

  // 4b. agentless passive: "it was widely reported that …", "the role was disclosed": no source.
  if (agentlessPassive(table, c0, c1, s0) || subordinatePassive(table, c0, c1, s0)) {
    reading = 'agentless';
    const content =
      raisedContent(table, c0, c1, s0, s1) ?? contentAfterPassive(table, c0, c1, s0, s1, next0, next1);
    return content ? attribution('reported', content, cue, laterAgent(table, c1, s1)) : undefined;
  }
  reading = 'first';
  const a = sourceFirst(table, c0, c1, s0, s1, next0, next1, ts, cue, prev, previous);
  if (a && sharedSubject(table, a, previous, prev)) {
    a.source = previous!.source;
    if (readings) reading = 'comma-previous';
  }
  if (a && restrictiveSubject(table, a, previous, ts)) {
    if (readings) reading = 'relative-subject';
  }
  if (a?.source && a.content.start >= cue.end) relativeContent(table, a, s0);
  // 4c. "criticism from X", "support among X", "an endorsement by X": the agent follows the cue.
  // "As reported by X, …": the passive's agent, with the content read as for any cue.
  const agent = byAgent ? c1 + 1 : agentAfter(table, c0, c1);
  if (a && agent > 0) {
    const source = sourceSpan(table, agent, withoutTrailingTime(table, agent, sourceAfter(table, agent, s1)));
    if (source) {
      a.source = source;
      if (readings) reading = 'agent-after';
    }
  }
  return a;
}

/**
 * "he asked about the union, called Okafor a “thief” and said …": a verb after a comma whose
 * source, read back, is the previous cue's content (the object of the verb before: the whole
 * content, or all but its first word) shares the previous cue's subject. The noun phrase just before the comma is what the first verb was about,
 * not who spoke.
 */
function sharedSubject(
  table: TokenTable,
  a: Attribution,
  previous: Attribution | undefined,
  prev: string,
): boolean {
  if (prev !== ',' || !previous?.source || !a.source || a.source.start >= a.cue.start) return false;
  if (previous.source.end > a.source.start) return false;
  const c = previous.content;
  if (c.start > a.source.start || a.source.end < c.end || c.end > a.cue.start || c.start < previous.cue.end)
    return false;
  // The source is that content, whole or but a preposition at its start ("about the union"), and
  // one phrase: a chain with a comma in it ("…, and the mayor, a former engineer,") names a subject.
  if (table.text.slice(a.source.start, a.source.end).includes(',')) return false;
  return wordsIn(table, tokenAt(table, c.start), tokenAt(table, a.source.start)) <= 1;
}

/** Relative pronouns that open a clause restricting the noun right before them ("the man who …"). */
const RESTRICTIVE_RELATIVES = new Set(['who', 'that', 'which']);
/** The longest noun phrase read back before such a pronoun, in tokens. */
const MAX_ANTECEDENT = 8;

/**
 * The attribution's source is a relative pronoun alone, before its cue ("who called"; "according
 * to WHO" names the organisation).
 */
function restrictiveRelative(table: TokenTable, a: Attribution): boolean {
  const p = a.source!;
  const rel = tokenAt(table, p.start);
  return (
    p.end <= a.cue.start && tokenAt(table, p.end) - rel === 1 && RESTRICTIVE_RELATIVES.has(table.lower[rel]!)
  );
}

/**
 * Where the noun a restrictive relative pronoun follows begins ("[The man] who called the office
 * said …"), or -1 when the pronoun follows no noun (a comma, a dash, the unit's start: "Roe, who").
 */
function antecedentStart(table: TokenTable, rel: number, ts: number): number {
  if (rel <= ts || !table.word[rel - 1] || table.region[rel - 1] !== -1) return -1;
  const { from } = sourceBefore(table, rel, ts);
  let a = Math.max(from, rel - MAX_ANTECEDENT);
  while (a < rel && (LEADING_NOISE.has(table.lower[a]!) || !table.word[a])) a++;
  for (let i = a; i < rel; i++) {
    const w = table.lower[i]!;
    if (verbAt(table, i) || (CLAUSE_OPENERS.has(w) && w !== 'and' && w !== 'or')) a = i + 1;
  }
  return a < rel ? a : -1;
}

/**
 * "The man who called the office said …", "Hawkins and others who want to ban abortion said …":
 * the previous cue sits in a relative clause that restricts the subject (its source a bare "who"
 * or "that" right after a noun), and this cue's source, read back, is that clause's content. The
 * clause is part of the subject: the source is the noun with its clause, as PolNeAR marks sources
 * ("the man who built his political career on …").
 */
function restrictiveSubject(
  table: TokenTable,
  a: Attribution,
  previous: Attribution | undefined,
  ts: number,
): boolean {
  const p = previous?.source;
  if (!p || !a.source || a.source.start >= a.cue.start) return false;
  const rel = tokenAt(table, p.start);
  if (!restrictiveRelative(table, previous!)) return false;
  const c = previous!.content;
  // The read-back is the clause's whole content, or all but its first word ("to drain the marsh"):
  // a source later in it is that content's own subject ("who reported the call recalled that [he] said").
  if (c.start < previous!.cue.end || a.source.start < c.start || a.source.end > c.end) return false;
  if (wordsIn(table, tokenAt(table, c.start), tokenAt(table, a.source.start)) > 1) return false;
  if (c.end > a.cue.start || hasWordChar(table.text, c.end, a.cue.start)) return false;
  const from = antecedentStart(table, rel, ts);
  if (from < 0) return false;
  a.source = { start: table.off[2 * from]!, end: a.source.end };
  return true;
}

/**
 * "The staff member who reported [the call] recalled that he said …": a content read after a cue
 * in a restrictive relative clause (as restrictiveSubject) ran on over the sentence's own verb, a
 * verb with "that" after it, up to the next cue's source. The clause ends before that verb.
 */
function restrictiveClauseEnd(table: TokenTable, previous: Attribution, source: Span, ts: number): void {
  const p = previous.source;
  const c = previous.content;
  if (!p || c.start < previous.cue.end || source.start <= c.start || source.start >= c.end) return;
  const rel = tokenAt(table, p.start);
  if (!restrictiveRelative(table, previous)) return;
  if (antecedentStart(table, rel, ts) < 0) return;
  const from = tokenAt(table, c.start);
  const to = tokenAt(table, source.start);
  for (let i = from + 1; i < to - 1; i++) {
    if (table.region[i] !== -1 || SOURCE_STOPS.has(table.lower[i]!)) return;
    const w = table.lower[i]!;
    if (table.lower[i + 1] !== 'that' || isCapitalisedAt(table, i)) continue;
    if (!verbAt(table, i) && !isCoreVerb(w)) continue;
    const cut = contentSpan(table, from, i);
    if (cut) previous.content = cut;
    return;
  }
}

/**
 * One-word cues of sequence: "the recall follows an announcement", "the sale followed weeks of
 * talks" report an event after another, not what anyone said, thought or meant. Train folds
 * (fold cues given): dropping them moves source overlap +0.0001 (2 folds up, 0 down) and cue
 * exact +0.0001; "saw"/"sees" without "that", "as" or a quote after them were measured too and
 * lost (−0.0001 each): PolNeAR marks some as perception or belief, so they stay.
 */
const FOLLOWING = new Set(['follows', 'followed']);

function eventNotSaying(table: TokenTable, c0: number): boolean {
  return FOLLOWING.has(table.lower[c0]!);
}

/** Relative pronouns that open a content read around its source and cue ("which he said was …"). */
const CONTENT_RELATIVES = new Set(['which', 'what', 'whom']);

/**
 * "…, which he said was not enough", "what she calls a tax": the relative pronoun before the
 * source is the object of the cue's clause; PolNeAR's content runs from it, over source and cue.
 */
function relativeContent(table: TokenTable, a: Attribution, s0: number): void {
  const k = tokenAt(table, a.source!.start) - 1;
  if (k < s0 || !CONTENT_RELATIVES.has(table.lower[k]!) || tokenAt(table, a.source!.end) - k > 4) return;
  const whole = contentSpan(table, k, tokenAt(table, a.content.end));
  if (whole) a.content = whole;
}

/** Prepositions that introduce the agent of a nominal cue ("criticism from X", "support among X"). */
const AGENT_PREPOSITIONS = new Set(['from', 'among', 'by']);

/**
 * Where the agent of a nominal cue starts when a preposition introduces it, in the cue ("calls
 * from") or right after it ("criticism from X"); -1 when none does, or when the cue's head is a
 * verb ("learned from", "was told by" is read as a passive before this).
 */
function agentAfter(table: TokenTable, c0: number, c1: number): number {
  const last = table.lower[c1 - 1]!;
  if (c1 - c0 > 1 && AGENT_PREPOSITIONS.has(last)) return nominalHead(table, c1 - 2) ? c1 : -1;
  if (c1 < table.count && AGENT_PREPOSITIONS.has(table.lower[c1]!) && nominalHead(table, c1 - 1))
    return c1 + 1;
  return -1;
}

/** True when token k reads as a noun rather than a verb: not in -ed, not a core verb form, not capitalised. */
function nominalHead(table: TokenTable, k: number): boolean {
  const w = table.lower[k]!;
  return (
    table.word[k] === 1 &&
    !/(ed|en)$/.test(w) &&
    !isCoreVerb(w) &&
    !VERBISH.has(w) &&
    !isCapitalisedAt(table, k)
  );
}

/** Tokens that end the clause a passive's later "by X" is looked for in. */
const CLAUSE_STOPS = new Set([',', ';', ':', '(', '\u2014', '\u2013', '--', '?', '!']);

/**
 * The agent of a passive that stands further on in its clause ("are considered unclean by
 * Muslims", "has been called “strategic ambiguity” by X"): the phrase after a "by" within 15
 * tokens, before a comma, not a gerund or a date ("by saying", "by Friday"); else undefined.
 */
function laterAgent(table: TokenTable, c1: number, s1: number): Span | undefined {
  for (let k = c1; k < s1 - 1 && k - c1 < 15; k++) {
    const w = table.lower[k]!;
    if (table.region[k] === -1 && CLAUSE_STOPS.has(w)) return undefined;
    if (w !== 'by' || table.region[k] !== -1) continue;
    const next = table.lower[k + 1]!;
    if (!table.word[k + 1] || next.endsWith('ing') || CALENDAR_WORDS.test(next) || /^\d/.test(next))
      return undefined;
    return sourceSpan(table, k + 1, withoutTrailingTime(table, k + 1, sourceAfter(table, k + 1, s1)));
  }
  return undefined;
}

/** Subordinators that open a reduced passive clause ("when asked", "if elected", "as expected"). */
const REDUCED_OPENERS = new Set([
  'when',
  'if',
  'as',
  'once',
  'unless',
  'until',
  'while',
  'though',
  'although',
]);

/** True when the cue is a past participle right after such a subordinator: a passive without its subject. */
function subordinatePassive(table: TokenTable, c0: number, c1: number, s0: number): boolean {
  if (c0 <= s0 || !REDUCED_OPENERS.has(table.lower[c0 - 1]!)) return false;
  const w = table.lower[c0]!;
  return (
    !isCapitalisedAt(table, c0) &&
    (w.endsWith('ed') || w === 'told' || w === 'shown' || w === 'seen') &&
    table.lower[c1] !== 'by'
  );
}

/** True when nothing but conjunctions, punctuation and one subordinator ("After", "While") stands before token c0 of the unit. */
function opensSentence(table: TokenTable, ts: number, c0: number): boolean {
  let i = datelineEnd(table, ts, c0);
  while (i < c0 && (LEADING_NOISE.has(table.lower[i]!) || !table.word[i])) i++;
  // "One month after announcing …", "Nearly six months after …": a short measure of time first.
  let j = i;
  while (
    j < c0 &&
    j - i < 4 &&
    table.word[j] &&
    !PARTICIPLE_OPENERS.has(table.lower[j]!) &&
    !verbAt(table, j)
  )
    j++;
  if (j > i && j + 1 === c0 && TIME_SUBORDINATORS.has(table.lower[j]!)) return true;
  if (i < c0 && PARTICIPLE_OPENERS.has(table.lower[i]!)) i++;
  return i === c0;
}

/** Subordinators of time that a measure of time may precede ("two weeks after"). */
const TIME_SUBORDINATORS = new Set(['after', 'before', 'since']);

/**
 * 3b. The subject after the comma that closes the sentence's opening participle clause is the
 * source; undefined when no comma closes the clause within the stretch or no subject follows.
 */
function openingParticiple(table: TokenTable, c1: number, s1: number, cue: Span): Attribution | undefined {
  let comma = c1;
  while (comma < s1 && comma - c1 < 40 && (table.lower[comma] !== ',' || table.region[comma] !== -1)) comma++;
  if (comma >= s1 || table.lower[comma] !== ',') return undefined;
  const end = subjectOf(table, comma + 1, s1);
  const source = sourceSpan(table, comma + 1, end);
  // The content runs on past the comma, as it did before this reading (clipping it to the
  // clause lost content overlap on the folds).
  const content = contentSpan(table, c1, s1);
  return source && content ? attribution('reported', content, cue, source) : undefined;
}

/** 1. "according to X" (and a lone preposition cue): the phrase after the cue is the source. */
function accordingTo(
  table: TokenTable,
  c0: number,
  c1: number,
  s0: number,
  s1: number,
  ts: number,
  cue: Span,
  previous: Attribution | undefined,
): Attribution | undefined {
  const srcEnd = sourceAfter(table, c1, s1);
  const source = sourceSpan(table, c1, srcEnd);
  const before = contentSpan(table, s0, c0);
  // "“…,” X said on Sunday, according to Y": Y is where the same claim comes from.
  const content =
    previous !== undefined && s0 > ts ? previous.content : (before ?? contentSpan(table, srcEnd, s1));
  return content ? attribution('reported', content, cue, source) : undefined;
}

/** 2. An inverted cue ("…,” said X"), or undefined when the stretch does not read so. */
function invertedAt(
  table: TokenTable,
  c0: number,
  c1: number,
  s0: number,
  s1: number,
  cue: Span,
  prev: string,
): Attribution | undefined {
  let srcEnd = sourceAfter(table, c1, s1);
  let ends = srcEnd >= s1 || SOURCE_STOPS.has(table.lower[srcEnd]!) || table.region[srcEnd] !== -1;
  // "…, said the firm's chair Jane Roe in an email to staff.": a name, then an adjunct that runs
  // to the end; the name is the source, the adjunct is in no span.
  const named = nameThenAdjunct(table, c1, srcEnd, s1);
  if (named > 0) {
    srcEnd = named;
    ends = true;
  }
  // After a comma, what precedes must be a clause ("The port will close, said X"), not a
  // name and its apposition ("X, a spokesman, says the port …").
  const chunkStart = sourceBefore(table, c0 - 1, s0).from;
  // A closing mark: "“…,” said X" when the quote is speech (a title or scare-quoted word inside
  // an apposition is not: "X, star of “Scandal,” thanked …").
  const quoted = CLOSE_MARKS.has(prev) && speechBefore(table, c0 - 1, s0);
  const clauseBefore =
    quoted ||
    // "Roe, who has not endorsed anyone, told reporters": the chunk is the source's own clause.
    ((clauseLike(table, Math.max(s0, chunkStart), c0 - 1) ||
      // "“We're happy” about the decision, said X": speech earlier in the stretch.
      (quoteIn(table, s0, Math.max(s0, chunkStart)) &&
        chunkKind(table, Math.max(s0, chunkStart), c0 - 1) === 'aside' &&
        isCapitalisedAt(table, c1))) &&
      chunkKind(table, Math.max(s0, chunkStart), c0 - 1) !== 'relative' &&
      // "Roe, in a statement released on Thursday, said he …": a name with its asides or
      // appositions before the comma is the source of a cue read forwards.
      !sourceChain(table, c0 - 1, s0));
  // "…, told reporters": a verb with an object is not inverted.
  const inverts = !TAKES_OBJECT.test(table.lower[c1 - 1]!) || isCapitalisedAt(table, c1);
  if (
    srcEnd > c1 &&
    srcEnd - c1 <= 10 &&
    ends &&
    (clauseBefore || (prev === ',' && nameWithApposition(table, c1, srcEnd, s1))) &&
    inverts &&
    !hasVerb(table, c1, srcEnd)
  ) {
    const fullEnd = invertedSourceEnd(table, srcEnd, s1);
    const source = fullEnd > srcEnd ? chainSpan(table, c1, fullEnd) : sourceSpan(table, c1, srcEnd);
    const content = contentSpan(table, s0, c0);
    if (content) return attribution('reported', content, cue, source);
  }
  // Right after a closing mark ("…,” said X") the cue is inverted even when the name is long,
  // holds a capitalised word that looks like a verb ("Will Doyle"), or runs into a relative
  // clause ("a former official who oversaw …"): the source ends at the clause.
  if (quoted && inverts) {
    let e = c1;
    while (
      e < s1 &&
      e - c1 < 20 &&
      table.region[e] === -1 &&
      !SOURCE_STOPS.has(table.lower[e]!) &&
      !RELATIVE_OPENERS.has(table.lower[e]!) &&
      table.lower[e] !== '.'
    )
      e++;
    if (e > c1 && !hasLowerCaseVerb(table, c1, e)) {
      // With its apposition, as above ("…,” said Will Doyle, a professor at …").
      const fullEnd = invertedSourceEnd(table, e, s1);
      const source = fullEnd > e ? chainSpan(table, c1, fullEnd) : sourceSpan(table, c1, e);
      const content = contentSpan(table, s0, c0);
      if (source && content) return attribution('reported', content, cue, source);
    }
  }
  return undefined;
}

const RELATIVE_OPENERS = new Set(['who', 'whom', 'whose', 'which', 'that']);

/** Prepositions that open the adjunct after an inverted source ("…, said X in a statement"). */
const INVERTED_ADJUNCTS = new Set(['in', 'on', 'at', 'during', 'via', 'through', 'after', 'before', 'to']);

/**
 * After an inverted cue at c1: where a name that is followed by an adjunct ends ("said the
 * firm's chair Jane Roe in an email to staff."): the first of INVERTED_ADJUNCTS right after a
 * capitalised word, within ten tokens of the cue, when the adjunct from there runs to the end of
 * the stretch (or a stop) in at most eight tokens without a verb. 0 when there is none.
 */
function nameThenAdjunct(table: TokenTable, c1: number, srcEnd: number, s1: number): number {
  for (let k = c1 + 1; k < Math.min(srcEnd, c1 + 11); k++) {
    if (!INVERTED_ADJUNCTS.has(table.lower[k]!) || !isCapitalisedAt(table, k - 1)) continue;
    let e = k + 1;
    while (e < s1 && !SOURCE_STOPS.has(table.lower[e]!) && table.region[e] === -1 && table.lower[e] !== '.')
      e++;
    if (e - k > 8 || clauseLike(table, k, e)) return 0;
    return k;
  }
  return 0;
}

/** True when a token of [from, to) is in a quoted passage. */
function quoteIn(table: TokenTable, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (table.region[i] !== -1) return true;
  return false;
}

/**
 * True when the quoted passage that closes at token `close` reads as speech before an inverted
 * cue: it holds at least four words, or nothing but punctuation precedes it in the stretch.
 */
function speechBefore(table: TokenTable, close: number, s0: number): boolean {
  const r = table.region[close]!;
  if (r === -1) return true;
  let open = close;
  let words = 0;
  while (open > s0 && table.region[open - 1] === r) {
    open--;
    if (table.word[open]) words++;
  }
  return words >= SPEECH_WORDS || wordsIn(table, s0, open) === 0;
}

/** The fewest words of a quote that reads as speech wherever it stands (speechBefore). */
const SPEECH_WORDS = 4;

/** hasVerb, but a capitalised word is a name ("Will Doyle", "Mark Said"). */
function hasLowerCaseVerb(table: TokenTable, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (VERBISH.has(table.lower[i]!) && !isCapitalisedAt(table, i)) return true;
  return false;
}

/** 4a. "… was first reported by X", or undefined when either side is missing. */
function passiveBy(
  table: TokenTable,
  c0: number,
  c1: number,
  s0: number,
  s1: number,
  cue: Span,
): Attribution | undefined {
  const srcEnd = sourceAfter(table, c1 + 1, s1);
  const source = sourceSpan(table, c1 + 1, srcEnd);
  const subject = sourceBefore(table, c0, s0);
  const content = contentSpan(table, subject.from, c0);
  return source && content ? attribution('reported', content, cue, source) : undefined;
}

/**
 * 4. The source before the cue; appositions set off by commas or dashes belong to it
 * ("X, a spokesman, said", "X, 58, who lives in Y, says", "X — a teacher — says").
 */
function sourceFirst(
  table: TokenTable,
  c0: number,
  c1: number,
  s0: number,
  s1: number,
  next0: number,
  next1: number,
  ts: number,
  cue: Span,
  prev: string,
  previous?: Attribution,
): Attribution | undefined {
  let { from, boundary } = sourceBefore(table, c0, s0);
  // An earlier cue in the same unit may sit inside the source's own clause ("Roe, who
  // says …, said"): the chain may read back past it to the start of the unit.
  const afterComma = (prev === ',' || DASHES.has(prev)) && boundary === c0 - 1;
  const chain = afterComma ? sourceChain(table, c0 - 1, s0, ts) : undefined;
  if (chain) {
    from = chain.from;
    boundary = chain.boundary;
  } else if (afterComma) {
    const chunks = appositionChunks(table, c0 - 1, s0);
    if (chunks.from >= 0) {
      from = chunks.from;
      boundary = chunks.boundary;
    }
  }
  // "X, a spokesman, on Tuesday said", "X, for his part, is labeling": a short aside between the
  // comma that ends the name (and its appositions) and the cue; the source is before the comma.
  let named: Span | undefined;
  const titled = !afterComma && boundary === c0 - 1 ? titledApposition(table, c0, s0) : undefined;
  if (titled) {
    named = sourceSpan(table, sourceStart(table, titled.from, titled.end), titled.end);
    if (named) boundary = titled.boundary;
  }
  if (
    !named &&
    !afterComma &&
    boundary >= s0 &&
    table.lower[boundary] === ',' &&
    shortAside(table, from, c0)
  ) {
    const behind = sourceChain(table, boundary, s0, ts);
    const chunk = sourceBefore(table, boundary, s0);
    if (behind) {
      named = chainSpan(table, behind.from, behind.end);
      boundary = behind.boundary;
    } else if (chunk.from < boundary && chunkKind(table, chunk.from, boundary) === 'np') {
      named = sourceSpan(table, sourceStart(table, chunk.from, boundary), boundary);
      boundary = chunk.boundary;
    }
  }
  // "X spoke to the paper and told …": a phrase with a verb in it keeps only its subject.
  const start = sourceStart(table, from, c0);
  if (readings)
    reading = named
      ? titled
        ? 'first-titled'
        : 'first-aside'
      : chain
        ? 'first-chain'
        : sourceless(table, start, c0)
          ? 'first-sourceless'
          : 'first';
  const source = named
    ? named
    : chain
      ? chainSpan(table, from, chain.end)
      : sourceless(table, start, c0)
        ? undefined
        : (clauseSubjectSpan(table, start, c0) ??
          sourceSpan(
            table,
            start,
            c0 - start > LONG_SOURCE && hasVerb(table, start, c0)
              ? subjectOf(table, start, c0)
              : withoutTrailingTime(table, start, c0),
          ));
  if (saidBefore(table, previous, boundary, c1, s1)) {
    const own = contentAfter(table, c1, s1, next0, next1);
    if (own) return attribution('reported', own, cue, source);
  }
  if (boundary >= s0 && wordsIn(table, s0, boundary) > 0) {
    const before = contentBeforeSource(table, c1, s0, s1, boundary);
    if (before !== NOT_BEFORE) return before ? attribution('reported', before, cue, source) : undefined;
  }
  const content = contentAfter(table, c1, s1, next0, next1);
  return content ? attribution('reported', content, cue, source) : undefined;
}

/**
 * "He wants to grow, he wants to learn": the words before this cue's source are the previous cue's
 * content already, and this cue has words of its own after it: its content is its own clause,
 * not the previous one's again.
 */
function saidBefore(
  table: TokenTable,
  previous: Attribution | undefined,
  boundary: number,
  c1: number,
  s1: number,
): boolean {
  if (!previous || boundary < 0 || wordsIn(table, c1, s1) === 0) return false;
  const at = table.off[2 * boundary]!;
  return previous.content.start < at && previous.content.end >= at - 1;
}

/** The most words a quoted title inside an apposition may have (titledApposition). */
const TITLE_WORDS = 6;

/**
 * "Joe Roe, host of “Morning Talk,” suggested …", "The ad, titled “Unifier?,” concludes …": the
 * cue follows a short quotation (a title, not speech) whose closing mark holds the comma that
 * ends an apposition; the name before the apposition's comma is the source. Returns that name's
 * tokens [from, end) and the token before it, or undefined.
 */
function titledApposition(
  table: TokenTable,
  c0: number,
  s0: number,
): { from: number; end: number; boundary: number } | undefined {
  const close = c0 - 1;
  const r = table.region[close]!;
  if (r === -1 || !CLOSE_MARKS.has(table.lower[close]!) || close - 1 < s0 || table.lower[close - 1] !== ',')
    return undefined;
  let open = close;
  while (open > s0 && table.region[open - 1] === r) open--;
  if (open <= s0 || wordsIn(table, open, close) > TITLE_WORDS) return undefined;
  // The apposition: from the comma after the name to the opening mark.
  const apposition = sourceBefore(table, open, s0);
  const comma = apposition.boundary;
  if (comma < s0 || table.lower[comma] !== ',' || open - apposition.from > 8) return undefined;
  const name = sourceBefore(table, comma, s0);
  if (name.from >= comma || chunkKind(table, name.from, comma) !== 'np') return undefined;
  return { from: name.from, end: comma, boundary: name.boundary };
}

/**
 * True when tokens [from, to) are a short aside before a cue: time words and adverbs ("on
 * Tuesday", "last week", "first") or a phrase of at most six tokens opened by a preposition,
 * without a verb ("for his part", "in a statement").
 */
function shortAside(table: TokenTable, from: number, to: number): boolean {
  if (to <= from || to - from > 6 || clauseLike(table, from, to)) return false;
  if (withoutTrailingTime(table, from, to) === to || to - from === 1) {
    // All time words (withoutTrailingTime keeps such a phrase whole), or one adverb.
    for (let i = from; i < to; i++) {
      const w = table.lower[i]!;
      if (!(TIME_WORDS_BEFORE_CUE.has(w) || (w.length > 4 && w.endsWith('ly') && !isCapitalisedAt(table, i))))
        return false;
    }
    return true;
  }
  return chunkKind(table, from, to) === 'aside' && PREPOSITION_ASIDES.has(table.lower[from]!);
}

/** Prepositions that open a short aside between a name and its cue ("for his part", "in a statement"). */
const PREPOSITION_ASIDES = new Set([
  'on',
  'in',
  'at',
  'for',
  'during',
  'after',
  'before',
  'over',
  'through',
  'via',
  'with',
]);

/** Time words that may stand alone between a name and its cue ("…, last week said"). */
const TIME_WORDS_BEFORE_CUE = new Set([
  'last',
  'this',
  'week',
  'month',
  'year',
  'night',
  'morning',
  'afternoon',
  'evening',
  'earlier',
  'later',
  'recently',
  'also',
  'now',
  'then',
  'yesterday',
  'today',
  'tonight',
  'previously',
  'first',
  'on',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
]);

/** The chunks before a cue after a comma or dash at `stop`, read back (at most four): from and boundary, from -1 when none. */
function appositionChunks(table: TokenTable, stop0: number, s0: number): { from: number; boundary: number } {
  let from = -1;
  let boundary = -1;
  let stop = stop0;
  for (let chunks = 0; chunks < 4; chunks++) {
    const chunk = sourceBefore(table, stop, s0);
    if (chunk.from >= stop) break;
    // Past the first chunk, a chunk with a verb is the clause before the source, not part of it.
    if (chunks > 0 && clauseLike(table, chunk.from, stop)) break;
    from = chunk.from;
    boundary = chunk.boundary;
    const b = chunk.boundary;
    if (b < s0 || !(table.lower[b] === ',' || DASHES.has(table.lower[b]!))) break;
    stop = b;
  }
  return { from, boundary };
}

/** contentBeforeSource's answer when the content is not before the source (read after the cue instead). */
const NOT_BEFORE: Span = { start: -1, end: -1 };

/**
 * Something precedes the source (up to `boundary`): "…, X said." or a broken quote "“A,” he
 * said, “B.”" — the content is then before (or around) the cue. NOT_BEFORE when it is not.
 */
function contentBeforeSource(
  table: TokenTable,
  c1: number,
  s0: number,
  s1: number,
  boundary: number,
): Span | undefined {
  const quoteAfter = startsQuote(table, c1, s1);
  if (quoteAfter && table.region[boundary] !== -1) return contentSpan(table, s0, s1);
  // "The teams isolated the problem, Roe said, and patched …": a reporting clause set off by
  // commas inside the sentence; the content is the sentence around it (PolNeAR's gapped span).
  if (
    table.lower[boundary] === ',' &&
    table.lower[c1] === ',' &&
    table.region[boundary] === -1 &&
    wordsIn(table, c1, s1) > SHORT_TAIL &&
    c1 - boundary - 1 <= 5
  )
    // "Standing by the stalls, Ames said, “Nobody here has seen …”": a quotation opening a sentence of
    // its own right after the cue is the content, without the clause before the source (and so without
    // the cue); a quotation that goes on with the clause ("A late start, Ames said, “would cost …”")
    // keeps the span around the cue, as PolNeAR marks both.
    return quoteAfter && opensQuotedSentence(table, c1, s1) ? NOT_BEFORE : contentSpan(table, s0, s1);
  // A closing mark counts only after speech: a scare-quoted word inside the clause
  // ("and “patched” the software as …") is no quote of the cue's source.
  const closing = CLOSE_MARKS.has(table.lower[boundary]!) && speechBefore(table, boundary, s0);
  if (
    ((wordsIn(table, c1, s1) <= SHORT_TAIL && adverbialTail(table, c1, s1)) || closing) &&
    !quoteAfter &&
    table.lower[c1] !== 'that' &&
    table.lower[c1] !== ':'
  ) {
    // A closing mark at the boundary belongs to the quote it closes.
    return contentSpan(table, s0, closing ? boundary + 1 : boundary);
  }
  return NOT_BEFORE;
}

/** True when the quotation after the cue (past a comma or colon) starts with a capital letter. */
function opensQuotedSentence(table: TokenTable, c1: number, s1: number): boolean {
  let j = c1;
  while (j < s1 && (table.lower[j] === ',' || table.lower[j] === ':')) j++;
  if (j >= s1 || table.region[j] === -1 || !OPEN_MARKS.has(table.lower[j]!)) return false;
  const r = table.region[j];
  let k = j + 1;
  while (k < s1 && table.region[k] === r && !isWord(table.lower[k]!)) k++;
  return k < s1 && table.region[k] === r && isCapitalisedAt(table, k);
}

/** Raising verbs: their subject belongs to what they report ("the team appeared to …"). */
const RAISING = /^(appear|appears|appeared|seem|seems|seemed)$/;
/** Raising adjectives and participles, raising only before "to" ("is expected to", "is likely to"). */
const RAISING_TO = /^(expected|likely|unlikely|set|due|thought|believed|said|reported|rumou?red|understood)$/;

/**
 * The content of a raising cue without a source: "[the team appeared paralyzed]", "[the plan is
 * expected to pass]": PolNeAR's content is the whole clause, the subject and the cue inside it
 * (a span with a gap, scored as the range that covers it). Undefined when the cue is no raising
 * verb, when "it" or "there" is its subject ("it appears that …": the content follows), or when
 * no subject stands before it in the stretch.
 */
function raisedContent(table: TokenTable, c0: number, c1: number, s0: number, s1: number): Span | undefined {
  const head = table.lower[c1 - 1]!;
  const raising = RAISING.test(head) || (RAISING_TO.test(head) && table.lower[c1] === 'to') || head === 'to';
  if (
    !raising ||
    (head === 'to' &&
      !(c1 - 2 >= c0 && (RAISING.test(table.lower[c1 - 2]!) || RAISING_TO.test(table.lower[c1 - 2]!))))
  )
    return undefined;
  let end = c0;
  while (end > s0 && (BE_FORMS.has(table.lower[end - 1]!) || /ly$/.test(table.lower[end - 1]!))) end--;
  const subject = sourceBefore(table, end, s0);
  if (subject.from >= end) return undefined;
  const first = table.lower[subject.from]!;
  if (first === 'it' || first === 'there' || first === 'this' || first === 'that') return undefined;
  return contentSpan(table, subject.from, s1);
}

/**
 * The content of an agentless passive cue: what follows it ("it was reported that …"), or
 * the subject before it when little follows ("the role was disclosed last week").
 */
function contentAfterPassive(
  table: TokenTable,
  c0: number,
  c1: number,
  s0: number,
  s1: number,
  next0: number,
  next1: number,
): Span | undefined {
  if (wordsIn(table, c1, s1) > SHORT_TAIL || !adverbialTail(table, c1, s1))
    return contentAfter(table, c1, s1, next0, next1);
  const subject = sourceBefore(table, c0, s0);
  let end = c0;
  while (end > subject.from && BE_FORMS.has(table.lower[end - 1]!)) end--;
  return contentSpan(table, subject.from, end) ?? contentAfter(table, c1, s1, next0, next1);
}

/** Prepositions that PolNeAR marks as the cue of a source that follows them ("In a new poll, …"). */
const PREPOSITION_CUES = new Set(['in', 'to', 'for', 'among', 'under', 'per']);

/** The longest source phrase kept when it is a name with its appositions, in tokens. */
const MAX_CHAIN_TOKENS = 40;

/** A name with its appositions: kept from its start (the name), up to MAX_CHAIN_TOKENS. */
function chainSpan(table: TokenTable, from: number, to: number): Span | undefined {
  const [a, b] = trimRange(table, from, Math.min(to, from + MAX_CHAIN_TOKENS));
  return wordsIn(table, a, b) ? charSpan(table, a, b) : undefined;
}

/**
 * The chunks before a cue that follows a comma or dash at `stop`, read back: asides next to
 * the cue are skipped ("Roe, citing figures, said"), then a name and its appositions and
 * relative clauses are the source ("Roe, a spokesman, said"), up to an aside or a clause
 * that opens the sentence. Undefined when no name is found that way.
 */
function sourceChain(
  table: TokenTable,
  stop: number,
  s0: number,
  ts = s0,
): { from: number; boundary: number; end: number } | undefined {
  const chunks: { from: number; to: number; boundary: number; kind: ReturnType<typeof chunkKind> }[] = [];
  let at = stop;
  for (let n = 0; n < 6; n++) {
    let chunk = sourceBefore(table, at, s0);
    let kind = chunkKind(table, chunk.from, at);
    if (chunk.boundary < s0 && s0 > ts) {
      // The chunk ran into an earlier cue: read it whole, back to the start of the unit, and
      // keep it so when it is the source's relative clause or an aside ("Roe, who says …, said").
      const whole = sourceBefore(table, at, ts);
      const wholeKind = chunkKind(table, whole.from, at);
      if (wholeKind === 'relative' || wholeKind === 'aside') {
        chunk = whole;
        kind = wholeKind;
        s0 = ts;
      }
    }
    if (chunk.from >= at) break;
    chunks.push({ from: chunk.from, to: at, boundary: chunk.boundary, kind });
    const b = chunk.boundary;
    if (b < s0 || !(table.lower[b] === ',' || DASHES.has(table.lower[b]!))) break;
    at = b;
  }
  let i = 0;
  let end = stop + 1;
  while (i < chunks.length && chunks[i]!.kind === 'aside') {
    end = chunks[i]!.boundary;
    i++;
  }
  let j = i;
  while (j < chunks.length && (chunks[j]!.kind === 'np' || chunks[j]!.kind === 'relative')) j++;
  if (j === i || chunks[j - 1]!.kind !== 'np') return undefined;
  // No aside skipped and one chunk only: the plain case, read as before.
  if (i === 0 && j === 1) return undefined;
  return { from: chunks[j - 1]!.from, boundary: chunks[j - 1]!.boundary, end: i === 0 ? stop + 1 : end };
}

/**
 * Where an inverted source ends: "…,'' said Jane Roe, the port's engineer." keeps the
 * apposition when it runs to the end of the unit and holds no verb.
 */
/**
 * "…, too, said Mary Lovely, a Syracuse University economist.": after the cue, a name of
 * capitalised words and an apposition that runs to the stretch's end. Nothing is left for a content
 * after the cue, so the cue is inverted whatever the short chunk before its comma is ("too", "in
 * October", where an earlier cue of the sentence ended).
 */
function nameWithApposition(table: TokenTable, c1: number, srcEnd: number, s1: number): boolean {
  if (srcEnd - c1 > 4 || table.lower[srcEnd] !== ',') return false;
  for (let i = c1; i < srcEnd; i++) if (table.word[i] && !isCapitalisedAt(table, i)) return false;
  return invertedSourceEnd(table, srcEnd, s1) > srcEnd;
}

function invertedSourceEnd(table: TokenTable, srcEnd: number, s1: number): number {
  if (table.lower[srcEnd] !== ',') return srcEnd;
  let e = s1;
  while (e > srcEnd + 1 && !table.word[e - 1]) e--;
  if (e <= srcEnd + 1 || e - srcEnd > 30) return srcEnd;
  const kind = chunkKind(table, srcEnd + 1, e);
  for (let i = srcEnd + 1; i < e; i++) if (table.region[i] !== -1 || table.lower[i] === ';') return srcEnd;
  return kind === 'np' || kind === 'relative' ? e : srcEnd;
}

/** "“…” — Jane Roe": a whole quote followed by a dash and a short name. */
function dashAttribution(table: TokenTable, ts: number, te: number): Attribution | undefined {
  let q = ts;
  while (q < te && table.region[q] === -1) q++;
  if (q >= te) return undefined;
  const r = table.region[q]!;
  let end = q;
  while (end < te && table.region[end] === r) end++;
  // Past a comma or period after the quote. Written so that the increment runs on every call:
  // as a plain while loop it ran only on rare texts, after V8 had compiled this function
  // without type feedback for it, and threw the compiled code away there.
  let d = end - 1;
  do d++;
  while (d < te && (table.lower[d] === ',' || table.lower[d] === '.'));
  if (d >= te || !DASHES.has(table.lower[d]!)) return undefined;
  const nameEnd = sourceAfter(table, d + 1, te);
  const source = sourceSpan(table, d + 1, nameEnd);
  const content = contentSpan(table, q, end);
  if (!source || !content || nameEnd - (d + 1) > 8) return undefined;
  return attribution('direct', content, charSpan(table, d, d + 1)!, source);
}

/** The longest name before a colon that opens a unit ("Graham: Trump is …", "Poll: …"). */
const MAX_COLON_SOURCE = 5;

/**
 * Labels before a colon that head a page, a section or a sports line-up; they name no speaker
 * ("Q&A: the club's new owner", "Subs not used: …"), and a headline's kicker ("The Latest: …",
 * "Breaking: …", "Disclosure: …", "Tennis Podcast: …", "Delegate Update: …"). None is a colon
 * source on PolNeAR train (its title colons left unmarked include "The Latest" five times,
 * "Breaking", "Revealed", "BYLINE", "Delegate Update", "2016 Nerdcast").
 */
const COLON_LABELS =
  /^(q ?& ?a|q and a|faq|obituary|profile|analysis|timeline|factfile|fact file|factbox|explainer|in pictures|in depth|live|watch|video|audio|podcast|quiz|gallery|(dvd |film |album |game |book )?review|preview|replacements|subs|subs not used|substitutes|booked|sent off|goals|scorers|att|attendance|referee|venue|kick-off|result|results|fixtures|line-ups?|teams?|(the )?latest|breaking( news)?|just in|just leaked|revealed|exclusive|disclosure|editor'?s'? note|correction|clarification|sponsored|advertisement|paid (notice|post|content)|opinion|comment|listen|read more|related|byline|boom|wow|look|busted)$|^the latest\b|(^|\s)(podcast|nerdcast|newsletter|update|updates|briefing|live blog)$/;

/** "Name: what they said": a short capitalised phrase, a colon, then the content. */
function colonAttribution(table: TokenTable, ts: number, te: number): Attribution | undefined {
  let colon = ts;
  while (colon < te && colon - ts <= MAX_COLON_SOURCE && table.lower[colon] !== ':') {
    if (SOURCE_STOPS.has(table.lower[colon]!) || table.region[colon] !== -1) return undefined;
    colon++;
  }
  if (colon >= te || table.lower[colon] !== ':' || colon === ts) return undefined;
  const first = rawAt(table, ts);
  if (first[0] === first[0]!.toLowerCase() || /^\p{N}/u.test(first)) return undefined;
  // "Q&A: …", "Obituary: …", "Replacements: …": a label of the page or a line-up, not a speaker.
  if (
    COLON_LABELS.test(
      table.text
        .slice(table.off[2 * ts]!, table.off[2 * colon]!)
        .trim()
        .toLowerCase(),
    )
  )
    return undefined;
  // "The minister was blunt: …": the speaker is the subject, not the whole phrase.
  const source = sourceSpan(table, ts, subjectOf(table, ts, colon));
  const content = contentSpan(table, colon + 1, te);
  if (!source || !content || wordsIn(table, colon + 1, te) < 3) return undefined;
  const quoted = isWholeQuote(table, colon + 1, te);
  return attribution(quoted ? 'direct' : 'reported', content, charSpan(table, colon, colon + 1)!, source);
}
