/**
 * The words of each sentence as the summarizer sees them: lower-cased runs of
 * [a-z0-9], Porter-stemmed when longer than 3 characters (the ROUGE tokens), so that
 * what the summarizer learns and what ROUGE rewards are counted in the same units,
 * and so that cased pages and the lower-cased CNN/DailyMail copy look alike.
 * Words are interned per article to small integers for the feature code.
 */
import type { Span } from '../article/types.js';
import { porterStem } from './porter-stemmer.js';

/** Words that carry little content: not counted for overlap and centrality. */
const STOPWORDS = new Set(
  (
    'a an the and or but if of to in on at by for with from as is are was were be been being it its ' +
    'he she they we you i his her their our your my him them us me that this these those there here ' +
    'what which who whom whose when where why how not no so than then too very can could will would ' +
    'shall should may might must do doe did has have had s t said say sai about into over after before ' +
    'up down out off also just more most some such only own same all any both each few other'
  ).split(' '),
);

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

/** FNV-1a of a word with a one-character namespace. */
function wordHash(prefix: number, s: string): number {
  let h = Math.imul(0x811c9dc5 ^ prefix, 0x01000193);
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Stems by id, in columns: the stem, its feature hash (content words and stopwords apart),
 * whether a content word and a number (told by the first raw word met with that stem), and the
 * article it was last met in (`stemStamp`) with its article-local id there (`stemLocal`).
 * Columns rather than an object per stem: the lookup of a known word then reads one slot of
 * the raw table and two small dense arrays, not an object somewhere in the heap. The columns
 * are made at the size the stems can reach between two emptyings of the table (a stem comes
 * with a raw word, and the table is emptied past MAX_CACHED raw words, between articles): a
 * large typed array's memory is mapped, not written, so the stems never met cost nothing, and
 * the growth (a call V8 would meet without type feedback, and throw its code away at) is left
 * to an article of more distinct words than that (FULL).
 */
const STEMS_AT_START = 1 << 18;
const byStem = new Map<string, number>();
let stemCount = 0;
let stems: string[] = [];
let stemHash = new Int32Array(STEMS_AT_START);
let stemFlags = new Uint8Array(STEMS_AT_START);
let stemStamp = new Int32Array(STEMS_AT_START);
let stemLocal = new Int32Array(STEMS_AT_START);
const CONTENT = 1;
const NUMERIC = 2;

/**
 * Raw words by two 32-bit hashes of their lower-cased form, in an open-addressing table (so a
 * known word costs neither a string nor a Map lookup). A slot is four int32s side by side (one
 * cache line): the two hashes and its stem's id + 1 (0: empty).
 */
const TABLE_BITS = 18;
const TABLE_MASK = (1 << TABLE_BITS) - 1;
const MAX_CACHED = (1 << TABLE_BITS) * 0.6;
const slots = new Int32Array(4 << TABLE_BITS);
let cached = 0;
let stampCounter = 0;

/** The slot (times four) of hashes h1, h2: theirs, or the empty one where they would go. */
function lookupRaw(h1: number, h2: number): number {
  let slot = (h1 & TABLE_MASK) << 2;
  while (slots[slot + 2] !== 0 && (slots[slot] !== h1 || slots[slot + 1] !== h2)) {
    slot = (slot + 4) & ((4 << TABLE_BITS) - 1);
  }
  return slot;
}

/** A copy of a column at twice its length, its rows kept. */
function doubled<Column extends Int32Array | Uint8Array>(column: Column): Column {
  const bigger = new (column.constructor as new (length: number) => Column)(column.length * 2);
  bigger.set(column);
  return bigger;
}

function growStems(): void {
  stemHash = doubled(stemHash);
  stemFlags = doubled(stemFlags);
  stemStamp = doubled(stemStamp);
  stemLocal = doubled(stemLocal);
}

/** The id of the stem of a raw (lower-cased) word, made on first meeting. */
function stemIdOf(raw: string): number {
  const stem = raw.length > 3 ? porterStem(raw) : raw;
  let id = byStem.get(stem);
  if (id === undefined) {
    const content = !STOPWORDS.has(stem);
    id = stemCount++;
    if (id >= stemHash.length) growStems();
    stems[id] = stem;
    stemHash[id] = wordHash(content ? 119 : 115, stem) | 0;
    stemFlags[id] = (content ? CONTENT : 0) | (raw.charCodeAt(0) <= 57 ? NUMERIC : 0);
    stemStamp[id] = 0;
    stemLocal[id] = -1;
    byStem.set(stem, id);
  }
  return id;
}

const isLowerOrDigit = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

/**
 * Empties the table of raw words when it is fuller than MAX_CACHED. Called between
 * articles only, so that within an article each stem has one id; an article whose own
 * words would fill the table (untrusted text) empties only the raw table as it goes
 * (`FULL`), keeping the stems.
 */
function makeRoom(): void {
  if (cached <= MAX_CACHED) return;
  slots.fill(0);
  byStem.clear();
  stems = [];
  stemCount = 0;
  cached = 0;
}
const FULL = (1 << TABLE_BITS) * 0.9;

export interface ArticleWords {
  /** Number of sentences. */
  count: number;
  /** The word ids of every sentence, flat: sentence i's are `flat[starts[i]]` to `flat[starts[i + 1] - 1]`. */
  flat: Int32Array;
  starts: Int32Array;
  /** Number of distinct words (stems) in the article; ids are 0 to vocabulary - 1. */
  vocabulary: number;
  /** Per word id: its stem, whether a content word (not a stopword), a number, its feature hash. */
  stems: string[];
  content: Uint8Array;
  numeric: Uint8Array;
  hashes: Int32Array;
}

/**
 * The words of each sentence span of `text`: each lower-cased [a-z0-9] run (characters
 * outside ASCII letters and digits separate words, as in ROUGE), as an article-local id
 * of its stem.
 */
export function articleWords(text: string, spans: readonly Span[]): ArticleWords {
  makeRoom();
  const stamp = ++stampCounter;
  // The stems of this article by local id.
  const ids: number[] = [];
  const n = spans.length;
  const starts = new Int32Array(n + 1);
  // At most one word per two characters of a sentence (each word but the last has a separator after it).
  let bound = 0;
  for (let k = 0; k < n; k++) bound += (spans[k]!.end - spans[k]!.start + 1) >> 1;
  const flat = new Int32Array(bound);
  let o = 0;
  for (let k = 0; k < n; k++) {
    starts[k] = o;
    const end = spans[k]!.end;
    let i = spans[k]!.start;
    while (i < end) {
      let c = text.charCodeAt(i);
      if (!(isLowerOrDigit(c) || (c >= 65 && c <= 90))) {
        i++;
        continue;
      }
      const from = i;
      let h1 = 0x811c9dc5;
      let h2 = 5381;
      while (i < end) {
        c = text.charCodeAt(i);
        if (c >= 65 && c <= 90) c += 32;
        else if (!isLowerOrDigit(c)) break;
        h1 = Math.imul(h1 ^ c, 0x01000193);
        h2 = (Math.imul(h2, 33) + c) | 0;
        i++;
      }
      h1 |= 0;
      let slot = lookupRaw(h1, h2);
      let id = slots[slot + 2]! - 1;
      if (id < 0) {
        if (cached > FULL) {
          slots.fill(0);
          cached = 0;
          slot = lookupRaw(h1, h2);
        }
        id = stemIdOf(text.slice(from, i).toLowerCase());
        slots[slot] = h1;
        slots[slot + 1] = h2;
        slots[slot + 2] = id + 1;
        cached++;
      }
      if (stemStamp[id] !== stamp) {
        stemStamp[id] = stamp;
        stemLocal[id] = ids.length;
        ids.push(id);
      }
      flat[o++] = stemLocal[id]!;
    }
  }
  starts[n] = o;
  const v = ids.length;
  const words = new Array<string>(v);
  const content = new Uint8Array(v);
  const numeric = new Uint8Array(v);
  const hashes = new Int32Array(v);
  for (let k = 0; k < v; k++) {
    const id = ids[k]!;
    const flags = stemFlags[id]!;
    words[k] = stems[id]!;
    content[k] = flags & CONTENT;
    numeric[k] = flags >> 1;
    hashes[k] = stemHash[id]!;
  }
  return { count: n, flat, starts, vocabulary: v, stems: words, content, numeric, hashes };
}

/** Per sentence: its stemmed words (for the graph baselines, lead-k and the oracle). */
export function sentenceTokens(words: ArticleWords): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < words.count; i++) {
    const toks: string[] = [];
    for (let o = words.starts[i]!; o < words.starts[i + 1]!; o++) toks.push(words.stems[words.flat[o]!]!);
    out.push(toks);
  }
  return out;
}

/** The word trigrams of a token list, as strings (for trigram blocking). */
export function trigrams(tokens: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 3 <= tokens.length; i++) out.add(`${tokens[i]} ${tokens[i + 1]} ${tokens[i + 2]}`);
  return out;
}
