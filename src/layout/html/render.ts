/**
 * Renders an HTML page as text: every visible block of the page on its own line,
 * furniture included (the layout stage decides later what each line is), plus what
 * layout needs to know about the DOM: for each line the element that holds it and
 * its link share, and for each element its tag, parent, class/id hints and the
 * contexts it sits in (nav, footer, figure, list, ...). Metadata sources (<title>,
 * <meta>, JSON-LD, <time>, <html lang>) are collected on the same pass.
 *
 * One streaming pass over our scanner's events (scanner.ts): no DOM tree is built, nothing
 * recurses, so a 50 MB page or 100,000 nested elements cost time linear in the
 * input. The text comes out already normalised (as ingest's normalizeText would
 * leave it), so that offsets computed here are offsets into `Article.text`.
 *
 * The last result is memoised by HTML string: ingest renders the page to get the
 * text, then the layout stage asks again for the features without a second parse.
 * A page read from valid UTF-8 bytes is rendered from their one-byte view
 * (renderUtf8View: the same result, decoded only where text is kept).
 */

import { normalizeInlineText } from '../../ingest/normalize.js';
import { HINT, hintBits } from './class-hints.js';
import { primerView } from './primer.js';
import { KNOWN_TAG_NAMES, type ScanHandler, scanHtml, scanUtf8View, type TagAttributes } from './scanner.js';

/** Something that reads a page and calls a handler per element and text run (our scanner; htmlparser2 to compare). */
export type HtmlScan = (html: string, handler: ScanHandler) => void;

/** Contexts an element inherits from its ancestors (bit flags). */
export const CTX = {
  nav: 1,
  footer: 2,
  aside: 4,
  header: 8,
  form: 16,
  figure: 32,
  figcaption: 64,
  blockquote: 128,
  list: 256,
  table: 512,
  article: 1024,
  main: 2048,
  /** Under an element whose class/id says comments, sharing, ads, newsletter, related links... */
  junk: 4096,
  caption: 8192,
  byline: 16384,
  related: 32768,
  heading: 65536,
  pre: 131072,
  comment: 262144,
  dialog: 524288,
  highlights: 1048576,
  dateline: 2097152,
  /** Under an element whose class/id names only furniture (weight below zero). */
  negative: 4194304,
} as const;

export interface RenderedBlock {
  start: number;
  end: number;
  /** Nearest block-level element that holds the text, lowercased ("p", "h2", "li", "td", ...). */
  tag: string;
  /** Index of that element in `RenderedPage.nodes`. */
  node: number;
  /** Share of the line's characters that lie inside links (0..1). */
  linkShare: number;
}

/** The elements of the page, in document (pre-)order, as parallel arrays. */
export interface RenderedNodes {
  tag: string[];
  parent: Int32Array;
  /** Index of the last descendant (the element's subtree is [i, last[i]]). */
  last: Int32Array;
  /**
   * Class/id weight: positive for content-like names, negative for furniture-like names.
   * Judged only for the elements that hold a line of text and their ancestors (and the
   * ancestors of <time> elements); 0 for the others, which nothing reads it of.
   */
  weight: Int32Array;
  /**
   * CTX flags of the element and its ancestors. The class/id flags are counted for the
   * elements whose weight is judged (see above); the others carry their tags' flags and
   * those inherited from their ancestors.
   */
  ctx: Int32Array;
}

export interface RenderedMeta {
  /** <meta name|property|itemprop=... content=...>, keys lowercased; first value wins. */
  tags: Map<string, string>;
  /** Bodies of <script type="application/ld+json">. */
  jsonLd: string[];
  /** datetime attributes of <time> elements, with whether they lie in the content (article/main). */
  times: { value: string; inArticle: boolean }[];
  /** <html lang>; '' when the page gives none (a string either way: one object shape for every page). */
  lang: string;
  /** <link rel=canonical href>; '' when none. */
  canonical: string;
}

export interface RenderedPage {
  text: string;
  blocks: RenderedBlock[];
  nodes: RenderedNodes;
  meta: RenderedMeta;
  /** Contents of <title>, if any. */
  title?: string;
}

const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'iframe',
  'object',
  'embed',
  'head',
  'button',
  'select',
  'textarea',
  'input',
  'video',
  'audio',
  'canvas',
  'map',
]);

const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'br',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'html',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'td',
  'th',
  'tr',
  'ul',
  'caption',
  'option',
  'legend',
  'fieldset',
]);

const TAG_CTX = new Map<string, number>(
  Object.entries({
    nav: CTX.nav,
    footer: CTX.footer,
    aside: CTX.aside,
    header: CTX.header,
    form: CTX.form,
    figure: CTX.figure,
    figcaption: CTX.figcaption | CTX.caption,
    blockquote: CTX.blockquote,
    ul: CTX.list,
    ol: CTX.list,
    dl: CTX.list,
    table: CTX.table,
    article: CTX.article,
    main: CTX.main,
    h1: CTX.heading,
    h2: CTX.heading,
    h3: CTX.heading,
    h4: CTX.heading,
    h5: CTX.heading,
    h6: CTX.heading,
    pre: CTX.pre,
    dialog: CTX.dialog,
  }),
);

/** What render does with a tag, as bits: skipped, block-level, a link, preformatted, read for metadata, shown even when hidden. */
const R_SKIP = 1;
const R_BLOCK = 2;
const R_ANCHOR = 4;
const R_PRE = 8;
/** title, meta, html, link, time, script: read for the page's metadata (see PageRenderer.openSpecial). */
const R_SPECIAL = 16;
/** html and body stay rendered when marked hidden. */
const R_SHOWN_HIDDEN = 32;
const SPECIAL = new Set(['title', 'meta', 'html', 'link', 'time', 'script']);

function renderFlagsOf(name: string): number {
  return (
    (SKIPPED.has(name) ? R_SKIP : 0) |
    (BLOCK.has(name) ? R_BLOCK : 0) |
    (name === 'a' ? R_ANCHOR : 0) |
    (name === 'pre' ? R_PRE : 0) |
    (SPECIAL.has(name) ? R_SPECIAL : 0) |
    (name === 'html' || name === 'body' ? R_SHOWN_HIDDEN : 0)
  );
}

// The same, and the tag's contexts, by the scanner's tag id for the names it numbers the
// same on every page: two array reads per element instead of three Set and Map lookups of
// the name and a string comparison per special tag. Other names go through the sets.
const RENDER_FLAGS = Uint8Array.from(KNOWN_TAG_NAMES, renderFlagsOf);
const TAG_CTX_BY_ID = Int32Array.from(KNOWN_TAG_NAMES, (name) => TAG_CTX.get(name) ?? 0);
const KNOWN_COUNT = KNOWN_TAG_NAMES.length;

// A display:none / visibility:hidden style, or the hidden attribute: not visible, not rendered.
const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;

const MAX_TRACKED_DEPTH = 512;
/** Links an inline element's text must be made of, and nothing else, to be a hover card cut from its line. */
const MIN_CARD_LINKS = 3;
/** Score added to (or taken from) a container by its class/id. */
const CLASS_WEIGHT = 25;
const MAX_JSON_LD = 2_000_000;
/** A link's text that is its address: one URL or host name, nothing else. */
const SHOWN_ADDRESS = /^\s*(?:https?:\/\/|www\.)[^\s]+\s*$/i;
const MAX_SHOWN_ADDRESS = 300;

/**
 * Normalisation of one rendered line: exactly what ingest's normalizeText leaves of it
 * (one shared implementation, so the rendered text never differs from the article text
 * over a rare invisible or control character and the page keeps its HTML reading).
 */
export function normalizeLine(raw: string): string {
  return normalizeInlineText(raw);
}

// Pages repeat the same class names many times: judge each distinct string once.
const hintCache = new Map<string, { weight: number; ctx: number }>();
const MAX_HINT_CACHE = 40_000;

const NO_HINT = { weight: 0, ctx: 0 };

/** The string an element's class/id/itemprop names are judged by (most elements have none: no string built). */
function hintKey(
  cls: string | undefined,
  id: string | undefined,
  itemprop: string | undefined,
): string | undefined {
  if (id === undefined && itemprop === undefined) return cls;
  return `${cls ?? ''} ${id ?? ''} ${itemprop ?? ''}`;
}

function hintFlags(hint: string): { weight: number; ctx: number } {
  let flags = hintCache.get(hint);
  if (flags) return flags;
  flags = judgeHint(hint);
  if (hintCache.size >= MAX_HINT_CACHE) hintCache.clear();
  hintCache.set(ownCopy(hint), flags);
  return flags;
}

/**
 * The same characters in a string of their own. A class value is a slice of its page, and
 * V8 keeps a slice (13 characters or more) as a view of the whole page string: a cache
 * key kept that way would keep every page it came from alive (up to 40,000 pages in a
 * long batch) and compare against memory spread over all of them. Slicing a fresh
 * concatenation copies the characters into a small string first.
 */
function ownCopy(s: string): string {
  return ` ${s}`.slice(1);
}

// The bits as plain numbers and one table read in a loop: a property load of HINT or CTX
// inside a branch no page had taken yet had no type feedback, and deoptimised the
// optimised render handlers (and everything they were inlined into) the first time a
// rare class name reached it.
const HINT_NEGATIVE: number = HINT.negative;
const HINT_POSITIVE: number = HINT.positive;
const HINT_EMBED: number = HINT.embed;
const CTX_NEGATIVE: number = CTX.negative;
/** Pairs: a HINT bit, then the CTX flag it gives. */
const HINT_TO_CTX = new Int32Array([
  HINT.junkName,
  CTX.junk,
  HINT.caption,
  CTX.caption,
  HINT.byline,
  CTX.byline,
  HINT.related,
  CTX.related,
  HINT.comment,
  CTX.comment,
  HINT.highlights,
  CTX.highlights,
  HINT.dateline,
  CTX.dateline,
]);

/** The weight and contexts a class/id string gives (a function of the string alone: see class-hints.ts). */
function judgeHint(hint: string): { weight: number; ctx: number } {
  const bits = hintBits(hint);
  let weight = 0;
  // A name that says embedded post ("social-media-embed", "twitter-tweet") is never furniture, whatever
  // else it says: the story quotes the post.
  if (bits & HINT_NEGATIVE && !(bits & HINT_EMBED)) weight -= CLASS_WEIGHT;
  if (bits & HINT_POSITIVE) weight += CLASS_WEIGHT;
  let ctx = weight < 0 ? CTX_NEGATIVE : 0;
  for (let k = 0; k < HINT_TO_CTX.length; k += 2) if (bits & HINT_TO_CTX[k]!) ctx |= HINT_TO_CTX[k + 1]!;
  return { weight, ctx };
}

interface OpenElement {
  tag: string;
  /** Node index, or -1 past the tracked depth (deeper elements share their tracked ancestor). */
  node: number;
  skip: boolean;
  anchor: boolean;
  pre: boolean;
  block: boolean;
  /** The innermost block-level element open when this one opened: the holder again once it closes. */
  outerBlock: number;
  /** Where this element's text starts in the line being built, and the line's serial then (see PageRenderer.lineSerial). */
  textStart: number;
  lineAt: number;
}

/**
 * The records of open elements, shared by every page's renderer (a render runs to its end
 * before the next starts, and reads only the records its own elements wrote, below its
 * depth). An array made per page started empty as an array of small integers, so the first
 * record pushed on each page changed its kind, and the optimised handler deoptimised on it.
 */
const OPEN_ELEMENTS: OpenElement[] = [];

/** Rows the node columns start with; each growth doubles them. */
const FIRST_ROWS = 4096;

/**
 * The columns of the elements of the page being rendered, one row per tracked element (row 0
 * the synthetic root), shared by every page's renderer as OPEN_ELEMENTS is (a render runs to its
 * end before the next starts) and copied out at the page's end (finish): only rows below the
 * renderer's count are read. Arrays made per page grew one element at a time, seven of them
 * (17 MB of the young generation over the 121 extraction pages, a quarter of everything the
 * fresh run allocates): copies at every growth, more scavenges, and the young generation
 * grown (and its memory faulted in) sooner. The numeric columns are Int32Arrays (every value
 * is a small integer: element indices, -1, weights of +-CLASS_WEIGHT, CTX bits), grown by
 * doubling outside V8's heap.
 */
class NodeColumns {
  tag: string[] = ['#root'];
  /** Each element's class/id hint (hintKey), read when its contexts are resolved; cleared at the page's end. */
  hints: (string | undefined)[] = [undefined];
  parent: Int32Array = new Int32Array(FIRST_ROWS);
  last: Int32Array = new Int32Array(FIRST_ROWS);
  weight: Int32Array = new Int32Array(FIRST_ROWS);
  ctx: Int32Array = new Int32Array(FIRST_ROWS);
  /** Each node's tag's own contexts (TAG_CTX), read when its contexts are resolved. */
  tagCtx: Int32Array = new Int32Array(FIRST_ROWS);

  /** Makes room for `rows` rows (doubling), keeping those below `rows`. */
  grow(rows: number): void {
    let size = this.parent.length;
    while (size < rows) size *= 2;
    this.parent = grown(this.parent, size);
    this.last = grown(this.last, size);
    this.weight = grown(this.weight, size);
    this.ctx = grown(this.ctx, size);
    this.tagCtx = grown(this.tagCtx, size);
  }
}

function grown(column: Int32Array, size: number): Int32Array {
  const bigger = new Int32Array(size);
  bigger.set(column);
  return bigger;
}

const COLUMNS = new NodeColumns();

/**
 * An empty array of the kind that holds objects and strings. `[]` starts as an array of
 * small integers and changes kind at its first push of anything else: on every page, so the
 * optimised code that pushed a page's first line deoptimised on a later page's.
 */
function emptyObjectArray<T>(): T[] {
  const array: unknown[] = [''];
  array.length = 0;
  return array as T[];
}

/** Marks an element whose class/id names are not judged yet (see PageRenderer.resolve). */
const UNRESOLVED = -1;

/**
 * The scanner's handler for one page: its state in fields of one class, its handlers on the
 * prototype. Closures made per page were new functions on every page: the scanner's calls
 * to them, optimised for the first page's, deoptimised on the second; one class keeps every
 * call site to one target and the state to one object shape.
 */
class PageRenderer implements ScanHandler {
  readonly parts: string[] = emptyObjectArray();
  readonly blocks: RenderedBlock[] = emptyObjectArray();
  /** The node columns (COLUMNS), rows [0, nodeCount) this page's. */
  readonly columns: NodeColumns = COLUMNS;
  nodeCount = 1;
  // Every field from the start, so that every page's meta has one shape (a field added later
  // on some pages only gave the handlers a second shape and deoptimised them).
  readonly meta: RenderedMeta = { tags: new Map(), jsonLd: [], times: [], lang: '', canonical: '' };
  length = 0;
  current = '';
  currentLink = 0;
  // Open elements, innermost last: records reused from one element to the next (a page opens
  // thousands of elements, never more than a few dozen at a time), and from one page to the
  // next (see OPEN_ELEMENTS).
  readonly stack: OpenElement[] = OPEN_ELEMENTS;
  depth = 0;
  // Node 0 is a synthetic root, so that text outside any element still has a holder.
  /** Innermost tracked element. */
  trackedNode = 0;
  /** Innermost tracked block-level element. */
  blockNode = 0;
  skipDepth = 0;
  anchorDepth = 0;
  /** Where the outermost open link's text starts in `current` (-1: none, or a line ended inside it). */
  anchorStart = -1;
  /** Lines begun so far (one more each time `current` is emptied): an offset into `current` holds while this does. */
  lineSerial = 0;
  /**
   * Where the line's links lie in `current`: start, end, … (outermost links; one showing its own
   * address is text). Read only when an inline element closes holding three links or more.
   */
  readonly linkSpans: number[] = [];
  preDepth = 0;
  inTitle = false;
  title = '';
  /** Whether a JSON-LD script is open, and its text so far. */
  inJsonLd = false;
  jsonLd = '';
  jsonLdSize = 0;
  // An element's class/id names are judged when something needs its contexts: a line it
  // holds (flush) or a <time> inside it. Most elements with a class hold no line of their
  // own (links, icons, images, wrappers of other widgets), and their names are never read.
  readonly pending: number[] = [];

  constructor() {
    const c = this.columns;
    c.tag[0] = '#root';
    c.hints[0] = undefined;
    c.parent[0] = -1;
    c.last[0] = 0;
    c.weight[0] = 0;
    c.ctx[0] = 0;
    c.tagCtx[0] = 0;
  }

  flush(): void {
    const current = this.current;
    if (current === '') return;
    const rawLength = current.length;
    // Most flushes between tags hold only white space: nothing to normalise. Trimming first lets
    // most other lines take normalizeLine's fast path (the same result: its replacements only
    // collapse and trim white space at the ends).
    const trimmed = current.trim();
    const line = trimmed === '' ? '' : normalizeLine(trimmed);
    const linkShare = rawLength ? Math.min(1, this.currentLink / rawLength) : 0;
    this.current = '';
    this.currentLink = 0;
    this.anchorStart = -1;
    this.lineSerial++;
    if (this.linkSpans.length !== 0) this.linkSpans.length = 0;
    if (!line) return;
    if (this.length > 0) {
      this.parts.push('\n');
      this.length += 1;
    }
    const node = this.blockNode;
    this.resolve(node);
    const start = this.length;
    this.blocks.push({ start, end: start + line.length, tag: this.columns.tag[node]!, node, linkShare });
    this.parts.push(line);
    this.length = start + line.length;
  }

  addNode(tag: string, hint: string | undefined, tagCtx: number): number {
    const c = this.columns;
    const index = this.nodeCount;
    if (index === c.parent.length) c.grow(index + 1);
    c.tag[index] = tag;
    c.hints[index] = hint;
    c.parent[index] = this.trackedNode;
    c.last[index] = index;
    c.weight[index] = 0;
    c.ctx[index] = UNRESOLVED;
    c.tagCtx[index] = tagCtx;
    this.nodeCount = index + 1;
    return index;
  }

  /** Judges the names of an element and of its ancestors not judged yet, outermost first. */
  resolve(node: number): void {
    const { ctx, parent, weight, hints, tagCtx } = this.columns;
    const pending = this.pending;
    for (let a = node; ctx[a]! === UNRESOLVED; a = parent[a]!) pending.push(a);
    while (pending.length) {
      const n = pending.pop()!;
      const key = hints[n];
      const hint = key === undefined ? NO_HINT : hintFlags(key);
      weight[n] = hint.weight;
      ctx[n] = ctx[parent[n]!]! | tagCtx[n]! | hint.ctx;
    }
  }

  open(name: string, attribs: TagAttributes, id: number): void {
    const known = id < KNOWN_COUNT;
    const flags = known ? RENDER_FLAGS[id]! : renderFlagsOf(name);
    if (flags & R_SPECIAL) this.openSpecial(name, attribs);
    const hidden =
      attribs.hidden !== undefined ||
      attribs['aria-hidden'] === 'true' ||
      (attribs.style !== undefined && HIDDEN_STYLE.test(attribs.style));
    const skip = (flags & R_SKIP) !== 0 || (hidden && (flags & R_SHOWN_HIDDEN) === 0);
    const isBlock = (flags & R_BLOCK) !== 0;
    if (this.skipDepth === 0 && isBlock) this.flush();
    const outerBlock = this.blockNode;
    let node = -1;
    const depth = this.depth;
    if (depth < MAX_TRACKED_DEPTH) {
      const tagCtx = known ? TAG_CTX_BY_ID[id]! : (TAG_CTX.get(name) ?? 0);
      node = this.addNode(name, hintKey(attribs.class, attribs.id, attribs.itemprop), tagCtx);
      this.trackedNode = node;
      if (isBlock) this.blockNode = node;
    }
    const anchor = (flags & R_ANCHOR) !== 0;
    const pre = (flags & R_PRE) !== 0;
    if (skip) this.skipDepth++;
    if (anchor && this.anchorDepth++ === 0 && this.skipDepth === 0) this.anchorStart = this.current.length;
    if (pre) this.preDepth++;
    const e = this.stack[depth];
    const textStart = this.current.length;
    if (e === undefined)
      this.stack.push({
        tag: name,
        node,
        skip,
        anchor,
        pre,
        block: isBlock,
        outerBlock,
        textStart,
        lineAt: this.lineSerial,
      });
    else {
      e.tag = name;
      e.node = node;
      e.skip = skip;
      e.anchor = anchor;
      e.pre = pre;
      e.block = isBlock;
      e.outerBlock = outerBlock;
      e.textStart = textStart;
      e.lineAt = this.lineSerial;
    }
    this.depth = depth + 1;
  }

  /** What <title>, <meta>, <html lang>, <link rel=canonical>, <time datetime> and JSON-LD scripts give (out of open's line: rare tags). */
  openSpecial(name: string, attribs: TagAttributes): void {
    const meta = this.meta;
    if (name === 'title') {
      if (this.skipDepth <= 1) this.inTitle = true;
    } else if (name === 'meta') readMetaTag(meta, attribs);
    else if (name === 'html') {
      if (attribs.lang && meta.lang === '') meta.lang = attribs.lang;
    } else if (name === 'link') {
      if (attribs.rel?.toLowerCase() === 'canonical' && attribs.href && meta.canonical === '')
        meta.canonical = attribs.href;
    } else if (name === 'time') {
      // `<time itemprop="datePublished" datetime="…">`: microdata, read as the meta tag of that name.
      if (attribs.itemprop !== undefined && attribs.datetime)
        setItemprops(meta, attribs.itemprop, attribs.datetime);
      if (attribs.datetime && meta.times.length < 200) {
        this.resolve(this.trackedNode);
        const ctx = this.columns.ctx[this.trackedNode]!;
        meta.times.push({
          value: attribs.datetime,
          inArticle: (ctx & (CTX.article | CTX.main)) !== 0 && (ctx & (CTX.junk | CTX.comment)) === 0,
        });
      }
    } else if (attribs.type?.toLowerCase().includes('ld+json')) {
      this.inJsonLd = true;
      this.jsonLd = '';
    }
  }

  /** Text is kept for the title, a JSON-LD script, or a line (outside skipped elements): what text() reads. */
  keepsText(): boolean {
    return this.inTitle || this.inJsonLd || this.skipDepth === 0;
  }

  text(data: string): void {
    if (this.inTitle) this.title += data;
    if (this.inJsonLd && this.jsonLdSize + this.jsonLd.length < MAX_JSON_LD) this.jsonLd += data;
    if (this.skipDepth > 0) return;
    if (this.preDepth > 0 && data.includes('\n')) {
      this.preText(data);
      return;
    }
    this.current += data;
    if (this.anchorDepth > 0) this.currentLink += data.length;
  }

  /** Text inside <pre>: each of its line ends ends a line. */
  preText(data: string): void {
    const lines = data.split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (i > 0) this.flush();
      this.current += lines[i];
      if (this.anchorDepth > 0) this.currentLink += lines[i]!.length;
    }
  }

  close(name: string): void {
    // The scanner emits one close for every open (implied ones included), so this pops exactly one.
    if (this.depth === 0) return;
    const open = this.stack[--this.depth]!;
    if (this.inTitle && name === 'title') this.inTitle = false;
    if (this.inJsonLd && open.tag === 'script') this.closeJsonLd();
    if (this.skipDepth === 0 && open.block) this.flush();
    if (open.skip) this.skipDepth--;
    if (open.anchor && --this.anchorDepth === 0) this.closeAnchor();
    else if (
      !open.block &&
      // Its third-last link of the line starts inside it: three links or more (one array read).
      this.linkSpans.length >= 2 * MIN_CARD_LINKS &&
      this.linkSpans[this.linkSpans.length - 2 * MIN_CARD_LINKS]! >= open.textStart &&
      open.lineAt === this.lineSerial &&
      this.anchorDepth === 0 &&
      this.skipDepth === 0 &&
      this.isLinkCard(open.textStart)
    ) {
      this.cutLinkCard(open);
    }
    if (open.pre) this.preDepth--;
    if (open.node >= 0) {
      const c = this.columns;
      c.last[open.node] = this.nodeCount - 1;
      this.trackedNode = c.parent[open.node]!;
      // The elements open now are those open when this one opened: the same innermost block.
      if (open.block) this.blockNode = open.outerBlock;
    }
  }

  /**
   * An inline element inside a line of prose whose whole text is three or more links and white
   * space: a card a site shows on hover (a person's full name, role, their latest stories and
   * "MORE" after their name), a tag strip glued into a sentence. CSS hides such cards, and no
   * sentence is links alone with nothing between them; the line keeps its prose, the card goes.
   */
  cutLinkCard(open: OpenElement): void {
    const from = open.textStart;
    this.current = this.current.slice(0, from);
    // Its links leave the line, and the line's link characters with them.
    const spans = this.linkSpans;
    let keep = spans.length;
    while (keep > 0 && spans[keep - 2]! >= from) {
      this.currentLink -= spans[keep - 1]! - spans[keep - 2]!;
      keep -= 2;
    }
    spans.length = keep;
    if (this.currentLink < 0) this.currentLink = 0;
  }

  /**
   * Whether the line's text from `from` on is links and white space only, with some text that is
   * not a link (a sentence) before it: the gaps between the line's link spans are read.
   */
  isLinkCard(from: number): boolean {
    const text = this.current;
    const spans = this.linkSpans;
    if (text.length <= from) return false;
    let plainBefore = false;
    let pos = 0;
    for (let k = 0; k <= spans.length; k += 2) {
      const gapEnd = k < spans.length ? spans[k]! : text.length;
      for (let i = pos; i < gapEnd; i++) {
        const c = text.charCodeAt(i);
        if (c > 32 && c !== 0xa0) {
          if (i >= from) return false;
          plainBefore = true;
          i = Math.min(gapEnd, from) - 1; // the rest of the gap before the element says nothing more
        }
      }
      if (k < spans.length) pos = Math.max(pos, spans[k + 1]!);
    }
    return plainBefore;
  }

  /**
   * A link that shows its own address ("www.example.com", "https://…") is read as text: the reader
   * sees the address as part of the story (a source, a shop, a contact), not a way to another page.
   */
  closeAnchor(): void {
    const from = this.anchorStart;
    this.anchorStart = -1;
    const length = this.current.length - from;
    if (from < 0 || length === 0) return;
    if (length <= MAX_SHOWN_ADDRESS && SHOWN_ADDRESS.test(this.current.slice(from)))
      this.currentLink -= length;
    else this.linkSpans.push(from, from + length);
  }

  closeJsonLd(): void {
    const jsonLd = this.jsonLd;
    if (jsonLd.trim()) {
      this.meta.jsonLd.push(jsonLd);
      this.jsonLdSize += jsonLd.length;
    }
    this.inJsonLd = false;
    this.jsonLd = '';
  }

  finish(): RenderedPage {
    this.flush();
    const c = this.columns;
    const n = this.nodeCount;
    c.last[0] = n - 1;
    const { ctx, parent, tagCtx } = c;
    resolveRest(ctx, parent, tagCtx, n);
    const nodes: RenderedNodes = {
      tag: c.tag.slice(0, n),
      parent: parent.slice(0, n),
      last: c.last.slice(0, n),
      weight: c.weight.slice(0, n),
      ctx: ctx.slice(0, n),
    };
    // The hints are the page's attribute values, often slices of the page's whole view: not
    // kept alive past the page.
    c.hints.fill(undefined, 1, n);
    const cleanTitle = normalizeLine(this.title);
    return {
      text: this.parts.join(''),
      blocks: this.blocks,
      nodes,
      meta: this.meta,
      ...(cleanTitle ? { title: cleanTitle } : {}),
    };
  }
}

/**
 * Elements that hold no line: their tags' contexts and their ancestors' (parents come first).
 * The loop is a function of its own: the part of finish() that runs once an element, compiled
 * alone, while finish() itself, run once a page, is never worth TurboFan's time.
 */
function resolveRest(ctx: Int32Array, parent: Int32Array, tagCtx: Int32Array, n: number): void {
  for (let i = 1; i < n; i++) {
    if (ctx[i] === UNRESOLVED) ctx[i] = ctx[parent[i]!]! | tagCtx[i]!;
  }
}

/** Renders of the primer page before a process's first page (primer.ts): fewer left some deoptimisations. */
const PRIMER_PASSES = 4;
let primed = false;

/**
 * Type feedback for the scanner's and renderer's rarer branches before the first page (primer.ts).
 * Straight through render(), so that the memo below still holds the caller's page.
 */
function prime(): void {
  primed = true;
  const view = primerView();
  for (let i = 0; i < PRIMER_PASSES; i++) render(view, scanUtf8View);
}

function render(html: string, scan: HtmlScan): RenderedPage {
  if (!primed) prime();
  const renderer = new PageRenderer();
  scan(html, renderer);
  return renderer.finish();
}

function readMetaTag(meta: RenderedMeta, attribs: TagAttributes): void {
  const key = attribs.property ?? attribs.name ?? attribs.itemprop;
  const content = attribs.content;
  if (!key || content === undefined) return;
  setMetaTag(meta, key, content);
  // A tag named twice (`property="article:published" itemprop="datePublished dateCreated"`) is read
  // under each of its itemprop names too: the microdata names are the ones readers look for.
  if (attribs.itemprop !== undefined) setItemprops(meta, attribs.itemprop, content);
}

/** A value under each of an element's itemprop names ("datePublished dateCreated"). */
function setItemprops(meta: RenderedMeta, itemprop: string, content: string): void {
  for (const name of itemprop.split(/\s+/)) setMetaTag(meta, name, content);
}

function setMetaTag(meta: RenderedMeta, key: string, content: string): void {
  const k = key.toLowerCase().trim();
  if (k !== '' && !meta.tags.has(k) && meta.tags.size < 500) meta.tags.set(k, content);
}

let lastHtml: string | undefined;
/** Whether lastHtml was a UTF-8 view (an ASCII page is the same string either way, and the same page). */
let lastWasView = false;
let lastPage: RenderedPage | undefined;

/** Renders a page (memoised: the same HTML string twice in a row is parsed once). */
export function renderHtml(html: string): RenderedPage {
  if (lastPage && html === lastHtml && !lastWasView) return lastPage;
  const page = render(html, scanHtml);
  lastHtml = html;
  lastWasView = false;
  lastPage = page;
  return page;
}

/**
 * Renders the page whose valid UTF-8 bytes a one-byte view holds (ingest/utf8-view.ts):
 * the same result as renderHtml over the decoded page (memoised the same way).
 */
export function renderUtf8View(view: string): RenderedPage {
  if (lastPage && view === lastHtml && lastWasView) return lastPage;
  const page = render(view, scanUtf8View);
  lastHtml = view;
  lastWasView = true;
  lastPage = page;
  return page;
}

/** Renders a page from another event source (not memoised): to compare scanners on the same pages. */
export function renderHtmlWith(html: string, scan: HtmlScan): RenderedPage {
  return render(html, scan);
}
