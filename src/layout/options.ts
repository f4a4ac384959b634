/** Options of the layout stage (part of DigestOptions as `options.layout`). */
export interface LayoutOptions {
  /** Skip this stage: its layers stay absent. */
  skip?: boolean;
  /**
   * Plain-text pages: read the story's lines with the learned line model of models/layout-text
   * (the default) or, when false, with the rules alone, about 4–5× faster on whole-page dumps and
   * about 0.025 F1 lower in cross-validation (see the layout section of docs/RESULTS.md).
   */
  textModel?: boolean;
}
