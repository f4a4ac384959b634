/**
 * What an element's class/id/itemprop names say about it (content, furniture,
 * caption, byline, ...), found in one pass over the names.
 *
 * The vocabulary is that of Readability and trafilatura, written as literal words,
 * each with the boundary its pattern asks for. It is the same judgement as testing
 * the name string with one case-insensitive regex per category (the regexes are
 * spelled out in test/layout/html/class-hints.test.ts, which checks the two agree
 * on every string it generates), but a fresh process meets some 15,000 distinct
 * class/id strings on 121 pages, and their ten regex scans each were the largest
 * single item of its first pass (docs/DECISIONS.md (layout-fresh)). The words are
 * indexed by their first two characters, so that at most positions of a string
 * nothing is compared at all.
 *
 * Why one pass over words is the same judgement: no word of the vocabulary holds
 * white space, and the boundaries a word asks for (a word boundary, or a `_`/`-`/
 * white space/end delimiter) read the same at the edge of a name as at white
 * space. So a pattern matches the string exactly when it matches one of its
 * white-space separated names; the names are judged one by one and the verdicts
 * or'ed. Case folding is ASCII-only, as in a regex without the `u` flag.
 */

import { isRegexSpace } from '../patterns.js';

/** Categories (bits). */
export const HINT = {
  /** Content-like: article, body, content, post, story, ... */
  positive: 1,
  /** Furniture-like: comment, footer, sidebar, share, nav, ad, ... */
  negative: 2,
  /** Furniture that is not story text wherever it stands: comments, sharing, ads, promos, related links. */
  junk: 4,
  /** An embedded post (tweet, Instagram): content whatever else the name says. */
  embed: 8,
  caption: 16,
  byline: 32,
  related: 64,
  comment: 128,
  highlights: 256,
  dateline: 512,
  /**
   * Set with `junk` when the names, judged one by one, hold a junk-only name and no
   * name that is content-like only: as in Readability, "content-with-sidebar"
   * does not count against the element.
   */
  junkName: 1024,
} as const;

/**
 * The boundary a word asks for at each end. Plain numbers, not a TypeScript enum: an
 * enum member is a property load, and one in a branch no page had reached yet
 * deoptimised the optimised judge the first time a page reached it.
 */
const Edge = {
  /** Nothing asked. */
  Any: 0,
  /** `\b`: a word character on one side only. */
  Word: 1,
  /** `(?:^|[\s_-])` before, `(?:$|[\s_-])` after. */
  Delimiter: 2,
} as const;
type Edge = (typeof Edge)[keyof typeof Edge];
const EDGE_ANY: Edge = Edge.Any;
const EDGE_WORD: Edge = Edge.Word;

interface Entry {
  word: string;
  left: Edge;
  right: Edge;
  bits: number;
}

/**
 * A vocabulary word as the judge reads it: its character codes (a typed array read, not a
 * string's charCodeAt, which TurboFan lowers to a walk over every string representation
 * at each site), its first and last character for the edges, its edges and categories.
 */
interface Word {
  codes: Uint8Array;
  head: number;
  tail: number;
  left: Edge;
  right: Edge;
  bits: number;
}

/** `-?` in a word: both spellings. */
function spellings(word: string): string[] {
  const at = word.indexOf('-?');
  if (at < 0) return [word];
  return spellings(word.slice(0, at) + word.slice(at + 2)).concat(
    spellings(word.slice(0, at) + '-' + word.slice(at + 2)),
  );
}

/**
 * One category's words. A word may be written `\bword\b` (word boundaries), with
 * `-?` (optional hyphen) and with a trailing `s?` (optional plural).
 */
function words(bits: number, list: string, edges: Edge = Edge.Any): Entry[] {
  const out: Entry[] = [];
  for (let w of list.split('|')) {
    let left: Edge = edges;
    let right: Edge = edges;
    if (w.startsWith('\\b')) {
      left = Edge.Word;
      w = w.slice(2);
    }
    if (w.endsWith('\\b')) {
      right = Edge.Word;
      w = w.slice(0, -2);
    }
    const plural = w.endsWith('s?');
    const stems = spellings(plural ? w.slice(0, -2) : w);
    for (const s of stems) {
      out.push({ word: s, left, right, bits });
      if (plural) out.push({ word: `${s}s`, left, right, bits });
    }
  }
  return out;
}

const VOCABULARY: Entry[] = [
  ...words(HINT.positive, 'article|body|content|entry|main|page|post|text|blog|story|prose|rich-?text'),
  ...words(
    HINT.negative,
    'comment|combx|contact|foot|masthead|outbrain|taboola|promo|related|sidebar|sponsor|shopping|widget|share|sharing|social|newsletter|subscri|signup|sign-up|nav|menu|breadcrumb|cookie|consent|banner|advert|\\bads?\\b|ad-|-ad\\b|popup|modal|recommend|trending|popular|most-read|disclaimer|tags?\\b|toolbar|pagination|paywall|rating|jump-?link',
  ),
  ...words(
    HINT.junk,
    'comment|disqus|share|sharing|social|newsletter|subscri|signup|sign-up|advert|\\bads?\\b|ad-slot|ad-container|adunit|dfp|outbrain|taboola|promo|recommend|trending|popular|most-read|breadcrumb|cookie|consent|paywall|related|read-?more|more-stories|jump-?link|toolbar|rating|sidebar|modal|popup',
  ),
  ...words(HINT.embed, 'embed|tweet|instagram-media|tiktok-embed'),
  ...words(HINT.caption, 'caption|credit|wp-caption|photo-?desc|image-?desc|media-?desc'),
  ...words(
    HINT.byline,
    'byline|author|writer|contributor|dateline|timestamp|publish|posted|article-?date|post-?date|\\bdate\\b|\\bmeta\\b',
  ),
  ...words(HINT.related, 'related|read-?more|more-stories|also-?read|see-?also|recirc'),
  ...words(HINT.comment, 'comments?|disqus|respond|replies', Edge.Delimiter),
  ...words(HINT.highlights, 'highlights|key-?points|takeaways|tldr'),
  ...words(HINT.dateline, 'dateline'),
];

/**
 * The vocabulary by its first two characters (lower case ASCII; index c0 * 128 + c1):
 * at most positions of a name no word starts, and that is one array read.
 * Same word and edges merged, categories or'ed.
 */
const BY_PAIR: (Word[] | undefined)[] = new Array(128 * 128).fill(undefined);
{
  const merged = new Map<number, Entry[]>();
  for (const e of VOCABULARY) {
    const key = e.word.charCodeAt(0) * 128 + e.word.charCodeAt(1);
    const bucket = merged.get(key) ?? [];
    merged.set(key, bucket);
    const same = bucket.find((x) => x.word === e.word && x.left === e.left && x.right === e.right);
    if (same) same.bits |= e.bits;
    else bucket.push({ ...e });
  }
  for (const [key, bucket] of merged) {
    BY_PAIR[key] = bucket.map((e) => ({
      codes: Uint8Array.from(e.word, (c) => c.charCodeAt(0)),
      head: e.word.charCodeAt(0),
      tail: e.word.charCodeAt(e.word.length - 1),
      left: e.left,
      right: e.right,
      bits: e.bits,
    }));
  }
}

/** Per ASCII code: the character folded to lower case (no other character folds to ASCII without the `u` flag). */
const LOWER = new Uint8Array(128);
for (let c = 0; c < 128; c++) LOWER[c] = c >= 65 && c <= 90 ? c | 0x20 : c;

/** `\w` without the `u` flag: ASCII letters, digits and `_`. */
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** `\s`, with the common ASCII cases answered inline. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c >= 0xa0 && isRegexSpace(c));
}

/**
 * Whether the edge asked for holds at one end of a word: `outside` is the string's
 * character beside the word (-1 past either end of the string), `inside` the word's own
 * character at that end. A name's edge is white space or the end of the string, which is
 * neither a word character nor inside any word, so the whole string can be read as is.
 * The word's character stands for the string's: they are equal but for ASCII case, which
 * changes neither `\w` nor the delimiters.
 */
function edgeHolds(edge: Edge, outside: number, inside: number): boolean {
  if (edge === EDGE_ANY) return true;
  if (edge === EDGE_WORD) return isWordChar(outside) !== isWordChar(inside);
  // Delimiter: the edge of the name (white space or the string's end), or `_` / `-` beside the word.
  return outside < 0 || outside === 95 || outside === 45 || isSpace(outside);
}

/** Whether s from `at` spells the word `w` (its first two characters already matched), ASCII case folded. */
function spellsFrom(s: string, at: number, w: Uint8Array): boolean {
  for (let k = 2; k < w.length; k++) {
    const c = s.charCodeAt(at + k);
    if (c >= 128 || LOWER[c] !== w[k]) return false;
  }
  return true;
}

/**
 * The categories a class/id/itemprop string names (HINT bits), its names judged one
 * by one: one pass over the string, a name's categories collected until the white
 * space that ends it.
 */
// Plain numbers for the loop below: a property load of HINT in a branch not yet taken has no
// type feedback and deoptimised the optimised loop when a page first took it.
const JUNK: number = HINT.junk;
const JUNK_NAME: number = HINT.junkName;
const CONTENT_LIKE: number = HINT.positive | HINT.embed;

export function hintBits(hint: string): number {
  let bits = 0;
  let name = 0;
  let junk = false;
  let contentOnly = false;
  const n = hint.length;
  // One step past the end, read as a space, ends the last name inside the loop. rm, r0, r1:
  // the characters at i - 1 (-1 before the start), i and i + 1 (the edges read rm, not the string).
  let r0 = -1;
  let r1 = n > 0 ? hint.charCodeAt(0) : 32;
  for (let i = 0; i <= n; i++) {
    const rm = r0;
    r0 = r1;
    r1 = i + 1 < n ? hint.charCodeAt(i + 1) : 32;
    if (isSpace(r0)) {
      if (name !== 0) {
        bits |= name;
        const j = (name & JUNK) !== 0;
        const p = (name & CONTENT_LIKE) !== 0;
        if (p && !j) contentOnly = true;
        else if (j && !p) junk = true;
        name = 0;
      }
      continue;
    }
    if (r0 >= 128 || r1 >= 128) continue;
    const bucket = BY_PAIR[LOWER[r0]! * 128 + LOWER[r1]!];
    if (bucket === undefined) continue;
    for (let b = 0; b < bucket.length; b++) {
      const e = bucket[b]!;
      const stop = i + e.codes.length;
      if (stop > n || (name & e.bits) === e.bits || !spellsFrom(hint, i, e.codes)) continue;
      if (
        edgeHolds(e.left, rm, e.head) &&
        edgeHolds(e.right, stop < n ? hint.charCodeAt(stop) : -1, e.tail)
      ) {
        name |= e.bits;
      }
    }
  }
  // One `|` that always runs (a `|=` in a branch first taken on a later page deoptimised the loop).
  return bits | (junk && !contentOnly ? JUNK_NAME : 0);
}
