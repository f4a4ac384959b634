import { describe, expect, it } from 'vitest';
import { scanWithHtmlparser2 } from '../../../src/layout/html/htmlparser2-scan.js';
import { renderHtml, renderHtmlWith } from '../../../src/layout/html/render.js';
import { type ScanHandler, scanHtml, type TagAttributes } from '../../../src/layout/html/scanner.js';
import { fixture } from '../helpers.js';

const COMMON = ['class', 'id', 'itemprop', 'style', 'hidden', 'aria-hidden'] as const;
const EXTRA = ['name', 'property', 'content', 'lang', 'rel', 'href', 'datetime', 'type'] as const;
const EXTRA_TAGS = new Set(['meta', 'html', 'link', 'time', 'script']);

/** The events of a scan as strings, consecutive text runs merged (how text is split does not matter). */
function events(html: string, scan: (html: string, handler: ScanHandler) => void): string[] {
  const out: string[] = [];
  let text: string | undefined;
  const endText = () => {
    if (text !== undefined) out.push(`"${text}"`);
    text = undefined;
  };
  scan(html, {
    open(name: string, a: TagAttributes) {
      endText();
      const names = EXTRA_TAGS.has(name) ? [...COMMON, ...EXTRA] : COMMON;
      const attrs = names.filter((k) => a[k] !== undefined).map((k) => `${k}=${JSON.stringify(a[k])}`);
      out.push(`<${name}${attrs.length ? ` ${attrs.join(' ')}` : ''}>`);
    },
    text(data: string) {
      text = (text ?? '') + data;
    },
    close(name: string) {
      endText();
      out.push(`</${name}>`);
    },
  });
  endText();
  return out;
}

const ours = (html: string) => events(html, scanHtml);
const reference = (html: string) => events(html, scanWithHtmlparser2);

// Each case: markup our scanner must read as htmlparser2 does, event for event.
const SAME_AS_HTMLPARSER2: [string, string][] = [
  ['an unclosed comment runs to the end', '<p>before</p><!-- never closed <p>after</p>'],
  ['comment forms: <!-->, <!--->, --!>, ---->', '<p>a<!-->b<!--->c<!-- x --!>d<!-- y ---->e</p>'],
  ['"<" in text that opens no tag', '<p>3 < 4 and 5 <= 6, a <3 b, <<<>>> x < /p</p>'],
  [
    'attributes without quotes, without values, repeated',
    '<div class=lead id=x hidden class=second data-x=1/>t</div>',
  ],
  [
    'attribute names and values in odd places',
    "<p class = \"a b\"id='c'style=display:none =x>t</p><p \"='x'>s</p>",
  ],
  [
    "a tag's attributes never carry over to the next tag's",
    '<div class="a" hidden style=x><span>x</span><p id=b>y</p><i aria-hidden>z</i><b></b></div>',
  ],
  ['CDATA outside foreign content is a comment', '<p>a<![CDATA[ b <i>c</i> ]]>d<![CDATA[ unclosed'],
  [
    '"</script" inside a string ends nothing',
    '<script>var s = "</scr" + "ipt>"; x = "</scriptx>";</script><p>after</p>',
  ],
  ['a script never closed is text to the end', '<p>a</p><script>var a = "<p>b</p>";'],
  ['upper-case tags and attributes', '<DIV CLASS="Main"><P ID=One>Text</P><BR/></DIV><IMAGE SRC=x>'],
  ['<br/>, </br> and other void closers', '<p>one<br/>two<br>three</br>four</img></hr>five</p>'],
  [
    'entities: named, numeric, legacy without ";", unknown',
    '<p>&amp; &#x27; &#39; &nbsp; &ndash; &notit; &amp &copy2026 &bogus; &#xZZ; &#0; &#x110000; &#128;</p>',
  ],
  [
    'entities in attributes follow the attribute rules',
    '<div class="a&amp;b &notit c&lt;" id="&copy=1">t</div>',
  ],
  [
    'entities in title and textarea are decoded, not in script',
    '<title>A &amp; B</title><textarea>&lt;x&gt;</textarea><script>a&amp;b</script>',
  ],
  [
    'implied closes: p, li, td/tr, headings, options',
    '<ul><li>a<li>b</ul><p>c<div>d</div><table><tr><td>1<td>2<tr><td>3</table><h2>e<h3>f</h3>',
  ],
  ['"</p>" without a paragraph makes an empty one', '<div>a</p>b</div>'],
  ['stray closers are ignored; a closer closes what it skips', '<div><span><b>a</div>b</span></i>c'],
  ['a form inside a form is ignored', '<form id=a><form id=b><input></form>after</form>'],
  [
    'doctype, processing instruction, bogus comments',
    '<!DOCTYPE html><?xml version="1.0"?><p>a</ x>b</3>c</>d<!x>e</p>',
  ],
  [
    'raw text elements: style, iframe, xmp, title',
    '<style>a<b</style><iframe><p>x</p></iframe><xmp><b>y</b></xmp><title>t<i></title>',
  ],
  ['<image> is read as <img>', '<image src=x><IMAGE>'],
  [
    'raw text ends at "</name" in any case, before white space, "/" or ">" only',
    '<script>a</scripts>b</SCRIPT\t>c<style>d</style/>e<title>f</TiTlE\n>g<p>h</p><script>i</script',
  ],
  ['characters that fold to ASCII only with the u flag end nothing', '<script>a</ſcript>b</script><p>c</p>'],
];

describe('HTML scanner', () => {
  for (const [what, html] of SAME_AS_HTMLPARSER2) {
    it(`reads ${what} as htmlparser2 does`, () => {
      expect(ours(html)).toEqual(reference(html));
    });
  }

  it('drops a tag left unfinished at the end (htmlparser2 closes an element it never opened)', () => {
    const html = '<p>text</p><div class="never';
    expect(ours(html)).toEqual(['<p>', '"text"', '</p>']);
    expect(reference(html)).toEqual(['<p>', '"text"', '</p>', '</div>']);
    expect(ours('<p>s</p><p "=\'>never closed')).toEqual(['<p>', '"s"', '</p>']);
  });

  it('decodes entities where text is kept', () => {
    expect(ours('<p>Tom &amp; Jerry&#x27;s &nbsp;show &bogus;</p>')).toEqual([
      '<p>',
      '"Tom & Jerry\'s \u00a0show &bogus;"',
      '</p>',
    ]);
  });

  it('skips the contents of noscript, template, svg and math whole', () => {
    const html =
      '<div><noscript><p>Turn on JavaScript</p></noscript><template><li>x</template>' +
      '<svg><title>Share</title><svg><path/></svg><p>in svg</p></svg><math><mi>x</mi></math>after</div>';
    expect(ours(html)).toEqual([
      '<div>',
      '<noscript>',
      '</noscript>',
      '<template>',
      '</template>',
      '<svg>',
      '</svg>',
      '<math>',
      '</math>',
      '"after"',
      '</div>',
    ]);
  });

  it('finds the end of a skipped element in any case, nested ones of the same name counted', () => {
    const html =
      '<svg><SVG class=x><svg/><svgs></SVG ><g></svg\n><p>after svg</p><math><MATH>x</math></Math\t>' +
      '<p>after math</p><noscript><p>x</p></noscriptx></NOSCRIPT>tail';
    expect(ours(html)).toEqual([
      '<svg>',
      '</svg>',
      '<p>',
      '"after svg"',
      '</p>',
      '<math>',
      '</math>',
      '<p>',
      '"after math"',
      '</p>',
      '<noscript>',
      '</noscript>',
      '"tail"',
    ]);
  });

  it('closes a self-closing <svg/> at once and parses an unclosed <noscript> as markup', () => {
    expect(ours('<p>a<svg/>b</p>')).toEqual(['<p>', '"a"', '<svg>', '</svg>', '"b"', '</p>']);
    expect(ours('<noscript><p>rest of the page')).toEqual([
      '<noscript>',
      '<p>',
      '"rest of the page"',
      '</p>',
      '</noscript>',
    ]);
  });

  it('reads a page of thousands of tags (its loop stops and resumes every few hundred) as htmlparser2 does', () => {
    // Pieces of unequal numbers of tags, so that the loop's stops fall after every kind of tag:
    // an open, a close, a comment, a doctype, a raw text element's close, a void element.
    const pieces = [
      '<p class="a">one &amp; two</p>',
      'loose text, 3 < 4 <<',
      '<!-- a comment <p>not a tag</p> -->',
      '<div id=x><span>in span</span>tail</div>',
      '<br><img src=x alt=y>after void',
      '<script>if (a < b) { x = "</p>"; }</script>',
      '<ul><li>a<li>b</ul>',
      '<!DOCTYPE html><?php echo 1 ?>',
      '<h2>T&#x27;s</h2><p>x</br>y',
      '</span></i>stray closers',
    ];
    const parts: string[] = [];
    for (let k = 0; k < 1500; k++) parts.push(pieces[(k * 7) % pieces.length]!, `t${k} `);
    const html = `<html><body>${parts.join('')}</body></html> trailing text`;
    const ourEvents = ours(html);
    expect(ourEvents.filter((e) => e.startsWith('<') && !e.startsWith('</')).length).toBeGreaterThan(1000);
    expect(ourEvents).toEqual(reference(html));
  });

  it('reads 100,000 nested elements and 100,000 stray closers in linear time', () => {
    const depth = 100_000;
    const html = `${'<div>'.repeat(depth)}x${'</span>'.repeat(depth)}${'</div>'.repeat(depth)}`;
    let opens = 0;
    let closes = 0;
    scanHtml(html, {
      open: () => {
        opens++;
      },
      text: () => {},
      close: () => {
        closes++;
      },
    });
    expect(opens).toBe(depth);
    expect(closes).toBe(depth);
  });
});

describe('render with our scanner', () => {
  // Fixtures with none of the deliberate differences (no markup inside noscript/svg/template) render the same.
  for (const name of [
    'html/broken-story.html',
    'article-page.html',
    'meta-traps.html',
    'story-highlights.html',
  ]) {
    it(`renders ${name} as with htmlparser2: same text, lines, elements and metadata`, () => {
      const html = fixture(name);
      const a = renderHtml(html);
      const b = renderHtmlWith(html, scanWithHtmlparser2);
      expect(a.text).toBe(b.text);
      // The broken story has markup inside <noscript> and <svg>, which only htmlparser2 counts as elements
      // (and the svg's <title>, which it appended to the page's title).
      const lines = (p: typeof a) => p.blocks.map(({ node: _, ...line }) => line);
      expect(lines(a)).toEqual(lines(b));
      expect(a.meta).toEqual(b.meta);
      if (name !== 'html/broken-story.html') {
        expect(a.title).toBe(b.title);
        expect(a.blocks).toEqual(b.blocks);
        expect(a.nodes).toEqual(b.nodes);
      }
    });
  }

  it('renders the broken story: body kept, furniture and skipped contents out', () => {
    const page = renderHtml(fixture('html/broken-story.html'));
    expect(page.text).toContain('The harbour ferry will leave every 20 minutes from Monday');
    expect(page.text).toContain('Bus routes 4 & 7 will meet the boats');
    expect(page.text).toContain('Fares rise by 5% <from £2.00>');
    expect(page.text).toContain(
      '"It\'s what people asked for," said the operator\'s director, Ana Silva Costa.',
    );
    expect(page.text).toContain('We listened ¬it; we acted &bogus; and we will review it in June.');
    expect(page.text).toContain(
      'Timetables are at the quay & online and in libraries.\nPaper copies follow next week.',
    );
    expect(page.text).not.toContain('not text');
    expect(page.text).not.toContain('Please turn on JavaScript');
    expect(page.text).not.toContain('nested');
    expect(page.title).toBe('Harbour ferry & bus timetable changes');
    expect(page.meta.lang).toBe('en-GB');
    expect(page.meta.canonical).toBe('https://example.org/news/ferry?id=1&ref=top');
    expect(page.meta.tags.get('author')).toBe('Ruth Okafor');
    expect(page.meta.tags.get('og:title')).toBe('Ferry & bus timetables change');
    expect(page.meta.jsonLd).toHaveLength(1);
  });
});
