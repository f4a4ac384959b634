/** `digest()`: one page in, one Article out, every stage run in order. */
import { checkLanguage, NOT_ENGLISH, notEnglishMessage } from './article/language.js';
import type { Article, Layer, Source } from './article/types.js';
import { checkDigestOptions, type DigestOptions, type FullDigestOptions } from './digest-options.js';
import { entitiesStage } from './entities/index.js';
import { NewsdigestError } from './errors.js';
import { utf8HtmlView } from './ingest/lazy-html.js';
import { looksLikeHtml, type PageInput, pageToArticle } from './ingest/page.js';
import { layoutStage } from './layout/index.js';
import { checkStageOrder, runStages, type Stage } from './pipeline.js';
import { quotesStage } from './quotes/index.js';
import { summarizeStage } from './summarize/index.js';
import { textStage } from './text/index.js';

/**
 * The Article `digest()` returns when no stage is skipped: every layer present, so that strict
 * TypeScript reads `article.entities.length` without a `!`. (A page with no story still has its
 * layers, empty; a page not in English has `entities` and `quotes` empty and a W_NOT_ENGLISH
 * warning.) `NonNullable`, not `Required`: the schema's optional layers are typed `T | undefined`,
 * which `Required` keeps under a user's `exactOptionalPropertyTypes`.
 */
export type DigestedArticle = Article & { [K in DigestedLayer]-?: NonNullable<Article[K]> };

/** The layers `digest()` always sets when no stage is skipped. */
type DigestedLayer = 'blocks' | 'sentences' | 'meta' | 'highlights' | 'entities' | 'quotes';

/** What `digest()` takes: text or HTML, the bytes of a page (decoded as a file is), or a page object. */
export type DigestInput = string | Uint8Array | PageInput;

/** The stages trained on English alone: not run on a page that reads as another language. */
const ENGLISH_ONLY: ReadonlySet<string> = new Set(['entities', 'quotes']);

/** The stages that `options` does not skip, among the English-only ones. */
function englishOnlyRun(options: DigestOptions): string[] {
  const out: string[] = [];
  for (const name of ENGLISH_ONLY) {
    if (!(options as Record<string, { skip?: boolean } | undefined>)[name]?.skip) out.push(name);
  }
  return out;
}

/**
 * The language check (article/language.ts): a page that does not read as English gets a
 * W_NOT_ENGLISH warning naming the language (or "unknown"), and the English-only stages then
 * leave their layers empty. Reads the blocks (the body) and the page's declared language.
 */
export const languageStage: Stage = {
  name: 'language',
  reads: ['text', 'blocks', 'meta'],
  writes: [],
  run(article: Article, options: DigestOptions): Article {
    if (options.language?.skip) return article;
    const check = checkLanguage(article);
    if (check.english) return article;
    const warning = {
      code: NOT_ENGLISH,
      message: notEnglishMessage(check, englishOnlyRun(options)),
      stage: 'language',
    };
    return { ...article, warnings: [...(article.warnings ?? []), warning] };
  },
};

/** Whether the language check has found the article not in English. */
export function isNotEnglish(article: Pick<Article, 'warnings'>): boolean {
  return article.warnings?.some((w) => w.code === NOT_ENGLISH) ?? false;
}

/**
 * The stage, run only on an article the language check let through: on one it did not, the
 * stage's layers are set empty (or stay absent when the stage is skipped), and nothing is run.
 */
function englishOnly(stage: Stage): Stage {
  return {
    name: stage.name,
    reads: stage.reads,
    writes: stage.writes,
    run(article: Article, options: DigestOptions): Article | Promise<Article> {
      if (!isNotEnglish(article)) return stage.run(article, options);
      if ((options as Record<string, { skip?: boolean } | undefined>)[stage.name]?.skip) return article;
      const out: Article = { ...article };
      for (const layer of stage.writes) (out as Partial<Record<Layer, unknown>>)[layer] = [];
      return out;
    },
  };
}

/** The stages `digest()` runs, in order. */
export const STAGES: readonly Stage[] = [
  layoutStage,
  textStage,
  languageStage,
  englishOnly(entitiesStage),
  englishOnly(quotesStage),
  summarizeStage,
];
checkStageOrder(STAGES);

/**
 * Runs the stages over an Article that ingest made. The options are checked first (a bad one
 * throws E_BAD_OPTION naming it, before any stage runs).
 */
export async function digestArticle(article: Article, options?: FullDigestOptions): Promise<DigestedArticle>;
export async function digestArticle(article: Article, options?: DigestOptions): Promise<Article>;
export async function digestArticle(article: Article, options: DigestOptions = {}): Promise<Article> {
  checkDigestOptions(options);
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

/** The keys of a PageInput, and whether each must be a string (all but `encodingFrom` and `authors`). */
const PAGE_KEYS: { [K in keyof Required<PageInput>]: true } = {
  id: true,
  text: true,
  html: true,
  url: true,
  fetchedAt: true,
  origin: true,
  encoding: true,
  encodingFrom: true,
  title: true,
  published: true,
  authors: true,
  publisher: true,
};
const ENCODING_FROM: readonly string[] = ['bom', 'header', 'meta', 'detected', 'default', 'given'];
const INPUT_KINDS =
  'a string (text or HTML), the bytes of a page (Buffer or Uint8Array) or a page object ' +
  '({ text } or { html }, with id, url … if known)';

function badInput(input: string, message: string): NewsdigestError {
  return new NewsdigestError('E_BAD_RECORD', input, message);
}

/** How a value reads in a message. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `an object of class ${value.constructor?.name ?? 'null'}`;
  return `a ${typeof value}`;
}

/** The page object a caller gave, checked: known keys, strings where strings are due. */
function checkPageInput(input: object): PageInput {
  const page = input as Record<string, unknown>;
  const where = [page['origin'], page['url'], page['id']].find((v) => typeof v === 'string' && v !== '');
  const name = (where as string | undefined) ?? 'input';
  const lazy = utf8HtmlView(input) !== undefined; // a page from readPages: its html is read when needed
  for (const key of Object.keys(page)) {
    if (!(key in PAGE_KEYS)) {
      throw badInput(name, `has an unknown field "${key}" (a page has ${Object.keys(PAGE_KEYS).join(', ')})`);
    }
    if (key === 'html' && lazy) continue;
    const value = page[key];
    if (value === undefined) continue;
    if (key === 'authors') {
      if (!Array.isArray(value) || value.some((a) => typeof a !== 'string'))
        throw badInput(name, `field "authors" is ${kindOf(value)}: expecting an array of strings`);
      continue;
    }
    if (key === 'encodingFrom' ? !ENCODING_FROM.includes(value as string) : typeof value !== 'string') {
      const expected = key === 'encodingFrom' ? `one of ${ENCODING_FROM.join(', ')}` : 'a string';
      throw badInput(name, `field "${key}" is ${kindOf(value)}: expecting ${expected}`);
    }
  }
  return input as PageInput;
}

/**
 * The one page in `bytes`, read as a file of unknown name is (ingest/read.ts): gzip, a BOM,
 * `<meta charset>` and detection for the encoding, HTML or text told from the start. Bytes of a
 * container (JSONL, RSS/Atom, WARC) give their page when they hold exactly one; more than one is
 * refused (`readPages` reads them all).
 */
async function pageOfBytes(bytes: Uint8Array): Promise<PageInput> {
  const [{ readPages }, { Readable }] = await Promise.all([
    import('./ingest/read.js'),
    import('node:stream'),
  ]);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let found: PageInput | undefined;
  for await (const result of readPages(['-'], { stdin: Readable.from([buffer]) })) {
    if (!result.ok) {
      const { code, message } = result.error;
      throw new NewsdigestError(code, 'input', message.replace(/\bstdin\b/g, 'input'), {
        cause: result.error,
      });
    }
    if (found) {
      throw badInput(
        'input',
        'holds more than one page (JSONL, RSS/Atom or WARC): digest() takes one page; read them with readPages() and digest each',
      );
    }
    found = result.page;
  }
  if (!found) throw new NewsdigestError('E_EMPTY', 'input', 'holds no page');
  // The page came from these bytes, not from standard input.
  if (found.origin === 'stdin') found.origin = 'input';
  return found;
}

/** The page a `digest()` input stands for, or a NewsdigestError saying what is wrong with it. */
async function pageOf(input: unknown): Promise<PageInput> {
  if (typeof input === 'string') return looksLikeHtml(input) ? { html: input } : { text: input };
  if (input instanceof Uint8Array) return pageOfBytes(input);
  if (input instanceof ArrayBuffer) return pageOfBytes(new Uint8Array(input));
  if (typeof input !== 'object' || input === null || Array.isArray(input) || ArrayBuffer.isView(input)) {
    throw badInput('input', `is ${kindOf(input)}: expecting ${INPUT_KINDS}`);
  }
  return checkPageInput(input);
}

/**
 * Digests one page: a string (plain text, or HTML when it starts like HTML), the bytes of a
 * page (a Buffer or Uint8Array, decoded as a file is: BOM, `<meta charset>`, detection), or a
 * `PageInput` with `text` or `html` and what is known of the page. A bad input or option throws
 * a NewsdigestError (`code`, `input`, `message`) before any stage runs.
 */
export async function digest(input: DigestInput, options?: FullDigestOptions): Promise<DigestedArticle>;
export async function digest(input: DigestInput, options?: DigestOptions): Promise<Article>;
export async function digest(input: DigestInput, options: DigestOptions = {}): Promise<Article> {
  checkDigestOptions(options);
  return digestArticle(pageToArticle(await pageOf(input)), options);
}
