/**
 * The part-of-speech model as the tagger reads it: sparse averaged-perceptron weights
 * (per feature key, the tags it has a weight for) behind an open-addressing table, and a
 * tag dictionary of frequent words that nearly always carry one tag (tagged without
 * scoring, the usual speed-up of greedy taggers).
 *
 * File (models/pos/pos-tagger.bin, little-endian), written by scripts/pos-train.ts:
 *   "NDPOS001"; u32 tags, features, pairs, dictionary size;
 *   i32 keys[features]; u32 rowStart[features + 1]; f32 weights[pairs];
 *   u8 tags[pairs] (padded to 4); i32 dictionary keys[size]; u8 dictionary tags[size].
 */
import { readFileSync } from 'node:fs';
import { NewsdigestError } from '../errors.js';
import {
  AFTER,
  BEFORE,
  BIAS_TEMPLATE,
  featureKey,
  NEXT_SUFFIX_TEMPLATE,
  NEXT_WORD_TEMPLATE,
  PREV_SUFFIX_TEMPLATE,
  PREV_TAGS_TEMPLATE,
  PREV_WORD_TEMPLATE,
  SHAPE_TEMPLATE,
} from './pos-features.js';

export const POS_MAGIC = 'NDPOS001';

export interface PosModelParts {
  tagCount: number;
  keys: Int32Array;
  rowStart: Uint32Array;
  weights: Float32Array;
  tags: Uint8Array;
  dictKeys: Int32Array;
  dictTags: Uint8Array;
}

export interface PosModel extends PosModelParts {
  /**
   * Open addressing over feature keys, interleaved (one cache line per probe): per slot the key
   * and its row's place in `pairs`, start * 128 + length, plus 1 (0: empty).
   */
  slots: Int32Array;
  mask: number;
  /**
   * The weights and their tags side by side (one cache line where the row lies in three arrays):
   * pair k is weight pairWeights[2k] for tag pairTags[2k + 1], rows in the order of `weights`.
   */
  pairWeights: Float32Array;
  /** The same buffer as pairWeights, read as tags. */
  pairTags: Int32Array;
  /** The scores after the bias feature alone (its row added to zeros, as the tagger adds it first). */
  biasScores: Float32Array;
  /** The row (start * 128 + length; 0: none) of the shape feature, by shape (0-63). */
  shapeRows: Int32Array;
  /** The row of the two-previous-tags feature, by prev * 64 + prev2 (tag codes and START, START2). */
  prevRows: Int32Array;
  /** The rows of the previous word and suffix before the sequence, of the next word and suffix after it. */
  edgeRows: Int32Array;
  /**
   * A cache of the words met (pos-tagger.ts fills it), direct-mapped by word hash, four numbers
   * a slot: the hash, the dictionary tag as -1 - tag or else the word's row, its row as the
   * previous word and as the next. A slot never filled holds a hash that cannot map to it.
   */
  wordCache: Int32Array;
  /** The same for suffixes: the hash, its rows as the word's, the previous word's and the next word's suffix. */
  suffixCache: Int32Array;
  /** The tag dictionary as open addressing: slot → tag + 1 (0: empty). */
  dictSlots: Uint8Array;
  dictSlotKeys: Int32Array;
  dictMask: number;
}

function mix(key: number): number {
  const i = Math.imul(key, 0x9e3779b1);
  return i ^ (i >>> 16);
}

/** Slots of the word and suffix caches (a power of two). */
const CACHE_SLOTS = 4096;
export const CACHE_MASK = CACHE_SLOTS - 1;

/** A cache with no slot filled: slot i holds i ^ 1, which maps to slot i ^ 1. */
function emptyCache(): Int32Array {
  const cache = new Int32Array(CACHE_SLOTS * 4);
  for (let i = 0; i < CACHE_SLOTS; i++) cache[4 * i] = i ^ 1;
  return cache;
}

function tableSize(n: number): number {
  let size = 16;
  // Load at most 3/4: a smaller table stays in cache (the tagger is bound by these probes).
  while (size * 3 < n * 4) size *= 2;
  return size;
}

/** The model of its parts (the tables built once). */
export function posModelFrom(parts: PosModelParts): PosModel {
  const size = tableSize(parts.keys.length);
  const slots = new Int32Array(size * 2);
  const mask = size - 1;
  for (let r = 0; r < parts.keys.length; r++) {
    const key = parts.keys[r]!;
    const start = parts.rowStart[r]!;
    const length = parts.rowStart[r + 1]! - start;
    if (length >= 128 || start >= 1 << 23) throw new Error(`part-of-speech row ${r} too long or too far`);
    let i = mix(key) & mask;
    while (slots[2 * i + 1] && slots[2 * i] !== key) i = (i + 1) & mask;
    slots[2 * i] = key;
    slots[2 * i + 1] = start * 128 + length + 1;
  }
  const pairBuffer = new ArrayBuffer(parts.weights.length * 8);
  const pairWeights = new Float32Array(pairBuffer);
  const pairTags = new Int32Array(pairBuffer);
  for (let k = 0; k < parts.weights.length; k++) {
    pairWeights[2 * k] = parts.weights[k]!;
    pairTags[2 * k + 1] = parts.tags[k]!;
  }
  const rowAt = (key: number): number => probe(slots, mask, key);
  const biasScores = new Float32Array(parts.tagCount);
  const bias = rowAt(featureKey(BIAS_TEMPLATE, 0, 0));
  for (let k = bias >> 7, end = k + (bias & 127); k < end; k++)
    biasScores[pairTags[2 * k + 1]!]! += pairWeights[2 * k]!;
  const shapeRows = new Int32Array(64);
  for (let v = 0; v < 64; v++) shapeRows[v] = rowAt(featureKey(SHAPE_TEMPLATE, v, 0));
  const prevRows = new Int32Array(64 * 64);
  for (let p = 0; p < 64; p++)
    for (let q = 0; q < 64; q++) prevRows[p * 64 + q] = rowAt(featureKey(PREV_TAGS_TEMPLATE, p, q));
  const edgeRows = Int32Array.of(
    rowAt(featureKey(PREV_WORD_TEMPLATE, BEFORE, 0)),
    rowAt(featureKey(PREV_SUFFIX_TEMPLATE, BEFORE, 0)),
    rowAt(featureKey(NEXT_WORD_TEMPLATE, AFTER, 0)),
    rowAt(featureKey(NEXT_SUFFIX_TEMPLATE, AFTER, 0)),
  );
  const wordCache = emptyCache();
  const suffixCache = emptyCache();
  const dsize = tableSize(parts.dictKeys.length);
  const dictSlots = new Uint8Array(dsize);
  const dictSlotKeys = new Int32Array(dsize);
  const dictMask = dsize - 1;
  for (let r = 0; r < parts.dictKeys.length; r++) {
    const key = parts.dictKeys[r]!;
    let i = mix(key) & dictMask;
    while (dictSlots[i] && dictSlotKeys[i] !== key) i = (i + 1) & dictMask;
    dictSlots[i] = parts.dictTags[r]! + 1;
    dictSlotKeys[i] = key;
  }
  return {
    ...parts,
    slots,
    mask,
    pairWeights,
    pairTags,
    biasScores,
    shapeRows,
    prevRows,
    edgeRows,
    wordCache,
    suffixCache,
    dictSlots,
    dictSlotKeys,
    dictMask,
  };
}

/** The row of a feature key in `pairs`, start * 128 + length (0: the key has no weights). */
export function rowOf(model: PosModel, key: number): number {
  return probe(model.slots, model.mask, key);
}

function probe(slots: Int32Array, mask: number, key: number): number {
  let i = mix(key) & mask;
  for (;;) {
    const v = slots[2 * i + 1]!;
    if (v === 0) return 0;
    if (slots[2 * i] === key) return v - 1;
    i = (i + 1) & mask;
  }
}

/** The dictionary tag of a word hash, or -1. */
export function dictTag(model: PosModel, wordHash: number): number {
  const { dictSlots, dictSlotKeys, dictMask } = model;
  let i = mix(wordHash) & dictMask;
  for (;;) {
    const t = dictSlots[i]!;
    if (t === 0) return -1;
    if (dictSlotKeys[i] === wordHash) return t - 1;
    i = (i + 1) & dictMask;
  }
}

/** The bytes of a model file. */
export function encodePosModel(p: PosModelParts): Uint8Array {
  const nf = p.keys.length;
  const np = p.weights.length;
  const nd = p.dictKeys.length;
  const pad = (n: number) => (n + 3) & ~3;
  const size = 8 + 16 + 4 * nf + 4 * (nf + 1) + 4 * np + pad(np) + 4 * nd + pad(nd);
  const buf = new ArrayBuffer(size);
  const bytes = new Uint8Array(buf);
  const view = new DataView(buf);
  for (let i = 0; i < 8; i++) bytes[i] = POS_MAGIC.charCodeAt(i);
  view.setUint32(8, p.tagCount, true);
  view.setUint32(12, nf, true);
  view.setUint32(16, np, true);
  view.setUint32(20, nd, true);
  let o = 24;
  new Int32Array(buf, o, nf).set(p.keys);
  o += 4 * nf;
  new Uint32Array(buf, o, nf + 1).set(p.rowStart);
  o += 4 * (nf + 1);
  new Float32Array(buf, o, np).set(p.weights);
  o += 4 * np;
  bytes.set(p.tags, o);
  o += pad(np);
  new Int32Array(buf, o, nd).set(p.dictKeys);
  o += 4 * nd;
  bytes.set(p.dictTags, o);
  return bytes;
}

/** Reads a model file; throws a NewsdigestError naming the file when it is not one. */
export function loadPosModel(path: string): PosModel {
  let file: Buffer;
  try {
    file = readFileSync(path);
  } catch (e) {
    throw new NewsdigestError(
      'E_MODEL',
      path,
      `cannot read the part-of-speech model (${(e as Error).message})`,
    );
  }
  const bad = (why: string) => new NewsdigestError('E_MODEL', path, `not a ${POS_MAGIC} model (${why})`);
  if (file.length < 24 || file.toString('latin1', 0, 8) !== POS_MAGIC) throw bad('wrong header');
  // A copy aligned to 4 bytes, so the typed arrays can view it in place.
  const buf = new ArrayBuffer(file.length);
  new Uint8Array(buf).set(file);
  const view = new DataView(buf);
  const tagCount = view.getUint32(8, true);
  const nf = view.getUint32(12, true);
  const np = view.getUint32(16, true);
  const nd = view.getUint32(20, true);
  const pad = (n: number) => (n + 3) & ~3;
  const size = 24 + 4 * nf + 4 * (nf + 1) + 4 * np + pad(np) + 4 * nd + pad(nd);
  if (size !== file.length || tagCount > 64) throw bad(`${file.length} bytes, expecting ${size}`);
  let o = 24;
  const keys = new Int32Array(buf, o, nf);
  o += 4 * nf;
  const rowStart = new Uint32Array(buf, o, nf + 1);
  o += 4 * (nf + 1);
  const weights = new Float32Array(buf, o, np);
  o += 4 * np;
  const tags = new Uint8Array(buf, o, np);
  o += pad(np);
  const dictKeys = new Int32Array(buf, o, nd);
  o += 4 * nd;
  const dictTags = new Uint8Array(buf, o, nd);
  if (rowStart[nf] !== np) throw bad('row ends do not match the weights');
  for (let k = 0; k < np; k++) if (tags[k]! >= tagCount) throw bad(`tag code ${tags[k]} out of range`);
  for (let k = 0; k < nd; k++)
    if (dictTags[k]! >= tagCount) throw bad(`tag code ${dictTags[k]} out of range`);
  return posModelFrom({ tagCount, keys, rowStart, weights, tags, dictKeys, dictTags });
}
