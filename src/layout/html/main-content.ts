/**
 * Where the story is on an HTML page: DOM-based scoring of containers, in the
 * manner of Readability (paragraph scores credited to their ancestors, weighted by
 * class/id hints and discounted by link density), then the chosen container's
 * siblings that look like content too. The result is the set of rendered lines
 * that lie in the main content; `classify-html` then says what each line is.
 *
 * Cascade (as trafilatura's): when the first pass finds too little text, the best
 * larger container is taken instead, and as a last resort every paragraph-like
 * line of the page that is not furniture.
 */
import { DEFAULT_PARAMS, type ExtractionParams } from './params.js';
import type { ReferenceMatcher } from './reference-text.js';
import { CTX, type RenderedPage } from './render.js';

/** Lines shorter than this do not vote for a container. */
const MIN_VOTING_LINE = 25;
const LENGTH_CAP = 3;
/** Loose text beside other blocks votes for its own element when it is at least this long (prose, not a date or label). */
const MIXED_PROSE = 150;
/** How much more a line counts when the page's JSON-LD articleBody holds it. */
const REFERENCE_BOOST = 3;
/** How far up a paragraph's score travels (parent, grandparent, then decaying). */
const SCORE_LEVELS = 5;
/** A sibling is kept when its score is at least this share of the best. */
const SIBLING_SHARE = 0.2;
/** Candidates scoring at least this share of the best are alternatives to it. */
const ALTERNATIVE_SHARE = 0.75;
/** How many alternatives must share an ancestor for the ancestor to be taken. */
const MIN_SHARED = 3;

/** Contexts that, met below the chosen container, mark a line as furniture. */
const FURNITURE_CTX = CTX.nav | CTX.footer | CTX.aside | CTX.form | CTX.junk | CTX.comment | CTX.dialog;

const TAG_BONUS: Record<string, number> = {
  div: 5,
  article: 10,
  main: 5,
  section: 2,
  pre: 3,
  td: 3,
  blockquote: 3,
  address: -3,
  ol: -3,
  ul: -3,
  dl: -3,
  dd: -3,
  dt: -3,
  li: -3,
  form: -3,
  h1: -5,
  h2: -5,
  h3: -5,
  h4: -5,
  h5: -5,
  h6: -5,
  th: -5,
  header: -5,
  footer: -10,
  nav: -10,
  aside: -10,
};

export interface MainContent {
  /** Per rendered line: 1 when it lies in the main content. */
  inContent: Uint8Array;
  /** The element chosen as the story's container (-1 when none was found). */
  container: number;
  /** Element subtrees taken as content: the container and the siblings kept beside it. */
  roots: number[];
  /** Each element's content score (0 for elements no paragraph voted for). */
  final?: Float64Array;
}

/** Text and link characters of each element's subtree. */
function subtreeTotals(page: RenderedPage): { text: Float64Array; link: Float64Array } {
  const n = page.nodes.tag.length;
  const text = new Float64Array(n);
  const link = new Float64Array(n);
  const blocks = page.blocks;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    const len = b.end - b.start;
    text[b.node]! += len;
    link[b.node]! += len * b.linkShare;
  }
  const parent = page.nodes.parent;
  for (let i = n - 1; i > 0; i--) {
    const p = parent[i]!;
    text[p]! += text[i]!;
    link[p]! += link[i]!;
  }
  return { text, link };
}

const commas = (s: string): number => {
  let c = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch === 44 || ch === 0xff0c || ch === 0x3001 || ch === 0x060c) c++;
  }
  return c;
};

/**
 * `reference` is the page's own statement of its body (JSON-LD articleBody) when it
 * has one: lines it holds vote more strongly for their container.
 */
export function findMainContent(
  page: RenderedPage,
  reference?: ReferenceMatcher,
  params: ExtractionParams = DEFAULT_PARAMS,
): MainContent {
  // The loops are functions of their own: each runs once a line or an element and is compiled
  // alone, while this function, run once a page, is never worth TurboFan's time (one graph
  // holding every loop and the steps between them cost more to compile than the parts).
  const { nodes, blocks } = page;
  const n = nodes.tag.length;
  const inContent = new Uint8Array(blocks.length);
  const totals = subtreeTotals(page);
  const score = new Float64Array(n);
  const scored = new Uint8Array(n);
  vote(page, reference, score, scored);
  const final = new Float64Array(n);
  const best = finalScores(score, scored, totals, final);
  if (best < 0) return fallback(page, inContent);

  // As Readability: when several of the best candidates share an ancestor, the story
  // is split across them and the ancestor is taken; otherwise keep the best.
  const container = sharedAncestor(best, final, scored, nodes, params);

  const roots = [container];
  const parent = nodes.parent[container]!;
  if (parent > 0) {
    const threshold = Math.max(10, final[container]! * SIBLING_SHARE);
    for (let c = parent + 1; c <= nodes.last[parent]!; c = nodes.last[c]! + 1) {
      if (c === container) continue;
      if ((nodes.ctx[c]! & FURNITURE_CTX) !== 0 || nodes.weight[c]! < 0) continue;
      const t = totals.text[c]!;
      const density = t ? totals.link[c]! / t : 1;
      if ((scored[c] && final[c]! >= threshold) || (nodes.tag[c] === 'p' && t > 80 && density < 0.25)) {
        roots.push(c);
      }
    }
  }
  roots.sort((a, b) => a - b);

  markContent(blocks, roots, nodes.last, inContent);
  return { inContent, container, roots, final };
}

/** Each voting line's score credited to its element's ancestors (or to its own element: see below). */
function vote(
  page: RenderedPage,
  reference: ReferenceMatcher | undefined,
  score: Float64Array,
  scored: Uint8Array,
): void {
  const { nodes, blocks, text } = page;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    const len = b.end - b.start;
    if (len < MIN_VOTING_LINE || b.linkShare >= 0.5) continue;
    const ctx = nodes.ctx[b.node]!;
    if (ctx & (CTX.heading | CTX.figcaption)) continue;
    const line = text.slice(b.start, b.end);
    let s = 1 + commas(line) + Math.min(LENGTH_CAP, Math.floor(len / 100));
    if (reference && reference.share(line) >= 0.5) s *= REFERENCE_BOOST;
    // A paragraph's text votes for its parent and further ancestors; so does a div holding only text
    // (a paragraph in all but name). Loose text beside other blocks inside an element is a paragraph of
    // that element (Readability wraps such runs in a <p>): it votes for the element itself.
    let a = len >= MIXED_PROSE && mixedHolder(blocks, i, nodes.last) ? b.node : nodes.parent[b.node]!;
    for (let level = 0; level < SCORE_LEVELS && a > 0; level++) {
      if (!scored[a]) {
        scored[a] = 1;
        score[a] = (TAG_BONUS[nodes.tag[a]!] ?? 0) + nodes.weight[a]!;
      }
      score[a]! += level === 0 ? s : level === 1 ? s / 2 : s / (level * 3);
      a = nodes.parent[a]!;
    }
  }
}

/** Each scored element's final score (its score less its link density) into `final`; the best element, or -1. */
function finalScores(
  score: Float64Array,
  scored: Uint8Array,
  totals: { text: Float64Array; link: Float64Array },
  final: Float64Array,
): number {
  let best = -1;
  let bestScore = 0;
  for (let i = 1; i < final.length; i++) {
    if (!scored[i]) continue;
    const t = totals.text[i]!;
    const density = t ? totals.link[i]! / t : 0;
    final[i] = score[i]! * (1 - density);
    if (final[i]! > bestScore) {
      bestScore = final[i]!;
      best = i;
    }
  }
  return best;
}

/** Marks the lines inside the roots' subtrees (roots in document order, lines in document order). */
function markContent(
  blocks: RenderedPage['blocks'],
  roots: number[],
  last: Int32Array,
  inContent: Uint8Array,
): void {
  let r = 0;
  for (let i = 0; i < blocks.length; i++) {
    const node = blocks[i]!.node;
    while (r < roots.length && node > last[roots[r]!]!) r++;
    if (r < roots.length && node >= roots[r]!) inContent[i] = 1;
  }
}

/** The element holding line `i` also holds lines of other block elements (a neighbouring line lies in its subtree). */
function mixedHolder(blocks: RenderedPage['blocks'], i: number, last: Int32Array): boolean {
  const x = blocks[i]!.node;
  const end = last[x]!;
  if (i > 0) {
    const y = blocks[i - 1]!.node;
    if (y > x && y <= end) return true;
  }
  if (i + 1 < blocks.length) {
    const y = blocks[i + 1]!.node;
    if (y > x && y <= end) return true;
  }
  return false;
}

/** No container scored at all (a page of short lines): keep every line that is not furniture. */
function fallback(page: RenderedPage, inContent: Uint8Array): MainContent {
  const { nodes, blocks } = page;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    const ctx = nodes.ctx[b.node]!;
    if ((ctx & (FURNITURE_CTX | CTX.header)) === 0 && b.linkShare < 0.5) inContent[i] = 1;
  }
  return { inContent, container: -1, roots: [] };
}

/**
 * The close alternatives to `best` (elements scoring at least params.nearShare of it, not its
 * ancestors or descendants) into `alternatives`, those built as `best` is also into `twins`.
 * A function of its own: the loop over every element, compiled alone (sharedAncestor runs once
 * a page).
 */
function findAlternatives(
  best: number,
  final: Float64Array,
  scored: Uint8Array,
  nodes: RenderedPage['nodes'],
  params: ExtractionParams,
  alternatives: number[],
  twins: number[],
): void {
  const last = nodes.last;
  const top = final[best]!;
  for (let i = 1; i < final.length; i++) {
    if (i === best || !scored[i] || final[i]! < top * params.nearShare) continue;
    // Ancestors and descendants of the best are not alternatives to it.
    if ((i < best && last[i]! >= best) || (i > best && i <= last[best]!)) continue;
    alternatives.push(i);
    if (sameTemplate(best, i, nodes, params.templateLevels)) twins.push(i);
  }
}

/**
 * The lowest ancestor of `best` holding at least MIN_SHARED of the close alternatives to it, a
 * near ancestor holding one, or any ancestor holding one built as `best` is (see sameTemplate);
 * else `best`.
 */
function sharedAncestor(
  best: number,
  final: Float64Array,
  scored: Uint8Array,
  nodes: RenderedPage['nodes'],
  params: ExtractionParams,
): number {
  const { parent, last } = nodes;
  const top = final[best]!;
  const alternatives: number[] = [];
  const twins: number[] = [];
  findAlternatives(best, final, scored, nodes, params, alternatives, twins);
  let level = 0;
  for (let a = parent[best]!; a > 0; a = parent[a]!, level++) {
    let held = 0;
    let near = 0;
    for (let k = 0; k < alternatives.length; k++) {
      const x = alternatives[k]!;
      if (x <= a || x > last[a]!) continue;
      near++;
      if (final[x]! >= top * ALTERNATIVE_SHARE) held++;
    }
    let twin = false;
    for (let k = 0; k < twins.length; k++) if (twins[k]! > a && twins[k]! <= last[a]!) twin = true;
    // A near ancestor holding one strong alternative, or any holding one built as the best: the
    // story is split in two (or more) parts.
    if (held >= MIN_SHARED || (near > 0 && level < params.nearLevels) || twin) return a;
  }
  return best;
}

/**
 * `x` is built as `best` is: its lowest `levels` wrappers (itself, its parent, ...; fewer when the
 * two meet sooner) have the same tags and class weights, and not all of them are bare <div>s. A
 * story cut into parts by figures or ads repeats its body's wrappers for each part, however far up
 * the parts meet; furniture beside a story (a caption, a list of other stories) is built otherwise.
 */
function sameTemplate(best: number, x: number, nodes: RenderedPage['nodes'], levels: number): boolean {
  const { parent, tag, weight } = nodes;
  let p = best;
  let q = x;
  // Bare <div>s (no tag or name of their own) are too common to say that two parts are built alike.
  let bare = true;
  for (let k = 0; k < levels; k++) {
    if (p === q) break;
    if (p <= 0 || q <= 0 || tag[p] !== tag[q] || weight[p] !== weight[q]) return false;
    if (tag[p] !== 'div' || weight[p] !== 0) bare = false;
    p = parent[p]!;
    q = parent[q]!;
  }
  return !bare;
}
