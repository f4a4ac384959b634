/**
 * A short HTML page written for this project that takes the scanner's, the renderer's and the
 * HTML classifier's rarer branches, for priming V8's type feedback before a process's first page.
 *
 * Why: V8 optimises the scanner and the renderer during the first page, and compiles every
 * branch that page never took as "deoptimise here". Each rare construct met later for the first
 * time (the first inline SVG, `</br>`, a stray `</p>`, a `<time>` inside an article, a rare
 * attribute, a class name with a no-break space, a line ending in a dash …) threw the compiled
 * code away and V8 compiled it again, while the function ran unoptimised: 11 deoptimisations in a
 * fresh layout run over the 121 benchmark pages, in openTag, open, closeTag, pop, setSlot,
 * furnitureKind, judgeHint and findMainContent (docs/RESULTS.md (layout-10)). Rendering this page
 * first gives those branches feedback before anything is compiled (the same idea as
 * src/text/prime.ts for the text scanners, corpus-9).
 *
 * Nothing here is any site's markup or text; the results are dropped, and what the priming leaves
 * behind (the class-verdict cache, the render memo) answers as the pages would: the output does
 * not change (scripts/layout-same-output.ts, test/layout/html/primer.test.ts).
 */

/** One example of each construct (the text is ours, the constructs are HTML's). */
export const PRIMER_HTML = `<!DOCTYPE html>
<?xml-stylesheet href="x"?>
<HTML lang="en-GB"><head><meta charset="utf-8"><title>A primer &amp; its “page” — test</title>
<meta name="author" content="Ann Writer"><meta property="og:title" content="A primer page">
<meta itemprop="datePublished" content="2020-01-02"><meta name=description content='A page.'>
<link rel="canonical" href="https://example.com/news/a-primer"><link rel=stylesheet href=a.css><link href="/feed">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage","name":"Site"},
{"@type":["NewsArticle"],"headline":"A primer &amp; its page","author":[{"@type":"Person","name":"Ann Writer"},
{"@type":"Organization","name":"Example News"},"Bo Reporter"],"datePublished":"2020-01-02T03:04:05Z",
"dateModified":"2020-01-03","publisher":{"@type":"Organization","name":"Example News"},"inLanguage":"en",
"dateline":"LONDON","articleBody":"The council met on Tuesday to weigh the plan for the old harbour. Members asked
how the work would be paid for, and the treasurer said the money would come from the port's own reserves. A vote is
due next month, after a round of public meetings in the three wards nearest the water."}]}</script>
<script type="text/javascript">var s = "</div>"; if (a < b && c > d) {}</script><style>p { color: red }</style>
<!-- a comment -- with dashes --><!----><![CDATA[ data ]]></head>
<body class="home page-template"><!-->
<header class="site-header masthead"><nav class="main-nav menu" aria-label=Main><ul><li><a href="/">Home</a>
<li><a href="/news">News</a></li><li class=active><A HREF="/sport">Sport</A></ul></nav>
<div class="search-box"><form><input type="text" name="q"><form><button>Go</button></form></form></div></header>
<div class="ad-slot advert" id="ad-1" data-slot="top">Advertisement</div>
<main id="content"><article class="story-body article-content" itemprop="articleBody" id="story">
<h1 class="headline">A primer page for the layout</h1>
<p class="byline author">By Ann Writer and Bo Reporter</p>
<p><time datetime="2020-01-02T03:04:05Z">2 January 2020, 03:04</time> | Updated 2 hours ago</p>
<div class="story-highlights"><h3>Story highlights</h3><ul><li>The council will vote next month</li>
<li>The plan costs €2m from the port’s reserves</li></ul></div>
<figure class="wp-caption"><img src="harbour.jpg" alt="The harbour"><figcaption class="caption">The old harbour
at dawn. (Photo: Example Agency)</figcaption></figure><image src="b.png">
<p class="dateline">LONDON —</p>
<p>LONDON — The council met on Tuesday to weigh the plan for the old harbour. Members asked how the work would
be paid for, and the treasurer said the money would come from the port&rsquo;s own reserves&nbsp;&amp; grants.</p>
<p>A vote is due next month, after a round of public meetings in the three wards nearest the water.<br>
“We will listen first,” the leader said.</br>Then the meeting closed.</p></p></span>
<p>The harbour master <span><a href="/people/ann">Ann Writer</a><span class="card"><a href="/people/ann">Ann B. Writer</a>
<a href="/s/1">The harbour vote</a> <a href="/people/ann">MORE</a></span></span> (Ind.) spoke last.</p>
<h2>What happens next</h2><p>Read more: <a href="https://example.com/b">The harbour’s history</a></p>
<blockquote><p>‘It is our harbour too,’ one resident wrote.</p></blockquote>
<ul class="facts"><li>First fact</li><li>Second fact<li>Third fact</ul>
<ol><li>One</li><li>Two</li></ol><dl><dt>Term</dt><dd>Meaning</dd><dt>Other<dd>More</dl>
<table class="data"><caption>Votes</caption><thead><tr><th>Ward<th>Votes</thead><tbody><tr><td>North</td><td>12
<tr><td>South</td><td>9</td></tr></tbody><tfoot><tr><td colspan=2>Total 21</td></tr></tfoot></table>
<pre>line one
line two</pre><p>See <a href="https://www.example.com">www.example.com</a> for the plan.</p>
<div style="display: none">Hidden text</div><div hidden>Also hidden</div><span aria-hidden="true">x</span>
<div STYLE="Visibility : Hidden">Gone</div><p style="color: blue">Shown text in a styled paragraph.</p>
<svg viewBox="0 0 1 1"><svg><path d="M0 0"/></svg><text>Not shown</text></svg><svg/><math><mi>x</mi></math>
<noscript><img src="pixel.gif"></noscript><template><p>Later</p></template><iframe src="x">frame</iframe>
<textarea>Text &amp; area</textarea><select><option>One<option>Two</select><video><source src="v.mp4"></video>
<custom-element data-x=1>Custom element text</custom-element><x-café title="t">Café text</x-café>
<div class="twitter-tweet embed"><p>An embedded post’s text</p></div>
<p class="credit">Reporting by Bo Reporter; editing by Cy Editor</p>
<p>Photograph: Example Agency/Getty Images</p><p>© 2020 Example News. All rights reserved.</p>
</article><div class="story-continued"><p>The second part of the story sits beside the first, as some pages
split a long report in two, and it holds enough plain text for the sibling rule to weigh it.</p><p>Its second
paragraph adds a few more words about the harbour, the vote and the public meetings before it ends.</p></div>
<p>A paragraph of plain prose beside the story, long enough to be read as part of it, with no links at all.</p>
<div class="box">A short box</div>
<aside class="sidebar related-stories"><h3>Related stories</h3><ul><li><a href="/c">Another story</a>
</li><li><a href="/d">One more story</a></li></ul></aside></main><story-note>A custom element beside the story.</story-note>
<div class="share-tools social"><a href="#">Share this article</a> <a href="#">Tweet</a></div>
<div class="newsletter-signup promo"><p>Sign up for our newsletter</p></div>
<section class="comments" id="comments"><h2>Comments</h2><div class="comment"><p class="comment-author">Dee</p>
<p>I was there too.</p></div></section>
<div class="a\u00a0b key-points tldr">Key points</div><div class="read-more more-stories">More</div>
<footer class="site-footer"><p>Example News, 1 High Street</p><p>Follow us on Twitter</p></footer>
<p>Last line – </p></body></html>
`;

/** The page as the one-byte view of its UTF-8 bytes, the form readPages gives a page (ingest/utf8-view.ts). */
export function primerView(): string {
  return Buffer.from(PRIMER_HTML, 'utf8').toString('latin1');
}
