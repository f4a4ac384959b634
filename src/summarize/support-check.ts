/**
 * Checks a generated highlight against the article it summarises: every number it
 * states and every name it mentions must occur in the article. A failure is not an
 * error: the item is kept and its problems listed (`unsupported`), so that a reader
 * or a later filter can decide. Matching ignores case and thousands separators, so
 * that it also works on lower-cased text ("Obama" is found in "obama said").
 */

/** Numbers as written: 1,200 / 3.5 / 45 (a trailing sentence period is not part of one). */
const NUMBER_RE = /\d+(?:[.,]\d+)*/g;

/**
 * Names: capitalised words not at the start of the item or of a sentence in it,
 * runs of them kept together ("New York", "Joseph Dunford"); all-capital words (NATO)
 * count too.
 */
const WORD_RE = /[\p{L}\p{N}][\p{L}\p{N}'\u2019-]*/gu;

/** Capitalised words that are usually not names when they open a clause. */
const COMMON_CAPITALISED = new Set(
  'I A An The This That These Those It He She They We You His Her Their Our But And Or If In On At By For With From As After Before When While Mr Mrs Ms Dr'.split(
    ' ',
  ),
);

function normaliseNumber(n: string): string {
  return n.replace(/,/g, '');
}

/** The numbers of a text, normalised (no thousands separators). */
export function numbersIn(text: string): string[] {
  return [...text.matchAll(NUMBER_RE)].map((m) => normaliseNumber(m[0]));
}

/** The names (runs of capitalised words, not sentence-initial) of a generated item. */
export function namesIn(text: string): string[] {
  const names: string[] = [];
  let run: string[] = [];
  let sentenceStart = true;
  let lastEnd = 0;
  const flush = () => {
    if (run.length) names.push(run.join(' '));
    run = [];
  };
  for (const m of text.matchAll(WORD_RE)) {
    // A possessive is the name itself (tokenized text writes "obama 's").
    const word = m[0].replace(/['\u2019]s$/, '');
    const between = text.slice(lastEnd, m.index);
    if (/[.!?:;]/.test(between) || /["\u201c(]/.test(between)) {
      flush();
      if (/[.!?:]/.test(between)) sentenceStart = true;
    } else if (/[,\u2014\u2013]/.test(between)) flush();
    lastEnd = m.index + m[0].length;
    const capitalised = /^\p{Lu}/u.test(word);
    if (capitalised && !sentenceStart && !COMMON_CAPITALISED.has(word)) run.push(word);
    else if (capitalised && sentenceStart && !COMMON_CAPITALISED.has(word) && /\p{Lu}{2,}/u.test(word))
      run.push(word);
    else flush();
    sentenceStart = false;
  }
  flush();
  return names;
}

/** Lower-cased, with thousands separators and runs of space removed, for matching. */
function normaliseText(text: string): string {
  return text
    .toLowerCase()
    .replace(/(\d),(?=\d{3})/g, '$1')
    .replace(/\s+/g, ' ');
}

function occurs(haystack: string, needle: string, isNumber: boolean): boolean {
  const escaped = needle.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // Whole words (a number must not match inside a longer one: 4 is not in 45).
  const re = isNumber
    ? new RegExp(`(?<![\\d.])${escaped}(?![\\d]|\\.\\d)`)
    : new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u');
  return re.test(haystack);
}

/**
 * The problems of a generated item against the article text: each number and name
 * that does not occur there. Empty when the item is supported. A name of several
 * words is supported when each of its words occurs (the article may say
 * "Joseph Dunford" in one place and "Dunford" in another).
 */
export function unsupportedClaims(item: string, articleText: string): string[] {
  const hay = normaliseText(articleText);
  const problems: string[] = [];
  for (const n of new Set(numbersIn(item))) {
    if (!occurs(hay, n, true)) problems.push(`number "${n}" is not in the article`);
  }
  for (const name of new Set(namesIn(item))) {
    const words = name.split(' ').filter((w) => !occurs(hay, w, false));
    if (words.length) problems.push(`name "${name}" is not in the article`);
  }
  return problems;
}
