/**
 * Dense score tables for the features whose attributes take few values, so that
 * scoring a token reads a row at a computed address instead of probing the
 * feature table (a few MB, most probes miss the CPU caches):
 * - document evidence: how the word is written elsewhere in the document, one of
 *   16 codes for case evidence and 16 for name evidence (templates 74–78, 83, 84);
 * - the shape and cluster pairs of adjacent words (templates 62, 63, 66, 67).
 * Each row holds the summed weights of exactly the features extractSentence would
 * emit for those attribute values, so the scores are the same sums in another order.
 */
import {
  BOS,
  EOS,
  type FeatureSpace,
  firstId,
  oneKey,
  PAD_AFTER,
  PAD_BEFORE,
  pairKey,
  Slot,
  secondId,
  templateOf,
} from './features.js';
import { NUM_TAGS } from './tags.js';

const T = NUM_TAGS;

/** Adds the weights of feature `key` (when the model has it) to out[base .. base + T). */
export type RowReader = (key: number, out: Float32Array, base: number) => void;

/** Attribute ids renumbered 1 .. size - 1; index 0 stands for every other id (no features in the model). */
export class CompactIds {
  private readonly map = new Map<number, number>();
  /** Compact index → attribute id (-1 at index 0). */
  readonly ids: number[] = [-1];

  /** The same numbering again, from its `ids` (a compiled model's). */
  static fromIds(ids: ArrayLike<number>): CompactIds {
    const c = new CompactIds();
    for (let i = 1; i < ids.length; i++) c.add(ids[i]!);
    return c;
  }

  add(id: number): void {
    if (id >= 0 && !this.map.has(id)) {
      this.map.set(id, this.ids.length);
      this.ids.push(id);
    }
  }

  of(id: number): number {
    return this.map.get(id) ?? 0;
  }

  get size(): number {
    return this.ids.length;
  }
}

/**
 * A table of T-float rows kept as its non-zero entries: most rows of the pair and
 * attribute tables have 4–8 non-zero tags of 17, so adding a row touches those
 * only. Adding the zeros too would give the same floats (x + 0 = x), more slowly.
 */
export class SparseRows {
  constructor(
    /** Row r's entries are [start[r], start[r + 1]) of tag and weight. */
    readonly start: Int32Array,
    readonly tag: Int32Array,
    readonly weight: Float32Array,
  ) {}

  /** The non-zero entries of a dense table of T-float rows. */
  static fromDense(dense: Float32Array): SparseRows {
    const rows = dense.length / T;
    const start = new Int32Array(rows + 1);
    let n = 0;
    for (let i = 0; i < dense.length; i++) if (dense[i] !== 0) n++;
    const tag = new Int32Array(n);
    const weight = new Float32Array(n);
    let k = 0;
    for (let r = 0; r < rows; r++) {
      start[r] = k;
      for (let t = 0; t < T; t++) {
        const v = dense[r * T + t]!;
        if (v === 0) continue;
        tag[k] = t;
        weight[k] = v;
        k++;
      }
    }
    start[rows] = k;
    return new SparseRows(start, tag, weight);
  }

  /** out[base + tag] += weight over the non-zero entries of row `row`. */
  add(row: number, out: Float32Array, base: number): void {
    const tag = this.tag;
    const weight = this.weight;
    for (let k = this.start[row]!, end = this.start[row + 1]!; k < end; k++)
      out[base + tag[k]!]! += weight[k]!;
  }
}

/** Number of document-evidence codes: token kind (4) × flags (4). */
export const EVIDENCE_CODES = 16;

/** Token kind for the evidence features: 0 all capitals, 1 capitalised first word, 2 capitalised, 3 other. */
export function evidenceKind(allCaps: boolean, cap: boolean, first: boolean): number {
  return allCaps ? 0 : cap ? (first ? 1 : 2) : 3;
}

/** Templates whose pairs of shapes (62, 63) and clusters (66, 67) are read from dense tables. */
export const DENSE_PAIR_TEMPLATES: ReadonlySet<number> = new Set([62, 63, 66, 67]);
/** Templates of document evidence read from dense tables. */
export const DENSE_EVIDENCE_TEMPLATES: ReadonlySet<number> = new Set([74, 75, 76, 77, 78, 83, 84]);

/** What ScoreTables holds, as plain typed arrays (what a compiled model file stores: compiled-model.ts). */
export interface ScoreTableParts {
  /** CompactIds' `ids` of the short-run shapes, cluster level 2, case flags and cluster level 1. */
  shapes: Int32Array;
  clusters2: Int32Array;
  caseFlags: Int32Array;
  clusters1: Int32Array;
  evidence: Float32Array;
  evidenceBefore: Float32Array;
  evidenceAfter: Float32Array;
  shapePairRows: SparseRows;
  clusterPairRows: SparseRows;
  evidenceCaseRows: SparseRows;
  evidenceClusterRows: SparseRows;
}

export class ScoreTables {
  /** Short-run shapes, cluster level 2, case flags and cluster level 1 ids used by the dense templates. */
  readonly shapes: CompactIds;
  readonly clusters2: CompactIds;
  readonly caseFlags: CompactIds;
  readonly clusters1: CompactIds;
  /** [(case code × 16 + name code) × T]: templates 74, 83 and 84. */
  readonly evidence: Float32Array;
  /** [code × T], code 16 for the padding: templates 77 (previous token) and 78 (next token). */
  readonly evidenceBefore: Float32Array;
  readonly evidenceAfter: Float32Array;
  /**
   * As sparse rows (row = offset / T of the dense table): [(a × shapes.size + b) × 2T],
   * template 62 (token b's) then 63 (token a's), a and b adjacent; the same for cluster
   * level 2 pairs (66 then 67); [(case code × caseFlags.size + flag) × T], template 75;
   * [(case code × clusters1.size + cluster) × T], template 76.
   */
  readonly shapePairRows: SparseRows;
  readonly clusterPairRows: SparseRows;
  readonly evidenceCaseRows: SparseRows;
  readonly evidenceClusterRows: SparseRows;
  /** Compact indices of the padding words, for the pair tables. */
  readonly padBefore: { shape: number; cluster2: number };
  readonly padAfter: { shape: number; cluster2: number };

  constructor(private readonly stored: ScoreTableParts) {
    this.shapes = CompactIds.fromIds(stored.shapes);
    this.clusters2 = CompactIds.fromIds(stored.clusters2);
    this.caseFlags = CompactIds.fromIds(stored.caseFlags);
    this.clusters1 = CompactIds.fromIds(stored.clusters1);
    this.evidence = stored.evidence;
    this.evidenceBefore = stored.evidenceBefore;
    this.evidenceAfter = stored.evidenceAfter;
    this.shapePairRows = stored.shapePairRows;
    this.clusterPairRows = stored.clusterPairRows;
    this.evidenceCaseRows = stored.evidenceCaseRows;
    this.evidenceClusterRows = stored.evidenceClusterRows;
    this.padBefore = {
      shape: this.shapes.of(PAD_BEFORE[Slot.SR]!),
      cluster2: this.clusters2.of(PAD_BEFORE[Slot.C0 + 2]!),
    };
    this.padAfter = {
      shape: this.shapes.of(PAD_AFTER[Slot.SR]!),
      cluster2: this.clusters2.of(PAD_AFTER[Slot.C0 + 2]!),
    };
  }

  /** The tables as plain arrays, for a compiled model file. */
  parts(): ScoreTableParts {
    return this.stored;
  }

  /** The tables of a model whose feature keys are `keys`, each row read by `read`. */
  static build(space: FeatureSpace, keys: Iterable<number>, read: RowReader): ScoreTables {
    const shapes = new CompactIds();
    const clusters2 = new CompactIds();
    const caseFlags = new CompactIds();
    const clusters1 = new CompactIds();
    for (const key of keys) {
      const t = templateOf(key);
      if (t === 62 || t === 63 || t === 66 || t === 67) {
        const ids = t < 66 ? shapes : clusters2;
        ids.add(firstId(key));
        ids.add(secondId(key));
      } else if (t === 75) caseFlags.add(secondId(key));
      else if (t === 76) clusters1.add(secondId(key));
    }
    // Each cell of a pair table holds the row of one key (or zeros): filled from the
    // model's keys, not by probing all n² pairs (most are absent).
    const n1 = shapes.size;
    const n2 = clusters2.size;
    const shapePairs = new Float32Array(n1 * n1 * 2 * T);
    const clusterPairs = new Float32Array(n2 * n2 * 2 * T);
    for (const key of keys) {
      const t = templateOf(key);
      if (t !== 62 && t !== 63 && t !== 66 && t !== 67) continue;
      const ids = t < 66 ? shapes : clusters2;
      const n = ids.size;
      const base =
        (ids.of(firstId(key)) * n + ids.of(secondId(key))) * 2 * T + (t === 62 || t === 66 ? 0 : T);
      read(key, t < 66 ? shapePairs : clusterPairs, base);
    }

    const caseId = (code: number) => space.evidenceId(0, code >> 2, code & 3);
    const nameId = (code: number) => space.evidenceId(1, code >> 2, code & 3);
    const C = EVIDENCE_CODES;
    const evidence = new Float32Array(C * C * T);
    for (let d = 0; d < C; d++)
      for (let e = 0; e < C; e++) {
        const base = (d * C + e) * T;
        const di = caseId(d);
        const ni = nameId(e);
        if (di >= 0) read(oneKey(74, di), evidence, base);
        if (ni >= 0) read(oneKey(83, ni), evidence, base);
        if (di >= 0 && ni >= 0) read(pairKey(84, ni, di), evidence, base);
      }
    const withAttribute = (tpl: number, ids: CompactIds) => {
      const table = new Float32Array(C * ids.size * T);
      for (let d = 0; d < C; d++) {
        const di = caseId(d);
        if (di < 0) continue;
        for (let a = 1; a < ids.size; a++) read(pairKey(tpl, di, ids.ids[a]!), table, (d * ids.size + a) * T);
      }
      return table;
    };
    const neighbour = (tpl: number, pad: number) => {
      const table = new Float32Array((C + 1) * T);
      for (let d = 0; d <= C; d++) {
        const id = d === C ? pad : caseId(d);
        if (id >= 0) read(oneKey(tpl, id), table, d * T);
      }
      return table;
    };
    return new ScoreTables({
      shapes: Int32Array.from(shapes.ids),
      clusters2: Int32Array.from(clusters2.ids),
      caseFlags: Int32Array.from(caseFlags.ids),
      clusters1: Int32Array.from(clusters1.ids),
      evidence,
      evidenceBefore: neighbour(77, BOS),
      evidenceAfter: neighbour(78, EOS),
      shapePairRows: SparseRows.fromDense(shapePairs),
      clusterPairRows: SparseRows.fromDense(clusterPairs),
      evidenceCaseRows: SparseRows.fromDense(withAttribute(75, caseFlags)),
      evidenceClusterRows: SparseRows.fromDense(withAttribute(76, clusters1)),
    });
  }
}
