/**
 * Our own HTML scanner, specialised for what the layout stage reads: open and
 * close events with the few attributes render.ts looks at, and the text between
 * tags (entities decoded). No DOM, no recursion, no per-character state machine
 * for the bulk of the page: tags, comments and raw contents are found with native
 * `indexOf`, and only tag names and attributes are stepped through by
 * `charCodeAt`.
 *
 * It follows htmlparser2 12 (the parser it replaces, measured slower: see
 * docs/DECISIONS.md (layout-speed)) event for event — implied closes (`<p>` closed
 * by `<div>`, `<li>` by `<li>`, ...), void elements, stray closers ignored, `</p>`
 * alone giving an empty paragraph, `</br>` a line break, a nested `<form>`
 * ignored, entity decoding as its legacy (text) and attribute modes — with one
 * deliberate difference: the contents of `<noscript>`, `<template>`, `<svg>` and
 * `<math>` are skipped whole (one search for the matching closing tag) instead
 * of being parsed, as a browser running scripts treats them; render.ts never
 * shows their text. test/layout/html/scanner.test.ts checks the events against
 * htmlparser2's on malformed markup.
 */
import { decodeHtmlAttribute, decodeHtmlText } from '../../ingest/char-refs.js';
import { decodeUtf8View, NON_ASCII } from '../../ingest/utf8-view.js';

/** The attributes render.ts reads (names lowercased, the first occurrence wins, entities decoded). */
export interface TagAttributes {
  class: string | undefined;
  id: string | undefined;
  itemprop: string | undefined;
  style: string | undefined;
  hidden: string | undefined;
  'aria-hidden': string | undefined;
  // Read only on <meta>, <html>, <link>, <time> and <script> (see EXTRA_TAGS).
  name: string | undefined;
  property: string | undefined;
  content: string | undefined;
  lang: string | undefined;
  rel: string | undefined;
  href: string | undefined;
  datetime: string | undefined;
  type: string | undefined;
}

/**
 * The names of TagAttributes, in its order: for code that copies or prints them by name
 * (htmlparser2-scan's adapter, tests). The scanner itself writes each field by hand, which keeps
 * its one object shape.
 */
export const TAG_ATTRIBUTE_NAMES = [
  'class',
  'id',
  'itemprop',
  'style',
  'hidden',
  'aria-hidden',
  'name',
  'property',
  'content',
  'lang',
  'rel',
  'href',
  'datetime',
  'type',
] as const satisfies readonly (keyof TagAttributes)[];

export interface ScanHandler {
  /**
   * An element opens. `attributes` is reused for the next tag: read it now, do not keep it.
   * `id` is the tag's number: below KNOWN_TAG_NAMES.length it is that name's index there on
   * every page (knownTagId gives it for a name), so a handler can read per-tag facts from
   * arrays instead of looking the name up; other names get larger ids of their own.
   */
  open(name: string, attributes: TagAttributes, id: number): void;
  /** Text (entities decoded); consecutive calls may split one run of text. */
  text(data: string): void;
  /**
   * Whether `text` would do anything with text now (optional; without it, every text is handed
   * on). Text the handler would drop (inside an element it skips: a script, a form control, a
   * hidden element) is then neither decoded nor handed on: in a UTF-8 view, the 121 benchmark
   * pages' scripts and styles alone hold 6.8 MB of pieces beyond ASCII.
   */
  keepsText?(): boolean;
  /** An element closes (one call for every open, implied ones included; void elements close at once). */
  close(name: string): void;
}

const VOID = new Set([
  'area',
  'base',
  'basefont',
  'br',
  'col',
  'command',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'isindex',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

// Which open elements a new element closes (htmlparser2's table, itself after the HTML spec's rules).
const P = new Set(['p']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p']);
const FORM_TAGS = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
const TABLE_SECTIONS = new Set(['thead', 'tbody']);
const DD_DT = new Set(['dd', 'dt']);
const RT_RP = new Set(['rt', 'rp']);
const IMPLIES_CLOSE = new Map<string, ReadonlySet<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['a', new Set(['a'])],
  ['li', new Set(['li'])],
  ['p', P],
  ['h1', HEADINGS],
  ['h2', HEADINGS],
  ['h3', HEADINGS],
  ['h4', HEADINGS],
  ['h5', HEADINGS],
  ['h6', HEADINGS],
  ['select', FORM_TAGS],
  ['input', FORM_TAGS],
  ['output', FORM_TAGS],
  ['button', FORM_TAGS],
  ['datalist', FORM_TAGS],
  ['textarea', FORM_TAGS],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', DD_DT],
  ['dt', DD_DT],
  ['rt', RT_RP],
  ['rp', RT_RP],
  ['tbody', TABLE_SECTIONS],
  ['tfoot', TABLE_SECTIONS],
  ...[
    'address',
    'article',
    'aside',
    'blockquote',
    'details',
    'div',
    'dl',
    'fieldset',
    'figcaption',
    'figure',
    'footer',
    'form',
    'header',
    'hr',
    'main',
    'nav',
    'ol',
    'pre',
    'section',
    'table',
    'ul',
  ].map((t): [string, ReadonlySet<string>] => [t, P]),
]);

/** Raw text elements: their content runs to the first `</name`; title and textarea decode entities. */
const RAW_TEXT = new Set(['script', 'style', 'iframe', 'xmp', 'noembed', 'noframes', 'title', 'textarea']);
/** Elements whose contents are skipped whole, nested ones counted. */
const OPAQUE = new Set(['noscript', 'template', 'svg', 'math']);
/** Tags whose metadata attributes render.ts reads. */
const EXTRA_TAGS = new Set(['meta', 'html', 'link', 'time', 'script']);

/**
 * Tag names get small integer ids: one Map lookup per tag, then flags, implied
 * closes and open counts are array reads. The ids of these names are fixed; a page's
 * other names get ids of their own, per page.
 */
const KNOWN_NAMES = [
  ...new Set([
    ...VOID,
    ...IMPLIES_CLOSE.keys(),
    ...[...IMPLIES_CLOSE.values()].flatMap((set) => [...set]),
    ...RAW_TEXT,
    ...OPAQUE,
    ...EXTRA_TAGS,
    'plaintext',
    'span',
    'b',
    'i',
    'em',
    'strong',
    'small',
    'sup',
    'sub',
    'u',
    'time',
    'picture',
    'video',
    'audio',
    'canvas',
    'object',
    'label',
    'cite',
    'abbr',
    'code',
    'figure',
    'head',
    'body',
    'caption',
    'summary',
    'dialog',
    'legend',
    'center',
    'font',
    'path',
    'map',
  ]),
];
const KNOWN = new Map(KNOWN_NAMES.map((name, i) => [name, i]));

/** The tag names whose ids are the same on every page (a name's id is its index). */
export const KNOWN_TAG_NAMES: readonly string[] = KNOWN_NAMES;

/** The id the scanner gives a (lowercased) tag name on every page, or KNOWN_TAG_NAMES.length for other names. */
export function knownTagId(name: string): number {
  return KNOWN.get(name) ?? KNOWN_NAMES.length;
}
const idOf = (name: string): number => KNOWN.get(name)!;
const F_VOID = 1;
const F_RAW = 2;
const F_OPAQUE = 4;
const F_EXTRA = 8;
/** Raw text whose entities are decoded (RCDATA). */
const F_DECODED = 16;
const KNOWN_FLAGS = new Uint8Array(KNOWN_NAMES.length);
for (const n of VOID) KNOWN_FLAGS[idOf(n)]! |= F_VOID;
for (const n of RAW_TEXT) KNOWN_FLAGS[idOf(n)]! |= F_RAW;
for (const n of OPAQUE) KNOWN_FLAGS[idOf(n)]! |= F_OPAQUE;
for (const n of EXTRA_TAGS) KNOWN_FLAGS[idOf(n)]! |= F_EXTRA;
KNOWN_FLAGS[idOf('title')]! |= F_DECODED;
KNOWN_FLAGS[idOf('textarea')]! |= F_DECODED;
/** For each known id, the ids of the open elements it closes. */
const IMPLIES: (ReadonlySet<number> | undefined)[] = KNOWN_NAMES.map((n) => {
  const set = IMPLIES_CLOSE.get(n);
  return set && new Set([...set].map(idOf));
});
const ID_P = idOf('p');
const ID_BR = idOf('br');
const ID_FORM = idOf('form');
const ID_SVG = idOf('svg');
const ID_MATH = idOf('math');
const ID_PLAINTEXT = idOf('plaintext');
// htmlparser2 reads <image> as <img>.
KNOWN.set('image', idOf('img'));

/** FNV-1a step over a tag name's char codes, ASCII upper case folded to lower. */
function hashStep(h: number, c: number): number {
  return Math.imul(h ^ (c >= 65 && c <= 90 ? c | 0x20 : c), 16777619);
}
const HASH_SEED = 0x811c9dc5;

function hashOf(name: string): number {
  let h = HASH_SEED;
  for (let i = 0; i < name.length; i++) h = hashStep(h, name.charCodeAt(i));
  return h;
}

/**
 * Known tag names by the hash of their characters: most tags are found without
 * making a string (each candidate is checked character by character).
 */
interface KnownSpelling {
  /** The name as written (an alias such as "image" is spelled as such). */
  name: string;
  id: number;
}
/** One lookup per tag gives both the id and the spelling to check (a second Map of spellings cost another). */
const KNOWN_BY_HASH = new Map<number, KnownSpelling | null>();
for (const [name, id] of KNOWN) {
  const h = hashOf(name);
  // A collision between known names leaves both to the slow path.
  if (KNOWN_BY_HASH.has(h)) KNOWN_BY_HASH.set(h, null);
  else KNOWN_BY_HASH.set(h, { name, id });
}

/** Whether html[start, end) spells `name`, ASCII case folded. */
function spells(html: string, start: number, end: number, name: string): boolean {
  if (end - start !== name.length) return false;
  for (let k = 0; k < name.length; k++) {
    let c = html.charCodeAt(start + k);
    if (c >= 65 && c <= 90) c |= 0x20;
    if (c !== name.charCodeAt(k)) return false;
  }
  return true;
}

const GT = 62;
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
const EQ = 61;
const DQ = 34;
const SQ = 39;
const DASH = 45;
const AMP = '&';

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 12;
}

function isAlpha(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** Ends a tag or attribute name: white space, `/` or `>`. */
function isNameEnd(c: number): boolean {
  return c === GT || c === SLASH || isSpace(c);
}

function newAttributes(): TagAttributes {
  return {
    class: undefined,
    id: undefined,
    itemprop: undefined,
    style: undefined,
    hidden: undefined,
    'aria-hidden': undefined,
    name: undefined,
    property: undefined,
    content: undefined,
    lang: undefined,
    rel: undefined,
    href: undefined,
    datetime: undefined,
    type: undefined,
  };
}

function clearAttributes(a: TagAttributes): void {
  a.class = undefined;
  a.id = undefined;
  a.itemprop = undefined;
  a.style = undefined;
  a.hidden = undefined;
  a['aria-hidden'] = undefined;
  a.name = undefined;
  a.property = undefined;
  a.content = undefined;
  a.lang = undefined;
  a.rel = undefined;
  a.href = undefined;
  a.datetime = undefined;
  a.type = undefined;
}

/**
 * Whether an attribute name (at [start, end)) may be one render.ts reads: on most
 * tags only class, id, itemprop, style, hidden and aria-hidden, told apart by
 * length and first letter before any string is made (most attributes are src,
 * href, alt, data-*...).
 */
function mayBeRead(html: string, start: number, end: number, extra: boolean): boolean {
  if (extra) return true;
  const c = html.charCodeAt(start) | 0x20;
  switch (end - start) {
    case 2:
    case 8:
      return c === 105; // id, itemprop
    case 5:
      return c === 99 || c === 115; // class, style
    case 6:
      return c === 104; // hidden
    case 11:
      return c === 97; // aria-hidden
    default:
      return false;
  }
}

/** The attribute's slot (0: not read), its name already lowercased. */
function slotOf(name: string, extra: boolean): number {
  switch (name) {
    case 'class':
      return 1;
    case 'id':
      return 2;
    case 'itemprop':
      return 3;
    case 'style':
      return 4;
    case 'hidden':
      return 5;
    case 'aria-hidden':
      return 6;
  }
  if (!extra) return 0;
  switch (name) {
    case 'name':
      return 7;
    case 'property':
      return 8;
    case 'content':
      return 9;
    case 'lang':
      return 10;
    case 'rel':
      return 11;
    case 'href':
      return 12;
    case 'datetime':
      return 13;
    case 'type':
      return 14;
    default:
      return 0;
  }
}

/** Stores a value in its slot (named stores: one object shape, no keyed access). */
function setSlot(a: TagAttributes, slot: number, value: string): void {
  switch (slot) {
    case 1:
      a.class = value;
      break;
    case 2:
      a.id = value;
      break;
    case 3:
      a.itemprop = value;
      break;
    case 4:
      a.style = value;
      break;
    case 5:
      a.hidden = value;
      break;
    case 6:
      a['aria-hidden'] = value;
      break;
    case 7:
      a.name = value;
      break;
    case 8:
      a.property = value;
      break;
    case 9:
      a.content = value;
      break;
    case 10:
      a.lang = value;
      break;
    case 11:
      a.rel = value;
      break;
    case 12:
      a.href = value;
      break;
    case 13:
      a.datetime = value;
      break;
    case 14:
      a.type = value;
      break;
  }
}

/** Upper-case ASCII, or anything beyond ASCII (left to toLowerCase). */
function hasUpper(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c >= 128) return true;
  }
  return false;
}

/** Tag and attribute names: lowercased only when they hold an upper-case letter (most do not: no new string). */
function lower(s: string): string {
  return hasUpper(s) ? s.toLowerCase() : s;
}

/**
 * Per opaque element name, a regex finding `<name` or `</name` followed by white space,
 * `/` or `>`, ASCII case folded (no `u` flag: no other character folds to these
 * letters): one native scan instead of a JS step at every `<` of an inline SVG.
 */
const tagPatterns = new Map<string, RegExp>();

function tagPattern(name: string): RegExp {
  let re = tagPatterns.get(name);
  if (!re) {
    re = new RegExp(`</?${name}(?=[\\t\\n\\f\\r />])`, 'gi');
    tagPatterns.set(name, re);
  }
  return re;
}

/** After a closing tag's name: white space, `/` or `>`. */
function endsName(c: number): boolean {
  return c === GT || c === SLASH || c === 32 || c === 10 || c === 9 || c === 13 || c === 12;
}

/**
 * Position of the `</name` that ends a raw text element (followed by white space, `/`
 * or `>`, ASCII case folded), or -1. Native `indexOf` finds each `</`, then the name is
 * compared in place: about twice as fast as one case-insensitive regex scan over the
 * 13 MB of script and style of the 121 benchmark pages (the names are lower-case letters,
 * and `c | 0x20` equals a lower-case letter only for that letter and its capital).
 */
function findRawEnd(html: string, from: number, name: string): number {
  const len = name.length;
  for (let at = html.indexOf('</', from); at >= 0; at = html.indexOf('</', at + 2)) {
    let k = 0;
    while (k < len && (html.charCodeAt(at + 2 + k) | 0x20) === name.charCodeAt(k)) k++;
    if (k === len && endsName(html.charCodeAt(at + 2 + len))) return at;
  }
  return -1;
}

/**
 * Position of the `</name` closing an opaque element, nested elements of the same
 * name counted (a self-closing `<svg/>` opens nothing), or -1.
 */
function findOpaqueEnd(html: string, from: number, name: string): number {
  let depth = 1;
  const re = tagPattern(name);
  re.lastIndex = from;
  for (let m = re.exec(html); m !== null; m = re.exec(html)) {
    const at = m.index;
    if (html.charCodeAt(at + 1) === SLASH) {
      if (--depth === 0) return at;
    } else {
      const gt = html.indexOf('>', at);
      if (gt < 0) return -1;
      if (html.charCodeAt(gt - 1) !== SLASH) depth++;
    }
  }
  return -1;
}

/** The end of a comment opened by `<!--` whose content starts at `from`: index of its `>`, or -1. */
function commentEnd(html: string, from: number): number {
  // "<!-->" and "<!--->" are complete (empty) comments.
  if (html.charCodeAt(from) === GT) return from;
  if (html.charCodeAt(from) === DASH && html.charCodeAt(from + 1) === GT) return from + 1;
  let at = html.indexOf('--', from);
  while (at >= 0) {
    let j = at + 2;
    while (html.charCodeAt(j) === DASH) j++;
    if (html.charCodeAt(j) === GT) return j;
    if (html.charCodeAt(j) === BANG && html.charCodeAt(j + 1) === GT) return j + 1;
    at = html.indexOf('--', j);
  }
  return -1;
}

/** Tags read by one call of Scanner.tags (see there). */
const TAGS_PER_CALL = 256;

/** Scans a page and calls the handler for every element and text run, in document order. */
export function scanHtml(html: string, handler: ScanHandler): void {
  new Scanner(html, handler, false).run();
}

/**
 * scanHtml over the one-byte view of a page of valid UTF-8 (ingest/utf8-view.ts: character i
 * is byte i): the same events as scanHtml over the decoded page. Tags, comments, quotes and
 * names are ASCII, so they are found in the view at byte offsets; the text runs, attribute
 * values and tag names handed on are decoded from UTF-8 when they hold a byte beyond ASCII
 * (their ends are ASCII characters, so no sequence is cut). What the scanner only steps over
 * (comments, skipped contents, attribute values nobody reads) is never decoded, and most of
 * what it hands on is ASCII: one-byte slices of the view, which every later string operation
 * reads at half the memory of the decoded page's two-byte ones.
 */
export function scanUtf8View(view: string, handler: ScanHandler): void {
  new Scanner(view, handler, true).run();
}

class Scanner {
  /** Open elements, innermost last, by tag id. */
  private readonly stack: number[] = [];
  /** Tag names by id: the known ones, then this page's others. */
  private readonly names: string[] = KNOWN_NAMES.slice();
  private readonly pageNames = new Map<string, number>();
  /** Open elements per tag id: a closing tag for an element that is not open is refused without a scan of the stack. */
  private readonly openCounts: number[] = new Array<number>(KNOWN_NAMES.length).fill(0);
  private readonly attributes = newAttributes();
  /**
   * Whether the last tag set a slot of `attributes` (cleared before the next tag's are read).
   * An unfinished tag returns the page's end before it is updated: no tag follows it.
   */
  private attributesSet = false;
  private readonly empty = newAttributes();

  /** `utf8`: `html` is the one-byte view of a valid UTF-8 page (scanUtf8View). */
  constructor(
    private readonly html: string,
    private readonly handler: ScanHandler,
    private readonly utf8: boolean,
  ) {}

  /**
   * The characters of html[start, end): the slice, decoded when it is bytes of a UTF-8 view
   * beyond ASCII. Each piece is tested on its own: one search from a piece to the next byte
   * beyond ASCII, kept for the pieces before it, ran over the skipped scripts and markup too
   * (~90 M more instructions over the 121 benchmark pages, counted by cachegrind).
   */
  private piece(start: number, end: number): string {
    const data = this.html.slice(start, end);
    return this.utf8 && NON_ASCII.test(data) ? decodeUtf8View(data) : data;
  }

  run(): void {
    let at = 0;
    do at = this.tags(at);
    while (this.more);
    this.text(at, this.html.length);
    while (this.stack.length) this.pop();
  }

  /** Whether the last tags() call stopped after TAGS_PER_CALL tags, with more of the page to read. */
  private more = false;

  /**
   * The page's tags from `from` and the text between them, at most TAGS_PER_CALL tags a call;
   * returns where the text after the last tag read starts (a tag's end: the next call starts
   * there), `more` telling whether the page goes on. The loop is a function of its own: V8
   * compiled it on the stack (OSR) while the first page was still being read, before the code
   * after the loop had ever run, and Node 24 re-entered that compiled loop on every later page
   * only to deoptimise where it left the loop (~70 times a run); here the loop's exit is a
   * plain return. And a call reads a few hundred tags, not a whole page: the optimised code V8
   * compiles for it is entered at the next call, where a call over the whole first page had
   * V8 compile the loop a second time, on the stack (OSR), before that page ended.
   */
  private tags(from: number): number {
    const html = this.html;
    const n = html.length;
    let textStart = from;
    let i = from;
    let count = 0;
    while (i < n) {
      const lt = html.indexOf('<', i);
      if (lt < 0) break;
      const c = html.charCodeAt(lt + 1);
      const alpha = isAlpha(c);
      if (!alpha && c !== SLASH && c !== BANG && c !== QUESTION) {
        i = lt + 1; // "<" that opens nothing is text
        continue;
      }
      // The text before a tag, from one call site (one inlined copy of text and piece in the
      // optimised loop, where a call per kind of tag inlined two and called the rest).
      this.text(textStart, lt);
      let next: number;
      if (alpha) {
        next = this.openTag(lt + 1);
      } else if (c === SLASH) {
        const c2 = html.charCodeAt(lt + 2);
        if (isAlpha(c2)) next = this.closeTag(lt + 2);
        else if (c2 === GT)
          next = lt + 3; // "</>" is dropped
        else next = this.skipTo(lt + 2, '>'); // "</ x>", "</3>": a bogus comment
      } else if (c === BANG) {
        next = this.declaration(lt + 2);
      } else {
        next = this.skipTo(lt + 2, '>');
      }
      i = next;
      textStart = next;
      if (++count === TAGS_PER_CALL) {
        this.more = true;
        return textStart;
      }
    }
    this.more = false;
    return textStart;
  }

  private text(start: number, end: number): void {
    if (start >= end || this.handler.keepsText?.() === false) return;
    const data = this.piece(start, end);
    this.handler.text(data.includes(AMP) ? decodeHtmlText(data) : data);
  }

  /** Index after the next `c` from `from`, or the end of the page. */
  private skipTo(from: number, c: string): number {
    const at = this.html.indexOf(c, from);
    return at < 0 ? this.html.length : at + 1;
  }

  /** After `<!`: a comment, CDATA (a comment in HTML), a doctype or a bogus comment, all skipped. */
  private declaration(from: number): number {
    const html = this.html;
    if (html.charCodeAt(from) === DASH && html.charCodeAt(from + 1) === DASH) {
      const end = commentEnd(html, from + 2);
      return end < 0 ? html.length : end + 1; // an unclosed comment runs to the end
    }
    if (html.startsWith('[CDATA[', from)) {
      const end = html.indexOf(']]>', from + 7);
      return end < 0 ? html.length : end + 3;
    }
    return this.skipTo(from, '>');
  }

  /** The id of the tag name at [start, end) whose hash (hashStep over its characters) is `h`. */
  private tagIdByHash(start: number, end: number, h: number): number {
    const known = KNOWN_BY_HASH.get(h);
    if (known && spells(this.html, start, end, known.name)) return known.id;
    return this.tagId(start, end);
  }

  /** The id of the tag name at [start, end), lowercased. */

  private tagId(start: number, end: number): number {
    const raw = this.piece(start, end);
    const known = KNOWN.get(raw);
    if (known !== undefined) return known;
    const name = lower(raw);
    let id = KNOWN.get(name) ?? this.pageNames.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.pageNames.set(name, id);
      this.openCounts.push(0);
    }
    return id;
  }

  private flags(id: number): number {
    return id < KNOWN_FLAGS.length ? KNOWN_FLAGS[id]! : 0;
  }

  /** An open tag whose name starts at `from`; returns the index after it (the page's end when unfinished: dropped). */
  private openTag(from: number): number {
    const html = this.html;
    const n = html.length;
    let j = from + 1;
    let h = hashStep(HASH_SEED, html.charCodeAt(from));
    for (; j < n; j++) {
      const c = html.charCodeAt(j);
      if (isNameEnd(c)) break;
      h = hashStep(h, c);
    }
    if (j >= n) return n;
    const id = this.tagIdByHash(from, j, h);
    const flags = this.flags(id);
    const a = this.attributes;
    // Only a tag that set a slot leaves one to clear (most tags read none): 14 stores per tag
    // were a cost of their own while this code still runs unoptimised.
    if (this.attributesSet) clearAttributes(a);
    let seen = 0;
    const extra = (flags & F_EXTRA) !== 0;
    let selfClosing = false;
    // Attributes, as htmlparser2 reads them: names end at "=", white space, "/" or ">"; values quoted or not.
    for (;;) {
      let c = html.charCodeAt(j);
      while (j < n && (isSpace(c) || c === SLASH)) c = html.charCodeAt(++j);
      if (j >= n) return n;
      if (c === GT) {
        selfClosing = html.charCodeAt(j - 1) === SLASH;
        j++;
        break;
      }
      const nameStart = j;
      j++;
      while (j < n) {
        c = html.charCodeAt(j);
        if (c === EQ || isNameEnd(c)) break;
        j++;
      }
      if (j >= n) return n;
      const slot = mayBeRead(html, nameStart, j, extra) ? slotOf(lower(html.slice(nameStart, j)), extra) : 0;
      // The first occurrence of a name wins, as in htmlparser2.
      const fresh = slot !== 0 && (seen & (1 << slot)) === 0;
      if (fresh) seen |= 1 << slot;
      while (j < n && isSpace(html.charCodeAt(j))) j++;
      // An attribute without "=" has the empty value: one store for both kinds (a second call
      // site, reached first on some later page, deoptimised the optimised openTag).
      let valueStart = j;
      let valueEnd = j;
      if (html.charCodeAt(j) === EQ) {
        j++;
        while (j < n && isSpace(html.charCodeAt(j))) j++;
        if (j >= n) return n;
        c = html.charCodeAt(j);
        if (c === DQ || c === SQ) {
          valueStart = j + 1;
          valueEnd = html.indexOf(c === DQ ? '"' : "'", valueStart);
          if (valueEnd < 0) return n;
          j = valueEnd + 1;
        } else {
          valueStart = j;
          while (j < n) {
            c = html.charCodeAt(j);
            if (c === GT || isSpace(c)) break;
            j++;
          }
          if (j >= n) return n;
          valueEnd = j;
        }
      }
      if (fresh) {
        const value = this.piece(valueStart, valueEnd);
        setSlot(a, slot, value.includes(AMP) ? decodeHtmlAttribute(value) : value);
      }
    }
    this.attributesSet = seen !== 0;
    if (!this.openElement(id, a)) return j;
    if (flags & F_RAW) return this.rawText(id, flags, j);
    if (id === ID_PLAINTEXT) {
      if (this.handler.keepsText?.() !== false) this.handler.text(this.piece(j, n));
      return n;
    }
    if (flags & F_OPAQUE) {
      // A self-closing <svg/> or <math/> is closed at once (foreign content), as in htmlparser2.
      if (selfClosing && (id === ID_SVG || id === ID_MATH)) {
        this.closeElement(id);
        return j;
      }
      const end = findOpaqueEnd(html, j, this.names[id]!);
      // Without its closing tag the element is parsed as any other, so that the rest of the page is not lost.
      if (end >= 0) return this.closeTag(end + 2);
    }
    return j;
  }

  /** The content of a raw text element, as text, then its closing tag. */
  private rawText(id: number, flags: number, from: number): number {
    const html = this.html;
    const end = findRawEnd(html, from, this.names[id]!);
    const stop = end < 0 ? html.length : end;
    if (stop > from && this.handler.keepsText?.() !== false) {
      const data = this.piece(from, stop);
      this.handler.text(flags & F_DECODED && data.includes(AMP) ? decodeHtmlText(data) : data);
    }
    return end < 0 ? html.length : this.closeTag(end + 2);
  }

  /** A closing tag whose name starts at `from`; returns the index after its `>`. */
  private closeTag(from: number): number {
    const html = this.html;
    const n = html.length;
    let j = from + 1;
    let h = hashStep(HASH_SEED, html.charCodeAt(from));
    for (; j < n; j++) {
      const c = html.charCodeAt(j);
      if (isNameEnd(c)) break;
      h = hashStep(h, c);
    }
    if (j >= n) return n;
    this.closeElement(this.tagIdByHash(from, j, h));
    return this.skipTo(j, '>');
  }

  /** Opens an element (closing those it implies closed); false when it is ignored (a form inside a form). */
  private openElement(id: number, attributes: TagAttributes): boolean {
    const { stack, handler, openCounts } = this;
    if (id === ID_FORM && openCounts[ID_FORM]! > 0) return false;
    const implied = id < IMPLIES.length ? IMPLIES[id] : undefined;
    if (implied) while (stack.length && implied.has(stack[stack.length - 1]!)) this.pop();
    const name = this.names[id]!;
    if (this.flags(id) & F_VOID) {
      handler.open(name, attributes, id);
      handler.close(name);
    } else {
      stack.push(id);
      openCounts[id]!++;
      handler.open(name, attributes, id);
    }
    return true;
  }

  private closeElement(id: number): void {
    const handler = this.handler;
    if (this.flags(id) & F_VOID) {
      // "</br>" is read as a line break; other void closers are dropped.
      if (id === ID_BR) {
        handler.open('br', this.empty, ID_BR);
        handler.close('br');
      }
      return;
    }
    if (this.openCounts[id]! > 0) {
      while (this.pop() !== id) {}
    } else if (id === ID_P) {
      // "</p>" with no paragraph open makes an empty one.
      this.openElement(ID_P, this.empty);
      this.pop();
    }
  }

  private pop(): number {
    const id = this.stack.pop()!;
    this.openCounts[id]!--;
    this.handler.close(this.names[id]!);
    return id;
  }
}
