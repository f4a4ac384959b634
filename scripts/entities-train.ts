/**
 * Trains the NER tagger (models/ner/): an averaged structured perceptron over
 * BILOU tags with Viterbi decoding (Collins 2002), features after Ratinov & Roth
 * (2009). Trained on conll2003/eng.train; every choice (epochs, document window,
 * pruning) is made on eng.testa. Writes model.json, weights.bin and CARD.md;
 * clusters.tsv comes from scripts/entities-clusters.ts and must exist first.
 *
 * usage: nice node dist/scripts/entities-train.js [--data DIR] [--out models/ner] [--epochs 20] [--window 40]
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { compileModelDir } from '../src/entities/compile-model-dir.js';
import {
  addSentence,
  type ConllSentence,
  chunksOf,
  conllDocuments,
  newCounts,
  readConll,
  scoreCounts,
} from '../src/entities/conll.js';
import { viterbi, type Weights } from '../src/entities/decode.js';
import { FeatureIndex } from '../src/entities/feature-index.js';
import {
  BOS,
  documentEvidence,
  EOS,
  extractSentence,
  FeatureSpace,
  type Gazetteer,
  KeyBuffer,
  keyIds,
  remapKey,
} from '../src/entities/features.js';
import { loadClusters, loadModel, saveModel } from '../src/entities/model-io.js';
import { NerTagger } from '../src/entities/tagger.js';
import { bilouFromChunks, NUM_TAGS, TAGS } from '../src/entities/tags.js';
import { seededRandom as rng } from '../src/seeded-random.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const dataDir = resolve(flag('data', process.env['NEWSDIGEST_DATA'] ?? '../shared/data'));
const outDir = resolve(flag('out', 'models/ner'));
const EPOCHS = Number(flag('epochs', '20'));
const WINDOW = Number(flag('window', '40'));
const FOLDS = Number(flag('folds', '5'));
const PRUNE = Number(flag('prune', '0.01'));
const SEED = 13;
const T = NUM_TAGS;

/** Entity phrases of the training sentences with the types they were seen with. */
function buildGazetteer(docs: readonly ConllSentence[][]): Gazetteer {
  const types = new Map<string, Set<string>>();
  for (const d of docs) {
    for (const s of d) {
      for (const c of chunksOf(s.tags)) {
        const phrase = s.words.slice(c.start, c.end).join(' ');
        let set = types.get(phrase);
        if (!set) {
          set = new Set();
          types.set(phrase, set);
        }
        set.add(c.type);
      }
    }
  }
  return new Map([...types].map(([p, t]) => [p, [...t].sort().join('|')]));
}

interface Instance {
  rows: Int32Array;
  offsets: Int32Array;
  gold: number[];
  n: number;
}

function main() {
  const t0 = performance.now();
  const train = readConll(join(dataDir, 'conll2003/eng.train'));
  const dev = readConll(join(dataDir, 'conll2003/eng.testa'));
  const trainDocs = conllDocuments(train, WINDOW);
  const devDocs = conllDocuments(dev, WINDOW);
  const clusters = loadClusters(join(outDir, 'clusters.tsv'));
  console.error(
    `train ${train.length} sentences in ${trainDocs.length} documents; ${clusters.size} clustered words`,
  );

  // Jackknifed gazetteers: a training document sees only entities from the other folds,
  // so that the feature is as reliable in training as on unseen text.
  const fullGazetteer = buildGazetteer(trainDocs);
  const foldOf = (d: number) => d % FOLDS;
  const foldGazetteers = [...Array(FOLDS).keys()].map((f) =>
    buildGazetteer(trainDocs.filter((_, d) => foldOf(d) !== f)),
  );

  const space = new FeatureSpace({ clusters, gazetteer: fullGazetteer, grow: true });
  const rows = new Map<number, number>();
  const buf = new KeyBuffer();
  const instances: Instance[] = [];
  trainDocs.forEach((doc, d) => {
    space.gazetteer = foldGazetteers[foldOf(d)]!;
    const infos = doc.map((s) => s.words.map((w) => space.word(w)));
    const evidence = documentEvidence(infos);
    doc.forEach((s, k) => {
      extractSentence(space, s.words, infos[k]!, evidence, buf);
      const r = new Int32Array(buf.n);
      for (let j = 0; j < buf.n; j++) {
        const key = buf.keys[j]!;
        let row = rows.get(key);
        if (row === undefined) {
          row = rows.size;
          rows.set(key, row);
        }
        r[j] = row;
      }
      instances.push({
        rows: r,
        offsets: buf.offsets.slice(0, s.words.length + 1),
        gold: bilouFromChunks(s.words.length, chunksOf(s.tags)),
        n: s.words.length,
      });
    });
  });
  space.gazetteer = fullGazetteer;
  space.grow = false;
  console.error(
    `${rows.size} features, vocabulary ${space.vocab.size} (${((performance.now() - t0) / 1000).toFixed(1)}s)`,
  );

  const F = rows.size;
  const rowIndex = FeatureIndex.fromMap(rows);
  const w = new Float32Array(F * T);
  const acc = new Float64Array(F * T);
  const trans = new Float32Array((T + 1) * (T + 1));
  const transAcc = new Float64Array((T + 1) * (T + 1));
  let c = 1;
  const scores = new Float32Array(256 * T);
  const rand = rng(SEED);
  const order = [...instances.keys()];

  const averaged = (): Weights => {
    const aw = new Float32Array(F * T);
    for (let i = 0; i < aw.length; i++) aw[i] = w[i]! - acc[i]! / c;
    const at = new Float32Array(trans.length);
    for (let i = 0; i < at.length; i++) at[i] = trans[i]! - transAcc[i]! / c;
    return { rows: rowIndex, w: aw, trans: at };
  };

  const evaluate = (weights: Weights) => {
    const tagger = new NerTagger(space, weights);
    const counts = newCounts();
    for (const doc of devDocs) {
      const pred = tagger.tagDocument(doc.map((s) => s.words));
      doc.forEach((s, k) => {
        addSentence(
          counts,
          s.tags,
          Array.from(pred[k]!, (t) => TAGS[t]!),
        );
      });
    }
    return scoreCounts(counts);
  };

  let best = { f1: -1, epoch: 0, weights: null as Weights | null };
  const history: { epoch: number; f1: number; mistakes: number }[] = [];
  for (let epoch = 1; epoch <= EPOCHS; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let mistakes = 0;
    for (const idx of order) {
      const inst = instances[idx]!;
      const n = inst.n;
      const sc = scores.length >= n * T ? scores : new Float32Array(n * T);
      sc.fill(0, 0, n * T);
      for (let i = 0; i < n; i++) {
        for (let k = inst.offsets[i]!; k < inst.offsets[i + 1]!; k++) {
          const o = inst.rows[k]! * T;
          for (let t = 0; t < T; t++) sc[i * T + t]! += w[o + t]!;
        }
      }
      const pred = viterbi(sc, n, trans);
      let wrong = false;
      for (let i = 0; i < n; i++) {
        const g = inst.gold[i]!;
        const p = pred[i]!;
        const gPrev = i === 0 ? T : inst.gold[i - 1]!;
        const pPrev = i === 0 ? T : pred[i - 1]!;
        if (g !== p) {
          wrong = true;
          for (let k = inst.offsets[i]!; k < inst.offsets[i + 1]!; k++) {
            const o = inst.rows[k]! * T;
            w[o + g]! += 1;
            acc[o + g]! += c;
            w[o + p]! -= 1;
            acc[o + p]! -= c;
          }
        }
        if (g !== p || gPrev !== pPrev) {
          trans[gPrev * (T + 1) + g]! += 1;
          transAcc[gPrev * (T + 1) + g]! += c;
          trans[pPrev * (T + 1) + p]! -= 1;
          transAcc[pPrev * (T + 1) + p]! -= c;
        }
      }
      const gLast = inst.gold[n - 1]!;
      const pLast = pred[n - 1]!;
      if (gLast !== pLast) {
        trans[gLast * (T + 1) + T]! += 1;
        transAcc[gLast * (T + 1) + T]! += c;
        trans[pLast * (T + 1) + T]! -= 1;
        transAcc[pLast * (T + 1) + T]! -= c;
      }
      if (wrong) mistakes++;
      c++;
    }
    const weights = averaged();
    const s = evaluate(weights);
    history.push({ epoch, f1: s.f1, mistakes });
    console.error(
      `epoch ${epoch}: ${mistakes} sentences wrong; dev F1 ${s.f1.toFixed(4)} (${((performance.now() - t0) / 1000).toFixed(1)}s)`,
    );
    if (s.f1 > best.f1) best = { f1: s.f1, epoch, weights };
  }

  // Pruning: drop features whose averaged weights are all near zero.
  const bw = best.weights!;
  const kept = new Map<number, number>();
  const keptW: number[] = [];
  for (const [key, row] of rows) {
    let m = 0;
    for (let t = 0; t < T; t++) m = Math.max(m, Math.abs(bw.w[row * T + t]!));
    if (m < PRUNE) continue;
    kept.set(key, kept.size);
    for (let t = 0; t < T; t++) keptW.push(bw.w[row * T + t]!);
  }
  // Vocabulary compaction: keep only the strings some kept feature uses (BOS and EOS stay 0 and 1),
  // renumbered, so that the model loads fewer strings; the scores are unchanged.
  const oldVocab = [...space.vocab.keys()];
  const used = new Set<number>([BOS, EOS]);
  for (const key of kept.keys()) for (const id of keyIds(key)) used.add(id);
  const idMap = new Int32Array(oldVocab.length).fill(-1);
  const vocab: string[] = [];
  oldVocab.forEach((str, id) => {
    if (!used.has(id)) return;
    idMap[id] = vocab.length;
    vocab.push(str);
  });
  const remapped = new Map<number, number>();
  for (const [key, row] of kept) remapped.set(remapKey(key, idMap), row);
  const pruned: Weights = {
    rows: FeatureIndex.fromMap(remapped),
    w: Float32Array.from(keptW),
    trans: bw.trans,
  };
  const trainSeconds = (performance.now() - t0) / 1000;
  saveModel(outDir, { vocab, gazetteer: [...fullGazetteer], info: {} }, pruned);

  // The card's figures come from the saved model as the library loads it.
  const l0 = performance.now();
  const loaded = loadModel(outDir);
  const loadSeconds = (performance.now() - l0) / 1000;
  const tagger = NerTagger.fromModel(loaded);
  const counts = newCounts();
  const s0 = performance.now();
  let tokens = 0;
  for (const doc of devDocs) {
    const pred = tagger.tagDocument(doc.map((s) => s.words));
    doc.forEach((s, k) => {
      tokens += s.words.length;
      addSentence(
        counts,
        s.tags,
        Array.from(pred[k]!, (t) => TAGS[t]!),
      );
    });
  }
  // Speed: the first pass above was cold (JIT, word caches); time three warm passes.
  let tagSeconds = (performance.now() - s0) / 1000;
  const c0 = process.cpuUsage();
  const s1 = performance.now();
  for (let pass = 0; pass < 3; pass++) for (const doc of devDocs) tagger.tagDocument(doc.map((s) => s.words));
  tagSeconds = (performance.now() - s1) / 3000;
  const cpu = process.cpuUsage(c0);
  const cpuSeconds = (cpu.user + cpu.system) / 3e6;
  const dev1 = scoreCounts(counts);
  // The same dev text all in lower case: the tagger restores usual case from truecase.tsv.
  const lowerCounts = newCounts();
  for (const doc of devDocs) {
    const pred = tagger.tagDocument(doc.map((s) => s.words.map((w) => w.toLowerCase())));
    doc.forEach((s, k) => {
      addSentence(
        lowerCounts,
        s.tags,
        Array.from(pred[k]!, (t) => TAGS[t]!),
      );
    });
  }
  const devLower = scoreCounts(lowerCounts);
  const size = (f: string) => statSync(join(outDir, f)).size;
  const sizes = {
    'model.json': size('model.json'),
    'weights.bin': size('weights.bin'),
    'clusters.tsv': size('clusters.tsv'),
    'truecase.tsv': existsSync(join(outDir, 'truecase.tsv')) ? size('truecase.tsv') : 0,
  };
  writeCard({
    dev: dev1,
    devLower,
    best: best.epoch,
    history,
    features: F,
    kept: kept.size,
    vocab: vocab.length,
    gazetteer: fullGazetteer.size,
    clusters: clusters.size,
    trainSentences: train.length,
    devSentences: dev.length,
    sizes,
    loadSeconds,
    tokensPerSecond: tokens / tagSeconds,
    cpuTokensPerSecond: tokens / cpuSeconds,
    trainSeconds,
  });
  console.error(`dev F1 ${dev1.f1.toFixed(4)} with the saved model; ${kept.size} features kept`);
  // The form the tagger loads (tagger.bin), checked against the files just saved; adds its card section.
  const compiled = compileModelDir(outDir);
  console.error(`${compiled.path}: ${(compiled.bytes / 1e6).toFixed(2)} MB`);
}

function writeCard(r: {
  dev: ReturnType<typeof scoreCounts>;
  devLower: ReturnType<typeof scoreCounts>;
  best: number;
  history: { epoch: number; f1: number; mistakes: number }[];
  features: number;
  kept: number;
  vocab: number;
  gazetteer: number;
  clusters: number;
  trainSentences: number;
  devSentences: number;
  sizes: Record<string, number>;
  loadSeconds: number;
  tokensPerSecond: number;
  cpuTokensPerSecond: number;
  trainSeconds: number;
}) {
  const f = (x: number) => x.toFixed(4);
  const total = Object.values(r.sizes).reduce((a, b) => a + b, 0);
  const lines = [
    '# NER model (models/ner/)',
    '',
    'Generated by `scripts/entities-train.ts`; do not edit by hand.',
    '',
    '## What it is',
    'An averaged structured perceptron (Collins 2002) over BILOU tags for PER, ORG, LOC and MISC, decoded by Viterbi with',
    'first-order transitions restricted to well-formed sequences. Features after Ratinov & Roth (2009): word, lower-case and',
    'digit-folded forms; shapes; prefixes and suffixes up to 4; capitalisation; word clusters at four granularities; the words,',
    'shapes and clusters of the two tokens either side; word and shape pairs; first-token and all-capitals (headline)',
    'sentence features; a gazetteer of entity phrases from the training data (jackknifed over',
    `${FOLDS} folds in training); document-level evidence of how the same word is written elsewhere in the document.`,
    '',
    '## Data',
    `- Training: conll2003/eng.train (${r.trainSentences} sentences). Choices (epochs, window, pruning): conll2003/eng.testa (${r.devSentences} sentences).`,
    `- Documents: the copy has no -DOCSTART- lines, so blocks of ${WINDOW} consecutive sentences stand for documents.`,
    '- Truecasing: models/ner/truecase.tsv, from scripts/entities-truecase.ts (words usually capitalised mid-sentence in',
    '  eng.train, BBC News and PolNeAr), used only on documents written all in lower case.',
    `- Word clusters: models/ner/clusters.tsv (${r.clusters} lowercased words), from scripts/entities-clusters.ts over the unlabelled`,
    '  cnndm train articles, BBC News and PolNeAr texts (k-means over context vectors; no CoNLL text).',
    `- Gazetteer: ${r.gazetteer} entity phrases of eng.train.`,
    '- Stored word records: models/ner/frequent-words.tsv, from scripts/entities-vocab.ts (the 30,000 most frequent word forms of the',
    '  cnndm train-00 articles, spelled as conll2003/eng.train and PolNeAR train spell them; no BBC, dev or test text); changes no score.',
    '',
    '## Scores on eng.testa (conlleval, exact span and type; the saved, quantised model)',
    '',
    '| type | precision | recall | F1 |',
    '| --- | --- | --- | --- |',
    ...Object.entries(r.dev.perType).map(
      ([t, s]) => `| ${t} | ${f(s.precision)} | ${f(s.recall)} | ${f(s.f1)} |`,
    ),
    `| all | ${f(r.dev.precision)} | ${f(r.dev.recall)} | ${f(r.dev.f1)} |`,
    '',
    `All in lower case (the same dev text lowercased; case restored from truecase.tsv): precision ${f(r.devLower.precision)},`,
    `recall ${f(r.devLower.recall)}, F1 ${f(r.devLower.f1)}.`,
    '',
    `Best epoch ${r.best} of ${r.history.length} (dev F1 by epoch: ${r.history.map((h) => f(h.f1)).join(', ')}).`,
    '',
    '## Size and speed',
    `- Files: ${Object.entries(r.sizes)
      .map(([k, v]) => `${k} ${(v / 1e6).toFixed(2)} MB`)
      .join(', ')}; ${(total / 1e6).toFixed(2)} MB in all.`,
    `- Features: ${r.kept} kept of ${r.features} (pruned below |w| ${PRUNE}); vocabulary ${r.vocab} strings; 16-bit weights.`,
    `- Load: ${r.loadSeconds.toFixed(2)} s. Tagging eng.testa (warm, one thread) at the end of training: ${Math.round(r.tokensPerSecond)}`,
    `  tokens/s wall-clock, ${Math.round(r.cpuTokensPerSecond)} tokens per CPU-second (the machine may be shared; the`,
    '  side-by-side figure with compromise is `node dist/src/cli/main.js bench entities`).',
    `- Training: ${(r.trainSeconds / 60).toFixed(1)} minutes on one core.`,
    '- First sight: with the stored records of frequent-words.tsv (30,000 forms), a fresh process tagging the 1,725 BBC',
    '  articles computes ids and records for 17,663 word forms instead of 29,037, and tags as it would without them',
    '  (same floats); load, size and CPU figures: docs/RESULTS.md (entities-vocab).',
    '',
    '## Retrain',
    '```',
    'npm run build',
    'nice node dist/scripts/entities-clusters.js --data ../shared/data   # clusters.tsv (only when changing clusters)',
    'node dist/scripts/entities-truecase.js --data ../shared/data        # truecase.tsv',
    'node dist/scripts/entities-vocab.js --data ../shared/data --words 30000   # frequent-words.tsv (words tagger.bin stores records for)',
    `nice node --max-old-space-size=8000 dist/scripts/entities-train.js --data ../shared/data --epochs ${EPOCHS} --window ${WINDOW}`,
    'node dist/scripts/entities-compile.js                              # tagger.bin alone (entities-train runs it)',
    'node dist/src/cli/main.js eval ner --data ../shared/data/conll2003/eng.testa',
    '```',
    '',
  ];
  writeFileSync(join(outDir, 'CARD.md'), lines.join('\n'));
}

main();
