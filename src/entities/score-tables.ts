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
  /** Row r's entries are [start[r], start[r + 1]) of tag and weight. */
  private readonly start: Int32Array;
  private readonly tag: Int32Array;
  private readonly weight: Float32Array;

  constructor(dense: Float32Array) {
    const rows = dense.length / T;
    this.start = new Int32Array(rows + 1);
    let n = 0;
    for (let i = 0; i < dense.length; i++) if (dense[i] !== 0) n++;
    this.tag = new Int32Array(n);
    this.weight = new Float32Array(n);
    let k = 0;
    for (let r = 0; r < rows; r++) {
      this.start[r] = k;
      for (let t = 0; t < T; t++) {
        const v = dense[r * T + t]!;
        if (v === 0) continue;
        this.tag[k] = t;
        this.weight[k] = v;
        k++;
      }
    }
    this.start[rows] = k;
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

export class ScoreTables {
  /** Short-run shapes, cluster level 2, case flags and cluster level 1 ids used by the dense templates. */
  readonly shapes = new CompactIds();
  readonly clusters2 = new CompactIds();
  readonly caseFlags = new CompactIds();
  readonly clusters1 = new CompactIds();
  /** [(a × shapes.size + b) × 2T]: template 62 (token b's) then 63 (token a's), a and b adjacent. */
  readonly shapePairs: Float32Array;
  /** The same for cluster level 2 pairs: 66 then 67. */
  readonly clusterPairs: Float32Array;
  /** [(case code × 16 + name code) × T]: templates 74, 83 and 84. */
  readonly evidence: Float32Array;
  /** [(case code × caseFlags.size + flag) × T]: template 75. */
  readonly evidenceCase: Float32Array;
  /** [(case code × clusters1.size + cluster) × T]: template 76. */
  readonly evidenceCluster: Float32Array;
  /** [code × T], code 16 for the padding: templates 77 (previous token) and 78 (next token). */
  readonly evidenceBefore: Float32Array;
  readonly evidenceAfter: Float32Array;
  /** The same tables as sparse rows (row = offset / T). */
  readonly shapePairRows: SparseRows;
  readonly clusterPairRows: SparseRows;
  readonly evidenceCaseRows: SparseRows;
  readonly evidenceClusterRows: SparseRows;
  /** Compact indices of the padding words, for the pair tables. */
  readonly padBefore: { shape: number; cluster2: number };
  readonly padAfter: { shape: number; cluster2: number };

  constructor(space: FeatureSpace, keys: Iterable<number>, read: RowReader) {
    for (const key of keys) {
      const t = templateOf(key);
      if (t === 62 || t === 63 || t === 66 || t === 67) {
        const ids = t < 66 ? this.shapes : this.clusters2;
        ids.add(firstId(key));
        ids.add(secondId(key));
      } else if (t === 75) this.caseFlags.add(secondId(key));
      else if (t === 76) this.clusters1.add(secondId(key));
    }
    // Each cell of a pair table holds the row of one key (or zeros): filled from the
    // model's keys, not by probing all n² pairs (most are absent; this runs at every load).
    const n1 = this.shapes.size;
    const n2 = this.clusters2.size;
    this.shapePairs = new Float32Array(n1 * n1 * 2 * T);
    this.clusterPairs = new Float32Array(n2 * n2 * 2 * T);
    for (const key of keys) {
      const t = templateOf(key);
      if (t !== 62 && t !== 63 && t !== 66 && t !== 67) continue;
      const ids = t < 66 ? this.shapes : this.clusters2;
      const n = ids.size;
      const base =
        (ids.of(firstId(key)) * n + ids.of(secondId(key))) * 2 * T + (t === 62 || t === 66 ? 0 : T);
      read(key, t < 66 ? this.shapePairs : this.clusterPairs, base);
    }

    const caseId = (code: number) => space.evidenceId(0, code >> 2, code & 3);
    const nameId = (code: number) => space.evidenceId(1, code >> 2, code & 3);
    const C = EVIDENCE_CODES;
    this.evidence = new Float32Array(C * C * T);
    for (let d = 0; d < C; d++)
      for (let e = 0; e < C; e++) {
        const base = (d * C + e) * T;
        const di = caseId(d);
        const ni = nameId(e);
        if (di >= 0) read(oneKey(74, di), this.evidence, base);
        if (ni >= 0) read(oneKey(83, ni), this.evidence, base);
        if (di >= 0 && ni >= 0) read(pairKey(84, ni, di), this.evidence, base);
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
    this.evidenceCase = withAttribute(75, this.caseFlags);
    this.evidenceCluster = withAttribute(76, this.clusters1);
    const neighbour = (tpl: number, pad: number) => {
      const table = new Float32Array((C + 1) * T);
      for (let d = 0; d <= C; d++) {
        const id = d === C ? pad : caseId(d);
        if (id >= 0) read(oneKey(tpl, id), table, d * T);
      }
      return table;
    };
    this.evidenceBefore = neighbour(77, BOS);
    this.evidenceAfter = neighbour(78, EOS);
    this.shapePairRows = new SparseRows(this.shapePairs);
    this.clusterPairRows = new SparseRows(this.clusterPairs);
    this.evidenceCaseRows = new SparseRows(this.evidenceCase);
    this.evidenceClusterRows = new SparseRows(this.evidenceCluster);
    this.padBefore = {
      shape: this.shapes.of(PAD_BEFORE[Slot.SR]!),
      cluster2: this.clusters2.of(PAD_BEFORE[Slot.C0 + 2]!),
    };
    this.padAfter = {
      shape: this.shapes.of(PAD_AFTER[Slot.SR]!),
      cluster2: this.clusters2.of(PAD_AFTER[Slot.C0 + 2]!),
    };
  }
}
