/**
 * Scoring mention merging on articles annotated inline: `[Joseph Dunford]{a}`
 * marks a mention of the entity labelled "a", whose type is given in `types`.
 * Merging alone is scored on the gold mentions (B-cubed and pairwise precision
 * and recall); end to end, the stage's own mentions are scored (exact span and
 * type) and merging is scored on the mentions it found exactly.
 */
import type { EntityType } from '../article/types.js';
import { NewsdigestError } from '../errors.js';
import { type Mention, mergeMentions } from './merge.js';

export interface AnnotatedArticle {
  id: string;
  text: string;
  gold: (Mention & { label: string })[];
}

export interface MergeRecord {
  id: string;
  text: string;
  types: Record<string, string>;
}

/** Strips `[surface]{label}` marks, returning the plain text and the gold mentions. */
export function parseAnnotated(record: MergeRecord, where = 'record'): AnnotatedArticle {
  // The data is the user's file: another format (a PolNeAR or CNN/DM line) gets a message, not a crash.
  if (typeof record?.text !== 'string') throw new NewsdigestError('E_BAD_RECORD', where, 'no "text" string');
  if (typeof record.types !== 'object' || record.types === null)
    throw new NewsdigestError(
      'E_BAD_RECORD',
      where,
      'no "types" object mapping each mention label to PER, ORG, LOC or MISC',
    );
  const gold: AnnotatedArticle['gold'] = [];
  let text = '';
  let last = 0;
  const re = /\[([^\]]+)\]\{(\w+)\}/g;
  for (let m = re.exec(record.text); m; m = re.exec(record.text)) {
    text += record.text.slice(last, m.index);
    const start = text.length;
    text += m[1]!;
    const type = record.types[m[2]!];
    if (!type)
      throw new NewsdigestError('E_BAD_RECORD', where, `no type for the mention label "${m[2]}" in "types"`);
    gold.push({ start, end: text.length, type: type as EntityType, label: m[2]! });
    last = m.index + m[0].length;
  }
  text += record.text.slice(last);
  return { id: record.id, text, gold };
}

export interface ClusterScores {
  mentions: number;
  bcubedPrecision: number;
  bcubedRecall: number;
  bcubedF1: number;
  pairPrecision: number;
  pairRecall: number;
  pairF1: number;
}

/** Accumulates B-cubed and pairwise counts over articles (mentions keyed by span). */
export class ClusterScorer {
  private n = 0;
  private p = 0;
  private r = 0;
  private pairsBoth = 0;
  private pairsPred = 0;
  private pairsGold = 0;

  /** `gold` and `predicted` map the same mention keys to cluster labels. */
  add(gold: Map<string, string>, predicted: Map<string, string>): void {
    const keys = [...gold.keys()].filter((k) => predicted.has(k));
    for (const k of keys) {
      const g = keys.filter((x) => gold.get(x) === gold.get(k));
      const p = keys.filter((x) => predicted.get(x) === predicted.get(k));
      const both = p.filter((x) => gold.get(x) === gold.get(k)).length;
      this.n++;
      this.p += both / p.length;
      this.r += both / g.length;
    }
    for (let i = 0; i < keys.length; i++) {
      for (let j = i + 1; j < keys.length; j++) {
        const sg = gold.get(keys[i]!) === gold.get(keys[j]!);
        const sp = predicted.get(keys[i]!) === predicted.get(keys[j]!);
        if (sg) this.pairsGold++;
        if (sp) this.pairsPred++;
        if (sg && sp) this.pairsBoth++;
      }
    }
  }

  scores(): ClusterScores {
    const f = (a: number, b: number) => (a + b ? (2 * a * b) / (a + b) : 0);
    const bp = this.n ? this.p / this.n : 0;
    const br = this.n ? this.r / this.n : 0;
    const pp = this.pairsPred ? this.pairsBoth / this.pairsPred : 1;
    const pr = this.pairsGold ? this.pairsBoth / this.pairsGold : 1;
    return {
      mentions: this.n,
      bcubedPrecision: bp,
      bcubedRecall: br,
      bcubedF1: f(bp, br),
      pairPrecision: pp,
      pairRecall: pr,
      pairF1: f(pp, pr),
    };
  }
}

const spanKey = (m: { start: number; end: number }) => `${m.start}:${m.end}`;

/** Gold clusters and the clusters mergeMentions makes of the gold mentions. */
export function mergeGoldMentions(a: AnnotatedArticle): {
  gold: Map<string, string>;
  predicted: Map<string, string>;
} {
  const gold = new Map(a.gold.map((m) => [spanKey(m), m.label]));
  const predicted = new Map<string, string>();
  for (const e of mergeMentions(a.text, a.gold)) for (const m of e.mentions) predicted.set(spanKey(m), e.id);
  return { gold, predicted };
}
