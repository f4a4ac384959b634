import { createWriteStream } from 'node:fs';
import { articleMarkdown, bodyText } from '../../article/render.js';
import type { Article } from '../../article/types.js';
import { digestArticle } from '../../digest.js';
import type { DigestOptions } from '../../digest-options.js';
import { asNewsdigestError } from '../../errors.js';
import { pageToArticle } from '../../ingest/page.js';
import { readPages } from '../../ingest/read.js';
import { type Command, EXIT } from '../command.js';
import { createProgress } from '../progress.js';

const FORMATS = ['json', 'md', 'text'] as const;
type Format = (typeof FORMATS)[number];

function render(article: Article, format: Format, single: boolean): string {
  if (format === 'md') return articleMarkdown(article);
  if (format === 'text') return `${bodyText(article)}\n`;
  return single ? `${JSON.stringify(article, null, 2)}\n` : `${JSON.stringify(article)}\n`;
}

export const digestCommand: Command = {
  name: 'digest',
  summary: 'turn pages into Articles (JSON, JSONL, Markdown or body text)',
  usage: 'newsdigest digest <inputs…> [--format json|md|text] [--out FILE]',
  help: `Reads each input (a .txt or .html page, a folder, a .jsonl file, or - for stdin) and
writes one Article as JSON for one page, JSONL (one Article a line) for several.

Options:
  --format json|md|text   json (default); md: a readable page; text: the story's body alone
  --out FILE              write there instead of standard output
  --keep-html             keep the page's HTML in source.html
  --quiet                 no progress display
  --debug                 print stack traces of failures

Examples:
  newsdigest digest examples/harbour-bridge.txt
  newsdigest digest examples/ --format md
  newsdigest digest page.html --format text --out story.txt
  cat page.txt | newsdigest digest -`,
  flags: {
    format: { type: 'string', short: 'f', default: 'json' },
    out: { type: 'string', short: 'o' },
    'keep-html': { type: 'boolean' },
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
    const options: DigestOptions = { keepHtml: ctx.values['keep-html'] === true };
    const out = typeof ctx.values['out'] === 'string' ? createWriteStream(ctx.values['out']) : ctx.stdout;
    const progress = createProgress('digest', ctx.stderr, ctx.interactive);
    // One page gets pretty JSON, several get JSONL: hold the first Article until a second shows up.
    let first: Article | undefined;
    let written = 0;
    let failed = 0;
    const debug = ctx.values['debug'] === true;
    for await (const result of readPages(ctx.args, { stdin: ctx.stdin })) {
      if (!result.ok) {
        failed++;
        ctx.stderr.write(`${result.error.toString()}\n`);
        continue;
      }
      let article: Article;
      try {
        article = await digestArticle(pageToArticle(result.page), options);
      } catch (e) {
        failed++;
        const err = asNewsdigestError(e, result.page.origin ?? 'input');
        ctx.stderr.write(`${err.toString()}\n${debug && e instanceof Error ? `${e.stack}\n` : ''}`);
        continue;
      }
      written++;
      if (written === 1) {
        first = article;
      } else {
        if (first) out.write(render(first, format, false));
        first = undefined;
        out.write(render(article, format, false));
      }
      progress.tick(written + failed);
    }
    if (first) out.write(render(first, format, true));
    progress.done();
    if (out !== ctx.stdout) await new Promise<void>((r) => (out as NodeJS.WritableStream).end(r));
    if (written === 0 && failed === 0) {
      ctx.stderr.write('digest: the inputs held no pages\n');
      return EXIT.someFailed;
    }
    return failed ? EXIT.someFailed : EXIT.ok;
  },
};
