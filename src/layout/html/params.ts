/**
 * The tunable knobs of HTML main-content extraction, in one place. The defaults
 * were chosen by 5-fold cross-validation over the extraction benchmark pages
 * (scripts/layout-cv.ts; figures in docs/RESULTS.md (layout section)), not on a single page.
 */
export interface ExtractionParams {
  /** Within this many levels above the best container, one strong alternative merges with it. */
  nearLevels: number;
  /** "Strong" for that merge: at least this share of the best container's score. */
  nearShare: number;
  /**
   * An alternative whose lowest this many wrappers repeat the best container's (same tags, same
   * class weights) is another part of the story, however far up their shared ancestor is (0: never).
   */
  templateLevels: number;
  /** In the story, a line with at least this share of link text is furniture ... */
  linkLimit: number;
  /** ... and a <p> line needs at least this share (above 1: never). */
  paragraphLinkLimit: number;
}

// Each the setting most folds chose (scripts/layout-cv.ts, seventh session: nearLevels 2, nearShare 0.5
// and templateLevels 4 by all five folds).
export const DEFAULT_PARAMS: ExtractionParams = {
  nearLevels: 2,
  nearShare: 0.5,
  templateLevels: 4,
  linkLimit: 0.5,
  // Above 1: a <p> in the story is never dropped for its links (chosen by 3 of the 5 folds).
  paragraphLinkLimit: 1.01,
};
