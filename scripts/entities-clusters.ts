/**
 * Word clusters for the NER tagger, learned from unlabelled news text in the data
 * folder (cnndm train articles, BBC News and PolNeAr texts; never CoNLL dev).
 *
 * A cheap stand-in for Brown clusters: each frequent lowercased word is described
 * by the words seen just left and right of it (counts over the most frequent
 * context words, square-rooted and length-normalised), projected to a few dozen
 * dimensions by a fixed random projection, and grouped by spherical k-means. The
 * fine clusters are then grouped again into coarser levels, so that the tagger
 * gets a hierarchy of cluster ids, as Brown-cluster prefixes give one.
 *
 * usage: node dist/scripts/entities-clusters.js [--data DIR] [--out models/ner/clusters.tsv]
 */
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { clusterWordKey } from '../src/entities/word-features.js';
import { seededRandom as rng } from '../src/seeded-random.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const dataDir = resolve(flag('data', process.env['NEWSDIGEST_DATA'] ?? '../shared/data'));
const outPath = resolve(flag('out', 'models/ner/clusters.tsv'));
const VOCAB = Number(flag('vocab', '60000'));
const CONTEXTS = Number(flag('contexts', '1500'));
const DIMS = Number(flag('dims', '96'));
const LEVELS = flag('levels', '1000,250,64,16').split(',').map(Number);
const ITERS = Number(flag('iters', '12'));
const MIN_COUNT = 5;

const TOKEN = /[\p{L}\p{N}]+(?:['\u2019.-][\p{L}\p{N}]+)*|\S/gu;

async function* sentencesOf(): AsyncGenerator<string[]> {
  for (const f of ['cnndm/train-00.jsonl.gz', 'cnndm/train-01.jsonl.gz']) {
    const lines = createInterface({ input: createReadStream(join(dataDir, f)).pipe(createGunzip()) });
    for await (const line of lines) {
      if (!line) continue;
      const a = (JSON.parse(line) as { article: string }).article;
      yield a.split(' ').filter(Boolean).map(clusterWordKey);
    }
  }
  for (const [f, field] of [
    ['bbc-news-summary/bbc-news-summary.jsonl', 'text'],
    ['quotes-polnear/polnear.jsonl', 'text'],
  ] as const) {
    for (const line of readFileSync(join(dataDir, f), 'utf8').split('\n')) {
      if (!line) continue;
      const t = (JSON.parse(line) as Record<string, string>)[field] ?? '';
      for (const para of t.split(/\n+/)) yield (para.match(TOKEN) ?? []).map(clusterWordKey);
    }
  }
}

async function main() {
  const t0 = Date.now();
  const docs: Int32Array[] = [];
  const ids = new Map<string, number>();
  const freq: number[] = [];
  let tokens = 0;
  for await (const words of sentencesOf()) {
    const arr = new Int32Array(words.length);
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      let id = ids.get(w);
      if (id === undefined) {
        id = freq.length;
        ids.set(w, id);
        freq.push(0);
      }
      freq[id]!++;
      arr[i] = id;
    }
    tokens += words.length;
    docs.push(arr);
  }
  const byFreq = [...freq.keys()].sort((a, b) => freq[b]! - freq[a]!);
  const words = [...ids.keys()];
  const kept = byFreq.filter((i) => freq[i]! >= MIN_COUNT).slice(0, VOCAB);
  const row = new Int32Array(freq.length).fill(-1);
  kept.forEach((id, r) => {
    row[id] = r;
  });
  const ctx = new Int32Array(freq.length).fill(CONTEXTS); // CONTEXTS = "other"
  byFreq.slice(0, CONTEXTS).forEach((id, c) => {
    ctx[id] = c;
  });
  console.error(
    `${tokens} tokens, ${freq.length} types, ${kept.length} clustered (${(Date.now() - t0) / 1000}s)`,
  );

  // Context counts: left neighbours in [0, C], right in [C+1, 2C+1]; boundaries count as "other".
  const width = 2 * (CONTEXTS + 1);
  const counts = new Float32Array(kept.length * width);
  for (const d of docs) {
    for (let i = 0; i < d.length; i++) {
      const r = row[d[i]!]!;
      if (r < 0) continue;
      const left = i > 0 ? ctx[d[i - 1]!]! : CONTEXTS;
      const right = i + 1 < d.length ? ctx[d[i + 1]!]! : CONTEXTS;
      counts[r * width + left]!++;
      counts[r * width + CONTEXTS + 1 + right]!++;
    }
  }
  // Random projection of the square-rooted, normalised context distributions.
  const rand = rng(7);
  const proj = new Float32Array(width * DIMS);
  for (let i = 0; i < proj.length; i++) proj[i] = rand() < 0.5 ? -1 : 1;
  const vecs = new Float32Array(kept.length * DIMS);
  for (let r = 0; r < kept.length; r++) {
    let total = 0;
    for (let j = 0; j < width; j++) total += counts[r * width + j]!;
    for (let j = 0; j < width; j++) {
      const c = counts[r * width + j]!;
      if (!c) continue;
      const v = Math.sqrt(c / total);
      for (let k = 0; k < DIMS; k++) vecs[r * DIMS + k]! += v * proj[j * DIMS + k]!;
    }
    normalise(vecs, r, DIMS);
  }
  console.error(`vectors ready (${(Date.now() - t0) / 1000}s)`);

  const fine = kmeans(vecs, kept.length, DIMS, LEVELS[0]!, ITERS, rand, freq, kept);
  const assignments: Int32Array[] = [fine.assign];
  let centres = fine.centres;
  let k = LEVELS[0]!;
  for (const level of LEVELS.slice(1)) {
    const ones = new Array(k).fill(1);
    const up = kmeans(centres, k, DIMS, level, ITERS, rand, ones, [...Array(k).keys()]);
    const prev = assignments[assignments.length - 1]!;
    assignments.push(prev.map((c) => up.assign[c]!));
    centres = up.centres;
    k = level;
  }
  const out = [`# word clusters: levels ${LEVELS.join(',')} (fine to coarse); ${kept.length} words`];
  for (let r = 0; r < kept.length; r++) {
    out.push(`${words[kept[r]!]}\t${assignments.map((a) => a[r]).join(' ')}`);
  }
  writeFileSync(outPath, `${out.join('\n')}\n`);
  console.error(`wrote ${outPath} (${(Date.now() - t0) / 1000}s)`);
}

function normalise(v: Float32Array, r: number, dims: number) {
  let n = 0;
  for (let k = 0; k < dims; k++) n += v[r * dims + k]! ** 2;
  n = Math.sqrt(n) || 1;
  for (let k = 0; k < dims; k++) v[r * dims + k]! /= n;
}

/** Spherical k-means, seeded with the most frequent rows spread out by a random draw. */
function kmeans(
  vecs: Float32Array,
  n: number,
  dims: number,
  k: number,
  iters: number,
  rand: () => number,
  freq: number[],
  ids: number[],
) {
  const centres = new Float32Array(k * dims);
  // Seeds: random rows among the more frequent half, so that clusters start on well-estimated words.
  const pool = Math.max(k, Math.floor(n / 2));
  const used = new Set<number>();
  for (let c = 0; c < k; c++) {
    let r = Math.floor(rand() * pool);
    while (used.has(r)) r = (r + 1) % n;
    used.add(r);
    centres.set(vecs.subarray(r * dims, r * dims + dims), c * dims);
  }
  const assign = new Int32Array(n);
  for (let it = 0; it < iters; it++) {
    let moved = 0;
    for (let r = 0; r < n; r++) {
      let best = 0;
      let bestScore = -Infinity;
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let d = 0; d < dims; d++) s += vecs[r * dims + d]! * centres[c * dims + d]!;
        if (s > bestScore) {
          bestScore = s;
          best = c;
        }
      }
      if (assign[r] !== best) moved++;
      assign[r] = best;
    }
    centres.fill(0);
    for (let r = 0; r < n; r++) {
      const w = Math.log(1 + (freq[ids[r]!] ?? 1));
      for (let d = 0; d < dims; d++) centres[assign[r]! * dims + d]! += w * vecs[r * dims + d]!;
    }
    for (let c = 0; c < k; c++) normalise(centres, c, dims);
    console.error(`  k=${k} iteration ${it + 1}: ${moved} moved`);
  }
  return { assign, centres };
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
