/** Options of the summarize stage (part of DigestOptions as `options.summarize`). */
export interface SummarizeOptions {
  /** Skip this stage: its layers stay absent. */
  skip?: boolean;
}
