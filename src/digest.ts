/** `digest()`: one page in, one Article out, every stage run in order. */
import type { Article, Source } from './article/types.js';
import type { DigestOptions } from './digest-options.js';
import { entitiesStage } from './entities/index.js';
import { utf8HtmlView } from './ingest/lazy-html.js';
import { looksLikeHtml, type PageInput, pageToArticle } from './ingest/page.js';
import { layoutStage } from './layout/index.js';
import { checkStageOrder, runStages, type Stage } from './pipeline.js';
import { quotesStage } from './quotes/index.js';
import { summarizeStage } from './summarize/index.js';
import { textStage } from './text/index.js';

/** The stages `digest()` runs, in order. */
export const STAGES: readonly Stage[] = [layoutStage, textStage, entitiesStage, quotesStage, summarizeStage];
checkStageOrder(STAGES);

/** Runs the stages over an Article that ingest made. */
export async function digestArticle(article: Article, options: DigestOptions = {}): Promise<Article> {
  let result = await runStages(article, STAGES, options);
  if (!options.keepHtml) result = articleWithoutHtml(result);
  // The test suite sets this so that every Article any test produces is checked against the contract.
  if (process.env['NEWSDIGEST_CHECK_ARTICLES'] === '1') await assertValidArticle(result);
  return result;
}

/** Whether the source holds its page's HTML, told without decoding a lazily decoded one (ingest/lazy-html.ts). */
function hasHtml(source: Source): boolean {
  return utf8HtmlView(source) !== undefined || source.html !== undefined;
}

/**
 * The Article without its page's HTML (the same object when it holds none): what a digest keeps
 * unless asked (`keepHtml`), and what a stage-split batch's head hands on (batch/stage-split.ts).
 */
export function articleWithoutHtml(article: Article): Article {
  return hasHtml(article.source) ? { ...article, source: withoutHtml(article.source) } : article;
}

/** The source without its HTML, its other keys in their order, the HTML never read (nor decoded). */
function withoutHtml(source: Source): Source {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(source)) if (key !== 'html') out[key] = source[key as keyof Source];
  return out as Source;
}

/**
 * The contract check, loaded only when asked for: validate.ts builds every schema of the
 * Article with valibot at load, which a user's run (the variable unset) never reads.
 */
export async function assertValidArticle(article: Article): Promise<void> {
  const { checkArticle } = await import('./article/validate.js');
  const check = checkArticle(article);
  if (!check.ok) {
    const list = check.issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    throw new Error(`Article ${article.id} breaks the contract: ${list}`);
  }
}

/**
 * Digests one page: a string (plain text, or HTML when it starts like HTML) or a
 * `PageInput` with `text` or `html` and what is known of the page.
 */
export async function digest(input: string | PageInput, options: DigestOptions = {}): Promise<Article> {
  const page: PageInput =
    typeof input === 'string' ? (looksLikeHtml(input) ? { html: input } : { text: input }) : input;
  return digestArticle(pageToArticle(page), options);
}
