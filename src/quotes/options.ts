/** Options of the quotes stage (part of DigestOptions as `options.quotes`). */
export interface QuotesOptions {
  /** Skip this stage: its layers stay absent. */
  skip?: boolean;
  /**
   * Where cues come from: 'tagger' (the default: the learnt cue tagger of
   * models/quotes/cue-tagger.json, which reads the rules' cues as a feature) or 'rules' (the
   * cue lexicon and core verbs alone: about half the cost, lower recall). See the quotes
   * sections of docs/RESULTS.md (quotes-cues) for both paths' scores and speed. Without a shipped
   * tagger, the default falls back to the rules.
   */
  cues?: 'rules' | 'tagger';
  /**
   * Whether the tagger's cues are judged again by the cue re-scorer (models/quotes/cue-rescorer.json,
   * gradient-boosted trees; on by default when one is shipped; false: the tagger's cues as they are,
   * about 0.2-0.3 ms an article less). See docs/RESULTS.md (quotes-6).
   */
  rescore?: boolean;
}
