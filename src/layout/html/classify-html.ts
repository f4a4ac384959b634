/**
 * What each rendered line of an HTML page is: the main-content pass says where the
 * story is; the element, its contexts (figure, header, list, ...) and the line's own
 * wording say which kind of block it is.
 */
import type { BlockKind } from '../../article/types.js';
import type { LineKind } from '../blocks.js';
import { furnitureKind } from '../line-kinds.js';
import {
  BOILERPLATE_LINE,
  FIGURE_CREDIT,
  HIGHLIGHTS_HEADING,
  PLAYER_FALLBACK,
  RELATED_HEADING,
} from '../patterns.js';
import { readsAsPromo } from '../text/promo-lines.js';
import type { JsonLdArticle } from './json-ld.js';
import { findMainContent } from './main-content.js';
import { DEFAULT_PARAMS, type ExtractionParams } from './params.js';
import { referenceMatcher } from './reference-text.js';
import { CTX, type RenderedPage } from './render.js';

const FURNITURE_CTX =
  CTX.nav | CTX.footer | CTX.aside | CTX.form | CTX.junk | CTX.comment | CTX.dialog | CTX.negative;
const GROUPING = new Set(['ul', 'ol', 'dl', 'table']);
/** A JSON-LD articleBody shorter than this is a teaser, not a reference. */
const MIN_REFERENCE = 200;
/** A line of at least this many characters, with few links, reads as story prose. */
const MIN_PROSE = 150;

/** The nearest list or table element holding a node (-1 when none): list items of one list form one block. */
function groupOf(page: RenderedPage, node: number): number {
  const { tag, parent } = page.nodes;
  for (let a = node; a > 0; a = parent[a]!) if (GROUPING.has(tag[a]!)) return a;
  return -1;
}

export function classifyHtmlLines(
  page: RenderedPage,
  ld?: JsonLdArticle,
  params: ExtractionParams = DEFAULT_PARAMS,
): LineKind[] {
  const { blocks, nodes, text } = page;
  const reference =
    ld?.articleBody && ld.articleBody.length >= MIN_REFERENCE ? referenceMatcher(ld.articleBody) : undefined;
  const main = findMainContent(page, reference, params);
  const containerCtx = main.container >= 0 ? nodes.ctx[main.container]! : 0;
  const out: LineKind[] = [];
  let titleSeen = false;
  let highlightsUntil = -1; // last node of a highlights box being read
  let relatedUntil = -1; // last node of a box of links to other stories being read

  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    const line = text.slice(b.start, b.end);
    const ctx = nodes.ctx[b.node]!;
    const below = ctx & ~containerCtx;
    const tag = b.tag;
    // Every line's kind and group reach one push at the loop's end (a push per early
    // `continue` was one more allocation and array growth each in the optimised loop's graph).
    let kind: BlockKind | undefined;
    let group = -1;

    // A box of related links ends early at a line of plain prose: the story went on after a "Read also".
    if (b.node <= relatedUntil && !(b.linkShare < 0.2 && b.end - b.start >= MIN_PROSE && tag === 'p')) {
      kind = 'related';
    } else {
      relatedUntil = -1;
      if (b.node <= highlightsUntil && !(ctx & CTX.heading)) {
        kind = 'highlight';
        group = -2;
      } else {
        highlightsUntil = -1;
        // The box is the heading's parent element: its other lines are the page's own highlights. A box
        // that holds the story's own container is the story, its heading a subheading ("TL;DR" atop a post).
        const box = nodes.parent[b.node]!;
        if (
          HIGHLIGHTS_HEADING.test(line) &&
          !(main.container >= 0 && box <= main.container && nodes.last[box]! >= main.container)
        ) {
          if (box > 0 && nodes.last[box]! - box < 200) highlightsUntil = nodes.last[box]!;
          kind = 'highlight';
          group = -3;
        }
      }
    }

    // Any other line: what its element, contexts and wording say.
    if (kind === undefined) {
      if (tag === 'h1' && !titleSeen && line.length < 300) {
        titleSeen = true;
        kind = 'title';
      } else if (!main.inContent[i] || (below & FURNITURE_CTX) !== 0) {
        kind = outsideKind(line, ctx, b.linkShare);
      } else if (
        b.linkShare >= params.linkLimit &&
        (tag !== 'p' || b.linkShare >= params.paragraphLinkLimit)
      ) {
        kind = ctx & CTX.related ? 'related' : (furnitureKind(line) ?? 'boilerplate');
      } else if (ctx & CTX.figcaption || (below & CTX.caption) !== 0 || (ctx & CTX.figure) !== 0) {
        // A line that is chrome wherever it stands is chrome in a figure too: a player's fallback
        // ("Media playback is unsupported on your device"), "Enlarge image", "Image 1 of 5". A photo's
        // credit line ("Image copyright EPA") is a credit.
        kind =
          line.length > 60
            ? 'caption'
            : BOILERPLATE_LINE.test(line) || PLAYER_FALLBACK.test(line)
              ? 'boilerplate'
              : FIGURE_CREDIT.test(line)
                ? 'credit'
                : 'caption';
      } else if (tag === 'h1') {
        kind = 'subheading';
      } else if (ctx & CTX.heading) {
        kind = furnitureKind(line) === 'related' ? 'related' : 'subheading';
      } else if ((below & CTX.byline) !== 0 && line.length < 200) {
        kind = 'byline';
      } else if ((below & CTX.header) !== 0) {
        kind = furnitureKind(line) ?? 'boilerplate';
      } else {
        kind = furnitureKind(line) ?? 'paragraph';
        if (kind === 'paragraph') {
          if (ctx & CTX.blockquote) kind = 'blockquote';
          else if (ctx & CTX.table) kind = 'table';
          else if (ctx & CTX.list) kind = 'list';
        }
      }
      if (kind === 'related' && RELATED_HEADING.test(line)) {
        // "You may also like", "Related articles": the rest of the heading's box is links to other stories.
        const box = nodes.parent[b.node]!;
        if (box > 0 && box !== main.container && nodes.last[box]! - box < 400)
          relatedUntil = nodes.last[box]!;
      }
      if (kind === 'list' || kind === 'table') group = groupOf(page, b.node);
    }
    out.push({ start: b.start, end: b.end, kind, group });
  }
  peelPromos(out, text);
  return out;
}

/**
 * Calls to action at either end of the story ("Follow the Opinion section on Facebook, Twitter and
 * Instagram", "Sign up for our daily newsletter") are the site's, not the story's: the text path's
 * rule (text/promo-lines.ts), read over the story's first and last paragraphs, the lines between
 * them that are not story (ads, captions) passed over. Inside the story such a line stays.
 */
function peelPromos(lines: LineKind[], text: string): void {
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i]!;
    if (l.kind !== 'paragraph') continue;
    if (!readsAsPromo(text.slice(l.start, l.end))) break;
    l.kind = 'boilerplate';
  }
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.kind !== 'paragraph') continue;
    if (!readsAsPromo(text.slice(l.start, l.end))) break;
    l.kind = 'boilerplate';
  }
}

/** A line outside the story: named furniture when its wording or context says which, else boilerplate. */
function outsideKind(line: string, ctx: number, linkShare: number): BlockKind {
  const named = furnitureKind(line);
  if (named && named !== 'paragraph') return named;
  if (ctx & CTX.figcaption) return 'caption';
  if (ctx & CTX.related && linkShare > 0.3) return 'related';
  if (ctx & CTX.byline && line.length < 120) return 'byline';
  return 'boilerplate';
}
