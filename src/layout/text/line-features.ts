/**
 * Per-line features of a text dump for the learned line classifier
 * (models/layout-text/): what a line looks like (length, punctuation, stop
 * words, capitals, furniture wording), where it stands (position in the page,
 * inside or near the densest prose run the rules find, before or after readers'
 * comments) and what its neighbours look like. The same function feeds training
 * (scripts/layout-text-train.ts) and the runtime, so the two cannot drift apart.
 */
import type { BlockKind } from '../../article/types.js';
import { COMMENT_MARKER } from '../patterns.js';

/** What the rules found on a page, which the features describe. */
export interface PageLines {
  lines: readonly { text: string; words: number }[];
  /** Furniture named by wording alone (line-kinds.ts), per line. */
  named: readonly (BlockKind | undefined)[];
  /** Lines of the page's own highlights box. */
  highlight: readonly boolean[];
  /** The densest prose run the rules find (inclusive bounds; end < start when none). */
  runStart: number;
  runEnd: number;
  /** First comment marker after prose (lines.length when none). */
  commentsFrom: number;
  isProse: (i: number) => boolean;
}

/** A short list of very common function words of English and a few other languages, lowercase. */
const STOP_WORDS = new Set(
  (
    'a an the and or but if of to in on at by for with from as is are was were be been being it its this that these those ' +
    'he she they we you i his her their our your my him them us not no so than then there here what which who whom whose ' +
    'when where why how all any each some more most other such only own same can will would should could may might must ' +
    'has have had do does did into over after before about against between through during under again further once also ' +
    'der die das und ist nicht ein eine zu den mit von le la les et est un une des du en que qui dans pour pas el los las ' +
    'y es por con para una il di che è per non'
  ).split(' '),
);

const MAX_STOP_WORD = 7;
/** Characters of a line its shares (digits, symbols, commas, stop words, capitals) are read on. */
const SAMPLE = 300;
/** No comment marker ("Jane on May 3, 2019 at 4:47 pm said:") is longer than this: longer lines skip the pattern. */
const MAX_MARKER = 200;
export const isCommentMarker = (s: string): boolean => s.length <= MAX_MARKER && COMMENT_MARKER.test(s);
/** Latin letters and anything beyond ASCII (accented letters, other scripts). */
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c >= 0xc0;

/** A word of ASCII letters as a number (base 27, exact up to MAX_STOP_WORD letters): stop words are looked up without building strings. */
function asciiCode(t: string, a: number, b: number): number {
  let code = 0;
  for (let k = a; k < b; k++) {
    let c = t.charCodeAt(k);
    if (c >= 65 && c <= 90) c += 32;
    if (c < 97 || c > 122) return -1;
    code = code * 27 + (c - 96);
  }
  return code;
}
const STOP_CODES = new Set([...STOP_WORDS].map((w) => asciiCode(w, 0, w.length)).filter((c) => c >= 0));

function isStopWord(t: string, a: number, b: number): boolean {
  const code = asciiCode(t, a, b);
  return code >= 0 ? STOP_CODES.has(code) : STOP_WORDS.has(t.slice(a, b).toLowerCase());
}

const NAMED_KINDS: readonly BlockKind[] = [
  'byline',
  'dateline',
  'boilerplate',
  'related',
  'credit',
  'caption',
];

function ownNames(prefix: string): string[] {
  return [
    'logWords',
    'logChars',
    'prose',
    'endSentence',
    'endColon',
    'long',
    'veryShort',
    'commaRate',
    'stopShare',
    'capShare',
    'digitShare',
    'symbolShare',
    ...NAMED_KINDS.map((k) => `named:${k}`),
    'comment',
    'highlight',
    'separator',
    'bullet',
    'linkLike',
    'repeated',
    'sectionWords',
  ].map((n) => `${prefix}${n}`);
}
const OWN = ownNames('').length;
const NEIGHBOUR_OFFSETS = [-1, 1];

/** Names of the features of one line, in order (the model file stores them to check it matches). */
export const LINE_FEATURE_NAMES: readonly string[] = buildNames();

function buildNames(): string[] {
  const names = ownNames('');
  for (const o of NEIGHBOUR_OFFSETS) names.push(...ownNames(`n${o}:`), `n${o}:missing`);
  names.push(
    'position',
    'inRun',
    'beforeRun',
    'afterRun',
    'logRunDistance',
    'runShareOfPage',
    'afterComments',
    'proseWords5',
    'proseWords15',
    'proseShare5',
    'proseShare15',
    'longRun',
    'logPageLines',
    'logPageProseWords',
    'proseBefore',
    'proseAfter',
    'headlinesBefore8',
    'headlinesAfter8',
    'teasersAfter8',
    'namedBefore8',
    'namedAfter8',
    'datesAfter8',
    'logWordsSinceChrome',
    'logWordsToChrome',
    'runShareBefore',
    'logHeadlineRun',
    'logShortRun',
  );
  return names;
}

/** A last-character check (a `/[…]$/` regex tries every position of a long line). */
export const endsWith = (chars: ReadonlySet<string>, s: string): boolean =>
  s.length > 0 && chars.has(s[s.length - 1]!);
const END_SENTENCE = new Set('.!?…"”\'’)]。！？」』）');
const endsSentence = (s: string): boolean => endsWith(END_SENTENCE, s);
const SEPARATOR = /[|•·›»]/;
const BULLET = /^(?:[-*•–—▪►]\s|\d{1,3}[.)]\s|[a-z][.)]\s)/i;
/** Words of headings over lists of other stories, anywhere in a short line ("Most read in World", "Latest videos"). */
const SECTION_WORDS =
  /\b(?:most (?:read|popular|viewed|shared|commented)|latest|trending|related|recommended|popular|videos?|more (?:from|on|in|stories|news|articles)|you may also|editor'?s picks|top stories|newsletter|sponsored|partner)\b/i;
const LINK_LIKE = /(?:https?:\/\/|www\.|@\w|\.com\b|\.org\b|#\w)/i;

/** The look of one line alone, written into `out` at `at`. */
function ownFeatures(page: PageLines, i: number, repeats: number, out: Float64Array, at: number): void {
  const l = page.lines[i]!;
  const t = l.text;
  // Shares are read on the first SAMPLE characters: enough to tell prose from chrome, and
  // the cost of a line stays bounded however long it is.
  const end = Math.min(t.length, SAMPLE);
  let digits = 0;
  let symbols = 0;
  let commas = 0;
  let tokens = 0;
  let stops = 0;
  let caps = 0;
  let start = -1; // start of the current token
  for (let k = 0; k <= end; k++) {
    const c = k < end ? t.charCodeAt(k) : 32;
    if (c <= 32) {
      if (start >= 0) {
        tokens++;
        const c0 = t.charCodeAt(start);
        if (c0 >= 65 && c0 <= 90) caps++;
        // Stop words, compared without edge punctuation.
        let a = start;
        let b = k;
        while (a < b && !isLetter(t.charCodeAt(a))) a++;
        while (b > a && !isLetter(t.charCodeAt(b - 1))) b--;
        if (b > a && b - a <= MAX_STOP_WORD && isStopWord(t, a, b)) stops++;
        start = -1;
      }
      continue;
    }
    if (start < 0) start = k;
    if (c >= 48 && c <= 57) digits++;
    else if (c === 44) commas++;
    else if (c < 127 && !((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) symbols++;
  }
  const chars = Math.max(1, end);
  const n = Math.max(1, tokens);
  let j = at;
  out[j++] = Math.log1p(l.words);
  out[j++] = Math.log1p(t.length);
  out[j++] = page.isProse(i) ? 1 : 0;
  out[j++] = endsSentence(t) ? 1 : 0;
  out[j++] = t.endsWith(':') ? 1 : 0;
  out[j++] = l.words >= 10 ? 1 : 0;
  out[j++] = l.words <= 2 ? 1 : 0;
  out[j++] = commas / n;
  out[j++] = stops / n;
  out[j++] = caps / n;
  out[j++] = digits / chars;
  out[j++] = symbols / chars;
  for (const k of NAMED_KINDS) out[j++] = page.named[i] === k ? 1 : 0;
  out[j++] = isCommentMarker(t) ? 1 : 0;
  out[j++] = page.highlight[i] ? 1 : 0;
  out[j++] = SEPARATOR.test(t) ? 1 : 0;
  out[j++] = BULLET.test(t) ? 1 : 0;
  out[j++] = LINK_LIKE.test(t) ? 1 : 0;
  out[j++] = repeats > 1 ? 1 : 0;
  out[j++] = l.words <= 6 && SECTION_WORDS.test(t) ? 1 : 0;
}

/** For each line, the length of the run of consecutive lines with `is` it sits in (0 when it is not one). */
function runLengths(n: number, is: (k: number) => boolean): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; ) {
    if (!is(i)) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && is(j)) j++;
    out.fill(j - i, i, j);
    i = j;
  }
  return out;
}

/** The features of every line of a page, one row per line (row-major, LINE_FEATURE_NAMES.length wide). */
export function lineFeatures(page: PageLines): Float64Array {
  const n = page.lines.length;
  const width = LINE_FEATURE_NAMES.length;
  const out = new Float64Array(n * width);
  // Lines that repeat on the page (a headline in a list and over the story, a menu twice), keyed
  // cheaply: short lines whole, long ones by their length and ends.
  const keys: string[] = [];
  for (const l of page.lines)
    keys.push(
      l.text.length <= 80 ? l.text : `${l.text.length}\u0001${l.text.slice(0, 40)}\u0001${l.text.slice(-20)}`,
    );
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);

  // The look of each line alone, computed once, then copied into its neighbours' rows.
  const own = new Float64Array(n * OWN);
  for (let i = 0; i < n; i++) ownFeatures(page, i, counts.get(keys[i]!)!, own, i * OWN);

  // Prose words before each line (prefix sums), for window densities.
  const proseWords = new Float64Array(n + 1);
  const proseLines = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const p = page.isProse(i) && !page.named[i];
    proseWords[i + 1] = proseWords[i]! + (p ? page.lines[i]!.words : 0);
    proseLines[i + 1] = proseLines[i]! + (p ? 1 : 0);
  }
  const window = (i: number, r: number, a: Float64Array) =>
    a[Math.min(n, i + r + 1)]! - a[Math.max(0, i - r)]!;
  // Length of the run of long lines (≥ 10 words) each line sits in.
  const longRun = runLengths(n, (k) => page.lines[k]!.words >= 10);
  // Headline-like lines (a title's shape: 4-20 words, no final punctuation, not named furniture)
  // and teasers (such a line followed by one sentence): lists of other stories.
  const headline = new Float64Array(n + 1);
  const teaser = new Float64Array(n + 1);
  const namedLine = new Float64Array(n + 1);
  const dated = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const l = page.lines[i]!;
    const h = !page.named[i] && l.words >= 4 && l.words <= 20 && !endsSentence(l.text);
    const next = page.lines[i + 1];
    const t = h && next !== undefined && !page.named[i + 1] && endsSentence(next.text) && next.words < 60;
    headline[i + 1] = headline[i]! + (h ? 1 : 0);
    teaser[i + 1] = teaser[i]! + (t ? 1 : 0);
    namedLine[i + 1] = namedLine[i]! + (page.named[i] ? 1 : 0);
    dated[i + 1] = dated[i]! + (page.named[i] === 'byline' ? 1 : 0);
  }
  // Consecutive headline-like lines (a list of other stories) and consecutive short lines (a menu).
  const headlineRun = runLengths(n, (k) => headline[k + 1]! > headline[k]!);
  const shortRun = runLengths(n, (k) => page.lines[k]!.words < 4);
  const before = (i: number, r: number, a: Float64Array) => a[i]! - a[Math.max(0, i - r)]!;
  const after = (i: number, r: number, a: Float64Array) =>
    a[Math.min(n, i + 1 + r)]! - a[Math.min(n, i + 1)]!;
  // Words of story-like lines since the last chrome line (short or named) and until the next one.
  const chrome = (k: number) => page.named[k] !== undefined || page.lines[k]!.words < 4;
  const sinceChrome = new Float64Array(n);
  const toChrome = new Float64Array(n);
  for (let i = 0, acc = 0; i < n; i++) {
    acc = chrome(i) ? 0 : acc + page.lines[i]!.words;
    sinceChrome[i] = acc;
  }
  for (let i = n - 1, acc = 0; i >= 0; i--) {
    acc = chrome(i) ? 0 : acc + page.lines[i]!.words;
    toChrome[i] = acc;
  }
  const hasRun = page.runEnd >= page.runStart;
  const runWords = hasRun ? proseWords[page.runEnd + 1]! - proseWords[page.runStart]! : 0;
  const runLines = hasRun ? page.runEnd - page.runStart + 1 : 0;
  const total = proseWords[n]!;

  for (let i = 0; i < n; i++) {
    const row = i * width;
    for (let f = 0; f < OWN; f++) out[row + f] = own[i * OWN + f]!;
    let j = row + OWN;
    for (const o of NEIGHBOUR_OFFSETS) {
      const k = i + o;
      if (k >= 0 && k < n) for (let f = 0; f < OWN; f++) out[j + f] = own[k * OWN + f]!;
      else out[j + OWN] = 1;
      j += OWN + 1;
    }
    const inRun = hasRun && i >= page.runStart && i <= page.runEnd;
    const distance = !hasRun ? n : inRun ? 0 : i < page.runStart ? page.runStart - i : i - page.runEnd;
    out[j++] = n > 1 ? i / (n - 1) : 0;
    out[j++] = inRun ? 1 : 0;
    out[j++] = hasRun && i < page.runStart ? 1 : 0;
    out[j++] = hasRun && i > page.runEnd ? 1 : 0;
    out[j++] = Math.log1p(distance);
    out[j++] = n ? runLines / n : 0;
    out[j++] = i >= page.commentsFrom ? 1 : 0;
    out[j++] = Math.log1p(window(i, 5, proseWords));
    out[j++] = Math.log1p(window(i, 15, proseWords));
    out[j++] = window(i, 5, proseLines) / 11;
    out[j++] = window(i, 15, proseLines) / 31;
    out[j++] = Math.log1p(longRun[i]!);
    out[j++] = Math.log1p(n);
    out[j++] = Math.log1p(total);
    out[j++] = total ? proseWords[i]! / total : 0;
    out[j++] = total ? (total - proseWords[i + 1]!) / total : 0;
    out[j++] = before(i, 8, headline);
    out[j++] = after(i, 8, headline);
    out[j++] = after(i, 8, teaser);
    out[j++] = before(i, 8, namedLine);
    out[j++] = after(i, 8, namedLine);
    out[j++] = after(i, 8, dated);
    out[j++] = Math.log1p(sinceChrome[i]!);
    out[j++] = Math.log1p(toChrome[i]!);
    out[j++] =
      runWords > 0 ? Math.min(1, Math.max(0, (proseWords[i]! - proseWords[page.runStart]!) / runWords)) : 0;
    out[j++] = Math.log1p(headlineRun[i]!);
    out[j++] = Math.log1p(shortRun[i]!);
  }
  return out;
}
