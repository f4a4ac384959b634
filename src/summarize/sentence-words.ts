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

interface WordInfo {
  stem: string;
  /** Hash of the word's own feature (content words and stopwords apart). */
  hash: number;
  content: boolean;
  numeric: boolean;
  /** The article this word was last interned for, and its id there. */
  stamp: number;
  local: number;
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
 * Words by stem, and by two 32-bit hashes of their lower-cased form in an
 * open-addressing table (so a known word costs neither a string nor a Map lookup).
 */
const byStem = new Map<string, WordInfo>();
const TABLE_BITS = 18;
const TABLE_MASK = (1 << TABLE_BITS) - 1;
const MAX_CACHED = (1 << TABLE_BITS) * 0.6;
const rawKey1 = new Int32Array(1 << TABLE_BITS);
const rawKey2 = new Int32Array(1 << TABLE_BITS);
const rawInfo: (WordInfo | undefined)[] = new Array(1 << TABLE_BITS).fill(undefined);
let cached = 0;
let stampCounter = 0;

function lookupRaw(h1: number, h2: number): number {
  let slot = h1 & TABLE_MASK;
  while (rawInfo[slot] !== undefined && (rawKey1[slot] !== h1 || rawKey2[slot] !== h2)) {
    slot = (slot + 1) & TABLE_MASK;
  }
  return slot;
}

function infoOf(raw: string): WordInfo {
  const stem = raw.length > 3 ? porterStem(raw) : raw;
  let w = byStem.get(stem);
  if (w === undefined) {
    const content = !STOPWORDS.has(stem);
    w = {
      stem,
      hash: wordHash(content ? 119 : 115, stem),
      content,
      numeric: raw.charCodeAt(0) <= 57,
      stamp: -1,
      local: -1,
    };
    byStem.set(stem, w);
  }
  return w;
}

const isLowerOrDigit = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

/**
 * Empties the table of raw words when it is fuller than MAX_CACHED. Called between
 * articles only, so that within an article each stem has one WordInfo (and so one id);
 * an article whose own words would fill the table (untrusted text) empties only the raw
 * table as it goes (`FULL`), keeping the stems.
 */
function makeRoom(): void {
  if (cached <= MAX_CACHED) return;
  rawInfo.fill(undefined);
  byStem.clear();
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
  const infos: WordInfo[] = [];
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
      let w = rawInfo[slot];
      if (w === undefined) {
        if (cached > FULL) {
          rawInfo.fill(undefined);
          cached = 0;
          slot = lookupRaw(h1, h2);
        }
        w = infoOf(text.slice(from, i).toLowerCase());
        rawKey1[slot] = h1;
        rawKey2[slot] = h2;
        rawInfo[slot] = w;
        cached++;
      }
      if (w.stamp !== stamp) {
        w.stamp = stamp;
        w.local = infos.length;
        infos.push(w);
      }
      flat[o++] = w.local;
    }
  }
  starts[n] = o;
  const v = infos.length;
  const stems = new Array<string>(v);
  const content = new Uint8Array(v);
  const numeric = new Uint8Array(v);
  const hashes = new Int32Array(v);
  for (let k = 0; k < v; k++) {
    const w = infos[k]!;
    stems[k] = w.stem;
    content[k] = w.content ? 1 : 0;
    numeric[k] = w.numeric ? 1 : 0;
    hashes[k] = w.hash | 0;
  }
  return { count: n, flat, starts, vocabulary: v, stems, content, numeric, hashes };
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
