/**
 * The compile step of a model folder (scripts/entities-compile.ts, and the training
 * script after it saves a model): source files → tagger.bin, a check that both
 * taggers give the same scores, and the card's "Compiled form" section.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileModel, knownWordList, loadCompiledTagger } from './compiled-model.js';
import { loadModel } from './model-io.js';
import { NerTagger } from './tagger.js';

/** Sentences written for this check: names, a headline, a gazetteer-like phrase, digits, unseen words. */
const CHECK_DOCUMENTS: string[][][] = [
  [
    'STORM CLOSES COASTAL ROADS'.split(' '),
    'Mayor Ilse Vandermeer said on Friday that the Port Authority of Rotterdam would reopen at 06:30 .'.split(
      ' ',
    ),
    'Vandermeer , 61 , told European Union officials in Brussels the water rose 2.4 metres .'.split(' '),
    'the ferry Qwertyvik left ; vandermeer said the U.S. coast guard helped .'.split(' '),
  ],
  ['the minister met officials from the united nations in geneva on tuesday .'.split(' ')],
];

/** The frequent word forms whose records tagger.bin stores (scripts/entities-vocab.ts writes it). */
export const FREQUENT_WORDS = 'frequent-words.tsv';

export interface CompileResult {
  path: string;
  bytes: number;
  /** Words with stored records (the vocabulary's forms and the frequent ones), and the frequent list's length. */
  knownWords: number;
  frequentWords: number;
  compileMs: number;
  loadCpuMs: number;
}

/**
 * Scores of every check document, then of every stored word (in sentences of 25, in documents of
 * 400 sentences), as one array of floats: the compiled tagger copies the stored records of words
 * the source tagger computes, so equal scores mean equal records.
 */
function checkScores(tagger: NerTagger, known: readonly string[]): Float32Array[] {
  const docs: string[][][] = [...CHECK_DOCUMENTS];
  for (let d = 0; d < known.length; d += 25 * 400) {
    const doc: string[][] = [];
    for (let s = d; s < Math.min(known.length, d + 25 * 400); s += 25) doc.push(known.slice(s, s + 25));
    docs.push(doc);
  }
  return docs.flatMap((doc) => tagger.scoreDocument(doc));
}

function sameFloats(a: Float32Array[], b: Float32Array[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => x.length === b[i]!.length && x.every((v, k) => Object.is(v, b[i]![k])))
  );
}

/** The forms of a frequent-words.tsv (scripts/entities-vocab.ts): the first column; "# " lines are comments. */
export function readFrequentWords(path: string): string[] {
  if (!existsSync(path)) return [];
  const words: string[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line || line.startsWith('# ')) continue;
    const tab = line.indexOf('\t');
    words.push(tab < 0 ? line : line.slice(0, tab));
  }
  return words;
}

export function compileModelDir(dir: string): CompileResult {
  const t0 = performance.now();
  const source = loadModel(dir);
  const frequent = readFrequentWords(join(dir, FREQUENT_WORDS));
  const bytes = compileModel(source, frequent);
  const path = join(dir, 'tagger.bin');
  writeFileSync(path, bytes);
  const compileMs = performance.now() - t0;

  const compiled = loadCompiledTagger(readFileSync(path), path);
  const known = knownWordList(source.meta.vocab, frequent);
  const a = checkScores(compiled, known);
  const b = checkScores(NerTagger.fromModel(loadModel(dir)), known);
  if (!sameFloats(a, b))
    throw new Error(`${path}: the compiled tagger's scores differ from the source model's`);
  const r = {
    path,
    bytes: bytes.length,
    knownWords: known.length,
    frequentWords: frequent.length,
    compileMs,
    loadCpuMs: freshLoadCpuMs(path),
  };
  writeCardSection(dir, r);
  return r;
}

/**
 * CPU ms to read and view the compiled model in a fresh process (median of 5): what each
 * process or worker pays, which a measure inside this busy process would not show.
 */
function freshLoadCpuMs(path: string): number {
  // The compiled-model module beside this one (this runs from dist/, where it is .js).
  const module = new URL('./compiled-model.js', import.meta.url).href;
  const code = `
const { readFileSync } = await import('node:fs');
const { loadCompiledTagger } = await import(${JSON.stringify(module)});
const c = process.cpuUsage();
loadCompiledTagger(readFileSync(${JSON.stringify(path)}), 'check');
const u = process.cpuUsage(c);
console.log((u.user + u.system) / 1000);`;
  const runs = Array.from({ length: 5 }, () =>
    Number(execFileSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' }).trim()),
  ).sort((x, y) => x - y);
  return runs[2]!;
}

const BEGIN = '<!-- compiled form: written by scripts/entities-compile.ts -->';
const END = '<!-- end of compiled form -->';

/** Rewrites (or appends) the card's "Compiled form" section. */
function writeCardSection(dir: string, r: CompileResult): void {
  const card = join(dir, 'CARD.md');
  if (!existsSync(card)) return;
  const sources = ['model.json', 'weights.bin', 'clusters.tsv', 'truecase.tsv', FREQUENT_WORDS]
    .filter((f) => existsSync(join(dir, f)))
    .map((f) => `${f} ${(statSync(join(dir, f)).size / 1e6).toFixed(2)} MB`)
    .join(', ');
  const section = [
    BEGIN,
    '## Compiled form (tagger.bin)',
    `The tagger loads models/ner/tagger.bin (${(r.bytes / 1e6).toFixed(2)} MB), compiled from the source files above`,
    `(${sources}) by \`node dist/scripts/entities-compile.js\` (the training script runs it too): the vocabulary,`,
    'cluster words, gazetteer and truecase table as string tables (UTF-16 code units, offsets and hash slots), the',
    'sparse weight rows (32-bit floats, exactly the values the 16-bit weights give) with their feature hash table,',
    'the word-pair filter, the places of the lower-case word-pair features by pair (one probe for templates 60, 61,',
    '68 and 69) and the dense score tables, all viewed in place from one buffer at load (no parsing, no',
    'maps of strings). It also stores the attribute ids, case flags and word record (summed word-level scores) of',
    `${r.knownWords} words: the vocabulary's word forms and the ${r.frequentWords} of ${FREQUENT_WORDS} (the most frequent`,
    'word forms of training news text: cnndm train-00, conll2003/eng.train, PolNeAR train; `node dist/scripts/entities-vocab.js',
    `--words ${r.frequentWords}\`), so that a process meeting one of them for the first time copies its record instead of`,
    'computing it. The compile step checks that the compiled tagger gives bit-identical scores to the one built from the',
    'source files, on check documents and on every stored word.',
    `Reading and viewing the file in a fresh process: ${r.loadCpuMs.toFixed(1)} ms CPU`,
    '(median of 5, when compiled; the first-article cost: `node dist/scripts/entities-startup.js`).',
    END,
  ].join('\n');
  const text = readFileSync(card, 'utf8');
  const from = text.indexOf(BEGIN);
  const to = text.indexOf(END);
  const next =
    from >= 0 && to > from
      ? text.slice(0, from) + section + text.slice(to + END.length)
      : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(card, next);
}
