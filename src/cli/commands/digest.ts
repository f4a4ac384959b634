import { createWriteStream, existsSync } from 'node:fs';
import { articleMarkdown, bodyText } from '../../article/render.js';
import type { Article } from '../../article/types.js';
import { digestArticle } from '../../digest.js';
import type { DigestOptions } from '../../digest-options.js';
import { asNewsdigestError, isNewsdigestError, NewsdigestError } from '../../errors.js';
import { pageToArticle } from '../../ingest/page.js';
import { readPages } from '../../ingest/read.js';
import { SkippedRecords } from '../../ingest/skipped.js';
import { parseMethod } from '../../summarize/extract.js';
import { parseHighlightsMode, type SummarizeOptions } from '../../summarize/index.js';
import { type Command, type CommandContext, EXIT } from '../command.js';
import { closeStream, localInputs, openForWriting, originIsFile } from '../out-file.js';
import { drained, loopTurn, TURN_MS } from '../output.js';
import { createProgress } from '../progress.js';

const FORMATS = ['json', 'jsonl', 'md', 'text'] as const;
type Format = (typeof FORMATS)[number];

/**
 * One Article in the chosen format. `single`: the run gave exactly one Article (json is then
 * pretty-printed; text is the body alone). `first`: no Article was written before this one.
 * Several Articles: json is one line each (as jsonl always is); md articles are separated by a
 * blank line (each opens with its `# title` heading); text gives each a `# title` line (or
 * `# Untitled article (id)`, as md does) and a blank line before its body, and a blank line
 * between articles, so one story's last paragraph never runs into the next one's first.
 */
export function render(article: Article, format: Format, single: boolean, first: boolean): string {
  const gap = first ? '' : '\n';
  if (format === 'md') return `${gap}${articleMarkdown(article)}`;
  if (format === 'text') {
    if (single) return `${bodyText(article)}\n`;
    const title = article.meta?.title ? article.meta.title : `Untitled article (${article.id})`;
    return `${gap}# ${title.replace(/\s+/g, ' ')}\n\n${bodyText(article)}\n`;
  }
  return format === 'json' && single
    ? `${JSON.stringify(article, null, 2)}\n`
    : `${JSON.stringify(article)}\n`;
}

/**
 * The line a run on a terminal ends with (stderr, not with --quiet), as ingest's summary:
 * "digest: 12 articles (2 with warnings), 1 failed in 0.8s".
 */
export function digestSummaryLine(written: number, warned: number, failed: number, seconds: number): string {
  const warnings = warned > 0 ? ` (${warned} with warnings)` : '';
  const failures = failed > 0 ? `, ${failed} failed` : '';
  return `digest: ${written} article${written === 1 ? '' : 's'}${warnings}${failures} in ${seconds.toFixed(1)}s\n`;
}

/**
 * The one stderr line for a page whose Article carries warnings, or undefined for none. A page
 * that is one record or item of a file (`crawl.warc.gz#28`, `feed.rss#3`) is named with its URL too.
 */
export function warningLine(
  origin: string,
  article: Pick<Article, 'warnings'> & { source?: { url?: string } },
): string | undefined {
  if (!article.warnings?.length) return undefined;
  const url = article.source?.url;
  const name = url && /#\d+$/.test(origin) ? `${origin} (${url})` : origin;
  return `${name}: warning ${article.warnings.map((w) => `${w.code}: ${w.message}`).join('; ')}\n`;
}

/**
 * `--highlights llm` needs an endpoint and a model: from the flags or the environment. Without
 * them the summariser would fall back to extractive highlights on every page, silently; a usage
 * error naming the missing setting instead.
 */
export function missingLlmSetting(
  values: CommandContext['values'],
  env: Record<string, string | undefined> = process.env,
): string | undefined {
  if (values['highlights'] !== 'llm') return undefined;
  const given = (flag: string, name: string) =>
    (typeof values[flag] === 'string' && values[flag] !== '') || (env[name] ?? '') !== '';
  if (!given('llm-base-url', 'NEWSDIGEST_LLM_BASE_URL')) {
    return '--highlights llm: no endpoint given: set --llm-base-url URL or $NEWSDIGEST_LLM_BASE_URL';
  }
  if (!given('llm-model', 'NEWSDIGEST_LLM_MODEL')) {
    return '--highlights llm: no model given: set --llm-model NAME or $NEWSDIGEST_LLM_MODEL';
  }
  return undefined;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The library options the command line asks for; a bad value throws E_BAD_OPTION naming the flag. */
function digestOptionsFrom(values: CommandContext['values']): DigestOptions {
  const timeout = str(values['llm-timeout']);
  const timeoutMs = timeout === undefined ? undefined : Number(timeout);
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) {
    throw new NewsdigestError(
      'E_BAD_OPTION',
      '--llm-timeout',
      `expecting milliseconds, instead found "${timeout}"`,
    );
  }
  const summarize: SummarizeOptions = {
    llm: {
      baseUrl: str(values['llm-base-url']),
      model: str(values['llm-model']),
      apiKey: str(values['llm-api-key']),
      timeoutMs,
    },
  };
  if (values['highlights'] !== undefined) summarize.highlights = parseHighlightsMode(values['highlights']);
  if (values['method'] !== undefined) summarize.method = parseMethod(values['method']);
  return {
    keepHtml: values['keep-html'] === true,
    ...(values['any-language'] === true ? { language: { skip: true } } : {}),
    summarize,
  };
}

export const digestCommand: Command = {
  name: 'digest',
  summary: 'turn pages into Articles (JSON, JSONL, Markdown or body text)',
  usage: 'newsdigest digest <inputs…> [--format json|jsonl|md|text] [--out FILE]',
  help: `Reads each input and writes its Articles. Inputs: text pages (.txt, .text, .md) and
HTML pages (.html, .htm, .xhtml), folders (recursive: files with these extensions or those
below, others ignored), globs ("pages/**/*.html"), JSONL (.jsonl, .ndjson: {id?, url?, title?,
text? | html?} a line; without text or html, the story is read under article, body, content,
story, document or maintext), RSS/Atom feeds (.rss, .atom, .xml: each item a page), WARC
(.warc: HTTP 200 response records with HTML or plain text, as CC-NEWS ships them; the records
skipped are summed up per file at the end), each also gzipped (.gz), and - for stdin (format
detected). A bad input gets one line naming it and the problem on stderr; the others go on,
and the exit code is 1 when anything failed. A page whose Article carries warnings (e.g.
E_NO_ARTICLE: too little text to be a story) gets one stderr line naming it, its warning
codes and messages (not with --quiet); the Article is written all the same. The --out file
is never read as an input, even inside an input folder.

Options:
  --format json|jsonl|md|text
                          json (default): pretty-printed JSON when the run gives exactly one
                          Article, else one Article a line (JSONL); jsonl: one Article a line,
                          always; md: a readable page per Article, a blank line between them;
                          text: the story's body alone for one Article, and for several each
                          Article as a "# title" line (or "# Untitled article (id)"), a blank
                          line and its body, a blank line between Articles
  --out FILE              write there instead of standard output (checked before any page
                          is read: a missing folder is a usage error, exit code 2)
  --keep-html             keep the page's HTML in source.html
  --any-language          no language check: a page not in English gets entities and quotes
                          too (without it: a W_NOT_ENGLISH warning and none)
  --highlights page|extractive|llm
                          page (default): the page's own highlights when it has them, else
                          extractive; extractive: always chosen from the sentences; llm:
                          generated by an OpenAI-compatible endpoint, checked against the page
                          (needs --llm-base-url and --llm-model or their variables: without
                          them, a usage error)
  --method model|lead3|textrank|lexrank
                          how extractive highlights are chosen (default model: the learned one)
  --llm-base-url URL      chat-completions base URL (or $NEWSDIGEST_LLM_BASE_URL)
  --llm-model NAME        model name (or $NEWSDIGEST_LLM_MODEL)
  --llm-api-key KEY       bearer key (or $NEWSDIGEST_LLM_API_KEY)
  --llm-timeout MS        time allowed for one request (default 30000)
  --quiet                 no progress display and no warning lines
  --debug                 print stack traces of failures

Examples:
  newsdigest digest examples/harbour-bridge.txt
  newsdigest digest examples/ --format md
  newsdigest digest crawl.warc.gz feeds/*.xml > articles.jsonl
  newsdigest digest examples/harbour-bridge.txt --format jsonl >> articles.jsonl
  newsdigest digest page.html --format text --out story.txt
  cat page.txt | newsdigest digest -
  newsdigest digest page.html --highlights llm --llm-base-url http://127.0.0.1:8000/v1 --llm-model local`,
  flags: {
    format: { type: 'string', short: 'f', default: 'json' },
    out: { type: 'string', short: 'o' },
    'keep-html': { type: 'boolean' },
    'any-language': { type: 'boolean' },
    highlights: { type: 'string' },
    method: { type: 'string', short: 'm' },
    'llm-base-url': { type: 'string' },
    'llm-model': { type: 'string' },
    'llm-api-key': { type: 'string' },
    'llm-timeout': { type: 'string' },
  },
  async run(ctx) {
    const format = ctx.values['format'] as Format;
    if (!FORMATS.includes(format)) {
      ctx.stderr.write(`--format: expecting one of ${FORMATS.join(', ')}, instead found "${format}"\n`);
      return EXIT.usage;
    }
    if (ctx.args.length === 0) {
      ctx.stderr.write(
        'digest: no input given (a file, a folder, or - for stdin); see newsdigest digest --help\n',
      );
      return EXIT.usage;
    }
    const started = Date.now();
    const { inputs, refused } = localInputs(ctx.args);
    let options: DigestOptions;
    try {
      options = digestOptionsFrom(ctx.values);
    } catch (e) {
      if (!isNewsdigestError(e)) throw e;
      ctx.stderr.write(`${e.toString()}\n`);
      return EXIT.usage;
    }
    const llmMissing = missingLlmSetting(ctx.values);
    if (llmMissing) {
      ctx.stderr.write(`${llmMissing}\n`);
      return EXIT.usage;
    }
    const outPath = typeof ctx.values['out'] === 'string' ? ctx.values['out'] : undefined;
    let out: NodeJS.WritableStream = ctx.stdout;
    let isOut: ((origin: string) => boolean) | undefined;
    let outFailed = (): Error | undefined => undefined;
    if (outPath !== undefined) {
      // Opening --out empties it: an input named as --out too would be lost before it is read.
      const named = originIsFile(outPath);
      const clash = existsSync(outPath) ? inputs.find((a) => a !== '-' && named(a)) : undefined;
      if (clash !== undefined) {
        ctx.stderr.write(`digest: --out ${outPath}: is also an input (${clash}); write elsewhere\n`);
        return EXIT.usage;
      }
      const opened = openForWriting(outPath, '--out', true);
      if ('error' in opened) {
        ctx.stderr.write(`digest: ${opened.error}\n`);
        return EXIT.usage;
      }
      const stream = createWriteStream(outPath, { fd: opened.fd });
      // A write that fails later (disk full) ends the run with one line, not an unhandled event.
      let writeError: Error | undefined;
      stream.on('error', (e) => {
        writeError ??= e;
      });
      out = stream;
      outFailed = () => writeError;
      isOut = originIsFile(outPath);
    }
    const quiet = ctx.values['quiet'] === true;
    const progress = createProgress('digest', ctx.stderr, ctx.interactive);
    // Everything else written to the terminal clears the progress line first.
    const say = (line: string): void => {
      progress.clear();
      ctx.stderr.write(line);
    };
    // Standard output on the same terminal: a piped or redirected one never meets the line.
    const outOnTerminal = out === ctx.stdout && (ctx.stdout as NodeJS.WriteStream).isTTY === true;
    // Nothing more is written once the output can take no more (a closed pipe, a full disk).
    const outGone = (): boolean =>
      out === ctx.stdout ? ctx.stdoutGone?.() === true : outFailed() !== undefined;
    // Set when the output refused more (its buffer is full): the loop waits for it to drain.
    let full = false;
    const write = (text: string): void => {
      if (outGone()) return;
      if (outOnTerminal) progress.clear();
      if (!out.write(text)) full = true;
    };
    let turnAt = Date.now();
    // One page gets pretty JSON (and the bare body as text), several get JSONL: hold the first
    // Article until a second shows up.
    let first: Article | undefined;
    let emitted = 0;
    const emit = (article: Article, single: boolean): void => {
      write(render(article, format, single, emitted === 0));
      emitted++;
    };
    let written = 0;
    let failed = 0;
    let warnedPages = 0;
    for (const line of refused) {
      failed++;
      say(`${line}\n`);
    }
    const debug = ctx.values['debug'] === true;
    // WARC records that give no page (requests, an HTTP 404, an image …): summed up per file at the end.
    const skipped = new SkippedRecords();
    const pages = inputs.length > 0 ? readPages(inputs, { stdin: ctx.stdin, onSkipped: skipped.add }) : [];
    for await (const result of pages) {
      // The reader is gone (`| head`) or the disk is full: the rest of the batch would be lost.
      if (outGone()) break;
      if (!result.ok) {
        if (isOut?.(result.error.input)) continue;
        failed++;
        say(`${result.error.toString()}\n`);
        continue;
      }
      const origin = result.page.origin ?? result.page.url ?? result.page.id ?? 'input';
      if (isOut?.(origin)) continue;
      let article: Article;
      try {
        article = await digestArticle(pageToArticle(result.page), options);
      } catch (e) {
        failed++;
        const err = asNewsdigestError(e, origin);
        say(`${err.toString()}\n${debug && e instanceof Error ? `${e.stack}\n` : ''}`);
        continue;
      }
      written++;
      if (article.warnings?.length) warnedPages++;
      const warned = quiet ? undefined : warningLine(origin, article);
      if (warned) say(warned);
      if (written === 1 && format !== 'jsonl') {
        first = article;
      } else {
        if (first) emit(first, false);
        first = undefined;
        emit(article, false);
      }
      progress.tick(written + failed);
      if (full) {
        full = false;
        await drained(out);
        turnAt = Date.now();
      } else if (Date.now() - turnAt >= TURN_MS) {
        await loopTurn();
        turnAt = Date.now();
      }
    }
    progress.done();
    if (!quiet) for (const line of skipped.summaryLines()) say(`${line}\n`);
    if (first) emit(first, true);
    if (out !== ctx.stdout) {
      const closeError = await closeStream(out);
      outFailed = () => closeError;
    }
    const outError = outFailed();
    if (outError) {
      ctx.stderr.write(`digest: --out ${outPath}: cannot be written (${outError.message})\n`);
      return EXIT.someFailed;
    }
    if (ctx.interactive && !outGone()) {
      ctx.stderr.write(digestSummaryLine(written, warnedPages, failed, (Date.now() - started) / 1000));
    }
    if (written === 0 && failed === 0) {
      ctx.stderr.write('digest: the inputs held no pages\n');
      return EXIT.someFailed;
    }
    return failed ? EXIT.someFailed : EXIT.ok;
  },
};
