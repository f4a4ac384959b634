/**
 * Attributions that report a speaker's silence, not their words: "has not said whether …",
 * "declined to comment", "did not respond to a request for comment", "would not say". PolNeAR's
 * gold marks these as attributions (on train 107 gold cues are such; 102 of the shipped extractor's
 * 125 meet a gold cue: `quotes-speakers --polnear`), so the quotes layer keeps them; this tells them
 * apart for whoever lists a speaker's statements (docs/DECISIONS.md (speakers-14)).
 */
import type { Quote } from '../article/types.js';

/** A cue (with what follows it) that says the speaker did not speak. */
const DECLINES =
  /^(?:(?:has|have|had|did|does|do|would|will|could|can|was|were|is|are)(?:\s+not|n['’]t)|never|also\s+declined|declined|declines|decline|refused|refuses|refuse)(?:\s+(?:yet|immediately|publicly|also|to|be))*\s*(?:said|say|says|comment|commented|respond|responded|return|returned|reply|replied|answer|answered|confirm|confirmed|disclose|disclosed|elaborate|elaborated|specify|specified|explain|explained|reveal|revealed|reached|discuss|discussed|$)/iu;

/** Whether the quote reports that its speaker declined to speak or did not say (cue and the words after it). */
export function declinesToSpeak(text: string, quote: Pick<Quote, 'cue'>): boolean {
  const cue = text.slice(quote.cue.start, quote.cue.end);
  const after = text.slice(quote.cue.end, quote.cue.end + 24);
  // "declined" alone as the cue: "declined to comment", "declined to say": the refusal is in the cue or right after it.
  return (
    DECLINES.test(cue.trim()) ||
    (/^(?:also\s+)?(?:declined|refused)$/iu.test(cue.trim()) && /^\s+to\s/u.test(after))
  );
}
