import { describe, expect, it } from 'vitest';
import { renderHtml, renderUtf8View } from '../../../src/layout/html/render.js';
import {
  type ScanHandler,
  scanHtml,
  scanUtf8View,
  TAG_ATTRIBUTE_NAMES,
  type TagAttributes,
} from '../../../src/layout/html/scanner.js';
import { fixture } from '../helpers.js';

/** Every event of a scan as a string (text runs merged), with the handler saying it keeps text or not. */
function events(
  html: string,
  scan: (html: string, handler: ScanHandler) => void,
  keepsText?: () => boolean,
): string[] {
  const out: string[] = [];
  let text: string | undefined;
  const endText = () => {
    if (text !== undefined) out.push(`"${text}"`);
    text = undefined;
  };
  const handler: ScanHandler = {
    open(name: string, a: TagAttributes, id: number) {
      endText();
      const attrs = TAG_ATTRIBUTE_NAMES.filter((k) => a[k] !== undefined).map(
        (k) => `${k}=${JSON.stringify(a[k])}`,
      );
      out.push(`<${name}#${id}${attrs.length ? ` ${attrs.join(' ')}` : ''}>`);
    },
    text(data: string) {
      text = (text ?? '') + data;
    },
    close(name: string) {
      endText();
      out.push(`</${name}>`);
    },
  };
  if (keepsText) handler.keepsText = keepsText;
  scan(html, handler);
  endText();
  return out;
}

const view = (html: string): string => Buffer.from(html, 'utf8').toString('latin1');

// Pages with characters beyond ASCII in every place the scanner reads: text (two-, three- and
// four-byte sequences), entities beside them, attribute values quoted and not, names of tags and
// attributes, comments, raw text, skipped contents, and an unfinished tag at the end.
const PAGES: [string, string][] = [
  [
    'text and attribute values',
    '<html lang="pt-BR"><head><title>Caf\u00e9 \u2014 \u201cnoite\u201d</title>' +
      '<meta property="og:title" content="S\u00e3o Paulo &amp; \u00c9vora"></head>' +
      '<body><div class="cabe\u00e7alho lead" id=n\u00famero data-x="\u00bd">' +
      '<p>Na pra\u00e7a, \u201cfeira\u201d &ndash; \ud83d\ude00 \u4e2d\u6587 &#x201c;ok&#x201d;</p></div></body></html>',
  ],
  [
    'tag and attribute names beyond ASCII',
    '<lin\u212a rel=canonical href="/\u00e9">x</lin\u212a><d\u00edv cl\u00e4ss="a" class="b\u00df">y</d\u00edv>' +
      '<\u00e9l\u00e9ment>z</\u00e9l\u00e9ment><p \u00e9="1" id="\u00e9">w</p>',
  ],
  [
    'comments, scripts, styles and skipped contents',
    '<p>a\u00e9<!-- \u00e9t\u00e9 <p>no</p> --></p><script>var s = "\u00e9\u2014";</script>' +
      '<style>.x::after{content:"\u2192"}</style><noscript><p>\u00e9</p></noscript>' +
      '<svg><text>\u00e9</text></svg><script type="application/ld+json">{"headline":"\u00c9t\u00e9"}</script>' +
      '<textarea>&lt;\u00e9&gt;</textarea><p>b\u00a0c</p>',
  ],
  ['plaintext to the end', '<p>\u00e9</p><plaintext><p>\u00e9 \u2014 &amp;</p>'],
  ['an unfinished tag at the end', '<p>\u00e9t\u00e9</p><div class="\u00e9'],
  ['nothing beyond ASCII', '<p class=a>plain &amp; simple</p><script>x</script>'],
];

describe('the scanner over a UTF-8 view', () => {
  for (const [what, html] of PAGES) {
    it(`reads ${what} as over the decoded page`, () => {
      expect(events(view(html), scanUtf8View)).toEqual(events(html, scanHtml));
    });
  }

  it('neither decodes nor hands on text the handler does not keep', () => {
    const html = '<p>\u00e9</p><script>var s = "\u00e9";</script><p>b</p>';
    let inScript = false;
    const got: string[] = [];
    const handler: ScanHandler = {
      open: (name) => {
        inScript = name === 'script';
      },
      close: () => {
        inScript = false;
      },
      text: (data) => {
        got.push(data);
      },
      keepsText: () => !inScript,
    };
    scanUtf8View(view(html), handler);
    expect(got).toEqual(['\u00e9', 'b']);
    // Without keepsText, every text is handed on, as before.
    expect(events(view(html), scanUtf8View)).toContain('"var s = "\u00e9";"');
  });

  it('renders pages from their view as from their decoded HTML: text, lines, elements and metadata', () => {
    for (const html of [
      ...PAGES.map(([, page]) => page),
      fixture('html/broken-story.html'),
      fixture('article-page.html'),
      fixture('meta-traps.html'),
      fixture('story-highlights.html'),
    ]) {
      const a = renderHtml(html);
      const b = renderUtf8View(view(html));
      expect(b).toEqual(a);
    }
  });

  it('tells a view from a decoded page of the same characters in its memo', () => {
    // Latin-1 characters: the view of their UTF-8 is another string than the page, and the
    // page's own string read as a view would be other bytes.
    const html = '<p>\u00e9</p>';
    expect(renderUtf8View(view(html)).text).toBe('\u00e9');
    expect(renderHtml(view(html)).text).toBe('\u00c3\u00a9');
    expect(renderUtf8View(view(html)).text).toBe('\u00e9');
  });
});
