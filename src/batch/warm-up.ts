/**
 * A worker's warm-up: before its first real page, a fresh worker digests a short page written
 * for this project a few times (and builds its store record, as for a real page), so that V8
 * has type feedback for the branches real articles reach only now and then (URLs, clitics,
 * abbreviations, quotes of every kind, numbers, datelines, lists, names) before it first
 * optimises the hot functions. Without it, each such branch met late deoptimises a large
 * compiled function (the tokenizer, the sentence splitter, the tagger), which V8 then compiles
 * again: one pass of the BBC file cost ~80 deoptimisations and ~300 compiles (scripts/corpus-jit.ts;
 * figures in docs/results/jit-pipeline.md). The output of real pages does not depend on it: the
 * warm-up's Articles are thrown away, and every stage is a pure function of its page.
 *
 * Its cost is inside every measured run (the worker pays it before its first chunk).
 */
import { digestArticle } from '../digest.js';
import type { DigestOptions } from '../digest-options.js';
import { pageToArticle } from '../ingest/page.js';
import { articleRecord } from '../store/record.js';

/** How many times a worker digests the warm-up page by default (measured: docs/results/jit-pipeline.md). */
export const WARM_UP_ROUNDS = 8;

// Written for this warm-up: every construct is one that news text holds, none is from a dataset.
const WARM_UP_TEXT = `Harbour trust's £2.5m plan "can't wait", says Dr. O'Neill

PORTLAND, Ore. (Newswire) -- The Harbour Trust Inc. said on Tuesday it would spend £2.5m ($3.1bn less than rivals, or 4.2%) on the old quay by Jan. 5, 2027, a move critics said came "far too late".

"We're not going to wait for another storm," said Dr. Maria O'Neill, the trust's chief executive. "If we'd started in 2014-15, we'd have saved 1,250 jobs... and I'm sure they'll agree."

Mr. J. R. Hollis, a Democrat (D-Calif.) who sits on the U.S. Senate's ports committee, disagreed: "It's a gift to A&B Holdings and nobody else." He added that the vote at 10:30 a.m. had been "rushed", and that 3/4 of members hadn't read the plan.

According to Gen. Sam Whitby, "the quay is safe" -- a view the unions don't share. ‘It’s the workers’ money,’ said union leader Ana Sousa. The players' union and the Port Workers' Federation (PWF) called it “a disgrace”, while NATO's Dr. Lee told reporters: “We'll see.”

Sousa, 52, who grew up in São Paulo, said the trust had ignored 3 warnings?! Her colleague José Müller asked: 'Why now?' The trust replied in a statement: "The decision is final." It said the No. 2 berth would close. Details are at https://example.org/harbour-plan, www.harbourtrust.example and info@harbourtrust.example. #1 priority 😀, wrote @harbourwatch. Shares in the group fell 12 cents to $45.20 in New York, where analysts at Grey & Finch said the firm was "in good shape" .

Prof. Ellen Park of the University of Leeds said the plan "is a sensible first step". But, she added, "it won't be the last. . . not by a long way." When asked whether the trust had misled the council, she said: "No." Meanwhile the European Commission, the IMF and Lloyd's of London have said nothing.

"You've got to ask who pays," Hollis said. "I'd say the taxpayer." The U.S. firm's shares rose 2% -- the most since Feb. -- after the news, and the FTSE 100 closed at 7,512.3 points.

What happens next:
- the quay closes in May
• 300 jobs move to the east dock
1. a review in 2028`;

/** Digests the warm-up page `rounds` times, throwing away the results. */
export async function warmUp(options: DigestOptions, rounds = WARM_UP_ROUNDS): Promise<void> {
  // Highlights from an LLM would send the warm-up page over the network: the extractive ones instead.
  const own: DigestOptions =
    options.summarize?.highlights === 'llm'
      ? { ...options, summarize: { ...options.summarize, highlights: 'extractive' } }
      : options;
  for (let r = 0; r < rounds; r++) {
    try {
      articleRecord(await digestArticle(pageToArticle({ id: 'warm-up', text: WARM_UP_TEXT }), own));
    } catch {
      // A warm-up that fails (an option a stage rejects, a model missing) changes nothing: the
      // real pages then report the problem themselves.
      return;
    }
  }
}
