/** layout: which part of the page each block is (title, caption, paragraph, ...), and metadata. */
import { SCHEMA_VERSION } from '../article/schema-version.js';
import type { Article, Block, BlockKind, Source } from '../article/types.js';
import type { DigestOptions } from '../digest-options.js';
import { setLazyUtf8Html, utf8HtmlView } from '../ingest/lazy-html.js';
import type { Stage } from '../pipeline.js';
import { type LineKind, linesToBlocks } from './blocks.js';
import { pageHighlights } from './highlights.js';
import { classifyHtmlLines } from './html/classify-html.js';
import { type JsonLdArticle, readJsonLd } from './html/json-ld.js';
import { primerView } from './html/primer.js';
import { type RenderedPage, renderHtml, renderHtmlWith, renderUtf8View } from './html/render.js';
import { scanUtf8View } from './html/scanner.js';
import { extractMeta } from './meta/extract-meta.js';
import type { LayoutOptions } from './options.js';
import {
  classifyTextLines,
  DEFAULT_TEXT_PARAMS,
  dailyMailPreambleLength,
  type TextParams,
} from './text/classify-lines.js';

export type { LayoutOptions } from './options.js';

const BODY_KINDS: ReadonlySet<BlockKind> = new Set([
  'subheading',
  'paragraph',
  'list',
  'table',
  'blockquote',
]);

/** The blocks of an Article, from its HTML when the text is that HTML's rendering, else from its lines. */
export function layoutBlocks(
  article: Article,
  options: LayoutOptions = {},
): {
  blocks: Block[];
  page?: RenderedPage;
  ld?: JsonLdArticle | undefined;
} {
  // A page read from valid UTF-8 bytes is rendered from them (its `html` is decoded only when read).
  const view = utf8HtmlView(article.source);
  const html = view === undefined ? article.source.html : undefined;
  if (view !== undefined || html !== undefined) {
    const page = view !== undefined ? renderUtf8View(view) : renderHtml(html!);
    if (page.text === article.text) {
      const ld = readJsonLd(page.meta.jsonLd);
      // Datelines that open an HTML paragraph stay in it: the page's author made them part of the story's first paragraph.
      return { blocks: linesToBlocks(article.text, classifyHtmlLines(page, ld), false), page, ld };
    }
  }
  const params = options.textModel === false ? { ...DEFAULT_TEXT_PARAMS, model: null } : undefined;
  return { blocks: textBlocks(article.text, params) };
}

export function textBlocks(text: string, params?: TextParams): Block[] {
  const lines = splitPreambles(text, classifyTextLines(text, params));
  return linesToBlocks(text, lines);
}

/** A Daily Mail preamble opening a story line becomes a byline block of its own. */
function splitPreambles(text: string, lines: LineKind[]): LineKind[] {
  const out: LineKind[] = [];
  for (const l of lines) {
    const n = l.kind === 'paragraph' ? dailyMailPreambleLength(text.slice(l.start, l.end)) : 0;
    if (n > 0) {
      out.push({ start: l.start, end: l.start + n - 1, kind: 'byline', group: -1 });
      if (l.start + n < l.end) out.push({ start: l.start + n, end: l.end, kind: 'paragraph', group: -1 });
    } else out.push(l);
  }
  return out;
}

/** Passes of the HTML classification over the primer page before a process's first page. */
const PRIMER_PASSES = 4;
let primed = false;

/**
 * Type feedback for the HTML classification's rarer branches (main content, line kinds, metadata,
 * highlights) before the first page, as render.ts does for the scanner (html/primer.ts). The page
 * is rendered without the render memo, which keeps the caller's page; the results are dropped.
 */
function prime(): void {
  primed = true;
  const view = primerView();
  const page = renderHtmlWith(view, scanUtf8View);
  const source: Source = { format: 'html', origin: 'primer' };
  setLazyUtf8Html(source, view);
  const article: Article = { schemaVersion: SCHEMA_VERSION, id: 'primer', text: page.text, source };
  for (let i = 0; i < PRIMER_PASSES; i++) {
    const ld = readJsonLd(page.meta.jsonLd);
    const blocks = linesToBlocks(article.text, classifyHtmlLines(page, ld), false);
    extractMeta(article, blocks, page, ld);
    pageHighlights(article.text, blocks);
  }
}

export const layoutStage: Stage = {
  name: 'layout',
  reads: ['text'],
  writes: ['blocks', 'meta', 'highlights'],
  run(article: Article, options: DigestOptions): Article {
    if (options.layout?.skip) return article;
    if (!primed) prime();
    const { blocks, page, ld } = layoutBlocks(article, options.layout);
    const meta = extractMeta(article, blocks, page, ld);
    const highlights = pageHighlights(article.text, blocks);
    const out: Article = { ...article, blocks, meta, ...(highlights ? { highlights } : {}) };
    // A page with no story (a front page, an error page) is a result, not a failure: say so as data.
    if (!blocks.some((b) => BODY_KINDS.has(b.kind))) {
      out.warnings = [
        ...(article.warnings ?? []),
        {
          code: 'E_NO_ARTICLE',
          message: `no article found: none of the page's ${blocks.length} blocks reads as story text`,
          stage: 'layout',
        },
      ];
    }
    return out;
  },
};
