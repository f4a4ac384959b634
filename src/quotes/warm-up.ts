/**
 * A fresh thread's first articles teach V8 which types and branches the stage's code meets;
 * V8 compiles a hot function with what it has seen so far and throws the compiled code away
 * (a "deopt") at the first branch it had not seen, then compiles it again. Over a batch the
 * quotes stage met dozens of such branches one article at a time (a closing '' mark, a
 * reopened quote, a colon headline, an "according to" after a quote …), each costing a
 * recompile of a large function. Reading this short text, written for the project to hold
 * those constructions, a few times before the first article lets V8 see them while it is
 * still interpreting, so the first compile of each function already covers them.
 *
 * It changes no output: the extraction is pure and its result is dropped.
 */
import type { Span } from '../article/types.js';
import { sentenceSpans } from '../text/sentences.js';
import type { CueLexicon } from './cue-lexicon.js';
import type { CueRescorer } from './cue-rescorer.js';
import type { CueTagger } from './cue-tagger.js';
import { extractAttributions } from './extract-attributions.js';

const SAMPLE = [
  'Harbour talks stall as ferry strike enters third week',
  '',
  'HALDEN BAY \u2014 "We will not sign a deal that cuts pay," said Mira Olsen, the union\'s chair, on Monday.',
  'The port authority said in a statement that it "remains open to talks" and blamed the union for the delay.',
  '\u201cThe ferries are full of tourists,\u201d Olsen told reporters. \u201cThey deserve better.',
  '\u201cAnd so do our members,\u201d she added, according to the Halden Courier.',
  "''The money is there,'' said Tomas Berg, a councillor who sits on the harbour board, ''but not the will.''",
  'According to a report by the council, the strike has cost 2.4 million kroner.',
  'Berg, 58, who lives on the island, says the board believes a deal is close and wants a vote by Friday.',
  'It was widely reported that the mayor had promised to intervene, but her office denied it.',
  'The plan was first reported by the Courier, citing two officials familiar with the talks.',
  'Officials said they hoped to resume talks, saying that "nobody wins a long strike".',
  'Mayor Anna Lind: "I urge both sides to return to the table."',
  '"Ferries are the island\'s lifeline." \u2014 Harbour master Per Dahl',
  '\u201cWe are the lifeline\u201d. \u2014 Per Dahl',
  "Critics dismissed Mayor Anna Lind's claims that the ferries were safe.",
  'Berg bluntly warned that the season was at risk.',
  'In a new poll, most residents back the crew, and many fear the season is lost.',
  'Dahl, citing safety rules, warned that the boats "cannot sail without a full crew."',
  '\u201cWe are ready,\u201d Lind said. \u201cAre they?',
  '\u201cI hope so.\u201d',
  'The union, which represents 400 crew members, has said it plans to meet again -- perhaps on Sunday.',
  '"The \'final\' offer was not final at all," Olsen said.',
  '\u201eWir warten", a German visitor said, laughing.',
  'A "fair deal" is all they want, the crew said.',
  // A quote left open at the end of the text.
  'The crew\'s message was simple: "We will be back.',
].join('\n');

let warmed = false;

/** Reads SAMPLE a few times with the stage's lexicon and tagger (once per thread; later calls return at once). */
export function warmUp(
  lexicon: CueLexicon,
  tagger: CueTagger | undefined,
  rescorer: CueRescorer | undefined,
): void {
  if (warmed) return;
  warmed = true;
  const sentences: Span[] = sentenceSpans(SAMPLE);
  for (let round = 0; round < WARM_ROUNDS; round++)
    extractAttributions({
      text: SAMPLE,
      sentences,
      lexicon,
      tagger,
      combine: tagger?.combine ?? 'tagger',
      rescorer,
    });
}

/** How many times SAMPLE is read: enough for V8 to keep type feedback for the stage's functions. */
const WARM_ROUNDS = 4;
