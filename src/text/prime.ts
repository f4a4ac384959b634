/**
 * Type feedback for the scanners before a fresh thread's first article.
 *
 * Why: V8 optimises tokenOffsets and the sentence scanner after a few pages, and compiles
 * every branch those pages never took as "deoptimise here". Each rule met later for the
 * first time (the first URL, initial, standing clitic, title abbreviation, curly mark after
 * a word) threw the compiled code away, and V8 compiled it again: on the BBC file, 7
 * TurboFan compiles of tokenOffsets (6 deopts) and 3 each of the sentence scanner's `scan`
 * and `look`, ~100 ms of compile a time, in every ingest worker (docs/RESULTS.md (corpus-9)).
 * Running the scanners over a short text that takes each rule's branch gives V8 feedback
 * for all of them before it compiles, so it compiles them once.
 *
 * The text is the tokenizer's and the segmenter's rules written out (tokens.ts and
 * sentences.ts document them), not any corpus's text; the results are dropped, and the
 * scanners are pure, so nothing an article gets depends on this. A rule added to the
 * scanners should get its example here (test/text/prime.test.ts checks the text still
 * reaches every kind of token the tokenizer makes).
 */
import {
  isBullet,
  isCloser,
  isLetter,
  isLower,
  isNumberSign,
  isOpener,
  isRegexSpace,
  isSpace,
  isUpper,
} from './chars.js';
import { sentenceOffsets } from './sentences.js';
import { tokenOffsets } from './tokens.js';

/** One example of each scanner rule (written for this project), a few sentences a line. */
export const PRIMER_LINES: readonly string[] = [
  'Gen. E. Smith (D-Calif.) met Mr. Jones and Dr. Ruiz at 10:30 a.m. on Jan. 3 in Salem, Ore., and the U.S. team',
  'in St. Louis, Mo. They paid $3.2bn (£2.5bn, €2,000, ¥9 or 22%) for 1,000 shares at 3/4 of 2014-15 prices.',
  "He's sure; they don't agree, we can't, I'm in, you're out, we've seen, she'll go and he'd stay.",
  "It 's what we 're told -- really?! No... Yes . . . Maybe… See www.example.com, https://example.org/a?b=1 or",
  "http://example.net/x. Write to jo_ann@example.net, #1 @user. O’Brien and O'Neil said AT&T’s S&P players' fees",
  'rose. ``Yes,\'\' she said. “No,” he said. ‘Maybe,’ they said. "Fine." [1] The fee. 8 Yet it went on. WHO. SEC.',
  'Sec. Café naïve Ørsted ÉCOLE Straße 😀 done. (See above.) Is it? Yes! Wow‽ 3.2 e.g. example.com U.S.A. ended.',
  '1. First item. 2. Second item. a) one b) two\n• A bullet • another one\nLine one\nline two continues\r\nA new line.',
  "A closing quote . \" he said. And '' that . ' Then. So . '' Then we left. It ended.... Next came\n\nAfter.",
  'Acme Inc. The firm met at 9 a.m. Monday and 5 p.m. The end, etc. Then 7 people came. It cost more. $5 was paid.',
  'She read Vol. 2 and No. 7 of it. Main St. The road. Plan B. You and I. We left.',
  'It was No. Then he said.. Next. Done. 東京 is far. Wait. . . . Then [...] more.',
  'He said "it is over . " then left.. and went on.',
];

/**
 * Passes over the whole text: V8 gives a function its feedback vector only after it has run
 * for a while (lazy feedback allocation), so the first passes mostly make the vectors and the
 * later ones record every rule's branch in them. Fewer passes left the sentence scanner's
 * deopts in place on the BBC file (measured: docs/RESULTS.md (corpus-9)).
 */
const PASSES = 12;

const TEXT = PRIMER_LINES.join('\n');

/**
 * The text in V8's one-byte string form (characters beyond Latin-1 made spaces), as most pages
 * are: feedback recorded on a two-byte string alone did not carry over to one-byte pages, and
 * the scanners deoptimised anyway.
 */
const ONE_BYTE = TEXT.replace(/[^\u0000-\u00ff]/g, ' ');

/**
 * Runs tokenOffsets and sentenceOffsets over the primer text a few times (results dropped), in
 * both string forms, cased and lower-cased. Call once in a fresh thread before its first article.
 */
export function primeScanners(): void {
  primeCharClasses();
  const out: number[] = [];
  const lower = ONE_BYTE.toLowerCase();
  for (let p = 0; p < PASSES; p++) {
    for (const text of [ONE_BYTE, TEXT]) {
      out.length = 0;
      tokenOffsets(text, 0, text.length, out);
      out.length = 0;
      sentenceOffsets(text, 0, text.length, { lowercase: false }, out);
    }
    if (p % 4 === 0) {
      out.length = 0;
      sentenceOffsets(lower, 0, lower.length, { lowercase: true }, out);
    }
  }
}

/**
 * The character classes of chars.ts over ASCII, Latin-1, Latin Extended-A and the first
 * general punctuation characters (results dropped). These small tests are inlined into every scanner, and
 * their branches for characters beyond ASCII (the letter-case cache's first sight of a letter,
 * the chain of rarer spaces) otherwise run only a few times, before V8 has given the tests
 * feedback vectors: the first accented capital or non-breaking space after V8 compiled a
 * caller deoptimised it (the sentence scanner's `look`, the entity names' keys).
 */
function primeCharClasses(): void {
  for (const [from, to] of [
    [0, 0x180],
    [0x2000, 0x2030],
  ] as const) {
    for (let c = from; c < to; c++) {
      isSpace(c);
      isRegexSpace(c);
      isLetter(c);
      isUpper(c);
      isLower(c);
      isCloser(c);
      isOpener(c);
      isBullet(c);
      isNumberSign(c);
    }
  }
}
