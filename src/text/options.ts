/** Options of the text stage (part of DigestOptions as `options.text`). */
export interface TextOptions {
  /** Skip this stage: its layers stay absent. */
  skip?: boolean;
}
