/**
 * Gradient-boosted regression trees with logistic loss, for the text path's line
 * classifier (scripts/layout-text-train.ts). Features are bucketed at quantiles
 * once; each tree grows level by level from gradient/hessian histograms.
 * Produces the Tree shape src/layout/text/line-model.ts evaluates.
 */
import type { Tree } from '../src/layout/text/line-model.js';
import { seededRandom as random } from '../src/seeded-random.js';

export interface GbdtParams {
  trees: number;
  depth: number;
  rate: number;
  /** L2 penalty on leaf values. */
  lambda: number;
  /** Smallest hessian sum a leaf may have. */
  minHessian: number;
  /** Buckets per feature. */
  bins: number;
  /** Share of the features each tree may split on (1 = all); drawn per tree with a fixed seed. */
  colsample: number;
  /** Share of the rows each tree learns from (1 = all); drawn per tree with a fixed seed. */
  subsample: number;
  /** Seed of the feature and row draws (a bag of models draws each with its own). */
  seed?: number;
}

export const DEFAULT_GBDT: GbdtParams = {
  trees: 150,
  depth: 4,
  rate: 0.1,
  lambda: 1,
  minHessian: 5,
  bins: 32,
  colsample: 1,
  subsample: 1,
};

interface Binned {
  rows: number;
  width: number;
  /** Bucket of each value, row-major. */
  bin: Uint8Array;
  /** Per feature, the upper edge of each bucket but the last. */
  edges: Float64Array[];
}

function binFeatures(x: Float64Array, rows: number, width: number, bins: number): Binned {
  const edges: Float64Array[] = [];
  const col = new Float64Array(rows);
  for (let f = 0; f < width; f++) {
    for (let i = 0; i < rows; i++) col[i] = x[i * width + f]!;
    const sorted = Float64Array.from(col).sort();
    const distinct: number[] = [];
    for (const v of sorted) if (!distinct.length || v > distinct[distinct.length - 1]!) distinct.push(v);
    const cuts: number[] = [];
    if (distinct.length <= bins) {
      // Few values (flags, counts): a cut between every two, however rare one of them is.
      for (let k = 1; k < distinct.length; k++) cuts.push((distinct[k - 1]! + distinct[k]!) / 2);
    } else
      for (let b = 1; b < bins; b++) {
        // A cut just below each quantile's value (between it and the distinct value under it),
        // so a value shared by many rows (0 for most counts) still gets its own bucket.
        const v = sorted[Math.min(rows - 1, Math.floor((b * rows) / bins))]!;
        let lo = 0;
        let hi = distinct.length - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (distinct[mid]! < v) lo = mid + 1;
          else hi = mid;
        }
        if (lo === 0) continue;
        const cut = (distinct[lo - 1]! + v) / 2;
        if (!cuts.length || cut > cuts[cuts.length - 1]!) cuts.push(cut);
      }
    edges.push(Float64Array.from(cuts));
  }
  const bin = new Uint8Array(rows * width);
  for (let i = 0; i < rows; i++)
    for (let f = 0; f < width; f++) {
      const v = x[i * width + f]!;
      const e = edges[f]!;
      let b = 0;
      while (b < e.length && v > e[b]!) b++;
      bin[i * width + f] = b;
    }
  return { rows, width, bin, edges };
}

/** Trains on rows of `x` with labels `y` (0/1) and weights `w`; returns the base log-odds and the trees. */
export function trainGbdt(
  x: Float64Array,
  y: Uint8Array,
  w: Float64Array,
  width: number,
  p: GbdtParams = DEFAULT_GBDT,
  /** Log-odds each row starts from (the prior when absent). */
  start?: Float64Array,
): { base: number; trees: Tree[] } {
  const rows = y.length;
  const data = binFeatures(x, rows, width, p.bins);
  let pos = 0;
  let all = 0;
  for (let i = 0; i < rows; i++) {
    pos += y[i]! * w[i]!;
    all += w[i]!;
  }
  const prior = Math.min(0.99, Math.max(0.01, pos / all));
  const base = Math.log(prior / (1 - prior));
  const score = start ? Float64Array.from(start) : new Float64Array(rows).fill(base);
  const g = new Float64Array(rows);
  const h = new Float64Array(rows);
  const trees: Tree[] = [];
  const rand = random(p.seed ?? 7);
  const allowed = new Uint8Array(width);
  for (let t = 0; t < p.trees; t++) {
    for (let i = 0; i < rows; i++) {
      // Rows left out of this tree's sample weigh nothing in it.
      if (p.subsample < 1 && rand() >= p.subsample) {
        g[i] = 0;
        h[i] = 0;
        continue;
      }
      const q = 1 / (1 + Math.exp(-score[i]!));
      g[i] = (q - y[i]!) * w[i]!;
      h[i] = Math.max(1e-6, q * (1 - q)) * w[i]!;
    }
    for (let f = 0; f < width; f++) allowed[f] = p.colsample >= 1 || rand() < p.colsample ? 1 : 0;
    const tree = growTree(data, g, h, p, allowed);
    trees.push(tree);
    for (let i = 0; i < rows; i++) score[i]! += binnedValue(tree, data, i);
  }
  return { base, trees };
}

function binnedValue(tree: Tree & { bins?: number[] }, d: Binned, i: number): number {
  let k = 0;
  while (tree.f[k]! >= 0) k = d.bin[i * d.width + tree.f[k]!]! <= tree.bins![k]! ? tree.l[k]! : tree.r[k]!;
  return tree.v[k]!;
}

function growTree(
  d: Binned,
  g: Float64Array,
  h: Float64Array,
  p: GbdtParams,
  allowed: Uint8Array,
): Tree & { bins: number[] } {
  const tree: Tree & { bins: number[] } = { f: [], t: [], l: [], r: [], v: [], bins: [] };
  const node = new Int32Array(d.rows); // every row starts at the root (node 0)
  const leafValue = (G: number, H: number) => (-G / (H + p.lambda)) * p.rate;
  let G0 = 0;
  let H0 = 0;
  for (let i = 0; i < d.rows; i++) {
    G0 += g[i]!;
    H0 += h[i]!;
  }
  tree.f.push(-1);
  tree.t.push(0);
  tree.l.push(-1);
  tree.r.push(-1);
  tree.v.push(leafValue(G0, H0));
  tree.bins.push(0);
  let level = [{ id: 0, G: G0, H: H0 }];
  const B = p.bins;
  for (let depth = 0; depth < p.depth && level.length; depth++) {
    // Histograms of every node of this level at once.
    const slot = new Map<number, number>();
    for (const [s, n] of level.entries()) slot.set(n.id, s);
    const hg = new Float64Array(level.length * d.width * B);
    const hh = new Float64Array(level.length * d.width * B);
    for (let i = 0; i < d.rows; i++) {
      const s = slot.get(node[i]!);
      if (s === undefined) continue;
      const base = s * d.width * B;
      const row = i * d.width;
      const gi = g[i]!;
      const hi = h[i]!;
      for (let f = 0; f < d.width; f++) {
        const k = base + f * B + d.bin[row + f]!;
        hg[k]! += gi;
        hh[k]! += hi;
      }
    }
    const next: { id: number; G: number; H: number }[] = [];
    const splitOf = new Map<number, { f: number; b: number; left: number; right: number }>();
    for (const [s, n] of level.entries()) {
      const parentGain = (n.G * n.G) / (n.H + p.lambda);
      let best = 0;
      let bestF = -1;
      let bestB = 0;
      let bestGL = 0;
      let bestHL = 0;
      for (let f = 0; f < d.width; f++) {
        if (!allowed[f]) continue;
        const base = (s * d.width + f) * B;
        let GL = 0;
        let HL = 0;
        const nb = d.edges[f]!.length;
        for (let b = 0; b < nb; b++) {
          GL += hg[base + b]!;
          HL += hh[base + b]!;
          const GR = n.G - GL;
          const HR = n.H - HL;
          if (HL < p.minHessian || HR < p.minHessian) continue;
          const gain = (GL * GL) / (HL + p.lambda) + (GR * GR) / (HR + p.lambda) - parentGain;
          if (gain > best) {
            best = gain;
            bestF = f;
            bestB = b;
            bestGL = GL;
            bestHL = HL;
          }
        }
      }
      if (bestF < 0) continue;
      const left = tree.f.length;
      const right = left + 1;
      for (const [G, H] of [
        [bestGL, bestHL],
        [n.G - bestGL, n.H - bestHL],
      ] as const) {
        tree.f.push(-1);
        tree.t.push(0);
        tree.l.push(-1);
        tree.r.push(-1);
        tree.v.push(leafValue(G, H));
        tree.bins.push(0);
      }
      tree.f[n.id] = bestF;
      tree.t[n.id] = d.edges[bestF]![bestB]!;
      tree.bins[n.id] = bestB;
      tree.l[n.id] = left;
      tree.r[n.id] = right;
      tree.v[n.id] = 0;
      splitOf.set(n.id, { f: bestF, b: bestB, left, right });
      next.push({ id: left, G: bestGL, H: bestHL }, { id: right, G: n.G - bestGL, H: n.H - bestHL });
    }
    for (let i = 0; i < d.rows; i++) {
      const sp = splitOf.get(node[i]!);
      if (sp) node[i] = d.bin[i * d.width + sp.f]! <= sp.b ? sp.left : sp.right;
    }
    level = next;
  }
  return tree;
}

/** The tree as shipped (raw thresholds only), values rounded to keep the file small. */
export function compactTree(t: Tree): Tree {
  const r = (v: number) => Number(v.toPrecision(6));
  return { f: t.f, t: t.t.map(r), l: t.l, r: t.r, v: t.v.map(r) };
}
