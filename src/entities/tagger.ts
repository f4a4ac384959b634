/**
 * The NER tagger: features → emission scores → Viterbi, sentence by sentence,
 * with document-level evidence gathered over all the sentences tagged together.
 *
 * Speed: most features depend on one word alone (its own attributes, and what it
 * tells its neighbours). Their summed weights are cached per word form, so each
 * token looks up only the features that join two words or depend on the
 * document; the scores are the same sums in another order.
 */
import { modelFile } from '../models.js';
import { viterbi, type Weights } from './decode.js';
import { FeatureIndex } from './feature-index.js';
import {
  CONTEXT_OFFSETS,
  type DocumentEvidence,
  documentEvidence,
  extractSentence,
  type FeatureSpace,
  KeyBuffer,
  PAD_AFTER,
  PAD_BEFORE,
  pushNeighbourKeys,
  pushPairKeys,
  pushWordKeys,
  type WordInfo,
} from './features.js';
import { type LoadedModel, loadModel } from './model-io.js';
import { NUM_TAGS } from './tags.js';

const T = NUM_TAGS;
/** Score vectors cached per word: its own, then one per context offset (CONTEXT_OFFSETS order). */
const VECTORS = 1 + CONTEXT_OFFSETS.length;
const MAX_CACHED_WORDS = 100_000;

export class NerTagger {
  private buf = new KeyBuffer();
  private scratch = new KeyBuffer();
  private scores: Float32Array = new Float32Array(0);
  private cache = new Map<WordInfo, Float32Array>();
  private readonly padBefore: Float32Array;
  private readonly padAfter: Float32Array;
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

  constructor(
    readonly space: FeatureSpace,
    readonly weights: Weights,
    /** Lower-case form → usual cased form, used on documents written all in lower case. */
    readonly truecase: ReadonlyMap<string, string> = new Map(),
  ) {
    const { w } = weights;
    let nonZero = 0;
    for (let i = 0; i < w.length; i++) if (w[i] !== 0) nonZero++;
    this.sparse = new Float32Array(2 * nonZero);
    this.sparseTag = new Int32Array(this.sparse.buffer);
    const entries: [number, number][] = [];
    let k = 0;
    for (const [key, row] of weights.rows.entries()) {
      const start = k;
      for (let t = 0; t < T; t++) {
        const v = w[row * T + t]!;
        if (v === 0) continue;
        this.sparseTag[2 * k] = t;
        this.sparse[2 * k + 1] = v;
        k++;
      }
      // A row of zeros adds nothing: its key is left out, as if the model lacked it.
      if (k > start) entries.push([key, start * 32 + (k - start)]);
    }
    this.sparseRows = new FeatureIndex(entries, entries.length);
    this.padBefore = this.vectorsOf(PAD_BEFORE, false);
    this.padAfter = this.vectorsOf(PAD_AFTER, false);
  }

  static fromModel(m: LoadedModel): NerTagger {
    return new NerTagger(m.space, m.weights, m.truecase);
  }

  /** Tags (indices into TAGS, BILOU) for each sentence of one document. */
  tagDocument(input: readonly (readonly string[])[]): Int32Array[] {
    const sentences =
      this.truecase.size && isLowerCased(input) ? input.map((s) => this.restoreCase(s)) : input;
    const infos = sentences.map((s) => s.map((w) => this.space.word(w)));
    const evidence = documentEvidence(infos);
    return sentences.map((words, k) => this.tagSentence(words, infos[k]!, evidence));
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

  /** Adds the weights of feature `key` (when the model has it) to `out[base .. base + T)`. */
  private addRow(key: number, out: Float32Array, base: number): void {
    const p = this.sparseRows.get(key);
    if (p < 0) return;
    const start = 2 * Math.floor(p / 32);
    const end = start + 2 * (p % 32);
    const sparse = this.sparse;
    const tag = this.sparseTag;
    for (let k = start; k < end; k += 2) out[base + tag[k]!]! += sparse[k + 1]!;
  }

  private wordVectors(info: WordInfo): Float32Array {
    let v = this.cache.get(info);
    if (!v) {
      v = this.vectorsOf(info.ids, true);
      if (this.cache.size >= MAX_CACHED_WORDS) this.cache.clear();
      this.cache.set(info, v);
    }
    return v;
  }

  private tagSentence(words: readonly string[], infos: WordInfo[], evidence: DocumentEvidence): Int32Array {
    const n = words.length;
    extractSentence(this.space, words, infos, evidence, this.buf, false);
    if (this.scores.length < n * T) this.scores = new Float32Array(2 * n * T);
    const scores = this.scores;
    scores.fill(0, 0, n * T);
    const vectors = infos.map((info) => this.wordVectors(info));
    const buf = this.buf;
    for (let i = 0; i < n; i++) {
      const base = i * T;
      const own = vectors[i]!;
      for (let t = 0; t < T; t++) scores[base + t] = own[t]!;
      for (let c = 0; c < CONTEXT_OFFSETS.length; c++) {
        const j = i + CONTEXT_OFFSETS[c]!;
        const v = j < 0 ? this.padBefore : j >= n ? this.padAfter : vectors[j]!;
        const o = (1 + c) * T;
        for (let t = 0; t < T; t++) scores[base + t]! += v[o + t]!;
      }
      for (let k = buf.offsets[i]!; k < buf.offsets[i + 1]!; k++) this.addRow(buf.keys[k]!, scores, base);
    }
    // Pair features: each adjacent pair (p, p + 1) over the padded sentence, positions -2 .. n + 1.
    // Looked up directly: in new text most adjacent pairs are new, so a per-pair cache
    // mostly missed and cost more (a map entry and a vector per pair) than the ~10 lookups.
    for (let p = -2; p <= n; p++) {
      const ia = p < 0 ? PAD_BEFORE : p >= n ? PAD_AFTER : infos[p]!.ids;
      const ib = p + 1 < 0 ? PAD_BEFORE : p + 1 >= n ? PAD_AFTER : infos[p + 1]!.ids;
      // Role r's features belong to token p + 1, p, p + 2, p - 1 (pushPairKeys).
      for (let role = 0; role < 4; role++) {
        const target = role === 0 ? p + 1 : role === 1 ? p : role === 2 ? p + 2 : p - 1;
        if (target < 0 || target >= n) continue;
        this.scratch.reset(1);
        pushPairKeys(ia, ib, role, this.scratch);
        for (let k = 0; k < this.scratch.n; k++) this.addRow(this.scratch.keys[k]!, scores, target * T);
      }
    }
    return viterbi(scores, n, this.weights.trans);
  }
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

let shipped: NerTagger | undefined;

/** The tagger of the model shipped in models/ner/, loaded once. */
export function shippedTagger(): NerTagger {
  shipped ??= NerTagger.fromModel(loadModel(modelFile('ner', '')));
  return shipped;
}
