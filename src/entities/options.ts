/** Options of the entities stage (part of DigestOptions as `options.entities`). */
export interface EntitiesOptions {
  /** Skip this stage: its layers stay absent. */
  skip?: boolean;
}
