/**
 * The NER model on disk (models/ner/): model.json (vocabulary, gazetteer, card
 * figures), weights.bin (feature keys and 16-bit quantised weights) and
 * clusters.tsv (word → cluster ids, written by scripts/entities-clusters.ts).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NewsdigestError } from '../errors.js';
import type { Weights } from './decode.js';
import { FeatureIndex } from './feature-index.js';
import { CLUSTER_LEVELS, FeatureSpace, type Gazetteer } from './features.js';
import { NUM_TAGS, TAGS } from './tags.js';

export const MODEL_FORMAT = 1;

export interface ModelMeta {
  format: number;
  tags: readonly string[];
  vocab: string[];
  gazetteer: [string, string][];
  /** Anything the training script records for the card. */
  info: Record<string, unknown>;
}

/**
 * Reads the cluster table: "word\tfine mid coarse coarsest" lines after a # header.
 * The coarser levels are functions of the fine cluster, so words of one fine
 * cluster share one id array (fewer allocations: this runs at every model load).
 */
export function parseClusters(text: string): Map<string, Int32Array> {
  const out = new Map<string, Int32Array>();
  const byFine = new Map<string, Int32Array>();
  let pos = 0;
  while (pos < text.length) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = text.length;
    const tab = text.indexOf('\t', pos);
    if (text.charCodeAt(pos) !== 35 && tab > pos && tab < eol) {
      const levels = text.slice(tab + 1, eol);
      let ids = byFine.get(levels);
      if (!ids) {
        ids = Int32Array.from(levels.split(' ').map(Number).slice(0, CLUSTER_LEVELS));
        byFine.set(levels, ids);
      }
      out.set(text.slice(pos, tab), ids);
    }
    pos = eol + 1;
  }
  return out;
}

export function loadClusters(path: string): Map<string, Int32Array> {
  if (!existsSync(path)) return new Map();
  return parseClusters(readFileSync(path, 'utf8'));
}

export function saveModel(dir: string, meta: Omit<ModelMeta, 'format' | 'tags'>, weights: Weights): void {
  const T = NUM_TAGS;
  const n = weights.rows.size;
  let max = 0;
  for (let i = 0; i < n * T; i++) max = Math.max(max, Math.abs(weights.w[i]!));
  const scale = max / 32767 || 1;
  const keys = new Float64Array(n);
  const q = new Int16Array(n * T);
  let r = 0;
  for (const [key, row] of weights.rows.entries()) {
    keys[r] = key;
    for (let t = 0; t < T; t++) q[r * T + t] = Math.round(weights.w[row * T + t]! / scale);
    r++;
  }
  const header = new Uint32Array([n, T]);
  const scaleBuf = new Float32Array([scale]);
  const parts = [header, keys, scaleBuf, q, weights.trans].map((a) =>
    Buffer.from(a.buffer, a.byteOffset, a.byteLength),
  );
  writeFileSync(join(dir, 'weights.bin'), Buffer.concat(parts));
  const full: ModelMeta = { format: MODEL_FORMAT, tags: TAGS, ...meta };
  writeFileSync(join(dir, 'model.json'), JSON.stringify(full));
}

export interface LoadedModel {
  space: FeatureSpace;
  weights: Weights;
  meta: ModelMeta;
  /** Lower-case form → usual cased form, for documents written all in lower case (truecase.tsv). */
  truecase: Map<string, string>;
  /** The weights as stored (weights.w[i] is q[i] × scale in 32 bits), for a tagger to read without weights.w. */
  quantised?: Quantised;
}

export interface Quantised {
  q: Int16Array;
  scale: number;
}

/** Reads truecase.tsv ("lower\tCased" lines after a # header); empty when the file is absent. */
export function loadTruecase(path: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(path)) return out;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const tab = line.indexOf('\t');
    if (tab > 0) out.set(line.slice(0, tab), line.slice(tab + 1));
  }
  return out;
}

export function loadModel(dir: string): LoadedModel {
  const metaPath = join(dir, 'model.json');
  const binPath = join(dir, 'weights.bin');
  if (!existsSync(metaPath) || !existsSync(binPath)) {
    throw new NewsdigestError(
      'E_MODEL',
      dir,
      'no NER model here (model.json and weights.bin); run scripts/entities-train',
    );
  }
  const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as ModelMeta;
  if (meta.format !== MODEL_FORMAT || meta.tags.join() !== TAGS.join()) {
    throw new NewsdigestError(
      'E_MODEL',
      metaPath,
      `model format ${meta.format} or tag set does not match this version`,
    );
  }
  const buf = readFileSync(binPath);
  const bytes = new Uint8Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  const [n, T] = new Uint32Array(bytes.buffer, 0, 2);
  if (T !== NUM_TAGS || n === undefined)
    throw new NewsdigestError('E_MODEL', binPath, 'weights do not match the tag set');
  let off = 8;
  const keys = new Float64Array(bytes.buffer, off, n);
  off += n * 8;
  const scale = new Float32Array(bytes.buffer, off, 1)[0]!;
  off += 4;
  const q = new Int16Array(bytes.buffer.slice(off, off + n * T * 2));
  off += n * T * 2;
  const trans = new Float32Array(bytes.buffer.slice(off, off + (T + 1) * (T + 1) * 4));
  const rows = FeatureIndex.deferred(keys);
  const gazetteer: Gazetteer = new Map(meta.gazetteer);
  const space = new FeatureSpace({
    vocab: meta.vocab,
    clusters: loadClusters(join(dir, 'clusters.tsv')),
    gazetteer,
    grow: false,
  });
  // weights.w (1.5 M floats) is made at its first use: the tagger reads the
  // quantised weights instead, and a pass over them costs ~30 ms at load (issue #8).
  let w: Float32Array | undefined;
  const weights = {
    rows,
    trans,
    get w(): Float32Array {
      if (!w) {
        w = new Float32Array(n * T);
        for (let i = 0; i < w.length; i++) w[i] = q[i]! * scale;
      }
      return w;
    },
  };
  return {
    space,
    weights,
    meta,
    truecase: loadTruecase(join(dir, 'truecase.tsv')),
    quantised: { q, scale },
  };
}
