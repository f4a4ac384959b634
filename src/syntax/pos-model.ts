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
  /** Open addressing over feature keys, interleaved (one cache line per probe): [key, row + 1 (0: empty)] per slot. */
  slots: Int32Array;
  mask: number;
  /** The tag dictionary as open addressing: slot → tag + 1 (0: empty). */
  dictSlots: Uint8Array;
  dictSlotKeys: Int32Array;
  dictMask: number;
}

function mix(key: number): number {
  const i = Math.imul(key, 0x9e3779b1);
  return i ^ (i >>> 16);
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
    let i = mix(key) & mask;
    while (slots[2 * i + 1] && slots[2 * i] !== key) i = (i + 1) & mask;
    slots[2 * i] = key;
    slots[2 * i + 1] = r + 1;
  }
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
  return { ...parts, slots, mask, dictSlots, dictSlotKeys, dictMask };
}

/** The row of a feature key, or -1. */
export function rowOf(model: PosModel, key: number): number {
  const { slots, mask } = model;
  let i = mix(key) & mask;
  for (;;) {
    const r = slots[2 * i + 1]!;
    if (r === 0) return -1;
    if (slots[2 * i] === key) return r - 1;
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
