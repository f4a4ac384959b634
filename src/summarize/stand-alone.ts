/**
 * Sentences that do not stand on their own as a highlight, read from the layers the
 * earlier stages wrote (a reader of highlights sees each one without its neighbours):
 * - a quote's continuation: the sentence lies in a quote whose cue (and speaker) sit
 *   in another sentence, because the quote's content began in an earlier sentence
 *   (`"A," said X. "B."` → `"B."`), or the sentence lies wholly inside the quote
 *   (`"A. B," X said.` → `"A.`);
 * - a pronoun for a speaker: it opens with he/she/they (his/her/their), and the previous
 *   sentence names a quote's speaker, or the pronoun is itself the speaker of a quote
 *   ("He said the line ..."): its antecedent is taken to be in the sentence before;
 * - a lead-in: it ends in a colon ("He added:"), announcing what follows.
 * Each flagged sentence also carries the range of sentences it needs beside it (the one
 * holding the quote's cue, the previous one for a pronoun, the next one for a lead-in),
 * for callers that extend a highlight to carry its attribution along.
 * Quotes are read from the quotes layer and, for the passages it holds no attribution for,
 * from the quotes stage's own reading of the quotation marks (../quotes/quote-marks.ts): one
 * reader of marks for both stages.
 */
import type { Quote, Span } from '../article/types.js';
import { findQuoteRegions } from '../quotes/quote-marks.js';

export const QUOTE_CONTINUATION = 1;
export const PRONOUN_AFTER_SPEAKER = 2;
export const COLON_LEAD_IN = 4;

export interface StandAlone {
  /** Per sentence: 0 when it stands alone, else the kinds above, or-ed. */
  flags: Uint8Array;
  /**
   * Per sentence: the sentences an item showing it must run over, `first` to `last`
   * (itself alone when it stands alone; `first` -1 when what it needs is not found).
   */
  first: Int32Array;
  last: Int32Array;
}

/** Pronouns that, opening a sentence, point back to a person named before it. */
const PERSON_PRONOUNS = new Set(['he', 'she', 'they', 'his', 'her', 'their']);

/** Index of the span holding offset `at` (spans sorted, disjoint), or -1. */
function spanAt(spans: readonly Span[], at: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid]!;
    if (at < s.start) hi = mid - 1;
    else if (at >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** Index of the first span ending after `at`. */
function firstEndingAfter(spans: readonly Span[], at: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.end <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** Offset of the sentence's first letter (its end when it has none). */
function firstLetter(text: string, span: Span): number {
  let i = span.start;
  while (i < span.end && !isLetter(text.charCodeAt(i))) i++;
  return i;
}

/** The longest word of PERSON_PRONOUNS: a longer first word is none of them, and is never sliced. */
const LONGEST_PRONOUN = 5;

/** Whether the span opens with one of PERSON_PRONOUNS (after blanks only: `"He said` opens with a quote). */
function opensWithPronoun(text: string, span: Span): boolean {
  let i = span.start;
  while (i < span.end && !isLetter(text.charCodeAt(i))) {
    if (text.charCodeAt(i) > 32) return false;
    i++;
  }
  let j = i;
  while (j < span.end && isLetter(text.charCodeAt(j))) {
    if (j - i >= LONGEST_PRONOUN) return false;
    j++;
  }
  return j > i && PERSON_PRONOUNS.has(text.slice(i, j).toLowerCase());
}

/** Whether the sentence's last character other than blanks is a colon. */
function endsWithColon(text: string, span: Span): boolean {
  let i = span.end - 1;
  while (i >= span.start && text.charCodeAt(i) <= 32) i--;
  return i >= span.start && text.charCodeAt(i) === 58;
}

function within(inner: Span, outer: Span): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

/** Double quotation marks and blanks: what is not yet (or no longer) a sentence's content. */
function isMarkOrBlank(c: number): boolean {
  return c <= 32 || c === 0x22 || c === 0x27 || c === 0x60 || c === 0xa0 || c === 0x201c || c === 0x201d;
}

/** The sentence's content: from its first to its last character that is neither a blank nor a quotation mark. */
function contentOf(text: string, span: Span): Span {
  let start = span.start;
  let end = span.end;
  while (start < end && isMarkOrBlank(text.charCodeAt(start))) start++;
  while (end > start && isMarkOrBlank(text.charCodeAt(end - 1))) end--;
  return { start, end };
}

/**
 * Flags the sentences that are part of a quoted passage (the quotes stage's reading of the
 * marks, ../quotes/quote-marks.ts) while the sentence holding its attribution is another:
 * those whose content the passage holds whole, and those that start inside it. Only
 * passages a mark closes are believed (an unclosed one is more often a closing mark the
 * sentence splitter gave to the next sentence, `ukraine . " savchenko …`, than a quote).
 * The sentence needed is the nearest of the passage's sentences holding a cue, else the one
 * after it closes, else the one before it opens; none: not found.
 */
function flagQuotedPassages(
  text: string,
  spans: readonly Span[],
  holdsCue: (i: number) => number,
  flag: (i: number, needs: number) => void,
): void {
  const n = spans.length;
  for (const r of findQuoteRegions(text)) {
    if (!r.closed) continue;
    const o = firstEndingAfter(spans, r.start);
    let c = o;
    while (c + 1 < n && spans[c + 1]!.start < r.end) c++;
    for (let i = o; i <= c && i < n; i++) {
      if (holdsCue(i)) continue;
      const s = spans[i]!;
      const content = contentOf(text, s);
      if (content.start >= content.end) continue;
      const whole = r.start <= content.start && r.end >= content.end;
      const startsInside = r.start < s.start && r.end > content.start;
      if (!whole && !startsInside) continue;
      let cue = -1;
      for (let d = 1; cue < 0 && (i - d >= o || i + d <= c + 1); d++) {
        if (i - d >= o && holdsCue(i - d)) cue = i - d;
        else if (i + d <= Math.min(c + 1, n - 1) && holdsCue(i + d)) cue = i + d;
      }
      if (cue < 0 && o > 0 && holdsCue(o - 1)) cue = o - 1;
      flag(i, cue);
    }
  }
}

/**
 * Which of the sentences `spans` (sorted, disjoint, as the summarizer considers them)
 * do not stand alone, given the article's quotes (none: only the quoted passages and
 * lead-ins are read). A sentence that holds a quote's cue carries an attribution and is
 * never a quote's continuation.
 */
export function standAlone(text: string, spans: readonly Span[], quotes: readonly Quote[] = []): StandAlone {
  const n = spans.length;
  const flags = new Uint8Array(n);
  const first = new Int32Array(n);
  for (let i = 0; i < n; i++) first[i] = i;
  const last = first.slice();
  /** Sentence `i` needs sentence `j` (-1: one that cannot be found) beside it. */
  const need = (i: number, j: number) => {
    if (j < 0 || first[i]! < 0) first[i] = -1;
    else if (j < first[i]!) first[i] = j;
    else if (j > last[i]!) last[i] = j;
  };
  // Per sentence, bits: it holds a quote's cue (1), names a quote's speaker (2), opens
  // with a pronoun that is a quote's speaker (4) (the last two for the pronoun rule).
  const layer = new Uint8Array(n);
  const holdsCue = (i: number) => layer[i]! & 1;
  for (const q of quotes) {
    const at = spanAt(spans, q.cue.start);
    if (at >= 0) layer[at]! |= 1;
    if (q.speaker) {
      const sp = spanAt(spans, q.speaker.start);
      if (sp < 0) continue;
      // A speaker who is a pronoun is no antecedent: it needs one itself.
      if (!opensWithPronoun(text, q.speaker)) layer[sp]! |= 2;
      else if (q.speaker.start <= firstLetter(text, spans[sp]!)) layer[sp]! |= 4;
    }
  }
  // The quotes layer: a quote's content that began in an earlier sentence, or holds the
  // sentence whole, while its cue and speaker are in another.
  for (const q of quotes) {
    const cueAt = spanAt(spans, q.cue.start);
    for (let i = firstEndingAfter(spans, q.start); i < n && spans[i]!.start < q.end; i++) {
      const s = spans[i]!;
      if (holdsCue(i) || (q.speaker && within(q.speaker, s))) continue;
      if (q.start < s.start || (q.start <= s.start && q.end >= s.end)) {
        flags[i]! |= QUOTE_CONTINUATION;
        need(i, cueAt);
      }
    }
  }
  // The passages between quotation marks, for quotes the layer holds in pieces or not at
  // all (no cue found): a sentence of one is not shown without its attribution either.
  flagQuotedPassages(text, spans, holdsCue, (i, cue) => {
    if (flags[i]) return;
    flags[i]! |= QUOTE_CONTINUATION;
    need(i, cue);
  });
  for (let i = 0; i < n; i++) {
    const s = spans[i]!;
    if ((layer[i]! & 4 || (i > 0 && layer[i - 1]! & 2)) && opensWithPronoun(text, s)) {
      // The antecedent is taken to be in the sentence before.
      flags[i]! |= PRONOUN_AFTER_SPEAKER;
      need(i, i - 1);
    }
    if (endsWithColon(text, s)) {
      flags[i]! |= COLON_LEAD_IN;
      need(i, i + 1 < n ? i + 1 : -1);
    }
  }
  return { flags, first, last };
}
