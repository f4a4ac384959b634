/** Options of the layout stage (part of DigestOptions as `options.layout`). */
export interface LayoutOptions {
  /** Skip this stage: its layers stay absent. */
  skip?: boolean;
}
