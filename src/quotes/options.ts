/** Options of the quotes stage (part of DigestOptions as `options.quotes`). */
export interface QuotesOptions {
  /** Skip this stage: its layers stay absent. */
  skip?: boolean;
  /**
   * Where cues come from: 'rules' (the cue lexicon and core verbs; the default) or 'tagger'
   * (the learnt cue tagger of models/quotes/cue-tagger.json, which reads the rules' cues as
   * a feature). The tagger scores better on held-out train but runs at about half the speed
   * (see the quotes section of docs/RESULTS.md), below the stage's 1,000 articles/s budget, so it is opt-in.
   */
  cues?: 'rules' | 'tagger';
}
