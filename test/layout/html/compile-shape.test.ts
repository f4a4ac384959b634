/**
 * The places layout-13b reshaped for a smaller optimised graph (fewer charCodeAt sites, one
 * call site, one push site) at their edges: the expectations are what the code before the
 * reshape (d75e121) gave for the same inputs.
 */
import { describe, expect, it } from 'vitest';
import { HINT, hintBits } from '../../../src/layout/html/class-hints.js';
import { CTX, renderHtml } from '../../../src/layout/html/render.js';
import { type ScanHandler, scanHtml } from '../../../src/layout/html/scanner.js';
import { furnitureKind } from '../../../src/layout/line-kinds.js';

const JUNK_ONLY = HINT.negative | HINT.junk | HINT.junkName;

describe('hintBits at the edges of a word (the edges read from the word and the previous character)', () => {
  it.each([
    ['ads', JUNK_ONLY],
    ['ADS', JUNK_ONLY],
    ['Ad', JUNK_ONLY],
    ['ad', JUNK_ONLY],
    ['xads', 0],
    ['aad', 0],
    ['ad_1', 0],
    ['1ad', 0],
    ['x-ad', JUNK_ONLY],
    ['-ad', JUNK_ONLY],
    ['a-ad', JUNK_ONLY],
    ['ad-x', JUNK_ONLY],
    ['the-date', HINT.byline],
    ['DATE', HINT.byline],
    ['update', 0],
    ['META', HINT.byline],
    ['meta-data', HINT.byline],
    ['metadata', 0],
    ['tags', HINT.negative],
    ['tagsx', 0],
    ['user-comments', JUNK_ONLY | HINT.comment],
    ['usercomments', JUNK_ONLY],
    ['x\u00a0comments', JUNK_ONLY | HINT.comment],
    ['Comments_x', JUNK_ONLY | HINT.comment],
    ['comments\u2003', JUNK_ONLY | HINT.comment],
    ['content-with-sidebar', HINT.positive | HINT.negative | HINT.junk],
  ])('%j', (hint, bits) => {
    expect(hintBits(hint)).toBe(bits);
  });
});

describe('the scanner hands on the text before every kind of tag from one place', () => {
  it('keeps the text before comments, processing instructions, closing, bogus and CDATA tags', () => {
    const events: string[] = [];
    const handler: ScanHandler = {
      open: (name) => events.push(`+${name}`),
      close: (name) => events.push(`-${name}`),
      text: (data) => events.push(JSON.stringify(data)),
    };
    scanHtml('a<!--c-->b<?x?>c</>d</ x>e<3f</p>g<![CDATA[z]]>h<P>i</P>j', handler);
    expect(events.join(' ')).toBe('"a" "b" "c" "d" "e<3f" +p -p "g" "h" +p "i" -p "j"');
  });
});

describe('furnitureKind with the first character read once', () => {
  it.each([
    ['', undefined],
    [' ', undefined],
    ['By Jane Doe', 'byline'],
    ['by jane', 'byline'],
    ['Words by Ann', 'byline'],
    ['Updated 5 minutes ago', 'byline'],
    ['Posted 2 hours ago', 'byline'],
    ['yesterday', 'byline'],
    ['Just now', 'byline'],
    ['12 March 2024', 'byline'],
    ['Photo: AP', 'caption'],
    ['LONDON —', 'dateline'],
    ['Share this article', 'boilerplate'],
    ['Read more: the story', 'related'],
    ['The cat sat on the mat.', undefined],
  ])('%j', (line, kind) => {
    expect(furnitureKind(line)).toBe(kind);
  });
});

describe("finish() resolves the contexts of elements that hold no line (resolveRest's loop)", () => {
  it('gives each such element its own tag context and its ancestors', () => {
    const page = renderHtml(
      '<body><nav class="menu"><span><a href="/">Home</a></span></nav><article><p>Text of the story.</p><figure><img src="x"></figure></article></body>',
    );
    const { tag, ctx } = page.nodes;
    const at = (name: string): number => tag.indexOf(name);
    // The link holds a line, so its contexts were resolved at flush; the span above it was too.
    expect(ctx[at('span')]! & CTX.nav).toBe(CTX.nav);
    // The figure and the image hold no line: resolved at the page's end, from their tags and ancestors.
    expect(ctx[at('figure')]! & CTX.figure).toBe(CTX.figure);
    expect(ctx[at('img')]! & CTX.figure).toBe(CTX.figure);
    expect(ctx[at('img')]! & CTX.nav).toBe(0);
    for (let i = 1; i < tag.length; i++) expect(ctx[i]).toBeGreaterThanOrEqual(0);
  });
});
