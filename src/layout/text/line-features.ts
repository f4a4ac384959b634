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
  );
  return names;
}

const END_SENTENCE = /[.!?…"”'’)\]。！？」』）]$/;
const SEPARATOR = /[|•·›»]/;
const BULLET = /^(?:[-*•–—▪►]\s|\d{1,3}[.)]\s|[a-z][.)]\s)/i;
const LINK_LIKE = /(?:https?:\/\/|www\.|@\w|\.com\b|\.org\b|#\w)/i;

/** The look of one line alone, written into `out` at `at`. */
function ownFeatures(page: PageLines, i: number, repeats: number, out: Float64Array, at: number): void {
  const l = page.lines[i]!;
  const t = l.text;
  let digits = 0;
  let symbols = 0;
  let commas = 0;
  for (let k = 0; k < t.length; k++) {
    const c = t.charCodeAt(k);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 44) commas++;
    else if (c > 32 && c < 127 && !((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) symbols++;
  }
  const chars = Math.max(1, t.length);
  const tokens = t.split(/\s+/);
  let stops = 0;
  let caps = 0;
  for (const w of tokens) {
    const lw = w.toLowerCase().replace(/[^\p{L}]/gu, '');
    if (STOP_WORDS.has(lw)) stops++;
    const c0 = w.charCodeAt(0);
    if (c0 >= 65 && c0 <= 90) caps++;
  }
  const n = Math.max(1, tokens.length);
  let j = at;
  out[j++] = Math.log1p(l.words);
  out[j++] = Math.log1p(t.length);
  out[j++] = page.isProse(i) ? 1 : 0;
  out[j++] = END_SENTENCE.test(t) ? 1 : 0;
  out[j++] = t.endsWith(':') ? 1 : 0;
  out[j++] = l.words >= 10 ? 1 : 0;
  out[j++] = l.words <= 2 ? 1 : 0;
  out[j++] = commas / n;
  out[j++] = stops / n;
  out[j++] = caps / n;
  out[j++] = digits / chars;
  out[j++] = symbols / chars;
  for (const k of NAMED_KINDS) out[j++] = page.named[i] === k ? 1 : 0;
  out[j++] = COMMENT_MARKER.test(t) ? 1 : 0;
  out[j++] = page.highlight[i] ? 1 : 0;
  out[j++] = SEPARATOR.test(t) ? 1 : 0;
  out[j++] = BULLET.test(t) ? 1 : 0;
  out[j++] = LINK_LIKE.test(t) ? 1 : 0;
  out[j++] = repeats > 1 ? 1 : 0;
}

/** The features of every line of a page, one row per line (row-major, LINE_FEATURE_NAMES.length wide). */
export function lineFeatures(page: PageLines): Float64Array {
  const n = page.lines.length;
  const width = LINE_FEATURE_NAMES.length;
  const out = new Float64Array(n * width);
  const counts = new Map<string, number>();
  for (const l of page.lines) counts.set(l.text, (counts.get(l.text) ?? 0) + 1);

  // The look of each line alone, computed once, then copied into its neighbours' rows.
  const own = new Float64Array(n * OWN);
  for (let i = 0; i < n; i++) ownFeatures(page, i, counts.get(page.lines[i]!.text)!, own, i * OWN);

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
  const longRun = new Float64Array(n);
  for (let i = 0; i < n; ) {
    if (page.lines[i]!.words < 10) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && page.lines[j]!.words >= 10) j++;
    for (let k = i; k < j; k++) longRun[k] = j - i;
    i = j;
  }
  const hasRun = page.runEnd >= page.runStart;
  const runLines = hasRun ? page.runEnd - page.runStart + 1 : 0;
  const total = proseWords[n]!;

  for (let i = 0; i < n; i++) {
    const row = i * width;
    out.set(own.subarray(i * OWN, (i + 1) * OWN), row);
    let j = row + OWN;
    for (const o of NEIGHBOUR_OFFSETS) {
      const k = i + o;
      if (k >= 0 && k < n) out.set(own.subarray(k * OWN, (k + 1) * OWN), j);
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
  }
  return out;
}
