/**
 * Sentence boundaries, news-aware, in one left-to-right scan over char codes.
 *
 * Candidates are `.` `!` `?` `…` (and runs of them), line breaks, list bullets and
 * enumeration markers. A candidate ends a sentence when what follows can start
 * one: after the closing quotes and brackets that stay with the sentence (also a
 * detached closing quote in tokenized text, `. "` or `. ''`, and a footnote mark
 * like `[12]`) comes whitespace and then a capital, a digit or an opening quote or
 * bracket before one.
 *
 * Periods are weighed by the word they end (./abbreviations.ts): titles ("Gen.",
 * "Lt. Col.", "St.") never end a sentence; "No." "p." "Jan." do not before a
 * number; "U.S." "Calif." end one only before a typical sentence starter ("U.S.
 * How", not "U.S. Government"); "Inc." "a.m." "Jr." end one before a capital
 * unless it is a day, month or time zone; a fronted phrase of at most four words
 * that opens with a preposition ("At 5 a.m.") is never a sentence of its own.
 * Initials ("Jonas E. Smith", "George W. Bush") stay inside; a capital letter
 * after a lower-case word ("you and I. Did") ends one before a sentence starter.
 * Decimals, URLs, e-mail addresses and "U.S.A" are not candidates (no space after
 * the period). Ellipses: "..." and "…" end a sentence before a capital; spaced
 * ". . ." marks an omission inside one unless a fourth period ends it.
 *
 * Footnote marks after the end ("... in 1921. [4] [5]", "... fee. 8 Yet") stay
 * with the sentence they follow. A quotation ending in "?" or "!" and followed by
 * a speaker and a verb of saying ("“Are you here?” I asked.") is one sentence.
 * Section numbers ("2.1.") and roman numerals opening a heading are not ends.
 *
 * Lines: a blank line always ends a sentence; a single line break does too
 * (headlines, list items, captions without final punctuation) unless the next
 * line starts in lower case (a wrapped line). A sentence that starts with an
 * enumeration marker ("1.", "2)", "a.") ends where the next marker of the same
 * series starts, and a bullet ("•") inside a line starts an item.
 *
 * Lower-cased text (the CNN/DailyMail copy is lower-cased and PTB-tokenized)
 * has no capitals to read: when fewer than 0.5% of its letters are capitals the
 * scanner treats any letter as a possible sentence start and leans on the words
 * themselves: a period with a space before it (`said .`) ends a sentence,
 * abbreviations and initials do not unless a sentence starter follows.
 */
import type { Span } from '../article/types.js';
import {
  abbreviationClass,
  isCalendarWord,
  isPreposition,
  isSentenceStarter,
  isSpeechVerb,
} from './abbreviations.js';
import {
  isAlnum,
  isBullet,
  isCloser,
  isDigit,
  isLetter,
  isLower,
  isNumberSign,
  isOpener,
  isSpace,
  isUpper,
} from './chars.js';

export interface SentenceOptions {
  /**
   * Whether the text is lower-cased throughout (so capitals cannot mark sentence
   * starts). Default 'auto': decided from the share of capitals among the letters.
   */
  lowercase?: boolean | 'auto';
}

/** True when `text[start, end)` has letters but (almost) no capitals: lower-cased copy. */
export function looksLowercased(text: string, start = 0, end = text.length): boolean {
  let letters = 0;
  let upper = 0;
  // The first thousand characters tell a lower-cased copy from ordinary text.
  const stop = Math.min(end, start + 1000);
  for (let i = start; i < stop; i++) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) letters++;
    else if (c >= 65 && c <= 90) {
      letters++;
      upper++;
    }
  }
  return letters >= 40 && upper * 200 < letters;
}

// What follows a candidate boundary.
const NEXT_NONE = 0; // no whitespace after: not a boundary (3.2, U.S.A, example.com)
const NEXT_END = 1;
const NEXT_UPPER = 2;
const NEXT_LOWER = 3;
const NEXT_DIGIT = 4;
const NEXT_OTHER = 5;
const NEXT_NEWLINE = 6;

class Scanner {
  readonly text: string;
  readonly end: number;
  readonly lower: boolean;
  readonly out: number[];
  sentStart = 0;
  /** Where the first word of the sentence starts (after a bullet). */
  firstWord = 0;
  quoteOpen = false;
  // The enumeration marker the current sentence starts with (-1: none).
  markerValue = -1;
  markerStyle = 0;
  markerDigits = false;
  // Filled by look(): where the sentence would end, where the next starts, what comes next.
  bEnd = 0;
  nStart = 0;
  nKind = NEXT_NONE;
  nWordStart = 0;
  nWordEnd = 0;
  nQuote = false;

  constructor(text: string, end: number, lower: boolean, out: number[]) {
    this.text = text;
    this.end = end;
    this.lower = lower;
    this.out = out;
  }

  code(i: number): number {
    return this.text.charCodeAt(i);
  }

  emit(s: number, e: number): void {
    const t = this.text;
    while (e > s && isSpace(t.charCodeAt(e - 1))) e--;
    while (s < e && isSpace(t.charCodeAt(s))) s++;
    if (e > s) this.out.push(s, e);
  }

  begin(i: number): void {
    this.sentStart = i;
    this.readMarker(i);
  }

  scan(start: number): void {
    const t = this.text;
    const end = this.end;
    let i = start;
    while (i < end && isSpace(t.charCodeAt(i))) i++;
    this.begin(i);
    for (; i < end; i++) {
      const c = t.charCodeAt(i);
      // Fast path: letters and most symbols decide nothing unless a list is running.
      if (c > 63 && c < 0x2000) {
        if (
          this.markerValue >= 0 &&
          i > this.sentStart &&
          isSpace(t.charCodeAt(i - 1)) &&
          this.isNextMarker(i)
        ) {
          this.emit(this.sentStart, i);
          this.begin(i);
        }
        continue;
      }
      if (c === 32) continue;
      if (c === 10 || c === 13) {
        let j = i + 1;
        let lines = c === 10 ? 1 : 0;
        while (j < end) {
          const d = t.charCodeAt(j);
          if (d === 10) lines++;
          else if (!isSpace(d)) break;
          j++;
        }
        if (j >= end) break;
        if (lines >= 2 || this.lower || !isLower(t.charCodeAt(j))) {
          this.emit(this.sentStart, i);
          this.begin(j);
        }
        this.quoteOpen = false;
        i = j - 1;
      } else if (c === 46 || c === 33 || c === 63 || c === 0x2026 || c === 0x203d) {
        const next = c === 46 ? this.period(i) : c === 0x2026 ? this.ellipsisChar(i) : this.bang(i);
        if (next > 0) {
          this.emit(this.sentStart, this.bEnd);
          this.quoteOpen = this.nQuote;
          this.begin(next);
          i = next - 1;
        } else if (-next > i) i = -next - 1;
      } else if (c === 34) {
        this.quoteOpen = !this.quoteOpen;
      } else if (c === 0x201c) {
        this.quoteOpen = true;
      } else if (c === 0x201d) {
        this.quoteOpen = false;
      } else if (i > this.sentStart && isSpace(t.charCodeAt(i - 1))) {
        if (isBullet(c) || (this.markerValue >= 0 && this.isNextMarker(i))) {
          this.emit(this.sentStart, i);
          this.begin(i);
        }
      }
    }
    this.emit(this.sentStart, end);
  }

  /** Reads an enumeration marker ("1.", "2)", "3.)", "a.", "•") at a sentence start. */
  readMarker(i: number): void {
    const t = this.text;
    const end = this.end;
    this.markerValue = -1;
    if (i < end && isBullet(t.charCodeAt(i))) {
      i++;
      while (i < end && isSpace(t.charCodeAt(i))) i++;
    }
    this.firstWord = i;
    const m = this.parseMarker(i);
    if (m >= 0) {
      this.markerValue = m;
      this.markerStyle = this.pStyle;
      this.markerDigits = this.pDigits;
    }
  }

  pStyle = 0;
  pDigits = false;

  /** The value of an enumeration marker at i followed by a space, or -1. */
  parseMarker(i: number): number {
    const t = this.text;
    const end = this.end;
    let j = i;
    let value = 0;
    while (j < end && j - i < 3 && isDigit(t.charCodeAt(j))) {
      value = value * 10 + t.charCodeAt(j) - 48;
      j++;
    }
    let digits = true;
    if (j === i) {
      const c = t.charCodeAt(i);
      if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90))) return -1;
      value = c | 32;
      j = i + 1;
      digits = false;
    } else if (j - i > 2) return -1;
    let style = 0;
    if (t.charCodeAt(j) === 46) {
      style = 1;
      j++;
      if (t.charCodeAt(j) === 41) {
        style = 3;
        j++;
      }
    } else if (t.charCodeAt(j) === 41) {
      style = 2;
      j++;
    }
    if (style === 0 || j >= end || !isSpace(t.charCodeAt(j))) return -1;
    this.pStyle = style;
    this.pDigits = digits;
    return value;
  }

  /** True when a marker continuing the current sentence's series starts at i ("2." after "1."). */
  isNextMarker(i: number): boolean {
    const c = this.text.charCodeAt(i);
    if (!isDigit(c) && !isLetter(c)) return false;
    const v = this.parseMarker(i);
    if (
      v !== this.markerValue + 1 ||
      this.pStyle !== this.markerStyle ||
      this.pDigits !== this.markerDigits
    ) {
      return false;
    }
    let j = i + 1;
    while (j < this.end && !isSpace(this.code(j))) j++;
    while (j < this.end && isSpace(this.code(j))) j++;
    return j < this.end && (isUpper(this.code(j)) || isDigit(this.code(j)) || this.lower);
  }

  /**
   * Looks past the punctuation ending at `p`: closing quotes and brackets,
   * footnote marks, whitespace, a detached closing quote. Fills bEnd, nStart,
   * nKind and the next word.
   */
  look(p: number): void {
    const t = this.text;
    const end = this.end;
    let open = this.quoteOpen;
    for (;;) {
      if (p >= end) break;
      const c = t.charCodeAt(p);
      if (isCloser(c)) {
        if (c === 34) open = !open;
        else if (c === 0x201d) open = false;
        p++;
      } else if (c === 91) {
        const q = this.footnote(p);
        if (q < 0) break;
        p = q;
      } else break;
    }
    this.bEnd = p;
    this.nQuote = open;
    if (p >= end) {
      this.nKind = NEXT_END;
      this.nStart = end;
      return;
    }
    if (!isSpace(t.charCodeAt(p))) {
      this.nKind = NEXT_NONE;
      return;
    }
    let q = p;
    let newline = false;
    while (q < end && isSpace(t.charCodeAt(q))) {
      if (t.charCodeAt(q) === 10) newline = true;
      q++;
    }
    if (q >= end) {
      this.nKind = NEXT_END;
      this.nStart = end;
      return;
    }
    if (newline) {
      this.nKind = NEXT_NEWLINE;
      return;
    }
    // A detached closing quote (tokenized text: `over . " he said`) or footnote stays with this sentence.
    const c = t.charCodeAt(q);
    const after = q + 1 < end ? t.charCodeAt(q + 1) : 32;
    let closeAt = -1;
    if (c === 34 && open && isSpace(after)) {
      closeAt = q + 1;
      open = false;
    } else if (c === 39 && after === 39 && (q + 2 >= end || isSpace(t.charCodeAt(q + 2)))) {
      closeAt = q + 2;
      open = false;
    } else if ((c === 0x201d || c === 0x2019) && isSpace(after)) {
      closeAt = q + 1;
      open = false;
    } else if (c === 91) {
      closeAt = this.footnote(q);
    }
    // Further footnote marks, and a bare footnote number before a capital ("fee. 8 Yet ...").
    while (closeAt > 0) {
      this.bEnd = closeAt;
      this.nQuote = open;
      q = closeAt;
      while (q < end && isSpace(t.charCodeAt(q))) q++;
      if (q >= end) {
        this.nKind = NEXT_END;
        this.nStart = end;
        return;
      }
      closeAt = t.charCodeAt(q) === 91 ? this.footnote(q) : -1;
    }
    if (this.bEnd === p && isDigit(t.charCodeAt(q))) {
      const n = this.footnoteNumber(q);
      if (n > 0) {
        this.bEnd = n;
        q = n;
        while (q < end && isSpace(t.charCodeAt(q))) q++;
      }
    }
    this.nStart = q;
    // The first character of the next word, past opening quotes and brackets.
    // (Tokenized text puts a space after the opening quote: `` it 's.)
    let r = q;
    while (r < end && (isOpener(t.charCodeAt(r)) || (r > q && t.charCodeAt(r) === 32))) r++;
    const d = r < end ? t.charCodeAt(r) : 32;
    this.nKind = isUpper(d)
      ? NEXT_UPPER
      : isLower(d)
        ? NEXT_LOWER
        : isDigit(d) || isNumberSign(d)
          ? NEXT_DIGIT
          : isLetter(d)
            ? NEXT_UPPER
            : NEXT_OTHER;
    let w = r;
    while (w < end && (isAlnum(t.charCodeAt(w)) || t.charCodeAt(w) === 39 || t.charCodeAt(w) === 0x2019)) w++;
    this.nWordStart = r;
    this.nWordEnd = w;
  }

  /**
   * End of a bare footnote number at q ("8" in "fee. 8 Yet some ..."): one or two
   * digits, then a space and a capitalised word of letters. Else -1.
   */
  footnoteNumber(q: number): number {
    const t = this.text;
    let e = q;
    while (e < this.end && isDigit(t.charCodeAt(e))) e++;
    if (e - q > 2 || t.charCodeAt(e) !== 32) return -1;
    const w = e + 1;
    if (!isUpper(t.charCodeAt(w))) return -1;
    let k = w + 1;
    while (k < this.end && isLower(t.charCodeAt(k))) k++;
    return k > w + 1 && (k >= this.end || isSpace(t.charCodeAt(k))) ? e : -1;
  }

  /** End of a footnote mark "[12]", "[a]" or "[ 12 ]" starting at p, or -1. */
  footnote(p: number): number {
    const t = this.text;
    let q = p + 1;
    if (t.charCodeAt(q) === 32) q++; // tokenized text: "[ 12 ]"
    const s = q;
    while (q < this.end && q - s < 4 && isAlnum(t.charCodeAt(q))) q++;
    if (q === s) return -1;
    if (t.charCodeAt(q) === 32 && s > p + 1) q++;
    return t.charCodeAt(q) === 93 ? q + 1 : -1;
  }

  nextWord(): string {
    return this.text.slice(this.nWordStart, this.nWordEnd);
  }

  /** A plain sentence end: what follows can start a sentence. */
  plain(): boolean {
    const k = this.nKind;
    return k === NEXT_UPPER || k === NEXT_DIGIT || (this.lower && k === NEXT_LOWER);
  }

  /** After an ambiguous abbreviation: a boundary only before a typical sentence starter. */
  starter(wordStart: number): boolean {
    const k = this.nKind;
    if (k !== NEXT_UPPER && !(this.lower && k === NEXT_LOWER)) return false;
    return isSentenceStarter(this.nextWord(), this.lower) && !this.frontedPhrase(wordStart);
  }

  /** True when the sentence so far is a short phrase opening with a preposition ("At 5 a.m."). */
  frontedPhrase(wordStart: number): boolean {
    const t = this.text;
    let words = 1;
    let firstEnd = this.firstWord;
    while (firstEnd < wordStart && !isSpace(t.charCodeAt(firstEnd))) firstEnd++;
    for (let i = firstEnd; i < wordStart; i++) {
      if (isSpace(t.charCodeAt(i)) && !isSpace(t.charCodeAt(i + 1))) words++;
      if (words > 4) return false;
    }
    let s = this.firstWord;
    while (s < firstEnd && isOpener(t.charCodeAt(s))) s++;
    return isPreposition(t.slice(s, firstEnd));
  }

  /**
   * Decides a period at i. Returns the start of the next sentence (> 0) when the
   * period ends one (bEnd set), else minus the index to resume scanning at.
   */
  period(i: number): number {
    const t = this.text;
    const end = this.end;
    let j = i + 1;
    while (j < end && t.charCodeAt(j) === 46) j++;
    const dots = j - i;
    let spaced = 0;
    while (j + 1 < end && t.charCodeAt(j) === 32 && t.charCodeAt(j + 1) === 46) {
      j += 2;
      spaced++;
    }
    const attached = i > this.sentStart && !isSpace(t.charCodeAt(i - 1));
    if (dots === 1 && spaced === 0) return this.singlePeriod(i, attached);
    // "[...]": an omission mark, never an end.
    if (i > 0 && t.charCodeAt(i - 1) === 91 && t.charCodeAt(j) === 93) return -j;
    // "word. . . . Next": the period ends the sentence; the spaced ellipsis opens the next.
    if (attached && dots === 1 && spaced === 3) {
      this.look(j);
      if (this.nKind === NEXT_UPPER) {
        this.bEnd = i + 1;
        this.nQuote = this.quoteOpen;
        return i + 2;
      }
      return -j;
    }
    this.look(j);
    if (this.nKind === NEXT_NONE || this.nKind === NEXT_END || this.nKind === NEXT_NEWLINE) return -j;
    const total = dots + spaced;
    if (total >= 4) return this.plain() ? this.nStart : -j;
    if (spaced > 0) return -j; // ". . ." inside a sentence
    if (dots === 3) return !this.lower && this.nKind === NEXT_UPPER ? this.nStart : -j;
    return this.plain() ? this.nStart : -j;
  }

  ellipsisChar(i: number): number {
    let j = i + 1;
    while (j < this.end && (this.code(j) === 0x2026 || this.code(j) === 46)) j++;
    this.look(j);
    if (this.nKind !== NEXT_UPPER || this.lower) return -j;
    return this.nStart;
  }

  /** "!" and "?" (and runs such as "?!"): end a sentence before anything that can start one. */
  bang(i: number): number {
    let j = i + 1;
    while (j < this.end) {
      const c = this.code(j);
      if (c !== 33 && c !== 63 && c !== 0x203d) break;
      j++;
    }
    this.look(j);
    if (!this.plain()) return -j;
    // “Are you here?” I asked. / "Not again!" Pete said. — the quote is part of the sentence.
    if (this.bEnd > j && this.nKind === NEXT_UPPER && this.attribution()) return -j;
    return this.nStart;
  }

  /** True when the next words are a speaker and a verb of saying ("I asked", "Mom says", "Ann Lee said"). */
  attribution(): boolean {
    const t = this.text;
    let k = this.nWordEnd;
    for (let words = 0; words < 3; words++) {
      while (k < this.end && t.charCodeAt(k) === 32) k++;
      const s = k;
      while (k < this.end && isLetter(t.charCodeAt(k))) k++;
      if (k === s) return false;
      const w = t.slice(s, k);
      if (isSpeechVerb(w)) return true;
      if (!isUpper(t.charCodeAt(s))) return false;
    }
    return false;
  }

  singlePeriod(i: number, attached: boolean): number {
    const t = this.text;
    const end = this.end;
    if (
      i + 1 < end &&
      !isSpace(t.charCodeAt(i + 1)) &&
      !isCloser(t.charCodeAt(i + 1)) &&
      t.charCodeAt(i + 1) !== 91
    ) {
      return -(i + 1); // 3.2, U.S.A, example.com, Jr.'s
    }
    this.look(i + 1);
    const k = this.nKind;
    if (k === NEXT_NONE || k === NEXT_END || k === NEXT_NEWLINE) return -(i + 1);
    if (!attached) return this.plain() ? this.nStart : -(i + 1);
    // The word the period ends, without opening quotes, brackets or a bullet.
    let ws = i;
    while (ws > this.sentStart && !isSpace(t.charCodeAt(ws - 1))) ws--;
    while (ws < i && (isOpener(t.charCodeAt(ws)) || isBullet(t.charCodeAt(ws)))) ws++;
    if (ws === i) return this.plain() ? this.nStart : -(i + 1);
    const first = ws <= this.firstWord;
    const len = i - ws;
    const c0 = t.charCodeAt(ws);
    // An enumeration marker opening the sentence: "1. The first item", "a. The", "IV. Results".
    if (first && this.markerValue >= 0) return -(i + 1);
    if (first && (isRoman(t, ws, i) || isSectionNumber(t, ws, i))) return -(i + 1);
    if (len === 1 && isLetter(c0)) return this.initial(ws) ? this.nStart : -(i + 1);
    const word = t.slice(ws, i);
    const cls = abbreviationClass(word);
    if (cls === undefined) return this.plain() ? this.nStart : -(i + 1);
    if (this.lower && (cls === 'prenominal' || cls === 'terminal'))
      return this.starter(ws) ? this.nStart : -(i + 1);
    switch (cls) {
      case 'never':
        return -(i + 1);
      case 'title':
        // "Main St. The ..." is a street, which can end a sentence.
        if (len === 2 && (word === 'St' || word === 'Dr') && this.capitalBefore(ws)) {
          return this.starter(ws) ? this.nStart : -(i + 1);
        }
        return -(i + 1);
      case 'numeric':
        if (k === NEXT_DIGIT) return -(i + 1);
        return this.plain() ? this.nStart : -(i + 1);
      case 'prenominal':
        return this.starter(ws) ? this.nStart : -(i + 1);
      case 'terminal':
        if (k === NEXT_DIGIT) return this.nStart;
        if (k !== NEXT_UPPER || isCalendarWord(this.nextWord()) || this.frontedPhrase(ws)) return -(i + 1);
        return this.nStart;
    }
  }

  /** A single letter and a period: an initial, or a word ("plan B.", "you and I."). */
  initial(ws: number): boolean {
    const t = this.text;
    if (this.lower || !isUpper(t.charCodeAt(ws))) return this.starter(ws);
    if (ws <= this.firstWord) return false;
    // After a name ("Jonas E. Smith") only a pronoun or conjunction can follow an
    // initial and start a sentence ("World War I. But ...").
    if (this.capitalBefore(ws)) {
      return this.nKind === NEXT_UPPER && isSentenceStarter(this.nextWord(), true);
    }
    return this.starter(ws);
  }

  /** True when the word before `ws` is capitalised or an initial ("Jonas E.", "J. R."). */
  capitalBefore(ws: number): boolean {
    const t = this.text;
    let e = ws;
    while (e > this.sentStart && isSpace(t.charCodeAt(e - 1))) e--;
    let s = e;
    while (s > this.sentStart && !isSpace(t.charCodeAt(s - 1))) s--;
    while (s < e && isOpener(t.charCodeAt(s))) s++;
    return s < e && isUpper(t.charCodeAt(s));
  }
}

/** "2", "2.1", "4.1.3": a section number opening a heading. */
function isSectionNumber(t: string, s: number, e: number): boolean {
  if (e - s > 8 || !isDigit(t.charCodeAt(s)) || !isDigit(t.charCodeAt(e - 1))) return false;
  for (let i = s; i < e; i++) {
    const c = t.charCodeAt(i);
    if (!isDigit(c) && !(c === 46 && isDigit(t.charCodeAt(i + 1)))) return false;
  }
  return true;
}

function isRoman(t: string, s: number, e: number): boolean {
  if (e - s > 4) return false;
  for (let i = s; i < e; i++) {
    const c = t.charCodeAt(i);
    if (c !== 73 && c !== 86 && c !== 88) return false; // I V X
  }
  return true;
}

/**
 * Sentence boundaries of `text[start, end)` as flat [start, end, start, end, ...]
 * offsets (into `text`), appended to `out`. The allocation-light form.
 */
export function sentenceOffsets(
  text: string,
  start = 0,
  end = text.length,
  options: SentenceOptions = {},
  out: number[] = [],
): number[] {
  const lc = options.lowercase ?? 'auto';
  const lower = lc === 'auto' ? looksLowercased(text, start, end) : lc;
  new Scanner(text, end, lower, out).scan(start);
  return out;
}

/** Sentences of `text[start, end)`: ordered, non-overlapping, trimmed spans into `text`. */
export function sentenceSpans(
  text: string,
  start = 0,
  end = text.length,
  options: SentenceOptions = {},
): Span[] {
  const flat = sentenceOffsets(text, start, end, options);
  const spans: Span[] = [];
  for (let k = 0; k < flat.length; k += 2) spans.push({ start: flat[k]!, end: flat[k + 1]! });
  return spans;
}
