/**
 * Calls to action that sites put just before or after a story ("Sign up for our
 * free daily newsletter", "Subscribe to our sister title", "Let our news meet your
 * inbox", "Follow us on Twitter"). Written as sentences, they pass for story text
 * with the line model; only their wording gives them away. The shared PROMO_LINE
 * pattern names such lines when they open with the call; these say it anywhere.
 */

/** A call to action is a sentence or three; a longer line is a paragraph that mentions one. */
const MAX_PROMO_CHARS = 300;

const PROMO_SENTENCE =
  /\b(?:sign up (?:for|to|now|today|here)|subscribe (?:to|now|today|here)|get a subscription|(?:free|daily|weekly) newsletter|our newsletter|(?:delivered|straight) to your inbox|meet your inbox|delivered (?:through|to) your (?:letterbox|door)|click here (?:to|for)|follow (?:us|[\p{Lu}][\p{L}]*(?: [\p{Lu}][\p{L}]*){0,5}(?: section)?) on (?:facebook|twitter|instagram))/iu;

/** A line that asks the reader to sign up, subscribe or follow. */
export function readsAsPromo(line: string): boolean {
  return line.length <= MAX_PROMO_CHARS && PROMO_SENTENCE.test(line);
}
