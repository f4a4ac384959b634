/**
 * Feature extraction for the NER tagger. Every feature is a number: a template
 * number joined with one or two attribute ids (ids of strings in the model's
 * vocabulary), so that tagging looks up numbers, not freshly built strings.
 * Word-level attributes are computed once per word form and cached.
 *
 * Features (after Ratinov & Roth 2009): the word and its lower-case and
 * digit-folded forms, shapes, prefixes and suffixes up to 4, capitalisation, word
 * clusters at four granularities, the words, shapes and clusters around it, word
 * pairs, sentence position, all-capitals (headline) sentences, matches in a
 * gazetteer built from the training data, and document-level evidence: how the
 * same word is written elsewhere in the document (lower case mid-sentence means a
 * common word; capitalised mid-sentence means a name).
 */
import type { StringTable } from './string-table.js';
import { caseFlags, hasLetter, isAllCaps, isCapitalised, shortRunShape, wordShape } from './word-features.js';

/** Attribute slots of a word. */
export const Slot = { W: 0, L: 1, SH: 2, SR: 3, P1: 4, S1: 8, CF: 12, C0: 13, N: 17 } as const;
export const NUM_SLOTS = 18;
export const CLUSTER_LEVELS = 4;

/** Reserved vocabulary ids: the padding words before and after a sentence. */
export const BOS = 0;
export const EOS = 1;

export interface WordInfo {
  ids: Int32Array;
  /**
   * ids[Slot.L], ids[Slot.CF] and ids[Slot.C0 + 2], copied at creation: the ids the tagger reads
   * at every token (its one-id lookups) and of every capitalised word's neighbours (the document
   * evidence). On the object itself they cost no second and third pointer hop (the typed array
   * `ids`, then its memory in the model file or an ids block), each a likely cache miss at first
   * sight of a text.
   */
  lowerId: number;
  caseFlagId: number;
  cluster2Id: number;
  /** Whether the word starts a gazetteer phrase, as of gazetteer version `gazVersion`. */
  gazFirst: boolean;
  gazVersion: number;
  /**
   * When gazFirst: the types of the word alone as a gazetteer phrase ('' when none: always a
   * string, as a field that held undefined at first and a string later made V8 discard the code
   * compiled for the first (remember, knownWord) in every fresh thread), and whether longer
   * phrases start with it.
   */
  gazTypes: string;
  gazPrefix: boolean;
  /** The evidence about the word's lower-case form in the document being tagged, shared by all its spellings. */
  form: Form;
  lower: string;
  cap: boolean;
  allCaps: boolean;
  hasLetter: boolean;
  /** The number of this word's record in a tagger's pool (NerTagger), valid while `pool` is that pool's id. */
  record: number;
  pool: number;
  /** The word's number among a compiled model's known words (CompiledStrings.knownWords), or -1. */
  known: number;
}

/** A gazetteer: token sequence (space-joined) → the entity types it was seen with, as "LOC" or "LOC|ORG". */
export type Gazetteer = Map<string, string>;

/**
 * The strings a tagging FeatureSpace looks words up in, as string tables that a
 * compiled model file holds (compiled-model.ts): with them, loading builds no Map of
 * strings (the vocabulary, 60,000 cluster words, the gazetteer), issue #8.
 */
export interface CompiledStrings {
  /** The vocabulary: string number = attribute id. */
  vocab: StringTable;
  /** Cluster words (lower case, digits folded) → their row of clusterLevels; row 0 is the words without a cluster. */
  clusterWords: StringTable;
  clusterRow: Int32Array;
  /** Rows of CLUSTER_LEVELS attribute ids ("c0:17" …, or "c0:none" …). */
  clusterLevels: Int32Array;
  /** Gazetteer phrases and every proper prefix (space-joined) of one. */
  gazetteer: StringTable;
  /** Per gazetteer entry: GAZ_FIRST, GAZ_PREFIX bits. */
  gazetteerFlags: Uint8Array;
  /** Per gazetteer entry: its types (index into gazetteerTypeNames) when a phrase, else -1. */
  gazetteerTypes: Int32Array;
  gazetteerTypeNames: readonly string[];
  /** Number of phrases, and words in the longest (at most 6 are matched). */
  gazetteerPhrases: number;
  maxGazetteerLength: number;
  /**
   * Words whose attribute ids are stored (NUM_SLOTS per word in knownIds, read-only views)
   * with KNOWN_* flags: the words the vocabulary has a form feature for ("w:" and "l:"
   * strings). Most tokens of the first articles a process meets are among them; their
   * ids, and the tagger's scores for them, are then read instead of computed in code the
   * JIT has not yet compiled (issue #8).
   */
  knownWords: StringTable;
  knownIds: Int32Array;
  knownFlags: Uint8Array;
}

/** Flags of a known word: capitalised, all capitals, has a letter (WordInfo's cap, allCaps, hasLetter). */
export const KNOWN_CAP = 1;
export const KNOWN_ALL_CAPS = 2;
export const KNOWN_LETTER = 4;

/** Gazetteer entry flags of CompiledStrings: the first word of a phrase; a proper prefix of a longer phrase. */
export const GAZ_FIRST = 1;
export const GAZ_PREFIX = 2;

export class FeatureSpace {
  private vocabMap: Map<string, number> | undefined;
  /** Training adds unseen strings to the vocabulary; tagging does not. */
  grow: boolean;
  readonly clusters: Map<string, Int32Array>;
  /** A compiled model's string tables: looked up in place of vocab, clusters and the gazetteer. */
  private readonly compiled: CompiledStrings | undefined;
  private gaz: Gazetteer = new Map();
  /** First words of gazetteer phrases: most tokens start none, and are skipped at once. */
  gazetteerFirst = new Set<string>();
  /** Word sequences (space-joined) that begin a longer gazetteer phrase: matching stops when the prefix is none. */
  gazetteerPrefixes = new Set<string>();
  maxGazetteerLength = 1;
  private cache = new Map<string, WordInfo>();
  /** Lower-case form → its evidence object, shared by the WordInfos of its spellings. */
  private forms = new Map<string, Form>();

  constructor(
    opts:
      | {
          vocab?: string[];
          clusters: Map<string, Int32Array>;
          gazetteer: Gazetteer;
          grow: boolean;
        }
      | { compiled: CompiledStrings },
  ) {
    if ('compiled' in opts) {
      this.compiled = opts.compiled;
      this.grow = false;
      this.clusters = new Map();
      this.maxGazetteerLength = opts.compiled.maxGazetteerLength;
      return;
    }
    this.compiled = undefined;
    const vocab = opts.vocab ?? ['<BOS>', '<EOS>'];
    this.vocabMap = new Map();
    for (let i = 0; i < vocab.length; i++) this.vocabMap.set(vocab[i]!, i);
    this.grow = opts.grow;
    this.clusters = opts.clusters;
    this.gazetteer = opts.gazetteer;
  }

  /** String → attribute id (for a compiled space, decoded from its table at first use: inspection only). */
  get vocab(): Map<string, number> {
    if (!this.vocabMap) {
      const table = this.compiled!.vocab;
      this.vocabMap = new Map();
      for (let i = 0; i < table.size; i++) this.vocabMap.set(table.at(i), i);
    }
    return this.vocabMap;
  }

  /** Number of attribute ids. */
  get vocabSize(): number {
    return this.compiled ? this.compiled.vocab.size : this.vocabMap!.size;
  }

  /** The gazetteer as a map (for a compiled space, decoded at first use: inspection only). */
  get gazetteer(): Gazetteer {
    const c = this.compiled;
    if (c && this.gaz.size === 0 && c.gazetteerPhrases > 0) {
      for (let i = 0; i < c.gazetteer.size; i++) {
        const t = c.gazetteerTypes[i]!;
        if (t >= 0) this.gaz.set(c.gazetteer.at(i), c.gazetteerTypeNames[t]!);
      }
    }
    return this.gaz;
  }

  /** Number of gazetteer phrases. */
  get gazetteerSize(): number {
    return this.compiled ? this.compiled.gazetteerPhrases : this.gaz.size;
  }

  /** Whether some gazetteer phrase starts with word `w`. */
  startsGazetteerPhrase(w: string): boolean {
    const c = this.compiled;
    if (!c) return this.gazetteerFirst.has(w);
    const e = c.gazetteer.get(w);
    return e >= 0 && (c.gazetteerFlags[e]! & GAZ_FIRST) !== 0;
  }

  /** The types of gazetteer phrase `phrase` (space-joined words), or undefined. */
  gazetteerTypesOf(phrase: string): string | undefined {
    const c = this.compiled;
    if (!c) return this.gaz.get(phrase);
    const e = c.gazetteer.get(phrase);
    return e >= 0 && c.gazetteerTypes[e]! >= 0 ? c.gazetteerTypeNames[c.gazetteerTypes[e]!] : undefined;
  }

  /**
   * Looks phrase `phrase` up once, for gazetteerIds: sets `phraseTypes` to its types (or
   * undefined) and `phrasePrefix` to whether a longer phrase starts with it. The same answers
   * as gazetteerTypesOf and isGazetteerPrefix, with one lookup of the phrase instead of two.
   */
  lookUpPhrase(phrase: string): void {
    const c = this.compiled;
    if (!c) {
      this.phraseTypes = this.gaz.get(phrase);
      this.phrasePrefix = this.gazetteerPrefixes.has(phrase);
      return;
    }
    const e = c.gazetteer.get(phrase);
    const t = e >= 0 ? c.gazetteerTypes[e]! : -1;
    this.phraseTypes = t >= 0 ? c.gazetteerTypeNames[t] : undefined;
    this.phrasePrefix = e >= 0 && (c.gazetteerFlags[e]! & GAZ_PREFIX) !== 0;
  }

  /** lookUpPhrase of words[from .. from + count) joined by spaces (a compiled space builds no string). */
  lookUpWords(words: readonly string[], from: number, count: number): void {
    const c = this.compiled;
    if (!c) {
      this.lookUpPhrase(words.slice(from, from + count).join(' '));
      return;
    }
    const e = c.gazetteer.getJoined(words, from, count);
    const t = e >= 0 ? c.gazetteerTypes[e]! : -1;
    this.phraseTypes = t >= 0 ? c.gazetteerTypeNames[t] : undefined;
    this.phrasePrefix = e >= 0 && (c.gazetteerFlags[e]! & GAZ_PREFIX) !== 0;
  }
  phraseTypes: string | undefined = undefined;
  phrasePrefix = false;

  /** Whether a longer gazetteer phrase starts with the words `phrase`. */
  isGazetteerPrefix(phrase: string): boolean {
    const c = this.compiled;
    if (!c) return this.gazetteerPrefixes.has(phrase);
    const e = c.gazetteer.get(phrase);
    return e >= 0 && (c.gazetteerFlags[e]! & GAZ_PREFIX) !== 0;
  }

  /** Bumped when the gazetteer changes, so that cached words recompute gazFirst. */
  gazetteerVersion = 0;

  set gazetteer(g: Gazetteer) {
    this.gaz = g;
    this.gazetteerVersion++;
    this.gazetteerFirst = new Set();
    this.gazetteerPrefixes = new Set();
    let max = 1;
    // The phrase's first word and proper prefixes are its slices up to each space
    // (what split(' ') and join(' ') give, without the arrays: this runs at every load).
    for (const k of g.keys()) {
      let parts = 1;
      let space = k.indexOf(' ');
      this.gazetteerFirst.add(space < 0 ? k : k.slice(0, space));
      for (; space >= 0; space = k.indexOf(' ', space + 1)) {
        this.gazetteerPrefixes.add(k.slice(0, space));
        parts++;
      }
      max = Math.max(max, parts);
    }
    this.maxGazetteerLength = Math.min(max, 6);
  }

  id(s: string): number {
    if (this.compiled) return this.compiled.vocab.get(s);
    const id = this.vocabMap!.get(s);
    if (id !== undefined) return id;
    if (!this.grow) return -1;
    const n = this.vocabMap!.size;
    this.vocabMap!.set(s, n);
    return n;
  }

  private gazetteerMatchIds = new Map<string, number>();

  /** Id of a gazetteer-match attribute ("g:B-LOC"), cached: a handful of distinct values. */
  gazetteerMatchId(pos: string, types: string): number {
    const k = `${pos}-${types}`;
    let id = this.gazetteerMatchIds.get(k);
    if (id === undefined) {
      id = this.id(`g:${k}`);
      if (!this.grow) this.gazetteerMatchIds.set(k, id);
    }
    return id;
  }

  private gazetteerMatchRows = new Map<string, Int32Array>();

  /**
   * The ids of gazetteerMatchId('U' | 'B' | 'I' | 'L', types), in that order (GAZ_POSITIONS):
   * one lookup of `types` per matched phrase instead of a new key string per matched token.
   */
  gazetteerMatchIdsOf(types: string): Int32Array {
    let row = this.gazetteerMatchRows.get(types);
    if (!row) {
      row = new Int32Array(GAZ_POSITIONS.length);
      for (let p = 0; p < row.length; p++) row[p] = this.gazetteerMatchId(GAZ_POSITIONS[p]!, types);
      // A growing vocabulary (training) may add these ids later: not cached, as gazetteerMatchId does.
      if (!this.grow) this.gazetteerMatchRows.set(types, row);
    }
    return row;
  }

  private evidenceIds: Int32Array | undefined;

  /** Id of a document-evidence attribute: group (0 case evidence, 1 name evidence), token kind (4), flags (4). */
  evidenceId(group: number, kind: number, flags: number): number {
    if (!this.evidenceIds) {
      const ids = new Int32Array(2 * 4 * 4);
      for (let g = 0; g < 2; g++)
        for (let k = 0; k < 4; k++)
          for (let f = 0; f < 4; f++) ids[g * 16 + k * 4 + f] = this.id(`${g ? 'e' : 'd'}:${'ASCx'[k]}${f}`);
      this.evidenceIds = ids;
    }
    return this.evidenceIds[group * 16 + kind * 4 + flags]!;
  }

  clearCache(): void {
    this.cache.clear();
    this.forms.clear();
    this.recentWords.fill(undefined);
    this.recentInfos.fill(undefined);
  }

  /**
   * Called before a document's words are looked up: empties the caches when they
   * have grown past their bound, between documents, so that the words of one
   * document always share their forms' evidence objects.
   */
  beginDocument(): void {
    if (this.cache.size > MAX_CACHED_WORDS) this.clearCache();
  }

  /**
   * Vocabulary ids by attribute prefix ("w:", "p2:", …) and bare value, so that a
   * new word's attributes are looked up without building "prefix:value" strings.
   * Only for a fixed vocabulary (tagging); rebuilt if the vocabulary has grown since.
   */
  private byPrefix: Map<string, Map<string, number>> | undefined;
  private byPrefixSize = -1;
  /** Cluster level ids ("c0:17" …) per cluster-table entry (entries are shared by the words of a fine cluster). */
  private clusterIds = new Map<Int32Array | undefined, Int32Array>();

  private prefixMaps(): Map<string, Map<string, number>> {
    if (this.byPrefix && this.byPrefixSize === this.vocabSize) return this.byPrefix;
    const maps = new Map<string, Map<string, number>>();
    // forEach, not for-of: no [key, value] array per entry (this runs at every load).
    // The last prefix's map is kept: most entries of a prefix are added one after another.
    let lastPrefix = '';
    let last: Map<string, number> | undefined;
    this.vocab.forEach((id, str) => {
      const colon = str.indexOf(':');
      if (colon < 0) return;
      let m =
        last !== undefined && str.startsWith(lastPrefix) && colon === lastPrefix.length - 1
          ? last
          : undefined;
      if (!m) {
        const prefix = str.slice(0, colon + 1);
        m = maps.get(prefix);
        if (!m) {
          m = new Map();
          maps.set(prefix, m);
        }
        lastPrefix = prefix;
        last = m;
      }
      m.set(str.slice(colon + 1), id);
    });
    this.byPrefix = maps;
    this.byPrefixSize = this.vocabSize;
    this.clusterIds.clear();
    return maps;
  }

  /** The id of "prefix:value" (the same as id(prefix + value)). */
  private attr(maps: Map<string, Map<string, number>> | undefined, prefix: string, value: string): number {
    if (!maps) return this.id(prefix + value);
    return maps.get(prefix)?.get(value) ?? -1;
  }

  /**
   * A small direct-mapped cache in front of `cache`, slotted by a hash of the
   * word's length and three characters: the frequent words of a text ("the", ",")
   * are found there by one string comparison, without hashing the whole fresh
   * token string and probing a map of tens of thousands of entries.
   */
  private readonly recentWords: (string | undefined)[] = new Array(RECENT_SIZE).fill(undefined);
  private readonly recentInfos: (WordInfo | undefined)[] = new Array(RECENT_SIZE).fill(undefined);

  word(w: string): WordInfo {
    const n = w.length;
    let h = Math.imul(n ^ (n > 0 ? w.charCodeAt(0) << 8 : 0), 0x9e3779b1);
    if (n > 1) h = Math.imul(h ^ w.charCodeAt(n - 1) ^ (w.charCodeAt(n >> 1) << 16), 0x85ebca6b);
    const slot = (h ^ (h >>> 15)) & (RECENT_SIZE - 1);
    if (this.recentWords[slot] === w) return this.recentInfos[slot]!;
    const info = this.cache.get(w) ?? this.newWord(w);
    this.recentWords[slot] = w;
    this.recentInfos[slot] = info;
    return info;
  }

  /**
   * The attribute ids of the cluster levels of a word whose cluster-table key is `key`
   * ("c0:17" …, or "c0:none" … when the table lacks it); cached per table entry.
   */
  clusterLevelIds(key: string): Int32Array {
    const cl = this.clusters.get(key);
    const cache = !this.grow;
    let levels = cache ? this.clusterIds.get(cl) : undefined;
    if (!levels) {
      levels = new Int32Array(CLUSTER_LEVELS);
      for (let l = 0; l < CLUSTER_LEVELS; l++) levels[l] = this.id(cl ? `c${l}:${cl[l]}` : `c${l}:none`);
      if (cache) this.clusterIds.set(cl, levels);
    }
    return levels;
  }

  /**
   * NUM_SLOTS ids for a new word, a view of a shared block: a typed array over 64 bytes
   * (these are 72) gets a buffer of its own outside the JS heap, an allocation the garbage
   * collector tracks one by one; views of one block share it.
   */
  private newIds(): Int32Array {
    if (this.idsUsed === IDS_BLOCK) {
      this.idsBlock = new Int32Array(IDS_BLOCK * NUM_SLOTS);
      this.idsUsed = 0;
    }
    const at = this.idsUsed++ * NUM_SLOTS;
    return this.idsBlock.subarray(at, at + NUM_SLOTS);
  }
  private idsBlock = new Int32Array(0);
  private idsUsed = IDS_BLOCK;

  private newWord(w: string): WordInfo {
    const lower = detached(w.toLowerCase());
    const c = this.compiled;
    const known = c ? c.knownWords.get(w) : -1;
    if (known >= 0) return this.knownWord(c!, w, lower, known);
    const ids = this.newIds();
    // clusterWordKey(w), from the lower-case form already made.
    const key = /\d/.test(lower) ? lower.replace(/\d/g, '0') : lower;
    if (c) compiledIds(c, w, lower, key, ids);
    else {
      const maps = this.grow ? undefined : this.prefixMaps();
      ids[Slot.W] = this.attr(maps, 'w:', w);
      ids[Slot.L] = this.attr(maps, 'l:', lower);
      ids[Slot.SH] = this.attr(maps, 'h:', wordShape(w));
      ids[Slot.SR] = this.attr(maps, 'r:', shortRunShape(w));
      for (let k = 1; k <= 4; k++) {
        ids[Slot.P1 + k - 1] = lower.length > k ? this.attr(maps, AFFIX_PREFIXES[k]!, lower.slice(0, k)) : -1;
        ids[Slot.S1 + k - 1] = lower.length > k ? this.attr(maps, AFFIX_SUFFIXES[k]!, lower.slice(-k)) : -1;
      }
      ids[Slot.CF] = this.attr(maps, 'f:', caseFlags(w));
      ids.set(this.clusterLevelIds(key), Slot.C0);
      ids[Slot.N] = this.attr(maps, 'n:', key);
    }
    return this.remember(w, lower, ids, isCapitalised(w), isAllCaps(w), hasLetter(w), -1);
  }

  /** A known word of a compiled model: its stored ids and flags (the same as newWord computes). */
  private knownWord(c: CompiledStrings, w: string, lower: string, k: number): WordInfo {
    const f = c.knownFlags[k]!;
    const ids = c.knownIds.subarray(k * NUM_SLOTS, (k + 1) * NUM_SLOTS);
    return this.remember(
      w,
      lower,
      ids,
      (f & KNOWN_CAP) !== 0,
      (f & KNOWN_ALL_CAPS) !== 0,
      (f & KNOWN_LETTER) !== 0,
      k,
    );
  }

  /** Makes and caches a word's WordInfo, sharing its lower-case form's evidence object. */
  private remember(
    w: string,
    lower: string,
    ids: Int32Array,
    cap: boolean,
    allCaps: boolean,
    hasLetter: boolean,
    known: number,
  ): WordInfo {
    let form = this.forms.get(lower);
    if (!form) {
      form = { stamp: 0, flags: 0, before: NO_IDS, after: NO_IDS };
      this.forms.set(lower, form);
    }
    const info: WordInfo = {
      ids,
      lowerId: ids[Slot.L]!,
      caseFlagId: ids[Slot.CF]!,
      cluster2Id: ids[Slot.C0 + 2]!,
      gazFirst: false,
      gazVersion: -1,
      gazTypes: '',
      gazPrefix: false,
      form,
      lower,
      cap,
      allCaps,
      hasLetter,
      record: -1,
      pool: 0,
      known,
    };
    // A last bound for callers that never call beginDocument (a tagger does, below this one).
    if (this.cache.size > 5 * MAX_CACHED_WORDS) this.clearCache();
    this.cache.set(detached(w), info);
    return info;
  }
}

/**
 * A word's attribute ids from a compiled model's string tables: the same ids as
 * FeatureSpace's map lookups give, without building "prefix:value" strings or
 * slicing the affixes out.
 */
function compiledIds(c: CompiledStrings, w: string, lower: string, key: string, ids: Int32Array): void {
  const v = c.vocab;
  ids[Slot.W] = v.getPrefixed('w:', w);
  ids[Slot.L] = v.getPrefixed('l:', lower);
  ids[Slot.SH] = v.getPrefixed('h:', wordShape(w));
  ids[Slot.SR] = v.getPrefixed('r:', shortRunShape(w));
  const n = lower.length;
  for (let k = 1; k <= 4; k++) {
    ids[Slot.P1 + k - 1] = n > k ? v.getPrefixed(AFFIX_PREFIXES[k]!, lower, 0, k) : -1;
    ids[Slot.S1 + k - 1] = n > k ? v.getPrefixed(AFFIX_SUFFIXES[k]!, lower, n - k, n) : -1;
  }
  ids[Slot.CF] = v.getPrefixed('f:', caseFlags(w));
  const e = c.clusterWords.get(key);
  const row = (e < 0 ? 0 : c.clusterRow[e]!) * CLUSTER_LEVELS;
  for (let l = 0; l < CLUSTER_LEVELS; l++) ids[Slot.C0 + l] = c.clusterLevels[row + l]!;
  ids[Slot.N] = v.getPrefixed('n:', key);
}

/**
 * A copy of a token that no longer points into its article's text. V8 makes a token of 13
 * characters or more a slice of the whole text, so a long-lived cache keyed on the token would
 * keep every article it ever saw a long word of in memory; concatenation then slicing flattens
 * the word into a string of its own. Paid once per new word.
 */
function detached(w: string): string {
  return w.length < 13 ? w : ` ${w}`.slice(1);
}

/** Places of gazetteerMatchIdsOf's ids: a phrase of one word (U), its first (B), inner (I) and last (L) words. */
const GAZ_POSITIONS = ['U', 'B', 'I', 'L'] as const;
const GAZ_U = 0;
const GAZ_B = 1;
const GAZ_I = 2;
const GAZ_L = 3;

/** 16,384 slots: on news text met once, 87 % of the tokens are found there (80 % with 4,096). */
const RECENT_SIZE = 16_384;
/** Words whose ids share one block (newIds): 1,024 × 72 bytes. */
const IDS_BLOCK = 1024;
const MAX_CACHED_WORDS = 200_000;

const AFFIX_PREFIXES = ['', 'p1:', 'p2:', 'p3:', 'p4:'];
const AFFIX_SUFFIXES = ['', 's1:', 's2:', 's3:', 's4:'];

/** Features of the positions of one sentence, flat: keys[offsets[i] .. offsets[i+1]) for token i. */
export class KeyBuffer {
  keys = new Float64Array(8192);
  offsets = new Int32Array(513);
  n = 0;

  reset(tokens: number): void {
    if (this.offsets.length < tokens + 1) this.offsets = new Int32Array(2 * tokens + 1);
    this.n = 0;
  }

  push(k: number): void {
    if (this.n === this.keys.length) {
      const bigger = new Float64Array(this.keys.length * 2);
      bigger.set(this.keys);
      this.keys = bigger;
    }
    this.keys[this.n++] = k;
  }
}

/** Context positions and the first template number of their features. */
const CONTEXT_TEMPLATES: readonly (readonly [number, number])[] = [
  [-2, 20],
  [-1, 26],
  [1, 32],
  [2, 38],
];

const PAIR = 4194304; // 2^22: attribute ids stay below it
const TPL = 128;

/** The key of template `tpl` over one attribute id. */
export function oneKey(tpl: number, id: number): number {
  return id * TPL + tpl;
}

/** The key of template `tpl` over two attribute ids. */
export function pairKey(tpl: number, a: number, b: number): number {
  return (a * PAIR + b) * TPL + tpl;
}

/** The template number of a feature key. */
export function templateOf(key: number): number {
  return key % TPL;
}

/** Templates whose features join two attribute ids (the `two(...)` calls of extractSentence). */
export const PAIR_TEMPLATES: ReadonlySet<number> = new Set([
  60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 75, 76, 82, 84,
]);

/** The attribute ids a feature key is made of. */
export function keyIds(key: number): number[] {
  const tpl = key % TPL;
  const rest = (key - tpl) / TPL;
  if (!PAIR_TEMPLATES.has(tpl)) return [rest];
  const b = rest % PAIR;
  return [(rest - b) / PAIR, b];
}

/** The first attribute id of a two-id key (keyIds(key)[0] without the array). */
export function firstId(key: number): number {
  const rest = (key - (key % TPL)) / TPL;
  return (rest - (rest % PAIR)) / PAIR;
}

/** The second attribute id of a two-id key (keyIds(key)[1]). */
export function secondId(key: number): number {
  return ((key - (key % TPL)) / TPL) % PAIR;
}

/** The same feature with its attribute ids renumbered by `map` (old id → new id). */
export function remapKey(key: number, map: Int32Array): number {
  const tpl = key % TPL;
  const ids = keyIds(key).map((id) => map[id]!);
  return ids.length === 1 ? ids[0]! * TPL + tpl : (ids[0]! * PAIR + ids[1]!) * TPL + tpl;
}

/** Per-document evidence about each lower-cased word form (bit flags). */
export const SEEN_LOWER_MID = 1;
export const SEEN_CAP_MID = 2;
export const SEEN_ANY = 4;

/** Whether a sentence reads as a headline: its words (three or more letters) all in capitals. */
export function isHeadline(words: readonly WordInfo[]): boolean {
  let letters = 0;
  for (const w of words) {
    if (!w.hasLetter) continue;
    // A word not in capitals: -1, and the one comparison below. An early `return false` left
    // that comparison to headlines alone, which V8 had not met when it compiled the tagger's
    // loops (this function is inlined there): the first headline deoptimised them.
    if (!w.allCaps) {
      letters = -1;
      break;
    }
    letters++;
  }
  return letters >= 2;
}

/** What a document says about one word form. */
export interface FormEvidence {
  flags: number;
  /** Lower-case ids of the words before and after its capitalised occurrences (up to 4 each). */
  before: number[];
  after: number[];
}

/** A word form's evidence, valid for the document whose stamp it holds (markDocumentEvidence). */
export interface Form extends FormEvidence {
  stamp: number;
}

export type DocumentEvidence = Map<string, FormEvidence>;

/** Bit: the form starts or ends a run of two or more capitalised words somewhere ("Joseph Dunford"). */
export const IN_NAME_FIRST = 8;
export const IN_NAME_LAST = 16;

/**
 * The empty before/after list of a form never seen capitalised (shared; never pushed into:
 * markSentenceEvidence gives a form its own lists before the first push). Not frozen: a frozen
 * array has a map of its own, and the tagger's loop over a form's lists, compiled on ordinary
 * arrays, deoptimised at the first capitalised word of a headline, whose lists are this one.
 */
const NO_IDS: number[] = [];

function pushUnique(list: number[], id: number) {
  if (id >= 0 && list.length < 4 && !list.includes(id)) list.push(id);
}

let lastStamp = 0;

/**
 * How each word form is written across a document (the sentences tagged
 * together), and the words around its capitalised occurrences: Ratinov & Roth's
 * context aggregation, so that "Dunford" after "Gen." in one sentence helps
 * "Dunford" at the start of another. Written into each word's form (WordInfo.form,
 * shared by the form's spellings) under a new stamp, so that the tagger reads it
 * there without a map; returns the stamp.
 */
export function markDocumentEvidence(sentences: readonly (readonly WordInfo[])[]): number {
  const stamp = newEvidenceStamp();
  for (const s of sentences) markSentenceEvidence(s, stamp);
  return stamp;
}

/** A stamp for a new document's evidence (markSentenceEvidence). */
export function newEvidenceStamp(): number {
  return ++lastStamp;
}

/**
 * markDocumentEvidence for one sentence of the document whose stamp is `stamp`: marking
 * the sentences in turn under one stamp gives the same evidence as marking them together.
 * The tagger marks each sentence right after looking its words up, while they are in the
 * CPU's caches, rather than in a second pass over the document.
 */
export function markSentenceEvidence(s: readonly WordInfo[], stamp: number): void {
  const headline = isHeadline(s);
  for (let i = 0; i < s.length; i++) {
    const w = s[i]!;
    const e = w.form;
    if (e.stamp !== stamp) {
      e.stamp = stamp;
      e.flags = SEEN_ANY;
      e.before = NO_IDS;
      e.after = NO_IDS;
    }
    if (i > 0 && !headline && w.hasLetter) {
      if (w.cap && !w.allCaps) e.flags |= SEEN_CAP_MID;
      else if (!w.cap) e.flags |= SEEN_LOWER_MID;
    }
    if (w.cap && !headline) {
      // Lists only for forms seen capitalised: most forms never are, and keep the shared empty one.
      if (e.before === NO_IDS) {
        e.before = [];
        e.after = [];
      }
      pushUnique(e.before, i > 0 ? s[i - 1]!.lowerId : BOS);
      pushUnique(e.after, i + 1 < s.length ? s[i + 1]!.lowerId : EOS);
      const prevCap = i > 0 && s[i - 1]!.cap;
      const nextCap = i + 1 < s.length && s[i + 1]!.cap;
      if (nextCap && !prevCap) e.flags |= IN_NAME_FIRST;
      if (prevCap && !nextCap) e.flags |= IN_NAME_LAST;
    }
  }
}

/** The document's evidence as a map from lower-case form (markDocumentEvidence's, copied). */
export function documentEvidence(sentences: readonly (readonly WordInfo[])[]): DocumentEvidence {
  markDocumentEvidence(sentences);
  const seen: DocumentEvidence = new Map();
  for (const s of sentences)
    for (const w of s)
      if (!seen.has(w.lower))
        seen.set(w.lower, { flags: w.form.flags, before: w.form.before, after: w.form.after });
  return seen;
}

/** Gazetteer matches: for each token, the attribute id of its place in the longest match ("g:B-LOC"), or -1. */
export function gazetteerIds(
  space: FeatureSpace,
  words: readonly string[],
  infos?: readonly WordInfo[],
  /** Where to write (its first words.length places); a new array when absent. */
  into?: Int32Array,
): Int32Array {
  const out = into ?? new Int32Array(words.length);
  out.fill(-1, 0, words.length);
  if (space.gazetteerSize === 0) return out;
  const version = space.gazetteerVersion;
  let i = 0;
  while (i < words.length) {
    const info = infos?.[i];
    let first: boolean;
    if (info) {
      if (info.gazVersion !== version) {
        info.gazFirst = space.startsGazetteerPhrase(words[i]!);
        info.gazTypes = (info.gazFirst ? space.gazetteerTypesOf(words[i]!) : undefined) ?? '';
        info.gazPrefix = info.gazFirst && space.isGazetteerPrefix(words[i]!);
        info.gazVersion = version;
      }
      first = info.gazFirst;
    } else first = space.startsGazetteerPhrase(words[i]!);
    if (!first) {
      i++;
      continue;
    }
    let matched = 0;
    let types = '';
    for (let len = 1; len <= space.maxGazetteerLength && i + len <= words.length; len++) {
      // The word alone: its lookups are cached on its WordInfo; a longer phrase is looked up once,
      // in place (lookUpWords: no joined string built).
      let t: string | undefined;
      let prefix: boolean;
      if (len === 1 && info) {
        t = info.gazTypes === '' ? undefined : info.gazTypes;
        prefix = info.gazPrefix;
      } else {
        space.lookUpWords(words, i, len);
        t = space.phraseTypes;
        prefix = space.phrasePrefix;
      }
      if (t !== undefined) {
        matched = len;
        types = t;
      }
      // No longer phrase starts with these words: "The" begins many, "The weather" none.
      if (!prefix) break;
    }
    if (matched === 0) {
      i++;
      continue;
    }
    const ids = space.gazetteerMatchIdsOf(types);
    for (let k = 0; k < matched; k++) {
      const pos = matched === 1 ? GAZ_U : k === 0 ? GAZ_B : k === matched - 1 ? GAZ_L : GAZ_I;
      out[i + k] = ids[pos]!;
    }
    i += matched;
  }
  return out;
}

/** Reused per-sentence arrays (one thread: no sentence is extracted while another is). */
let scratchIds = new Int32Array(1024);

/** Attribute ids standing for the padding before (BOS) and after (EOS) a sentence. */
export const PAD_BEFORE: Int32Array = new Int32Array(NUM_SLOTS).fill(BOS);
export const PAD_AFTER: Int32Array = new Int32Array(NUM_SLOTS).fill(EOS);

/** The word's own features: the bias and one per attribute. They depend on the word alone. */
export function pushWordKeys(ids: Int32Array, out: KeyBuffer): void {
  out.push(0); // bias (template 0, id 0)
  for (let s = 0; s < NUM_SLOTS; s++) if (ids[s]! >= 0) out.push(ids[s]! * TPL + 1 + s);
}

/** Features a word gives the token `-d` places away (it stands at offset d from that token). */
export function pushNeighbourKeys(ids: Int32Array, contextIndex: number, out: KeyBuffer): void {
  const [d, base] = CONTEXT_TEMPLATES[contextIndex]!;
  const one = (tpl: number, id: number) => {
    if (id >= 0) out.push(id * TPL + tpl);
  };
  one(base, ids[Slot.L]!);
  one(base + 1, ids[Slot.SR]!);
  one(base + 2, ids[Slot.CF]!);
  one(base + 3, ids[Slot.C0 + 1]!);
  if (d === -1 || d === 1) {
    one(base + 4, ids[Slot.C0 + 3]!);
    one(base + 5, ids[Slot.S1 + 2]!);
  }
}

/**
 * Features of two adjacent words a (at j) and b (at j + 1), by the token they
 * belong to: role 0 → token j + 1 (templates 60, 62, 64, 66), role 1 → token j
 * (61, 63, 65, 67), role 2 → token j + 2 (68), role 3 → token j - 1 (69). The
 * same keys as extractSentence's word pairs, which the tagger caches per pair.
 */
export function pushPairKeys(a: Int32Array, b: Int32Array, role: number, out: KeyBuffer): void {
  const two = (tpl: number, x: number, y: number) => {
    if (x >= 0 && y >= 0) out.push((x * PAIR + y) * TPL + tpl);
  };
  if (role === 0) {
    two(60, a[Slot.L]!, b[Slot.L]!);
    two(62, a[Slot.SR]!, b[Slot.SR]!);
    two(64, a[Slot.L]!, b[Slot.SR]!);
    two(66, a[Slot.C0 + 2]!, b[Slot.C0 + 2]!);
  } else if (role === 1) {
    two(61, a[Slot.L]!, b[Slot.L]!);
    two(63, a[Slot.SR]!, b[Slot.SR]!);
    two(65, a[Slot.SR]!, b[Slot.L]!);
    two(67, a[Slot.C0 + 2]!, b[Slot.C0 + 2]!);
  } else if (role === 2) two(68, a[Slot.L]!, b[Slot.L]!);
  else two(69, a[Slot.L]!, b[Slot.L]!);
}

/** Offsets of the context positions, in the order of pushNeighbourKeys' contextIndex. */
export const CONTEXT_OFFSETS: readonly number[] = CONTEXT_TEMPLATES.map(([d]) => d);

/**
 * Writes the feature keys of every token of a sentence into `out`.
 * `evidence` is the document's word-form evidence (documentEvidence). With
 * `wordLevel` false, the features that depend on one word alone (pushWordKeys,
 * pushNeighbourKeys) or on two adjacent words (pushPairKeys) are left out: the
 * tagger adds their cached scores instead.
 */
export function extractSentence(
  space: FeatureSpace,
  words: readonly string[],
  infos: readonly WordInfo[],
  evidence: DocumentEvidence,
  out: KeyBuffer,
  wordLevel = true,
): void {
  const n = infos.length;
  out.reset(n);
  const headline = isHeadline(infos);
  const gaz = gazetteerIds(space, words, infos);
  const attr = (i: number, slot: number) => (i < 0 ? BOS : i >= n ? EOS : infos[i]!.ids[slot]!);
  const one = (tpl: number, id: number) => {
    if (id >= 0) out.push(id * TPL + tpl);
  };
  const two = (tpl: number, a: number, b: number) => {
    if (a >= 0 && b >= 0) out.push((a * PAIR + b) * TPL + tpl);
  };
  if (scratchIds.length < 2 * n) scratchIds = new Int32Array(4 * n);
  const docIds = scratchIds.subarray(0, n);
  const nameIds = scratchIds.subarray(n, 2 * n);
  for (let i = 0; i < n; i++) {
    const w = infos[i]!;
    const f = evidence.get(w.lower)?.flags ?? 0;
    const kind = w.allCaps ? 0 : w.cap ? (i === 0 ? 1 : 2) : 3;
    docIds[i] = space.evidenceId(0, kind, f & 3);
    nameIds[i] = space.evidenceId(1, kind, (f >> 3) & 3);
  }
  for (let i = 0; i < n; i++) {
    out.offsets[i] = out.n;
    const ids = infos[i]!.ids;
    if (wordLevel) {
      pushWordKeys(ids, out);
      for (let c = 0; c < CONTEXT_TEMPLATES.length; c++) {
        const j = i + CONTEXT_TEMPLATES[c]![0];
        pushNeighbourKeys(j < 0 ? PAD_BEFORE : j >= n ? PAD_AFTER : infos[j]!.ids, c, out);
      }
    }
    if (wordLevel) {
      two(60, attr(i - 1, Slot.L), ids[Slot.L]!);
      two(61, ids[Slot.L]!, attr(i + 1, Slot.L));
      two(62, attr(i - 1, Slot.SR), ids[Slot.SR]!);
      two(63, ids[Slot.SR]!, attr(i + 1, Slot.SR));
      two(64, attr(i - 1, Slot.L), ids[Slot.SR]!);
      two(65, ids[Slot.SR]!, attr(i + 1, Slot.L));
      two(66, attr(i - 1, Slot.C0 + 2), ids[Slot.C0 + 2]!);
      two(67, ids[Slot.C0 + 2]!, attr(i + 1, Slot.C0 + 2));
      two(68, attr(i - 2, Slot.L), attr(i - 1, Slot.L));
      two(69, attr(i + 1, Slot.L), attr(i + 2, Slot.L));
    }
    if (i === 0) {
      one(70, ids[Slot.CF]!);
      one(71, ids[Slot.L]!);
    }
    if (headline) {
      one(72, ids[Slot.L]!);
      one(73, ids[Slot.C0 + 2]!);
    }
    one(74, docIds[i]!);
    two(75, docIds[i]!, ids[Slot.CF]!);
    two(76, docIds[i]!, ids[Slot.C0 + 1]!);
    one(77, i > 0 ? docIds[i - 1]! : BOS);
    one(78, i + 1 < n ? docIds[i + 1]! : EOS);
    one(79, gaz[i]!);
    one(80, i > 0 ? gaz[i - 1]! : BOS);
    one(81, i + 1 < n ? gaz[i + 1]! : EOS);
    two(82, gaz[i]!, ids[Slot.CF]!);
    one(83, nameIds[i]!);
    two(84, nameIds[i]!, docIds[i]!);
    const ev = infos[i]!.cap ? evidence.get(infos[i]!.lower) : undefined;
    if (ev) {
      for (const b of ev.before) one(85, b);
      for (const a of ev.after) one(86, a);
    }
  }
  out.offsets[n] = out.n;
}
