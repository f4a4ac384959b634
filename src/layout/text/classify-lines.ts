/**
 * Line classification for pages that come as plain text (a saved page, a text
 * dump of a whole web page, a CNN/DM story): each non-blank line gets a block kind.
 *
 * 1. Furniture recognised by wording (dateline, byline, credit, related link,
 *    boilerplate; "Story highlights" and the items under it).
 * 2. The rules' story run: the densest run of prose lines, a maximum-sum run over
 *    line scores (prose lines count for their words, short chrome lines against),
 *    never past readers' comments.
 * 3. Which lines are story text: with the shipped line model (models/layout-text,
 *    line-model.ts), boosted trees over line features (line-features.ts) correct
 *    the rules' run line by line and the story is decoded as few long stretches;
 *    without it, the run is the story.
 * 4. Story lines are paragraphs, or subheadings / related links when short and
 *    worded as one; lines before the story are title/caption/byline, the rest
 *    is boilerplate.
 */
import type { BlockKind } from '../../article/types.js';
import type { LineKind } from '../blocks.js';
import { furnitureKind } from '../line-kinds.js';
import { DAILY_MAIL_PREAMBLE, HIGHLIGHTS_HEADING, RELATED_HEADING, RELATED_PHRASE } from '../patterns.js';
import { readsAsCaption } from './caption-lines.js';
import { endsWith, isCommentMarker, lineFeatures, type PageLines } from './line-features.js';
import { decodeStory, type LineModel, lineScores, shippedLineModel } from './line-model.js';
import { readsAsPromo } from './promo-lines.js';

/** The knobs of the text path, chosen by cross-validation (scripts/layout-text-cv.ts). */
export interface TextParams {
  /** What a short non-prose line costs the run that spans it. */
  chromeCost: number;
  /** What a line opening comments or a list of other stories costs the run. */
  sectionBreak: number;
  /** How much each word of a short line takes off its cost (never past zero). */
  shortWordValue: number;
  /** The line model to use: undefined for the shipped one, null for the rules alone (training and CV pass their own). */
  model?: LineModel | null;
}
export const DEFAULT_TEXT_PARAMS: TextParams = { chromeCost: 15, sectionBreak: 50, shortWordValue: 0 };

/** A line with at least this many words and final punctuation reads as prose. */
const PROSE_WORDS = 10;
/** Subheadings are short. */
const MAX_SUBHEADING_WORDS = 14;
/** Highlights items are one sentence each, and few. */
const MAX_HIGHLIGHT_CHARS = 300;
const MAX_HIGHLIGHTS = 8;

/**
 * A bare "Comment(s)" line is as often a share-bar button between the headline and
 * the story (next to "Tweet", "Share", "Print") as the heading of a thread, so it
 * ends the story only once this many words of prose have been read; a marker that
 * says more ("3 comments", "Leave a reply", "Jane on May 3 said:") ends it after
 * any prose. A standfirst or a copyright line is one prose line of 20-40 words;
 * a story worth commenting on is longer.
 */
const BARE_MARKER_AFTER = 100;
const BARE_COMMENTS = /^comments?$/i;

export interface Line {
  start: number;
  end: number;
  text: string;
  words: number;
}

/** Final punctuation of a sentence or a lead-in (":"). */
const END_PUNCT_CHARS = new Set('.!?…:"”\'’)]。！？」』）');
const endPunct = (s: string): boolean => endsWith(END_PUNCT_CHARS, s);

export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const raw = text.slice(start, end);
    const trimmed = raw.trim();
    if (trimmed) {
      const lead = raw.length - raw.trimStart().length;
      const s = start + lead;
      lines.push({ start: s, end: s + trimmed.length, text: trimmed, words: countWords(trimmed) });
    }
    start = end + 1;
  }
  return lines;
}

/** Words: runs between spaces, and for scripts written without spaces (CJK), one per two characters. */
function countWords(s: string): number {
  let n = 0;
  let cjk = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const space = c <= 32;
    if (!space && !inWord) n++;
    inWord = !space;
    if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af)) cjk++;
  }
  return n + (cjk >> 1);
}

const isProse = (l: Line): boolean => l.words >= PROSE_WORDS && endPunct(l.text);
/** Full stops, not brackets or colons: a line of prose that ends a sentence. */
const SENTENCE_END = new Set('.!?…"”\'’。！？」』');
const isSentence = (l: Line): boolean => l.words >= PROSE_WORDS && endsWith(SENTENCE_END, l.text);

/** Score of a line for the story run: words for prose, a cost for chrome. */
function lineScore(l: Line, named: BlockKind | undefined, p: TextParams): number {
  // Readers' comments and lists of other stories end a story: the run must not reach over them.
  if (isCommentMarker(l.text)) return -p.sectionBreak;
  if (named === 'related' && RELATED_HEADING.test(l.text)) return -p.sectionBreak;
  if (named && named !== 'paragraph') return named === 'boilerplate' ? -p.chromeCost : -1;
  if (isProse(l)) return l.words;
  if (l.words >= PROSE_WORDS) return l.words / 2;
  // Menus are runs of one- and two-word lines; lists and tables in a story have longer ones.
  return Math.min(0, l.words * p.shortWordValue - p.chromeCost);
}

/** Whether each of `kinds` is `kind`, in an array grown by push (see analyseText). */
function flags(kinds: readonly (BlockKind | undefined)[], kind: BlockKind): boolean[] {
  const out: boolean[] = [];
  for (const k of kinds) out.push(k === kind);
  return out;
}

/** What the rules find on a page before deciding: lines, furniture by wording, highlights, the densest prose run. */
export interface TextAnalysis extends PageLines {
  lines: Line[];
  /** Kinds decided so far (furniture by wording, highlights); undefined for the rest. */
  kinds: (BlockKind | undefined)[];
}

export function analyseText(text: string, params: TextParams = DEFAULT_TEXT_PARAMS): TextAnalysis {
  const lines = splitLines(text);
  // Arrays grown by push from empty have one elements kind on every page (map and spread gave
  // packed or holey ones by page, and each new kind deoptimised the compiled readers of the lines).
  const named: (BlockKind | undefined)[] = [];
  const kinds: (BlockKind | undefined)[] = [];
  for (const l of lines) {
    const k = furnitureKind(l.text);
    named.push(k);
    kinds.push(k);
  }

  // Daily Mail preambles in the CNN/DM release sit at the start of the one long line.
  // (The byline part is split off as its own block by the caller: see dailyMailPreambleLength.)

  // The page's own highlights: a heading, then short one-sentence items.
  for (let i = 0; i < lines.length; i++) {
    if (!HIGHLIGHTS_HEADING.test(lines[i]!.text)) continue;
    kinds[i] = 'highlight';
    let taken = 0;
    for (let j = i + 1; j < lines.length && taken < MAX_HIGHLIGHTS; j++) {
      const l = lines[j]!;
      if (named[j] || l.text.length > MAX_HIGHLIGHT_CHARS) break;
      kinds[j] = 'highlight';
      taken++;
    }
  }

  // The story run: maximum-sum contiguous run of line scores (Kadane).
  let bestSum = 0;
  let bestStart = 0;
  let bestEnd = -1;
  let sum = 0;
  let runStart = 0;
  // Readers' comments come after the story: once prose has been seen, the first
  // comment marker ends the lines the story can be taken from (a long thread of
  // replies must not outweigh a short post).
  let limit = lines.length;
  let proseWords = 0;
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.text;
    if (proseWords > 0 && isCommentMarker(t) && (proseWords >= BARE_MARKER_AFTER || !BARE_COMMENTS.test(t))) {
      limit = i;
      break;
    }
    if (!named[i] && isProse(lines[i]!)) proseWords += lines[i]!.words;
  }
  for (let i = 0; i < limit; i++) {
    const s = kinds[i] === 'highlight' ? -1 : lineScore(lines[i]!, named[i], params);
    if (sum <= 0) {
      sum = s;
      runStart = i;
    } else sum += s;
    if (sum > bestSum) {
      bestSum = sum;
      bestStart = runStart;
      bestEnd = i;
    }
  }
  return {
    lines,
    named,
    kinds,
    highlight: flags(kinds, 'highlight'),
    runStart: bestStart,
    runEnd: bestEnd,
    commentsFrom: limit,
    isProse: (i) => isProse(lines[i]!),
  };
}

/** Texts shorter than this (non-blank lines) are left to the rules: every benchmark dump but one is longer. */
const MIN_MODEL_LINES = 15;

/** Words a line needs, ending as a sentence does, to be story text in a short text with no prose line. */
const SHORT_SENTENCE_WORDS = 4;

/**
 * The story of a short text none of whose lines is prose by the rules' measure (ten words or more):
 * its sentence-like lines, not furniture. Two short paragraphs given on their own are a story, not a
 * page without one; a few lines of menu words or link titles (no final punctuation) still are not.
 */
function shortSentences(a: TextAnalysis): boolean[] {
  const out: boolean[] = [];
  for (let i = 0; i < a.lines.length; i++) {
    const l = a.lines[i]!;
    out.push(a.kinds[i] === undefined && l.words >= SHORT_SENTENCE_WORDS && /[.!?]["”’')]?$/.test(l.text));
  }
  return out;
}

/** Which lines are story text: the learned line model when there is one, else the rules' densest run. */
function storyLines(a: TextAnalysis, model: LineModel | null): boolean[] {
  const n = a.lines.length;
  const run = () => a.lines.map((_, i) => i >= a.runStart && i <= a.runEnd);
  // The model learnt whole web pages; a short text is a story with a few lines of furniture at most.
  if (!model || n < MIN_MODEL_LINES) {
    const story = run();
    return story.includes(true) ? story : shortSentences(a);
  }
  const scores = lineScores(model, lineFeatures(a), n);
  const neutral = a.kinds.map((k) => k !== undefined);
  // As for the rules: readers' comments come after the story, so the story never reaches past their marker.
  for (let i = a.commentsFrom; i < n; i++) scores[i] = Number.NEGATIVE_INFINITY;
  const story = decodeStory(
    scores,
    a.lines.map((l) => l.words),
    neutral,
    model.threshold,
    model.switchCost,
    model.gapCost ?? 0,
  );
  // No stretch worth a story by the model: the rules' run rather than no body at all.
  return story.includes(true) ? story : run();
}

export function classifyTextLines(text: string, params: TextParams = DEFAULT_TEXT_PARAMS): LineKind[] {
  const a = analyseText(text, params);
  const { lines, kinds } = a;
  const model = params.model === undefined ? shippedLineModel() : params.model;
  const story = storyLines(a, model);
  peelPromos(lines, story);
  const listed = continueLeadIns(a, story);
  let first = story.indexOf(true);
  if (first < 0) first = lines.length;

  topOfPage(lines, kinds);
  const out: LineKind[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    let kind = kinds[i];
    if (!kind) {
      // A photo caption inside the story reads like a paragraph but for its opening or credit.
      if (story[i] && readsAsCaption(l.text)) kind = 'caption';
      else if (listed[i]) kind = 'list';
      else if (story[i]) kind = model ? storyKind(l, lines[i + 1]) : insideKind(l, lines[i + 1]);
      else if (i < first) kind = beforeKind(l, i, kinds);
      else kind = 'boilerplate';
    }
    kinds[i] = kind;
    out.push({ start: l.start, end: l.end, kind, group: -1 });
  }
  return out;
}

/**
 * Calls to action ("Sign up for our daily newsletter") that stand at either end of a
 * stretch of story lines are not story: sites put them just before or after the
 * story, where the stretch's decoding cannot tell them from a closing sentence.
 * Inside a stretch, a sentence about subscribing is the story's own.
 */
function peelPromos(lines: readonly Line[], story: boolean[]): void {
  for (let i = 0; i < lines.length; i++) {
    if (!story[i]) continue;
    let j = i;
    while (j < lines.length && story[j]) j++;
    let a = i;
    let b = j - 1;
    while (a <= b && readsAsPromo(lines[a]!.text)) story[a++] = false;
    while (b >= a && readsAsPromo(lines[b]!.text)) story[b--] = false;
    i = j;
  }
}

/**
 * A story paragraph that ends with a colon announces what follows ("Here are the
 * deals worth having:"): the short lines after it are the story's list, whatever
 * the line model makes of one-line items, up to the first line named by wording
 * (a related-stories heading, a byline, boilerplate), readers' comments, or a
 * sentence of prose (the story resuming, which the decoding has already judged).
 * Items may be long and end with a bracket or a colon ("3) The box set (Blu-ray)");
 * a line of ten words or more that ends a sentence is not an item.
 * Returns the lines taken this way: they are the story's list items.
 */
function continueLeadIns(a: TextAnalysis, story: boolean[]): boolean[] {
  const { lines, kinds } = a;
  const listed = new Array<boolean>(lines.length).fill(false);
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!story[i] || story[i + 1] || !lines[i]!.text.endsWith(':') || !isProse(lines[i]!)) continue;
    let j = i + 1;
    for (; j < a.commentsFrom && !story[j] && !kinds[j] && !isSentence(lines[j]!); j++)
      story[j] = listed[j] = true;
    i = j - 1;
  }
  return listed;
}

/** A line the model calls story text: a paragraph, or a subheading or related link when short and worded as one. */
function storyKind(l: Line, next: Line | undefined): BlockKind {
  if (isProse(l) || l.words > MAX_SUBHEADING_WORDS || endPunct(l.text)) return 'paragraph';
  if (RELATED_PHRASE.test(l.text)) return 'related';
  return next && (isProse(next) || next.words > MAX_SUBHEADING_WORDS) ? 'subheading' : 'paragraph';
}

function insideKind(l: Line, next: Line | undefined): BlockKind {
  if (isProse(l) || l.words > MAX_SUBHEADING_WORDS) return 'paragraph';
  if (endPunct(l.text) && !l.text.endsWith(':')) return l.words >= 4 ? 'paragraph' : 'boilerplate';
  if (RELATED_PHRASE.test(l.text)) return 'related';
  // A subheading introduces prose; a lone short line between chrome does not.
  if (next && (isProse(next) || next.words > MAX_SUBHEADING_WORDS)) return 'subheading';
  return 'boilerplate';
}

/** Before the story: the title (first short line), a photo caption (a sentence), else boilerplate. */
function beforeKind(l: Line, i: number, kinds: (BlockKind | undefined)[]): BlockKind {
  const firstUnnamed = kinds.slice(0, i).every((k) => k === 'boilerplate' || k === undefined);
  if (!endPunct(l.text) && l.words >= 3 && l.words <= 30 && firstUnnamed && !titleTaken(kinds, i))
    return 'title';
  if (l.words >= 4 && /[.!?]$/.test(l.text)) {
    // A sentence just before a highlights box or a dateline is the photo caption.
    const next = kinds[i + 1];
    if (next === 'highlight' || next === 'dateline' || next === 'byline' || i === 0) return 'caption';
  }
  return 'boilerplate';
}

function titleTaken(kinds: (BlockKind | undefined)[], i: number): boolean {
  for (let j = 0; j < i; j++) if (kinds[j] === 'title') return true;
  return false;
}

/** Length of a Daily Mail "by . author . published : ... | . updated : ... ." preamble opening a line (0 if none). */
export function dailyMailPreambleLength(line: string): number {
  const m = DAILY_MAIL_PREAMBLE.exec(line);
  return m ? m[0].length : 0;
}

/** How far down a page its head (title, caption, highlights, dateline) can reach. */
const HEAD_LINES = 12;

/**
 * The head of a story page: a title (first line, a short line without final
 * punctuation) and, before a highlights box or a dateline, the photo caption.
 */
function topOfPage(lines: Line[], kinds: (BlockKind | undefined)[]): void {
  let anchor = -1; // the first highlights heading or dateline near the top
  for (let i = 0; i < Math.min(lines.length, HEAD_LINES); i++) {
    if (kinds[i] === 'dateline' || (kinds[i] === 'highlight' && HIGHLIGHTS_HEADING.test(lines[i]!.text))) {
      anchor = i;
      break;
    }
  }
  const first = lines[0];
  if (first && !kinds[0] && !endPunct(first.text) && first.words >= 3 && first.words <= 30) {
    const next = lines[1];
    if (
      !next ||
      isProse(next) ||
      kinds[1] === 'dateline' ||
      kinds[1] === 'byline' ||
      next.words > MAX_SUBHEADING_WORDS
    )
      kinds[0] = 'title';
  }
  for (let i = 0; i < anchor; i++) {
    if (kinds[i]) continue;
    kinds[i] = /[.!?”"]$/.test(lines[i]!.text) && lines[i]!.words >= 4 ? 'caption' : 'boilerplate';
  }
}
