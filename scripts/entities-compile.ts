/**
 * Compiles the NER model's source files (model.json, weights.bin, clusters.tsv,
 * truecase.tsv in models/ner/) into tagger.bin, the form the tagger loads
 * (src/entities/compiled-model.ts), checks that the compiled tagger scores a test
 * document exactly as the one built from the source files, and rewrites the
 * "Compiled form" section of the model card.
 *
 *   npm run build && node dist/scripts/entities-compile.js [--model DIR]
 *
 * The training script runs the same step after saving a model.
 */
import { resolve } from 'node:path';
import { compileModelDir } from '../src/entities/compile-model-dir.js';
import { modelFile } from '../src/models.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const dir = resolve(arg('model', modelFile('ner', '')));
const r = compileModelDir(dir);
console.log(
  `${r.path}: ${(r.bytes / 1e6).toFixed(2)} MB; compiled in ${r.compileMs.toFixed(0)} ms; ` +
    `${r.knownWords} stored words (${r.frequentWords} frequent); ` +
    `loads in ${r.loadCpuMs.toFixed(1)} ms CPU; same scores as the source files on the check documents and stored words`,
);
