/**
 * The tagger of the model shipped in models/ner/, loaded once per thread: from the
 * compiled file (tagger.bin, compiled-model.ts) when it is there, else built from
 * the source files (model.json, weights.bin, clusters.tsv, truecase.tsv).
 *
 * Worker threads can share one copy of the compiled model: the main thread reads it
 * once (`readEntitiesModel`, into a SharedArrayBuffer), posts the buffer to each
 * worker, and each worker calls `useEntitiesModelBuffer` before its first article;
 * the tables are views of that memory, which nothing writes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { modelFile } from '../models.js';
import { loadCompiledTagger } from './compiled-model.js';
import { loadModel } from './model-io.js';
import { NerTagger } from './tagger.js';

let shipped: NerTagger | undefined;

/** Path of the compiled model shipped in models/ner/. */
export function compiledModelPath(): string {
  return modelFile('ner', 'tagger.bin');
}

/** The shipped tagger (the one the entities stage uses), loaded at first call. */
export function shippedTagger(): NerTagger {
  if (shipped) return shipped;
  const path = compiledModelPath();
  shipped = existsSync(path)
    ? loadCompiledTagger(readFileSync(path), path)
    : NerTagger.fromModel(loadModel(modelFile('ner', '')));
  return shipped;
}

/**
 * The compiled model's bytes, for other threads to tag from (`useEntitiesModelBuffer`):
 * in a SharedArrayBuffer unless `shared` is false. Read once on the main thread, it costs
 * each worker nothing but the views (no file read, no copy: ~10 MB saved a worker).
 */
export function readEntitiesModel(shared = true): SharedArrayBuffer | ArrayBuffer {
  const bytes = readFileSync(compiledModelPath());
  const out = shared ? new SharedArrayBuffer(bytes.byteLength) : new ArrayBuffer(bytes.byteLength);
  new Uint8Array(out).set(bytes);
  return out;
}

/**
 * Makes the shipped tagger of this thread the one over `buffer` (readEntitiesModel's,
 * posted from another thread). Call it before the thread's first article; throws a
 * NewsdigestError (E_MODEL) when the bytes are not a compiled model of this version.
 */
export function useEntitiesModelBuffer(buffer: SharedArrayBuffer | ArrayBuffer): NerTagger {
  shipped = loadCompiledTagger(new Uint8Array(buffer), 'entities model buffer');
  return shipped;
}
