/**
 * Type feedback for the quotation-mark scanner (quote-marks.ts) before a thread's first article.
 *
 * Why: V8 compiles the scanner's `step` (with `whileClosed` and `whileOpen` inlined) and
 * `findQuoteRegions` after a few articles, and compiles every branch those articles never took
 * as "deoptimise here"; the first double apostrophe, spaced mark, inch mark or reopened quote met
 * later threw the code away and V8 compiled it again (in a fresh pass over BBC: `step` 3
 * compiles, `findQuoteRegions` and the `extractAttributions` it is inlined in 2–3, each
 * 20–130 ms of compile-thread time at load 5–7; docs/DECISIONS.md (tail-13)). Scanning a few
 * short texts that take each convention's branch first gives V8 feedback for all of them, so it
 * compiles them once (the text stage's src/text/prime.ts does the same for the tokenizer).
 *
 * The texts are the conventions of quote-marks.ts written out (written for this project, no
 * corpus's text), in one-byte and two-byte strings (V8 reads the two kinds apart); the results
 * are dropped and the scanner is pure, so nothing an article gets depends on this.
 */
import { findQuoteRegions } from './quote-marks.js';

/** One example of each convention of quote-marks.ts, a paragraph a line. */
export const QUOTE_PRIMER_LINES: readonly string[] = [
  // Straight marks: opening after a start, a space, a bracket, a dash or a colon; closing.
  '"We will go," she said. He said: "Fine." They said ("No") and -"Maybe"- and /"So"/.',
  // A quote over several paragraphs, reopened at each (straight, then doubled apostrophes).
  '"The first part goes on',
  '"and the second one ends here." Then a lone " mark and a stray one.',
  "''Doubled apostrophes open,'' he said, ''and close.'' They ''run on",
  "''and end here.'' It ''stays open",
  // PTB-tokenised text: spaced marks read by their place, after a colon, and inch marks.
  'he said " we will go . " and she said : " fine " , a 5 " 9 board and a 5 \' 1 " man .',
  "they said '' we will go . '' and then '' it ended '' .",
  'a lone " mark on its own line',
  // Straight marks reopened after a sentence's end where the paragraph breaks were lost.
  '"It was long. "And it went on," he said. "No end',
  'A new line ends it.',
];

/** The same conventions with curly and low marks (a two-byte string). */
export const QUOTE_PRIMER_CURLY: readonly string[] = [
  '\u201cWe will go,\u201d she said. \u201eLow opening\u201d and \u201cunclosed \u201cnew one\u201d here.',
  '\u201cA quote over paragraphs',
  '\u201cgoes on here.\u201d And \u201cIt\u2019s unusual,\u201c said Roe. \u2018Single\u2019 marks and it\u2019s.',
  '\u201cOpen at the end of a line',
  'and closed by none.',
  '"Straight in a curly text," he said: "fine." and \'\'doubled\'\' too, 5 " 9 and "a reopened. "One," he said.',
  '\u201cUnclosed at the end',
];

let primed = false;

/** Scans the primer texts (twice) on the first call in a thread; later calls return at once. */
export function primeQuoteMarks(): void {
  if (primed) return;
  primed = true;
  const plain = QUOTE_PRIMER_LINES.join('\n');
  const curly = QUOTE_PRIMER_CURLY.join('\n');
  for (let round = 0; round < 2; round++) {
    findQuoteRegions(plain);
    findQuoteRegions(curly);
    // Each paragraph alone too: marks at the text's start and end.
    for (const line of QUOTE_PRIMER_LINES) findQuoteRegions(line);
    for (const line of QUOTE_PRIMER_CURLY) findQuoteRegions(line);
  }
}
