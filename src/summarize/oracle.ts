/**
 * The greedy extractive oracle (Nallapati et al. 2017; as BertSumExt labels its
 * training data): add, one at a time, the sentence that most raises the mean of
 * ROUGE-1 and ROUGE-2 F against the reference, until none raises it or `maxK` are
 * chosen. Its sentences are the positive labels the scorer is trained on.
 */

function counts(tokens: readonly string[], n: number): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const k = n === 1 ? tokens[i]! : `${tokens[i]} ${tokens[i + 1]}`;
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

function f1(hits: number, predicted: number, reference: number): number {
  if (hits === 0) return 0;
  const p = hits / predicted;
  const r = hits / reference;
  return (2 * p * r) / (p + r);
}

/** Hits gained by adding `cand` counts to `sel` counts against `ref`. */
function gain(ref: Map<string, number>, sel: Map<string, number>, cand: Map<string, number>): number {
  let g = 0;
  for (const [k, c] of cand) {
    const r = ref.get(k);
    if (r === undefined) continue;
    const s = sel.get(k) ?? 0;
    g += Math.min(r, s + c) - Math.min(r, s);
  }
  return g;
}

function addTo(sel: Map<string, number>, cand: Map<string, number>): void {
  for (const [k, c] of cand) sel.set(k, (sel.get(k) ?? 0) + c);
}

/**
 * Oracle sentence indices for sentence token lists against reference tokens. Bigrams
 * are counted within each sentence (as a summary's lines are scored).
 */
export function greedyOracle(
  sentences: readonly (readonly string[])[],
  reference: readonly string[],
  maxK = 3,
): number[] {
  const ref1 = counts(reference, 1);
  const ref2 = counts(reference, 2);
  const r1Total = reference.length;
  const r2Total = Math.max(reference.length - 1, 0);
  const c1 = sentences.map((s) => counts(s, 1));
  const c2 = sentences.map((s) => counts(s, 2));
  const sel1 = new Map<string, number>();
  const sel2 = new Map<string, number>();
  let hits1 = 0;
  let hits2 = 0;
  let len1 = 0;
  let len2 = 0;
  let best = 0;
  const chosen: number[] = [];
  while (chosen.length < maxK) {
    let pick = -1;
    let pickScore = best;
    let pickG1 = 0;
    let pickG2 = 0;
    for (let i = 0; i < sentences.length; i++) {
      if (chosen.includes(i) || sentences[i]!.length === 0) continue;
      const g1 = gain(ref1, sel1, c1[i]!);
      const g2 = gain(ref2, sel2, c2[i]!);
      const l1 = len1 + sentences[i]!.length;
      const l2 = len2 + Math.max(sentences[i]!.length - 1, 0);
      const score = (f1(hits1 + g1, l1, r1Total) + f1(hits2 + g2, Math.max(l2, 1), Math.max(r2Total, 1))) / 2;
      if (score > pickScore) {
        pick = i;
        pickScore = score;
        pickG1 = g1;
        pickG2 = g2;
      }
    }
    if (pick < 0) break;
    chosen.push(pick);
    addTo(sel1, c1[pick]!);
    addTo(sel2, c2[pick]!);
    hits1 += pickG1;
    hits2 += pickG2;
    len1 += sentences[pick]!.length;
    len2 += Math.max(sentences[pick]!.length - 1, 0);
    best = pickScore;
  }
  return chosen.sort((a, b) => a - b);
}
