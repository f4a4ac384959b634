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
 */
import type { Quote, Span } from '../article/types.js';

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

/** Double quotation marks: curly ones say which way they face; straight ones (and '') do not. */
const OPEN_CURLY = 0x201c;
const CLOSE_CURLY = 0x201d;
const LOW_OPEN = 0x201e;
const APOSTROPHE = 0x27;
const BACKTICK = 0x60;

/** An open quote is not followed further than this many sentences without a mark (an unclosed one). */
const MAX_OPEN_SENTENCES = 6;

function isBlank(c: number): boolean {
  return c <= 32 || c === 0xa0;
}

/** Whether the last non-blank character before `i` (from `from` on) is a colon. */
function colonBefore(text: string, i: number, from: number): boolean {
  let j = i - 1;
  while (j >= from && isBlank(text.charCodeAt(j))) j--;
  return j >= from && text.charCodeAt(j) === 58;
}

/** Double marks: straight, curly, and the two-character '' and `` of some archives and PTB text. */
const MARK_STRINGS = ['"', '\u201c', '\u201d', '\u201e', "''", '``'];

/**
 * Offsets of the text's double quotation marks, in order. One `indexOf` scan per kind
 * of mark (a regular expression with the alternatives cost as much as the rest of
 * this module together); most texts have one kind or none.
 */
function markOffsets(text: string): number[] {
  const out: number[] = [];
  let kinds = 0;
  for (const mark of MARK_STRINGS) {
    let at = text.indexOf(mark);
    if (at < 0) continue;
    kinds++;
    for (; at >= 0; at = text.indexOf(mark, at + mark.length)) out.push(at);
  }
  if (kinds > 1) out.sort((x, y) => x - y);
  return out;
}

// Which way the quotes of each sentence run, read from its double quotation marks: bits per sentence.
/** A quote is open where the sentence starts (it began in an earlier one). */
const OPEN_AT_START = 1;
/** The quote the sentence opens with (its first non-blank character a mark) is still open at its end, or closes only there. */
const QUOTED_TO_END = 2;
/** A quote is still open at its end (and runs on into the next sentence if that starts open). */
const ENDS_OPEN = 4;
/** A closing mark ends a quote in it. */
const CLOSES_QUOTE = 8;

/**
 * Reads the double quotation marks sentence by sentence. A mark that starts a sentence
 * opens and one that ends it closes, whatever its shape; curly marks say which way
 * they face; a straight mark elsewhere opens before a word and closes after one, and
 * between blanks (the PTB-tokenized `" like this , "`) toggles. An open quote ends
 * with its paragraph unless the next one reopens it (the reopened-quote convention:
 * its opening mark starts the sentence), and is given up after MAX_OPEN_SENTENCES.
 */
function markRuns(text: string, spans: readonly Span[]): Uint8Array {
  const marks = markOffsets(text);
  let m = 0;
  const runs = new Uint8Array(spans.length);
  let open = false;
  let openFor = 0;
  let prevEnd = 0;
  for (let k = 0; k < spans.length; k++) {
    const span = spans[k]!;
    if (open && (text.slice(prevEnd, span.start).includes('\n') || openFor >= MAX_OPEN_SENTENCES))
      open = false;
    prevEnd = span.end;
    const openAtStart = open;
    let first = span.start;
    while (first < span.end && isBlank(text.charCodeAt(first))) first++;
    let last = span.end - 1;
    while (last > first && isBlank(text.charCodeAt(last))) last--;
    let opensWithMark = false;
    // Whether the open quote may run on into the next sentence: not when a mark facing
    // neither way opened it inside this one (PTB's `the film " title " ( 1966 )`),
    // unless a colon announced it.
    let carries = true;
    let closesQuote = false;
    // Where the quote the sentence opens with closes (-1: still open, or none).
    let firstClose = -1;
    // The marks of this sentence (marks between sentences are passed over).
    while (m < marks.length && marks[m]! < first) m++;
    for (; m < marks.length && marks[m]! <= last; m++) {
      const i = marks[m]!;
      const c = text.charCodeAt(i);
      const width = c === APOSTROPHE || c === BACKTICK ? 2 : 1;
      let ambiguous = false;
      // 1 opens, -1 closes, 2 either way
      let dir = c === OPEN_CURLY || c === LOW_OPEN || c === BACKTICK ? 1 : c === CLOSE_CURLY ? -1 : 2;
      if (dir === 2) {
        if (i === first) dir = 1;
        else if (i + width - 1 === last) dir = -1;
        else {
          const before = isBlank(text.charCodeAt(i - 1));
          const after = isBlank(text.charCodeAt(i + width));
          ambiguous = before === after;
          dir = before && !after ? 1 : !before && after ? -1 : open ? -1 : 1;
        }
      }
      if (dir === 1) {
        if (i === first) opensWithMark = true;
        open = true;
        carries = i === first || !ambiguous || colonBefore(text, i, first);
      } else if (open) {
        open = false;
        closesQuote = true;
        if (opensWithMark && firstClose < 0) firstClose = i + width - 1;
      }
    }
    if (open && !carries) open = false;
    openFor = open ? (openAtStart ? openFor + 1 : 1) : 0;
    const quotedToEnd = opensWithMark && (firstClose < 0 ? open : firstClose === last);
    runs[k] =
      (openAtStart ? OPEN_AT_START : 0) |
      (quotedToEnd ? QUOTED_TO_END : 0) |
      (open ? ENDS_OPEN : 0) |
      (closesQuote ? CLOSES_QUOTE : 0);
  }
  return runs;
}

/**
 * Whether the quote open in sentence `i` is closed by a mark, in it or in the sentences
 * it runs on into: a quote never closed is more often a closing mark the sentence
 * splitter gave to the next sentence (`ukraine . " savchenko`) than a real one.
 */
function closesLater(runs: Uint8Array, i: number): boolean {
  let j = i;
  while (runs[j]! & ENDS_OPEN && j + 1 < runs.length && runs[j + 1]! & OPEN_AT_START) j++;
  return (runs[j]! & (ENDS_OPEN | CLOSES_QUOTE)) === CLOSES_QUOTE;
}

/**
 * Which of the sentences `spans` (sorted, disjoint, as the summarizer considers them)
 * do not stand alone, given the article's quotes (none: only quotation marks and
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
  // The quotation marks: the layer does not always join a quote that runs over several
  // sentences (lower-cased PTB text has marks that face neither way).
  const runs = markRuns(text, spans);
  for (let i = 0; i < n; i++) {
    if (holdsCue(i) || flags[i] || !(runs[i]! & (OPEN_AT_START | QUOTED_TO_END)) || !closesLater(runs, i))
      continue;
    flags[i]! |= QUOTE_CONTINUATION;
    // The attribution: the nearest sentence of the quote holding a cue, or the one after
    // it closes, else the one before it opened.
    let o = i;
    while (o > 0 && runs[o]! & OPEN_AT_START) o--;
    let c = i;
    while (c + 1 < n && runs[c + 1]! & OPEN_AT_START) c++;
    let cue = -1;
    for (let d = 1; cue < 0 && (i - d >= o || i + d <= c + 1); d++) {
      if (i - d >= o && holdsCue(i - d)) cue = i - d;
      else if (i + d <= Math.min(c + 1, n - 1) && holdsCue(i + d)) cue = i + d;
    }
    if (cue < 0 && o > 0 && holdsCue(o - 1)) cue = o - 1;
    need(i, cue);
  }
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
