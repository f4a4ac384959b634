/**
 * The NER tagger: features → emission scores → Viterbi, sentence by sentence,
 * with document-level evidence gathered over all the sentences tagged together.
 *
 * Speed: most features depend on one word alone (its own attributes, and what it
 * tells its neighbours). Their summed weights are cached per word form, so each
 * token looks up only the features that join two words or depend on the
 * document; the scores are the same sums in another order.
 */
import { viterbi, type Weights } from './decode.js';
import { FeatureIndex, PairFilter } from './feature-index.js';
import {
  BOS,
  CONTEXT_OFFSETS,
  EOS,
  type FeatureSpace,
  firstId,
  gazetteerIds,
  isHeadline,
  KeyBuffer,
  markSentenceEvidence,
  NUM_SLOTS,
  newEvidenceStamp,
  oneKey,
  PAD_AFTER,
  PAD_BEFORE,
  pairKey,
  pushNeighbourKeys,
  pushWordKeys,
  Slot,
  secondId,
  templateOf,
  type WordInfo,
} from './features.js';
import type { LoadedModel, Quantised } from './model-io.js';
import { WordPairPlaces } from './pair-places.js';
import { EVIDENCE_CODES, evidenceKind, ScoreTables, type SparseRows } from './score-tables.js';
import { NUM_TAGS } from './tags.js';

const T = NUM_TAGS;
/** Score vectors cached per word: its own, then one per context offset (CONTEXT_OFFSETS order). */
const VECTORS = 1 + CONTEXT_OFFSETS.length;
// scoreSentence reads the four neighbours' vectors at these offsets, in this order, without a loop.
if (CONTEXT_OFFSETS.join() !== '-2,-1,1,2') throw new Error('tagger: context offsets are not -2, -1, +1, +2');
/** The slots whose attributes a word gives its neighbours features from, in pushNeighbourKeys' order. */
const NEIGHBOUR_SLOTS: readonly number[] = [Slot.L, Slot.SR, Slot.CF, Slot.C0 + 1, Slot.C0 + 3, Slot.S1 + 2];
/**
 * Roles an attribute id has in the word-pair features the model keeps: first or
 * second of a lower-case pair (60, 61, 68, 69), of a lower-case × shape pair (64),
 * of a shape × lower-case pair (65). Most words have none: their pairs are skipped
 * before any hashing.
 */
const PAIR_LL_FIRST = 1;
const PAIR_LL_SECOND = 2;
const PAIR_LS_FIRST = 4;
const PAIR_LS_SECOND = 8;
const PAIR_SL_FIRST = 16;
const PAIR_SL_SECOND = 32;
/** The one-id templates scoreSentence reads through NerTagger.onePlaces, by their index there. */
const ONE_TEMPLATES: readonly number[] = [70, 71, 72, 73, 79, 80, 81, 85, 86];
const ONE_70 = 0;
const ONE_71 = 1;
const ONE_72 = 2;
const ONE_73 = 3;
const ONE_79 = 4;
const ONE_80 = 5;
const ONE_81 = 6;
const ONE_85 = 7;
const ONE_86 = 8;
/** A place of onePlaces not yet looked up (-1: the model has no such feature). */
const UNKNOWN_PLACE = -2;
/** Templates of word pairs over lower-case forms (and shapes): too many values for dense tables. */
const SPARSE_PAIR_TEMPLATES: ReadonlySet<number> = new Set([60, 61, 64, 65, 68, 69]);

/**
 * What the tagger keeps about each word form, in one pool of fixed-size records
 * (a WordInfo holds its record's number): the summed word-level scores, [own, as
 * neighbour at each context offset] × T floats, then six integers (REC_* below).
 * One pool rather than an object and a typed array per word: a token's scores are
 * then one read at a computed address, not three pointer hops through the heap.
 */
const REC_VECTORS = VECTORS * T;
/** Vocabulary ids of the lower-case form and of the short-run shape (-1: not in the model). */
const REC_LOWER = REC_VECTORS;
const REC_SHAPE = REC_VECTORS + 1;
/** Indices in the dense tables (ScoreTables' CompactIds; 0: no features there). */
const REC_SHAPE_INDEX = REC_VECTORS + 2;
const REC_CLUSTER2_INDEX = REC_VECTORS + 3;
const REC_CASE_FLAG_INDEX = REC_VECTORS + 4;
const REC_CLUSTER1_INDEX = REC_VECTORS + 5;
/** The word's roles in the model's word-pair features (PAIR_* bits of its lower-case form and shape ids). */
const REC_PAIR_ROLES = REC_VECTORS + 6;
/**
 * Two one-entry caches of the word-pair lookups that hit most (templates 64 and 65: a word's
 * lower-case form with its neighbour's shape, of which there are few): in a's record, the
 * shape id b had at 64 (la, sb) and the place found; in b's record, a's shape id at 65 (sa, lb)
 * and its place. The place is the one the filter and feature table give (-1: none), so the
 * scores are the same; a repeated word next to the same shape skips the filter, the 4 MB
 * table and its hash. Not part of a known word's stored record (-1 until first use).
 */
const REC_LS_PARTNER = REC_PAIR_ROLES + 1;
const REC_LS_PLACE = REC_PAIR_ROLES + 2;
const REC_SL_PARTNER = REC_PAIR_ROLES + 3;
const REC_SL_PLACE = REC_PAIR_ROLES + 4;
const REC_SIZE = 96;
if (REC_SL_PLACE >= REC_SIZE) throw new Error('tagger: word records too small');
/** The part of a record a compiled model stores for each known word (TaggerTables.knownRecords). */
export const KNOWN_RECORD = REC_PAIR_ROLES + 1;
/** Records 0 and 1: the padding before and after a sentence. */
const PAD_BEFORE_REC = 0;
const PAD_AFTER_REC = 1;
/** The pool starts afresh (between documents) beyond this many words: 40k × 384 bytes. */
const MAX_RECORDS = 40_000;
/**
 * Records the pool holds from the start: MAX_RECORDS and a document's new words beyond them.
 * Allocated once, at its full size: the memory of a large typed array is mapped, not
 * written, so pages no record has reached cost nothing. A pool grown by doubling (from
 * 1,024 records, six copies on the way to 40,000) changed its field from constant to
 * mutable at the first growth, a few articles into a fresh thread, and V8 threw away the
 * compiled denseScores and pairScores, which depended on the constant, and compiled them
 * again. A document with more new words than the headroom still grows it.
 */
const POOL_RECORDS = MAX_RECORDS + 8192;
/** Tokens of a sentence the scoring buffers hold before they grow (longer ones are rare: they grow them). */
const SENTENCE_TOKENS = 512;
/** Pools of all taggers are told apart by number, so a WordInfo's record is never read from the wrong one. */
let nextPoolId = 1;

export class NerTagger {
  private scratch = new KeyBuffer();
  // Sized for sentences of up to SENTENCE_TOKENS tokens from the start: a buffer grown in the
  // middle of a run (a longest sentence yet) deoptimised scoreSentence, and V8 compiled it again.
  private scores: Float32Array = new Float32Array(SENTENCE_TOKENS * T);
  private pool = new Float32Array(POOL_RECORDS * REC_SIZE);
  private poolInt = new Int32Array(this.pool.buffer);
  private records = 0;
  private poolId = 0;
  /**
   * Word-level weights per attribute (see attribute()): offsets by vocabulary id (-1: not yet).
   * Room for 8,192 attributes (2.8 MB) from the start: a tagger meets ~7,500 over its first
   * 1,700 news articles (BBC), and each growth is a branch that runs once, after V8 has
   * compiled the scoring around it without feedback there: the first growth deoptimised
   * wordVectors, and V8 compiled it again (~0.1–0.3 s of compile in every ingest worker).
   */
  private attributes = new Float32Array(8192 * VECTORS * T);
  private attributeCount = 0;
  private readonly attributeOffsets: Int32Array;
  private readonly oneAttribute = new Int32Array(NUM_SLOTS);
  /** The record of each token of the sentence being scored. */
  private tokenRecords = new Int32Array(SENTENCE_TOKENS);
  private caseCodes = new Int32Array(SENTENCE_TOKENS);
  private gaz = new Int32Array(SENTENCE_TOKENS);
  private nameCodes = new Int32Array(SENTENCE_TOKENS);
  /**
   * The weight rows in sparse form (most rows have only about 3 non-zero tags of 17):
   * tag and weight side by side in `sparse`, and a feature key maps straight to its
   * row's place there (start × 32 + length), so that one lookup in a table of a few
   * MB and one read of the row are all the memory a feature touches.
   */
  private readonly sparseRows: FeatureIndex;
  /** Two views of one buffer: at 2k the tag (sparseTag), at 2k + 1 its weight (sparse). */
  private readonly sparse: Float32Array;
  private readonly sparseTag: Int32Array;
  /** Which word-pair keys may be in the model: most pairs in new text are not. */
  private readonly pairFilter: PairFilter;
  /** PAIR_* bits by vocabulary id. */
  private readonly pairRoles: Uint8Array;
  private readonly tables: ScoreTables;
  private readonly trans: Float32Array;
  private readonly knownRecords: Float32Array | undefined;
  /**
   * ScoreTables' evidence × case-flag and evidence × cluster rows (templates 75, 76) as dense
   * rows of T floats, zeros where the sparse rows have no entry: scoreSentence adds them tag
   * by tag with the other dense rows. Adding a zero leaves a float as it is (no score is ever
   * -0: every sum starts from +0), so the scores are the same as the sparse rows give.
   * 40 KB and 200 KB, built at construction from the sparse rows.
   */
  private readonly evidenceCase: Float32Array;
  /**
   * The places in `sparse` of the one-id features scoreSentence adds (ONE_TEMPLATES × vocabulary
   * id, UNKNOWN_PLACE until first looked up, -1 when the model lacks the feature): each is the
   * same row the feature table gives, without the hash probe. Bounded by the vocabulary.
   */
  private readonly onePlaces: Int32Array;
  private readonly evidenceCluster: Float32Array;
  /** The places of the lower-case word-pair features (60, 61, 68, 69) by pair: one probe for four. */
  private readonly wordPairs: WordPairPlaces;
  /** The read-only tables this tagger scores from (what a compiled model file stores). */
  readonly derived: TaggerTables;
  /** The model's weights, when the tagger was built from them (not from a compiled model). */
  readonly weights: Weights | undefined;

  constructor(
    readonly space: FeatureSpace,
    /** The model's weights, or the tables already derived from them (a compiled model's). */
    source: Weights | TaggerTables,
    /** Lower-case form → usual cased form, used on documents written all in lower case. */
    readonly truecase: Truecase = new Map(),
    /** The stored form of weights.w, when loaded from disk: read instead of weights.w. */
    quantised?: Quantised,
  ) {
    const derived = 'sparse' in source ? source : deriveTables(space, source, quantised);
    this.weights = 'sparse' in source ? undefined : source;
    this.derived = derived;
    this.attributeOffsets = new Int32Array(space.vocabSize).fill(-1);
    this.sparse = derived.sparse;
    this.sparseTag = new Int32Array(this.sparse.buffer, this.sparse.byteOffset, this.sparse.length);
    this.sparseRows = derived.sparseRows;
    this.pairRoles = derived.pairRoles;
    this.pairFilter = derived.pairFilter;
    this.tables = derived.scoreTables;
    this.trans = derived.trans;
    this.knownRecords = derived.knownRecords;
    this.onePlaces = new Int32Array(ONE_TEMPLATES.length * space.vocabSize).fill(UNKNOWN_PLACE);
    this.evidenceCase = denseRows(this.tables.evidenceCaseRows);
    this.evidenceCluster = denseRows(this.tables.evidenceClusterRows);
    this.wordPairs = derived.wordPairs;
    this.resetPool();
  }

  static fromModel(m: LoadedModel): NerTagger {
    return new NerTagger(m.space, m.weights, m.truecase, m.quantised);
  }

  /** Tags (indices into TAGS, BILOU) for each sentence of one document. */
  tagDocument(input: readonly (readonly string[])[]): Int32Array[] {
    const sentences =
      this.truecase.size && isLowerCased(input) ? input.map((s) => this.restoreCase(s)) : input;
    const infos = this.wordsOf(sentences);
    // Pushed, not mapped: one array kind for the callers' loads (see wordsOf).
    const tags: Int32Array[] = [];
    // One buffer for the document's tags, a view of it per sentence: a typed array over 64 bytes
    // gets a buffer of its own outside the JS heap (an allocation the collector tracks), and most
    // sentences have more than 16 tokens.
    let total = 0;
    for (const words of sentences) total += words.length;
    const all = new Int32Array(total);
    let at = 0;
    sentences.forEach((words, k) => {
      const path = all.subarray(at, at + words.length);
      at += words.length;
      tags.push(viterbi(this.scoreSentence(words, infos[k]!), words.length, this.trans, path));
    });
    return tags;
  }

  /**
   * Emission scores (tokens × T) of each sentence of a document: the sums over the
   * same features as extractSentence gives, read from the caches and dense tables.
   */
  scoreDocument(sentences: readonly (readonly string[])[]): Float32Array[] {
    const infos = this.wordsOf(sentences);
    return sentences.map((words, k) => this.scoreSentence(words, infos[k]!).slice(0, words.length * T));
  }

  /** The words of a document, its evidence marked on their forms (as markDocumentEvidence marks it). */
  private wordsOf(sentences: readonly (readonly string[])[]): WordInfo[][] {
    if (this.records > MAX_RECORDS) this.resetPool();
    this.space.beginDocument();
    // Arrays grown by push are always "packed": Array.prototype.map sometimes returns a holey
    // one, and a second array kind in scoreSentence's loads deoptimised it in every fresh process.
    const infos: WordInfo[][] = [];
    const stamp = newEvidenceStamp();
    for (const s of sentences) {
      const row: WordInfo[] = [];
      for (const w of s) row.push(this.space.word(w));
      // Marked now, while the sentence's words are in the CPU's caches (the same evidence as
      // markDocumentEvidence over the whole document: see markSentenceEvidence).
      markSentenceEvidence(row, stamp);
      infos.push(row);
    }
    return infos;
  }

  /**
   * Capitalisation is the tagger's strongest cue; a document written all in lower
   * case (some feeds, the CNN/DM release) loses it. Such a document gets the usual
   * case of the words that are usually capitalised, and capitalised sentence starts.
   * The tokens (and so the spans) are the same; only the strings the tagger sees change.
   */
  private restoreCase(words: readonly string[]): string[] {
    return words.map((w, i) => {
      const cased = this.truecase.get(w);
      if (cased) return cased;
      return i === 0 ? w.charAt(0).toUpperCase() + w.slice(1) : w;
    });
  }

  /**
   * The word-level weights of one attribute (vocabulary id `id` in `slot`) alone:
   * its own feature, then what it gives the token at each context offset, as
   * VECTORS × T floats in `attributes`. Computed at first need: a new word then
   * costs one sparse lookup per attribute never seen before (its form, say), not
   * the ~40 lookups of all its features. Returns the offset in `attributes`.
   */
  private attribute(slot: number, id: number): number {
    const known = this.attributeOffsets[id]!;
    if (known >= 0) return known;
    const size = VECTORS * T;
    if ((this.attributeCount + 1) * size > this.attributes.length) {
      const bigger = new Float32Array(this.attributes.length * 2);
      bigger.set(this.attributes);
      this.attributes = bigger;
    }
    const o = this.attributeCount++ * size;
    const ids = this.oneAttribute;
    ids.fill(-1);
    ids[slot] = id;
    this.scratch.reset(1);
    pushWordKeys(ids, this.scratch);
    // Key 0 is the bias, which belongs to no attribute.
    for (let k = 1; k < this.scratch.n; k++) this.addRow(this.scratch.keys[k]!, this.attributes, o);
    for (let c = 0; c < CONTEXT_OFFSETS.length; c++) {
      this.scratch.reset(1);
      pushNeighbourKeys(ids, c, this.scratch);
      for (let k = 0; k < this.scratch.n; k++)
        this.addRow(this.scratch.keys[k]!, this.attributes, o + (1 + c) * T);
    }
    this.attributeOffsets[id] = o;
    return o;
  }

  /**
   * The same sums as vectorsOf(ids, true), from the attribute vectors, added in the
   * order vectorsOf adds the features (bias and slots in order for the word itself,
   * pushNeighbourKeys' order for its neighbours), so the floats are the same; written
   * to v[at .. at + VECTORS × T).
   */
  private wordVectors(ids: Int32Array, v: Float32Array, at: number): void {
    for (let s = 0; s < NUM_SLOTS; s++)
      if (ids[s]! >= this.attributeOffsets.length) {
        v.set(this.vectorsOf(ids, true), at);
        return;
      }
    // Written in place (the caller's pool record), not in a new array copied there.
    v.fill(0, at, at + VECTORS * T);
    this.addRow(0, v, at);
    // The attribute vectors first (attribute() may grow `attributes`), then each tag's sum
    // over them in the same order, rounded to 32 bits after each addition as a Float32Array
    // store rounds it: the floats of one pass over v per attribute, in one pass.
    const own = this.ownOffsets;
    let n = 0;
    for (let s = 0; s < NUM_SLOTS; s++) if (ids[s]! >= 0) own[n++] = this.attribute(s, ids[s]!);
    const near = this.neighbourOffsets;
    let m = 0;
    for (const s of NEIGHBOUR_SLOTS) if (ids[s]! >= 0) near[m++] = this.attribute(s, ids[s]!);
    const a = this.attributes;
    const fround = Math.fround;
    // Two tags a step, as in scoreSentence: two independent chains of the same additions.
    let k = 0;
    for (; k + 1 < T; k += 2) {
      let x = v[at + k]!;
      let y = v[at + k + 1]!;
      for (let j = 0; j < n; j++) {
        x = fround(x + a[own[j]! + k]!);
        y = fround(y + a[own[j]! + k + 1]!);
      }
      v[at + k] = x;
      v[at + k + 1] = y;
    }
    for (; k < T; k++) {
      let x = v[at + k]!;
      for (let j = 0; j < n; j++) x = fround(x + a[own[j]! + k]!);
      v[at + k] = x;
    }
    for (let c = 0; c < CONTEXT_OFFSETS.length; c++) {
      const part = (1 + c) * T;
      let k = 0;
      for (; k + 1 < T; k += 2) {
        // From +0, as v was filled.
        let x = 0;
        let y = 0;
        for (let j = 0; j < m; j++) {
          x = fround(x + a[near[j]! + part + k]!);
          y = fround(y + a[near[j]! + part + k + 1]!);
        }
        v[at + part + k] = x;
        v[at + part + k + 1] = y;
      }
      for (; k < T; k++) {
        let x = 0;
        for (let j = 0; j < m; j++) x = fround(x + a[near[j]! + part + k]!);
        v[at + part + k] = x;
      }
    }
  }
  private readonly ownOffsets = new Int32Array(NUM_SLOTS);
  /** tokenLookups' list of one-id lookups of a token (template index in ONE_TEMPLATES, attribute id). */
  private readonly lookupWhich = new Int32Array(4);
  private readonly lookupIds = new Int32Array(4);
  private readonly neighbourOffsets = new Int32Array(NUM_SLOTS);

  /** Summed weights of the word-level features of `ids`: [own, as neighbour at each offset]. */
  private vectorsOf(ids: Int32Array, own: boolean): Float32Array {
    const v = new Float32Array(VECTORS * T);
    const add = (slot: number) => {
      for (let k = 0; k < this.scratch.n; k++) this.addRow(this.scratch.keys[k]!, v, slot * T);
    };
    if (own) {
      this.scratch.reset(1);
      pushWordKeys(ids, this.scratch);
      add(0);
    }
    for (let c = 0; c < CONTEXT_OFFSETS.length; c++) {
      this.scratch.reset(1);
      pushNeighbourKeys(ids, c, this.scratch);
      add(1 + c);
    }
    return v;
  }

  /** Empties the pool of word records, keeping the two padding records. */
  private resetPool(): void {
    this.poolId = nextPoolId++;
    this.records = 0;
    this.record(PAD_BEFORE, this.tables.padBefore.shape, this.tables.padBefore.cluster2, false);
    this.record(PAD_AFTER, this.tables.padAfter.shape, this.tables.padAfter.cluster2, false);
  }

  /** Writes a new record for a word of attribute ids `ids` and returns its number. */
  private record(ids: Int32Array, shapeIndex: number, cluster2Index: number, own: boolean): number {
    this.growPool();
    const r = this.records++;
    const base = r * REC_SIZE;
    if (own) this.wordVectors(ids, this.pool, base);
    else this.pool.set(this.vectorsOf(ids, false), base);
    const t = this.tables;
    const ints = this.poolInt;
    ints[base + REC_LOWER] = ids[Slot.L]!;
    ints[base + REC_SHAPE] = ids[Slot.SR]!;
    ints[base + REC_SHAPE_INDEX] = shapeIndex;
    ints[base + REC_CLUSTER2_INDEX] = cluster2Index;
    ints[base + REC_CASE_FLAG_INDEX] = own ? t.caseFlags.of(ids[Slot.CF]!) : 0;
    ints[base + REC_CLUSTER1_INDEX] = own ? t.clusters1.of(ids[Slot.C0 + 1]!) : 0;
    // Lower-case and shape ids never coincide (but for the padding's, whose roles then add up: the bits are per role).
    const roles = (id: number) => (id >= 0 && id < this.pairRoles.length ? this.pairRoles[id]! : 0);
    ints[base + REC_PAIR_ROLES] = roles(ids[Slot.L]!) | roles(ids[Slot.SR]!);
    this.clearPairCache(base);
    return r;
  }

  /** Empties the pair caches of the record at `base` (no shape id is -1). */
  private clearPairCache(base: number): void {
    this.poolInt[base + REC_LS_PARTNER] = -1;
    this.poolInt[base + REC_SL_PARTNER] = -1;
  }

  /** The offset in the pool of a word's record, written at the word's first sight. */
  private recordOf(info: WordInfo): number {
    if (info.pool !== this.poolId) {
      const t = this.tables;
      info.record =
        info.known >= 0 && this.knownRecords
          ? this.knownRecord(info.known)
          : this.record(
              info.ids,
              t.shapes.of(info.ids[Slot.SR]!),
              t.clusters2.of(info.ids[Slot.C0 + 2]!),
              true,
            );
      info.pool = this.poolId;
    }
    return info.record * REC_SIZE;
  }

  /** A new record copied from a known word's stored one (the same values record() would write). */
  private knownRecord(k: number): number {
    this.growPool();
    const r = this.records++;
    this.pool.set(this.knownRecords!.subarray(k * KNOWN_RECORD, (k + 1) * KNOWN_RECORD), r * REC_SIZE);
    this.clearPairCache(r * REC_SIZE);
    return r;
  }

  private growPool(): void {
    if ((this.records + 1) * REC_SIZE > this.pool.length) {
      const bigger = new Float32Array(this.pool.length * 2);
      bigger.set(this.pool);
      this.pool = bigger;
      this.poolInt = new Int32Array(bigger.buffer);
    }
  }

  /**
   * The stored part of word `w`'s record (KNOWN_RECORD floats, integers as their bits), as
   * record() computes it: what a compiled model keeps for its known words.
   */
  computedRecord(w: string): Float32Array {
    const info = this.space.word(w);
    const t = this.tables;
    const r = this.record(
      info.ids,
      t.shapes.of(info.ids[Slot.SR]!),
      t.clusters2.of(info.ids[Slot.C0 + 2]!),
      true,
    );
    return this.pool.slice(r * REC_SIZE, r * REC_SIZE + KNOWN_RECORD);
  }

  /** Adds the weights of feature `key` (when the model has it) to `out[base .. base + T)`. */
  private addRow(key: number, out: Float32Array, base: number): void {
    addSparseRow(this.sparseRows, this.sparse, this.sparseTag, key, out, base);
  }

  /**
   * addRow for the one-id feature of template ONE_TEMPLATES[which] over attribute id `id`: its
   * row's place is read from `onePlaces` (found in the feature table at the first need),
   * a read in a table of 1 MB indexed by id instead of a hash probe of the 4 MB feature table.
   */
  private addOne(which: number, id: number, out: Float32Array, base: number): void {
    const vocab = this.attributeOffsets.length;
    if (id >= vocab) {
      this.addRow(oneKey(ONE_TEMPLATES[which]!, id), out, base);
      return;
    }
    const at = which * vocab + id;
    let p = this.onePlaces[at]!;
    if (p === UNKNOWN_PLACE) {
      p = this.sparseRows.get(oneKey(ONE_TEMPLATES[which]!, id));
      this.onePlaces[at] = p;
    }
    if (p >= 0) addPlace(this.sparse, this.sparseTag, p, out, base);
  }

  /** The place in `sparse` of the word-pair feature (tpl, a, b), or -1 (the filter asked first). */
  private pairPlace(tpl: number, a: number, b: number): number {
    return this.pairFilter.mayHave(tpl, a, b) ? this.sparseRows.get(pairKey(tpl, a, b)) : -1;
  }

  /** Emission scores of one sentence of the document wordsOf last marked (valid until the next call). */
  private scoreSentence(words: readonly string[], infos: WordInfo[]): Float32Array {
    const n = words.length;
    if (this.scores.length < n * T) {
      this.scores = new Float32Array(2 * n * T);
      this.caseCodes = new Int32Array(2 * n);
      this.nameCodes = new Int32Array(2 * n);
      this.gaz = new Int32Array(2 * n);
    }
    if (this.tokenRecords.length < n) this.tokenRecords = new Int32Array(2 * n);
    const rec = this.tokenRecords;
    const caseCodes = this.caseCodes;
    const nameCodes = this.nameCodes;
    // One pass over the word infos for their records and evidence codes.
    for (let i = 0; i < n; i++) {
      const w = infos[i]!;
      rec[i] = this.recordOf(w);
      const f = w.form.flags;
      const kind = evidenceKind(w.allCaps, w.cap, i === 0);
      caseCodes[i] = kind * 4 + (f & 3);
      nameCodes[i] = kind * 4 + ((f >> 3) & 3);
    }
    // Three passes, each its own method: V8 compiles each once as a unit of its own (one
    // function of all three took 130-240 ms to compile, and a deoptimisation in any part, such
    // as the first headline's lookups, recompiled the whole). Each score gets the same additions
    // in the same order as in one pass: a token's dense sum, then its own lookups (neither reads
    // another token's scores), then the pair features.
    this.denseScores(n);
    this.tokenLookups(words, infos);
    this.pairScores(n);
    return this.scores;
  }

  /** The dense part of each token's scores: its record's vectors and the document evidence. */
  private denseScores(n: number): void {
    const scores = this.scores;
    const rec = this.tokenRecords;
    const caseCodes = this.caseCodes;
    const nameCodes = this.nameCodes;
    // Read after recordOf: a new record may have grown (replaced) the pool.
    const pool = this.pool;
    const ints = this.poolInt;
    const t = this.tables;
    const C = EVIDENCE_CODES;
    const evidence = t.evidence;
    const evBefore = t.evidenceBefore;
    const evAfter = t.evidenceAfter;
    const caseRows = this.evidenceCase;
    const clusterRows = this.evidenceCluster;
    const nCaseFlags = t.caseFlags.size;
    const nClusters1 = t.clusters1.size;
    const fround = Math.fround;
    for (let i = 0; i < n; i++) {
      const base = i * T;
      const r = rec[i]!;
      // The word's own vector, what its four neighbours give it (CONTEXT_OFFSETS: -2, -1, +1, +2),
      // then the document evidence: ten rows added tag by tag in that order, each sum rounded to
      // 32 bits as a Float32Array store would round it, so the floats are those of ten passes
      // over scores (one read and one write of each score instead of ten).
      const o1 = (i >= 2 ? rec[i - 2]! : PAD_BEFORE_REC * REC_SIZE) + T;
      const o2 = (i >= 1 ? rec[i - 1]! : PAD_BEFORE_REC * REC_SIZE) + 2 * T;
      const o3 = (i + 1 < n ? rec[i + 1]! : PAD_AFTER_REC * REC_SIZE) + 3 * T;
      const o4 = (i + 2 < n ? rec[i + 2]! : PAD_AFTER_REC * REC_SIZE) + 4 * T;
      const code = caseCodes[i]!;
      const oe = (code * C + nameCodes[i]!) * T;
      const oc = (code * nCaseFlags + ints[r + REC_CASE_FLAG_INDEX]!) * T;
      const ol = (code * nClusters1 + ints[r + REC_CLUSTER1_INDEX]!) * T;
      const ob = (i > 0 ? caseCodes[i - 1]! : C) * T;
      const oa = (i + 1 < n ? caseCodes[i + 1]! : C) * T;
      // Two tags a step: each tag's ten additions are a chain that waits on the one before,
      // so two independent chains side by side keep the CPU busy while each waits (the
      // same additions per tag in the same order: the same floats).
      let k = 0;
      for (; k + 1 < T; k += 2) {
        let v = pool[r + k]!;
        let u = pool[r + k + 1]!;
        v = fround(v + pool[o1 + k]!);
        u = fround(u + pool[o1 + k + 1]!);
        v = fround(v + pool[o2 + k]!);
        u = fround(u + pool[o2 + k + 1]!);
        v = fround(v + pool[o3 + k]!);
        u = fround(u + pool[o3 + k + 1]!);
        v = fround(v + pool[o4 + k]!);
        u = fround(u + pool[o4 + k + 1]!);
        v = fround(v + evidence[oe + k]!);
        u = fround(u + evidence[oe + k + 1]!);
        v = fround(v + caseRows[oc + k]!);
        u = fround(u + caseRows[oc + k + 1]!);
        v = fround(v + clusterRows[ol + k]!);
        u = fround(u + clusterRows[ol + k + 1]!);
        v = fround(v + evBefore[ob + k]!);
        u = fround(u + evBefore[ob + k + 1]!);
        scores[base + k] = v + evAfter[oa + k]!;
        scores[base + k + 1] = u + evAfter[oa + k + 1]!;
      }
      for (; k < T; k++) {
        let v = pool[r + k]!;
        v = fround(v + pool[o1 + k]!);
        v = fround(v + pool[o2 + k]!);
        v = fround(v + pool[o3 + k]!);
        v = fround(v + pool[o4 + k]!);
        v = fround(v + evidence[oe + k]!);
        v = fround(v + caseRows[oc + k]!);
        v = fround(v + clusterRows[ol + k]!);
        v = fround(v + evBefore[ob + k]!);
        scores[base + k] = v + evAfter[oa + k]!;
      }
    }
  }

  /** The rest of each token's own features, looked up one by one: rare (sentence start, headlines, gazetteer) or few per token. */
  private tokenLookups(words: readonly string[], infos: WordInfo[]): void {
    const n = words.length;
    const scores = this.scores;
    const headline = isHeadline(infos);
    const gaz = gazetteerIds(this.space, words, infos, this.gaz);
    const which = this.lookupWhich;
    const what = this.lookupIds;
    for (let i = 0; i < n; i++) {
      const base = i * T;
      const info = infos[i]!;
      const cf = info.caseFlagId;
      const lower = info.lowerId;
      const cluster2 = info.cluster2Id;
      // The sentence start's lookups (70, 71), then a headline's (72, 73), in that order, through
      // one call site: listed without a branch (each entry written, counted only when it
      // applies). Calls of their own, in branches the first headline took first, had no type
      // feedback when V8 compiled this method, and that headline deoptimised it.
      const first = i === 0;
      let m = 0;
      which[m] = ONE_70;
      what[m] = cf;
      m += cf >= 0 && first ? 1 : 0;
      which[m] = ONE_71;
      what[m] = lower;
      m += lower >= 0 && first ? 1 : 0;
      which[m] = ONE_72;
      what[m] = lower;
      m += lower >= 0 && headline ? 1 : 0;
      which[m] = ONE_73;
      what[m] = cluster2;
      m += cluster2 >= 0 && headline ? 1 : 0;
      for (let k = 0; k < m; k++) this.addOne(which[k]!, what[k]!, scores, base);
      const g = gaz[i]!;
      if (g >= 0) {
        this.addOne(ONE_79, g, scores, base);
        if (cf >= 0) this.addRow(pairKey(82, g, cf), scores, base);
      }
      const before = i > 0 ? gaz[i - 1]! : BOS;
      if (before >= 0) this.addOne(ONE_80, before, scores, base);
      const after = i + 1 < n ? gaz[i + 1]! : EOS;
      if (after >= 0) this.addOne(ONE_81, after, scores, base);
      const ev = info.cap ? info.form : undefined;
      if (ev) {
        for (const b of ev.before) this.addOne(ONE_85, b, scores, base);
        for (const a of ev.after) this.addOne(ONE_86, a, scores, base);
      }
    }
  }

  /** The word-pair features of the sentence's n tokens (their records in tokenRecords). */
  private pairScores(n: number): void {
    const scores = this.scores;
    const rec = this.tokenRecords;
    const ints = this.poolInt;
    const t = this.tables;
    // Pair features: each adjacent pair (p, p + 1) over the padded sentence, positions -2 .. n + 1;
    // they belong to token p + 1 (60, 62, 64, 66), p (61, 63, 65, 67), p + 2 (68) and p - 1 (69).
    const nShapes = t.shapes.size;
    const nClusters = t.clusters2.size;
    const pairs = this.wordPairs;
    const places = pairs.places;
    const sparse = this.sparse;
    const sparseTag = this.sparseTag;
    for (let p = -2; p <= n; p++) {
      const a = p < 0 ? PAD_BEFORE_REC * REC_SIZE : p >= n ? PAD_AFTER_REC * REC_SIZE : rec[p]!;
      const b = p + 1 < 0 ? PAD_BEFORE_REC * REC_SIZE : p + 1 >= n ? PAD_AFTER_REC * REC_SIZE : rec[p + 1]!;
      const aShape = ints[a + REC_SHAPE_INDEX]!;
      const bShape = ints[b + REC_SHAPE_INDEX]!;
      const aCluster = ints[a + REC_CLUSTER2_INDEX]!;
      const bCluster = ints[b + REC_CLUSTER2_INDEX]!;
      const next = p + 1 >= 0 && p + 1 < n ? (p + 1) * T : -1;
      const here = p >= 0 && p < n ? p * T : -1;
      if (aShape > 0 && bShape > 0) {
        const row = (aShape * nShapes + bShape) * 2;
        if (next >= 0) t.shapePairRows.add(row, scores, next);
        if (here >= 0) t.shapePairRows.add(row + 1, scores, here);
      }
      if (aCluster > 0 && bCluster > 0) {
        const row = (aCluster * nClusters + bCluster) * 2;
        if (next >= 0) t.clusterPairRows.add(row, scores, next);
        if (here >= 0) t.clusterPairRows.add(row + 1, scores, here);
      }
      const la = ints[a + REC_LOWER]!;
      const lb = ints[b + REC_LOWER]!;
      const sa = ints[a + REC_SHAPE]!;
      const sb = ints[b + REC_SHAPE]!;
      const ra = ints[a + REC_PAIR_ROLES]!;
      const rb = ints[b + REC_PAIR_ROLES]!;
      // The places of this pair's four lower-case pair features (60, 61, 68, 69), by one probe.
      const ll = (ra & PAIR_LL_FIRST) !== 0 && (rb & PAIR_LL_SECOND) !== 0 ? pairs.find(la, lb) : -1;
      if (next >= 0) {
        if (ll >= 0 && places[ll]! >= 0) addPlace(sparse, sparseTag, places[ll]!, scores, next);
        if (ra & PAIR_LS_FIRST && rb & PAIR_LS_SECOND) {
          if (ints[a + REC_LS_PARTNER] !== sb) {
            ints[a + REC_LS_PARTNER] = sb;
            ints[a + REC_LS_PLACE] = this.pairPlace(64, la, sb);
          }
          const place = ints[a + REC_LS_PLACE]!;
          if (place >= 0) addPlace(this.sparse, this.sparseTag, place, scores, next);
        }
      }
      if (here >= 0) {
        if (ll >= 0 && places[ll + 1]! >= 0) addPlace(sparse, sparseTag, places[ll + 1]!, scores, here);
        if (ra & PAIR_SL_FIRST && rb & PAIR_SL_SECOND) {
          if (ints[b + REC_SL_PARTNER] !== sa) {
            ints[b + REC_SL_PARTNER] = sa;
            ints[b + REC_SL_PLACE] = this.pairPlace(65, sa, lb);
          }
          const place = ints[b + REC_SL_PLACE]!;
          if (place >= 0) addPlace(this.sparse, this.sparseTag, place, scores, here);
        }
      }
      if (ll >= 0) {
        if (p + 2 >= 0 && p + 2 < n && places[ll + 2]! >= 0)
          addPlace(sparse, sparseTag, places[ll + 2]!, scores, (p + 2) * T);
        if (p - 1 >= 0 && p - 1 < n && places[ll + 3]! >= 0)
          addPlace(sparse, sparseTag, places[ll + 3]!, scores, (p - 1) * T);
      }
    }
  }
}

/** Adds the weights of feature `key` (when `rows` has it) to `out[base .. base + T)`. */
function addSparseRow(
  rows: FeatureIndex,
  sparse: Float32Array,
  tag: Int32Array,
  key: number,
  out: Float32Array,
  base: number,
): void {
  const p = rows.get(key);
  if (p >= 0) addPlace(sparse, tag, p, out, base);
}

/** Adds the sparse row at place `p` (start × 32 + length, below 2^31) to `out[base .. base + T)`. */
function addPlace(sparse: Float32Array, tag: Int32Array, p: number, out: Float32Array, base: number): void {
  // Integer shifts, not Math.floor(p / 32) and p % 32 on a double.
  const start = 2 * (p >>> 5);
  const end = start + 2 * (p & 31);
  for (let k = start; k < end; k += 2) out[base + tag[k]!]! += sparse[k + 1]!;
}

/** The rows of `rows` as a dense table of T floats a row (zeros where a row has no entry). */
function denseRows(rows: SparseRows): Float32Array {
  const count = rows.start.length - 1;
  const out = new Float32Array(count * T);
  for (let r = 0; r < count; r++) rows.add(r, out, r * T);
  return out;
}

/** Lower-case form → usual cased form (a Map, or a compiled model's table). */
export interface Truecase {
  readonly size: number;
  get(lower: string): string | undefined;
}

/**
 * What a tagger derives from a model's weights, all read-only: built at load from the
 * weights (deriveTables), or viewed in a compiled model file (compiled-model.ts), where
 * building them is not paid at every process start (issue #8).
 */
export interface TaggerTables {
  /** Sparse weight rows: tag (as Int32) at 2k, weight at 2k + 1. */
  sparse: Float32Array;
  /** Feature key → its row's place in `sparse` (start × 32 + length). */
  sparseRows: FeatureIndex;
  /** PAIR_* bits by vocabulary id. */
  pairRoles: Uint8Array;
  pairFilter: PairFilter;
  scoreTables: ScoreTables;
  /** Transition scores (Weights.trans). */
  trans: Float32Array;
  /** The places of the lower-case word-pair features by pair (WordPairPlaces.fromFeatures(sparseRows)). */
  wordPairs: WordPairPlaces;
  /** A compiled model's stored records of its known words (KNOWN_RECORD floats each; FeatureSpace's known numbers). */
  knownRecords?: Float32Array;
}

/** The tables of a tagger over `weights` (read from `quantised` when given: the same floats). */
export function deriveTables(space: FeatureSpace, weights: Weights, quantised?: Quantised): TaggerTables {
  // From the quantised weights when the model was loaded (weights.w[i] is q[i] × scale
  // rounded to 32 bits, as the Float32Array store below rounds it): one pass over
  // them, growing the buffer, instead of making w and counting its non-zeros first.
  const q = quantised?.q;
  const scale = quantised?.scale ?? 1;
  const w = q ? undefined : weights.w;
  let buffer = new Float32Array(2 * Math.max(64, weights.rows.size * 4));
  let tags = new Int32Array(buffer.buffer);
  // Typed arrays, not a tuple per entry.
  const keys = new Float64Array(weights.rows.size);
  const places = new Float64Array(weights.rows.size);
  let entries = 0;
  let k = 0;
  weights.rows.forEach((key, row) => {
    const start = k;
    if (2 * (k + T) > buffer.length) {
      const bigger = new Float32Array(buffer.length * 2);
      bigger.set(buffer);
      buffer = bigger;
      tags = new Int32Array(bigger.buffer);
    }
    for (let t = 0; t < T; t++) {
      const v = q ? q[row * T + t]! * scale : w![row * T + t]!;
      if (v === 0) continue;
      tags[2 * k] = t;
      buffer[2 * k + 1] = v;
      k++;
    }
    // A row of zeros adds nothing: its key is left out, as if the model lacked it.
    if (k > start) {
      keys[entries] = key;
      places[entries++] = start * 32 + (k - start);
    }
  });
  const sparse = buffer.slice(0, 2 * k);
  const sparseTag = new Int32Array(sparse.buffer);
  const sparseRows = FeatureIndex.fromArrays(keys.subarray(0, entries), places.subarray(0, entries));
  const pairRoles = new Uint8Array(space.vocabSize);
  const pairFilter = new PairFilter();
  for (let i = 0; i < entries; i++) {
    const key = keys[i]!;
    const t = templateOf(key);
    if (!SPARSE_PAIR_TEMPLATES.has(t)) continue;
    const a = firstId(key);
    const b = secondId(key);
    pairRoles[a]! |= t === 64 ? PAIR_LS_FIRST : t === 65 ? PAIR_SL_FIRST : PAIR_LL_FIRST;
    pairRoles[b]! |= t === 64 ? PAIR_LS_SECOND : t === 65 ? PAIR_SL_SECOND : PAIR_LL_SECOND;
    pairFilter.add(t, a, b);
  }
  const scoreTables = ScoreTables.build(space, keys.subarray(0, entries), (key, out, base) =>
    addSparseRow(sparseRows, sparse, sparseTag, key, out, base),
  );
  const wordPairs = WordPairPlaces.fromFeatures(sparseRows);
  return { sparse, sparseRows, pairRoles, pairFilter, scoreTables, trans: weights.trans, wordPairs };
}

/** Whether a document has no capital letters at all in words of two letters or more. */
export function isLowerCased(sentences: readonly (readonly string[])[]): boolean {
  let words = 0;
  for (const s of sentences) {
    for (const w of s) {
      if (w.length < 2 || !/\p{L}/u.test(w)) continue;
      if (/\p{Lu}/u.test(w)) return false;
      words++;
    }
  }
  return words > 0;
}
