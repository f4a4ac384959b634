/** Options of the quotes stage (part of DigestOptions as `options.quotes`). */
export interface QuotesOptions {
  /** Skip this stage: its layers stay absent. */
  skip?: boolean;
}
