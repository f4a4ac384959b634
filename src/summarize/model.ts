/**
 * The learned sentence scorer: a logistic model over hashed features
 * (./features.ts), its settings chosen on validation by scripts/summarize-train.ts.
 * Files: models/summarizer/model.json (settings) and weights.bin (little-endian
 * float32, 2^hashBits weights). Parsed, not trusted: a bad file is an E_MODEL error.
 */
import { readFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { join } from 'node:path';
import * as v from 'valibot';
import type { Span } from '../article/types.js';
import { NewsdigestError } from '../errors.js';
import { modelFile } from '../models.js';
import { sentenceFeatures } from './features.js';
import type { SelectOptions } from './select.js';
import type { ArticleWords } from './sentence-words.js';

export const MODEL_NAME = 'summarizer';
export const FEATURE_VERSION = 2;

const SettingsSchema = v.object({
  name: v.literal(MODEL_NAME),
  featureVersion: v.literal(FEATURE_VERSION),
  hashBits: v.pipe(v.number(), v.integer(), v.minValue(10), v.maxValue(24)),
  /** Only the first this many sentences are scored (the rest are rarely highlights). */
  maxSentences: v.pipe(v.number(), v.integer(), v.minValue(1)),
  select: v.object({
    k: v.pipe(v.number(), v.integer(), v.minValue(1)),
    maxK: v.pipe(v.number(), v.integer(), v.minValue(1)),
    extraThreshold: v.number(),
    blockTrigrams: v.boolean(),
    minWords: v.pipe(v.number(), v.integer(), v.minValue(0)),
  }),
});

export type SummarizerSettings = v.InferOutput<typeof SettingsSchema>;

export interface SummarizerModel extends SummarizerSettings {
  weights: Float32Array;
}

let cached: SummarizerModel | undefined;

/** Reads a model from a folder (default: the shipped models/summarizer/). */
export function loadSummarizer(dir?: string): SummarizerModel {
  if (!dir && cached) return cached;
  const settingsPath = dir ? join(dir, 'model.json') : modelFile(MODEL_NAME, 'model.json');
  const weightsPath = dir ? join(dir, 'weights.bin') : modelFile(MODEL_NAME, 'weights.bin');
  let raw: unknown;
  let bytes: Buffer;
  try {
    raw = JSON.parse(readFileSync(settingsPath, 'utf8'));
    bytes = readFileSync(weightsPath);
  } catch (e) {
    throw new NewsdigestError(
      'E_MODEL',
      settingsPath,
      `cannot read the summarizer model (${(e as Error).message})`,
    );
  }
  const parsed = v.safeParse(SettingsSchema, raw);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    throw new NewsdigestError(
      'E_MODEL',
      settingsPath,
      `not a summarizer model: ${issue?.message ?? 'invalid'}`,
    );
  }
  const size = 2 ** parsed.output.hashBits;
  if (bytes.length !== size * 4) {
    throw new NewsdigestError(
      'E_MODEL',
      weightsPath,
      `expecting ${size * 4} bytes of weights, instead found ${bytes.length}`,
    );
  }
  // The file is little-endian float32: on a little-endian machine (nearly all), one copy.
  const weights =
    endianness() === 'LE'
      ? new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length))
      : Float32Array.from({ length: size }, (_, i) => bytes.readFloatLE(i * 4));
  const model = { ...parsed.output, weights };
  if (!dir) cached = model;
  return model;
}

/** Model scores (logits) of the sentences `spans` of `text` (`words`: their words). */
export function scoreSentences(
  model: Pick<SummarizerModel, 'weights' | 'hashBits'>,
  words: ArticleWords,
  text: string,
  spans: readonly Span[],
): Float64Array {
  const { offsets, indices, values } = sentenceFeatures(words, text, spans, 2 ** model.hashBits - 1);
  const n = words.count;
  const out = new Float64Array(n);
  const w = model.weights;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let o = offsets[i]!; o < offsets[i + 1]!; o++) s += w[indices[o]!]! * values[o]!;
    out[i] = s;
  }
  return out;
}

export function selectOptionsOf(model: SummarizerSettings): SelectOptions {
  return { ...model.select };
}
