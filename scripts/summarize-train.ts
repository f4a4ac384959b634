/**
 * Trains the learned summarizer (models/summarizer/): a linear sentence scorer over
 * hashed features (src/summarize/features.ts), fitted to greedy-oracle labels
 * (src/summarize/oracle.ts) of the CNN/DailyMail train files, with AdaGrad. Every
 * choice (loss, epochs, regularisation, k = 3 or 4 or a score threshold for a 4th,
 * trigram blocking, minimum length) is made on the validation file only; test is
 * never read here. Writes model.json, weights.bin, training.json and CARD.md.
 *
 *   nice node dist/scripts/summarize-train.js [--data-dir ../shared/data] [--out models/summarizer]
 *     [--train-limit N] [--dev-limit N] [--bits 20]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { glob } from 'tinyglobby';
import type { Span } from '../src/article/types.js';
import { defaultDataDir, readJsonl } from '../src/eval/data.js';
import { seededRandom as rng } from '../src/seeded-random.js';
import { sentenceFeatures } from '../src/summarize/features.js';
import { FEATURE_VERSION, MODEL_NAME, type SummarizerModel, scoreSentences } from '../src/summarize/model.js';
import { greedyOracle } from '../src/summarize/oracle.js';
import { ROUGE_TYPES, rougeScores, rougeTokens } from '../src/summarize/rouge.js';
import { leadK, type SelectOptions, selectByScore } from '../src/summarize/select.js';
import { type ArticleWords, articleWords, sentenceTokens } from '../src/summarize/sentence-words.js';
import { sentenceSpans } from '../src/text/sentences.js';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    out: { type: 'string', default: 'models/summarizer' },
    'train-limit': { type: 'string' },
    'dev-limit': { type: 'string' },
    bits: { type: 'string', default: '20' },
    'max-sentences': { type: 'string', default: '50' },
    quick: { type: 'boolean' },
  },
});
const dataDir = values['data-dir'] ?? defaultDataDir();
const outDir = resolve(values.out);
const trainLimit = values['train-limit'] ? Number(values['train-limit']) : undefined;
const devLimit = values['dev-limit'] ? Number(values['dev-limit']) : undefined;
const bits = Number(values.bits);
const mask = 2 ** bits - 1;
const maxSentences = Number(values['max-sentences']);
const log = (s: string) => process.stderr.write(`${s}\n`);

/** Growable typed storage of every training sentence's features. */
class FeatureStore {
  idx = new Int32Array(1 << 22);
  val = new Float32Array(1 << 22);
  used = 0;
  /** Per sentence: start offset into idx/val (one more entry at the end). */
  sentStart: number[] = [0];
  labels: number[] = [];
  /** Per article: first sentence index (one more at the end). */
  articleStart: number[] = [0];

  add(indices: Int32Array, values: Float32Array, label: number): void {
    while (this.used + indices.length > this.idx.length) {
      const idx = new Int32Array(this.idx.length * 2);
      idx.set(this.idx);
      this.idx = idx;
      const val = new Float32Array(this.val.length * 2);
      val.set(this.val);
      this.val = val;
    }
    this.idx.set(indices, this.used);
    this.val.set(values, this.used);
    this.used += indices.length;
    this.sentStart.push(this.used);
    this.labels.push(label);
  }

  endArticle(): void {
    this.articleStart.push(this.labels.length);
  }

  get articles(): number {
    return this.articleStart.length - 1;
  }
}

interface Prepared {
  article: string;
  spans: Span[];
  words: ArticleWords;
  tokens: string[][];
  texts: string[];
}

interface Doc extends Prepared {
  highlights: string;
}

function prepare(article: string): Prepared {
  const spans = sentenceSpans(article).slice(0, maxSentences);
  const words = articleWords(article, spans);
  const texts = spans.map((sp) => article.slice(sp.start, sp.end).replace(/\s*\n\s*/g, ' '));
  return { article, spans, words, tokens: sentenceTokens(words), texts };
}

async function loadTrain(): Promise<{ store: FeatureStore; oracleSizes: number[] }> {
  const files = (await glob('cnndm/train-*.jsonl.gz', { cwd: dataDir, absolute: true })).sort();
  if (!files.length) throw new Error(`no cnndm/train-*.jsonl.gz under ${dataDir}`);
  const store = new FeatureStore();
  const oracleSizes = [0, 0, 0, 0];
  let count = 0;
  for (const file of files) {
    for await (const rec of readJsonl<{ article?: string; highlights?: string }>(file)) {
      if (trainLimit !== undefined && count >= trainLimit) break;
      if (typeof rec.article !== 'string' || typeof rec.highlights !== 'string') continue;
      const { spans, words, tokens } = prepare(rec.article);
      if (tokens.length === 0) continue;
      const oracle = new Set(greedyOracle(tokens, rougeTokens(rec.highlights), 3));
      oracleSizes[oracle.size]!++;
      const f = sentenceFeatures(words, rec.article, spans, mask);
      for (let i = 0; i < tokens.length; i++) {
        const from = f.offsets[i]!;
        const to = f.offsets[i + 1]!;
        store.add(f.indices.subarray(from, to), f.values.subarray(from, to), oracle.has(i) ? 1 : 0);
      }
      store.endArticle();
      count++;
      if (count % 5000 === 0) log(`  prepared ${count} train articles`);
    }
  }
  return { store, oracleSizes };
}

async function loadDev(): Promise<Doc[]> {
  const docs: Doc[] = [];
  const file = join(dataDir, 'cnndm/validation.jsonl.gz');
  for await (const rec of readJsonl<{ article?: string; highlights?: string }>(file, devLimit)) {
    if (typeof rec.article !== 'string' || typeof rec.highlights !== 'string') continue;
    docs.push({ ...prepare(rec.article), highlights: rec.highlights });
  }
  return docs;
}

interface TrainParams {
  loss: 'logistic' | 'listwise';
  epochs: number;
  l2: number;
  rate: number;
}

function train(store: FeatureStore, p: TrainParams): Float32Array {
  const w = new Float32Array(mask + 1);
  const g2 = new Float32Array(mask + 1);
  const order = Array.from({ length: store.articles }, (_, i) => i);
  const rand = rng(1234);
  const { idx, val, sentStart, labels, articleStart } = store;
  const update = (s: number, g: number) => {
    for (let o = sentStart[s]!; o < sentStart[s + 1]!; o++) {
      const j = idx[o]!;
      const grad = g * val[o]! + p.l2 * w[j]!;
      g2[j]! += grad * grad;
      w[j]! -= (p.rate * grad) / Math.sqrt(g2[j]! + 1e-6);
    }
  };
  const score = (s: number) => {
    let z = 0;
    for (let o = sentStart[s]!; o < sentStart[s + 1]!; o++) z += w[idx[o]!]! * val[o]!;
    return z;
  };
  for (let epoch = 0; epoch < p.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const a of order) {
      const from = articleStart[a]!;
      const to = articleStart[a + 1]!;
      if (p.loss === 'logistic') {
        for (let s = from; s < to; s++) {
          const z = score(s);
          const prob = 1 / (1 + Math.exp(-z));
          update(s, prob - labels[s]!);
        }
      } else {
        let positives = 0;
        for (let s = from; s < to; s++) positives += labels[s]!;
        if (!positives) continue;
        const zs = new Float64Array(to - from);
        let max = Number.NEGATIVE_INFINITY;
        for (let s = from; s < to; s++) {
          zs[s - from] = score(s);
          max = Math.max(max, zs[s - from]!);
        }
        let sum = 0;
        for (let k = 0; k < zs.length; k++) {
          zs[k] = Math.exp(zs[k]! - max);
          sum += zs[k]!;
        }
        for (let s = from; s < to; s++) update(s, zs[s - from]! / sum - labels[s]! / positives);
      }
    }
  }
  return w;
}

interface DevFigures {
  rouge1: number;
  rouge2: number;
  rougeL: number;
  rougeLsum: number;
  sentences: number;
}

function devRouge(docs: readonly Doc[], choose: (d: Doc, i: number) => number[]): DevFigures {
  const sums: DevFigures = { rouge1: 0, rouge2: 0, rougeL: 0, rougeLsum: 0, sentences: 0 };
  for (const [i, d] of docs.entries()) {
    const chosen = choose(d, i);
    const s = rougeScores(d.highlights, chosen.map((c) => d.texts[c]!).join('\n'));
    for (const t of ROUGE_TYPES) sums[t] += s[t].fmeasure;
    sums.sentences += chosen.length;
  }
  const n = Math.max(docs.length, 1);
  return {
    rouge1: (100 * sums.rouge1) / n,
    rouge2: (100 * sums.rouge2) / n,
    rougeL: (100 * sums.rougeL) / n,
    rougeLsum: (100 * sums.rougeLsum) / n,
    sentences: sums.sentences / n,
  };
}

/** The figure choices are made on: the mean of R-1, R-2 and R-Lsum. */
const objective = (f: DevFigures) => (f.rouge1 + f.rouge2 + f.rougeLsum) / 3;
const fmt = (f: DevFigures) =>
  `R-1 ${f.rouge1.toFixed(2)} R-2 ${f.rouge2.toFixed(2)} R-L ${f.rougeL.toFixed(2)} R-Lsum ${f.rougeLsum.toFixed(2)} (${f.sentences.toFixed(2)} sentences)`;

function selectGrid(): SelectOptions[] {
  const grid: SelectOptions[] = [];
  for (const blockTrigrams of [true, false]) {
    for (const minWords of [0, 5]) {
      grid.push({ k: 3, maxK: 3, extraThreshold: Number.POSITIVE_INFINITY, blockTrigrams, minWords });
      grid.push({ k: 4, maxK: 4, extraThreshold: Number.POSITIVE_INFINITY, blockTrigrams, minWords });
      for (const t of [-3, -2, -1.5, -1, -0.5, 0])
        grid.push({ k: 3, maxK: 4, extraThreshold: t, blockTrigrams, minWords });
      grid.push({ k: 2, maxK: 3, extraThreshold: -1, blockTrigrams, minWords });
    }
  }
  return grid;
}

const t0 = performance.now();
log(`reading train files under ${dataDir}/cnndm`);
const { store, oracleSizes } = await loadTrain();
log(`  ${store.articles} articles, ${store.labels.length} sentences, ${store.used} feature entries`);
log('reading validation');
const dev = await loadDev();
log(`  ${dev.length} articles`);
const tPrep = performance.now();

const lead3 = devRouge(dev, (d) => leadK(d.tokens, 3));
log(`dev Lead-3: ${fmt(lead3)}`);

const candidates: TrainParams[] = values.quick
  ? [{ loss: 'logistic', epochs: 3, l2: 1e-6, rate: 0.05 }]
  : [
      { loss: 'logistic', epochs: 3, l2: 1e-6, rate: 0.05 },
      { loss: 'logistic', epochs: 5, l2: 1e-6, rate: 0.05 },
      { loss: 'logistic', epochs: 3, l2: 1e-5, rate: 0.05 },
      { loss: 'logistic', epochs: 3, l2: 1e-6, rate: 0.1 },
      { loss: 'listwise', epochs: 3, l2: 1e-6, rate: 0.05 },
    ];
const defaultSelect: SelectOptions = {
  k: 3,
  maxK: 3,
  extraThreshold: Number.POSITIVE_INFINITY,
  blockTrigrams: true,
  minWords: 0,
};
const trials: { params: TrainParams; dev: DevFigures; seconds: number }[] = [];
let best: { params: TrainParams; weights: Float32Array; dev: DevFigures } | undefined;
for (const params of candidates) {
  const ts = performance.now();
  const weights = train(store, params);
  const seconds = (performance.now() - ts) / 1000;
  const scores = dev.map((d) => scoreSentences({ weights, hashBits: bits }, d.words, d.article, d.spans));
  const f = devRouge(dev, (d, i) => selectByScore(scores[i]!, d.tokens, defaultSelect));
  trials.push({ params, dev: f, seconds });
  log(`${JSON.stringify(params)} (${seconds.toFixed(0)} s): ${fmt(f)}`);
  if (!best || objective(f) > objective(best.dev)) best = { params, weights, dev: f };
}
const chosen = best!;
const devScores = dev.map((d) =>
  scoreSentences({ weights: chosen.weights, hashBits: bits }, d.words, d.article, d.spans),
);
let bestSelect = { select: defaultSelect, dev: chosen.dev };
const selectTrials: { select: SelectOptions; dev: DevFigures }[] = [];
for (const select of selectGrid()) {
  const f = devRouge(dev, (d, i) => selectByScore(devScores[i]!, d.tokens, select));
  selectTrials.push({ select, dev: f });
  if (objective(f) > objective(bestSelect.dev)) bestSelect = { select, dev: f };
}
log(`selection: ${JSON.stringify(bestSelect.select)}: ${fmt(bestSelect.dev)}`);
const textrankDev = undefined;

const sel = bestSelect.select;
const settings = {
  name: MODEL_NAME,
  featureVersion: FEATURE_VERSION,
  hashBits: bits,
  maxSentences,
  select: {
    k: sel.k,
    maxK: sel.maxK ?? sel.k,
    extraThreshold: Number.isFinite(sel.extraThreshold ?? Number.POSITIVE_INFINITY)
      ? sel.extraThreshold!
      : 1e9,
    blockTrigrams: sel.blockTrigrams ?? false,
    minWords: sel.minWords ?? 0,
  },
} satisfies Omit<SummarizerModel, 'weights'>;

// Speed of scoring + selection on the prepared validation sentences (one core).
const ts = performance.now();
const model: SummarizerModel = { ...settings, weights: chosen.weights };
let sink = 0;
for (const d of dev)
  sink += selectByScore(scoreSentences(model, d.words, d.article, d.spans), d.tokens, model.select).length;
const perSecond = dev.length / ((performance.now() - ts) / 1000);

mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'model.json'), `${JSON.stringify(settings, null, 2)}\n`);
writeFileSync(join(outDir, 'weights.bin'), Buffer.from(chosen.weights.buffer));
const nonzero = chosen.weights.reduce((c, x) => c + (x !== 0 ? 1 : 0), 0);
const report = {
  date: new Date().toISOString().slice(0, 10),
  data: {
    dir: relative(process.cwd(), dataDir) || dataDir, // relative: the card must not name one machine's folders
    trainArticles: store.articles,
    trainSentences: store.labels.length,
    devArticles: dev.length,
  },
  oracleSizes,
  devLead3: lead3,
  trials,
  chosenParams: chosen.params,
  selectTrials: selectTrials.map((t) => ({ ...t.select, ...t.dev })),
  chosenSelect: settings.select,
  dev: bestSelect.dev,
  nonzeroWeights: nonzero,
  sizeBytes: chosen.weights.byteLength,
  articlesPerSecond: Math.round(perSecond),
  seconds: { prepare: (tPrep - t0) / 1000, total: (performance.now() - t0) / 1000 },
  sink,
  textrankDev,
};
writeFileSync(join(outDir, 'training.json'), `${JSON.stringify(report, null, 2)}\n`);

const command = `nice node dist/scripts/summarize-train.js --data-dir ${values['data-dir'] ?? '../shared/data'} --bits ${bits}${trainLimit ? ` --train-limit ${trainLimit}` : ''}${devLimit ? ` --dev-limit ${devLimit}` : ''}`;
const card = `# summarizer: learned extractive highlights

Generated by \`scripts/summarize-train.ts\` on ${report.date}. Do not edit by hand: retrain.

## What it is
A linear sentence scorer over hashed features (2^${bits} float32 weights, ${nonzero.toLocaleString('en')} non-zero),
then selection: the best-scored sentences, ${settings.select.k}${settings.select.maxK > settings.select.k ? ` (a ${settings.select.maxK}th when its score is at least ${settings.select.extraThreshold})` : ''},
${settings.select.blockTrigrams ? 'skipping any that repeats a word trigram of one already chosen' : 'without trigram blocking'}${settings.select.minWords ? `, sentences under ${settings.select.minWords} words only when nothing longer is left` : ''};
only the first ${maxSentences} sentences are scored. Shown in document order.

Features (src/summarize/features.ts, version ${FEATURE_VERSION}): position (absolute, relative, crossed with
length and with article length), length, TF-IDF centrality (value, rank), overlap with the first sentence,
quote / question / digit / final-mark cues, first and last words, and every word of the sentence
(lower-cased, Porter-stemmed: the model reads cased pages and the lower-cased CNN/DailyMail copy alike).

## Data
- Train: \`cnndm/train-*.jsonl.gz\` (${store.articles.toLocaleString('en')} articles, ${store.labels.length.toLocaleString('en')} sentences), labels from the greedy
  ROUGE-1+2 oracle against the highlights (at most 3 sentences; articles by oracle size 0/1/2/3: ${oracleSizes.join(' / ')}).
- Choices (loss, epochs, regularisation, selection) on \`cnndm/validation.jsonl.gz\` (${dev.length.toLocaleString('en')} articles) only;
  the test file is never read by training.
- Sentences from the text stage's \`sentenceSpans\` as it was at training time.

## Training choices (validation, mean F x100, selection k=3 with trigram blocking)
| loss | epochs | L2 | rate | R-1 | R-2 | R-Lsum | seconds |
| --- | --- | --- | --- | --- | --- | --- | --- |
${trials.map((t) => `| ${t.params.loss} | ${t.params.epochs} | ${t.params.l2} | ${t.params.rate} | ${t.dev.rouge1.toFixed(2)} | ${t.dev.rouge2.toFixed(2)} | ${t.dev.rougeLsum.toFixed(2)} | ${t.seconds.toFixed(0)} |`).join('\n')}

Chosen: ${JSON.stringify(chosen.params)}.

## Scores on validation (${dev.length} articles, mean F x100, rouge-score with stemming)
| summarizer | R-1 | R-2 | R-L | R-Lsum | sentences |
| --- | --- | --- | --- | --- | --- |
| Lead-3 | ${lead3.rouge1.toFixed(2)} | ${lead3.rouge2.toFixed(2)} | ${lead3.rougeL.toFixed(2)} | ${lead3.rougeLsum.toFixed(2)} | ${lead3.sentences.toFixed(2)} |
| this model | ${bestSelect.dev.rouge1.toFixed(2)} | ${bestSelect.dev.rouge2.toFixed(2)} | ${bestSelect.dev.rougeL.toFixed(2)} | ${bestSelect.dev.rougeLsum.toFixed(2)} | ${bestSelect.dev.sentences.toFixed(2)} |

Test figures are in docs/RESULTS.md (summarize section) (measured once, with \`eval summarize\`).

## Size and speed
weights.bin ${(chosen.weights.byteLength / 1e6).toFixed(1)} MB; model.json settings. Scoring and selection with sentences given:
about ${Math.round(perSecond).toLocaleString('en')} articles/s on one core (validation articles, Node ${process.version}); see \`bench summarize\`.
Training took ${report.seconds.total.toFixed(0)} s on one core.

## Retrain
\`\`\`
npm run build
${command}
\`\`\`
`;
writeFileSync(join(outDir, 'CARD.md'), card);
log(`wrote ${outDir} in ${report.seconds.total.toFixed(0)} s`);
