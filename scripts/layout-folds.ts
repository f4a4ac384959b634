/**
 * The cross-validation both layout knob scripts share (layout-cv.ts for the HTML path,
 * layout-text-cv.ts for the text path): pages fall into folds by a hash of their id
 * (fixed, independent of file order); for each fold, the grid setting with the best F1
 * on the other folds is scored on that fold, and the held-out page scores are pooled.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { aggregateScores, type PageScore } from '../src/layout/extraction-score.js';

/** A page of the extraction benchmark's ground truth. */
export interface TruthPage {
  id: string;
  articleBody: string;
}

/** The pages of `<data>/ground-truth.jsonl`, in file order. */
export function readGroundTruth(data: string): TruthPage[] {
  return readFileSync(join(data, 'ground-truth.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as TruthPage);
}

/**
 * The fold of a page: a hash of its id, fixed and independent of file order, shared by every layout CV figure.
 * A `salt` (empty for every quoted figure) draws another partition, to see how much a CV figure owes to the folds.
 */
export const pageFold = (id: string, folds: number, salt = ''): number =>
  createHash('sha256')
    .update(salt + id)
    .digest()[0]! % folds;

export interface CrossValidation<T> {
  /** Held-out page scores, pooled over the folds. */
  heldOut: PageScore[];
  /** The setting chosen for each fold. */
  chosen: T[];
}

/** `scores[c][i]` is page `ids[i]` scored with `grid[c]`. */
export function crossValidate<T>(
  ids: readonly string[],
  scores: readonly PageScore[][],
  grid: readonly T[],
  folds: number,
  salt = '',
): CrossValidation<T> {
  const fold = ids.map((id) => pageFold(id, folds, salt));
  const pick = (c: number, inFold: (f: number) => boolean) => scores[c]!.filter((_, i) => inFold(fold[i]!));
  const heldOut: PageScore[] = [];
  const chosen: T[] = [];
  for (let f = 0; f < folds; f++) {
    let best = 0;
    let bestF1 = -1;
    for (let c = 0; c < grid.length; c++) {
      const f1 = aggregateScores(pick(c, (x) => x !== f)).f1;
      if (f1 > bestF1) {
        bestF1 = f1;
        best = c;
      }
    }
    chosen.push(grid[best]!);
    heldOut.push(...pick(best, (x) => x === f));
  }
  return { heldOut, chosen };
}
