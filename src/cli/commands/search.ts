import { QUOTE_MODES } from '../../article/schema.js';
import { MAX_LIMIT } from '../../store/cursor.js';
import { openStore } from '../../store/sqlite-store.js';
import type { ArticleFilters, QuoteMode } from '../../store/types.js';
import { type Command, EXIT } from '../command.js';
import { dbPathProblem } from '../out-file.js';
import { loopTurn } from '../output.js';

/** A date as --from and --to take it: YYYY, YYYY-MM or YYYY-MM-DD. */
const DATE = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;

/**
 * Whether a --from date starts after a --to date ends, so that no date is in the range. Dates of
 * different precision are compared on the part they share: --from 2005-03 --to 2005 is a range
 * (March to December 2005), --from 2005 --to 2004-12 is not.
 */
export function rangeIsEmpty(from: string, to: string): boolean {
  if (!DATE.test(from) || !DATE.test(to)) return false; // the store checks and names a bad date
  const n = Math.min(from.length, to.length);
  return from.slice(0, n) > to.slice(0, n);
}

/** The count line on stderr: with the command that gives the next page when there is one. */
export function countLine(count: number, next: string | null): string {
  return `${count} result${count === 1 ? '' : 's'}${next ? ` (more: --cursor ${next})` : ''}\n`;
}

/** Snippets are HTML (escaped text with <mark>); a terminal gets the text with matches in brackets. */
function snippetText(html: string): string {
  return html
    .replace(/<mark>/g, '[')
    .replace(/<\/mark>/g, ']')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

export const searchCommand: Command = {
  name: 'search',
  summary: 'search a corpus by words, entity, speaker, publisher and date',
  usage:
    'newsdigest search ["query"] --db FILE [--entity X] [--speaker Y [--mode M]] [--publisher P] [--from D] [--to D] [--limit N] [--cursor C] [--json]',
  help: `Full-text search over the titles and bodies of a corpus made by "newsdigest ingest",
best matches first (bm25), with the matching words in [brackets]. Plain words must all
match; "quoted phrases", AND, OR, NOT and prefix* use SQLite FTS5 syntax. Filters can be
used with or without a query (without one, newest first).

Options:
  --db FILE          the corpus database (required)
  --entity X         articles mentioning an entity by any of its names or aliases; a name
                     matches by its whole words, any case and accents ("Costa", "ana costa")
  --speaker Y        articles quoting this speaker: a speaker resolved to an entity matches as
                     --entity does; an unnamed source ("a spokeswoman for …") only by its whole phrase
  --mode M           with --speaker: only their quotes of this mode count: speech (said or
                     written), belief, intention, perception or evidence (default: any)
  --publisher P      articles from this publisher (its whole words, any case)
  --from D, --to D   published in this range (YYYY-MM-DD, inclusive; YYYY or YYYY-MM work too)
  --limit N          how many a page (default 20, at most ${MAX_LIMIT})
  --cursor C         the next page: C is the cursor the previous page gave (the count line's
                     "more: --cursor C", or the "next" of --json's last line), with the same
                     query and filters (the API's cursor: the same value works in both)
  --json             one JSON object per hit instead of text; its "snippet" is HTML, as the
                     web page shows it: the text escaped (&amp; &lt; &gt; &quot; &#39;) with
                     the matching words in <mark>…</mark>. When there are more hits, one last
                     line {"next": C} gives the cursor of the next page (no such line on the last)

Examples:
  newsdigest search "ferry strike" --db corpus.db
  newsdigest search "ferry strike" --db corpus.db --limit 100 --cursor b2Fy   (the page after)
  newsdigest search --entity "Martin Hale" --from 2026-01-01 --db corpus.db
  newsdigest search '"weekend hours" OR library' --speaker Costa --db corpus.db --json
  newsdigest search --speaker Costa --mode speech --db corpus.db   (what Costa said, not believed)`,
  flags: {
    db: { type: 'string' },
    entity: { type: 'string' },
    speaker: { type: 'string' },
    mode: { type: 'string' },
    publisher: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    limit: { type: 'string', short: 'n' },
    cursor: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(ctx) {
    const db = ctx.values['db'];
    if (typeof db !== 'string' || db === '') {
      ctx.stderr.write('search: --db FILE is required; see newsdigest search --help\n');
      return EXIT.usage;
    }
    const filters: ArticleFilters = {};
    const q = ctx.args.join(' ').trim();
    if (q) filters.q = q;
    for (const key of ['entity', 'speaker', 'publisher', 'from', 'to'] as const) {
      const value = ctx.values[key];
      if (typeof value === 'string') filters[key] = value;
    }
    const mode = ctx.values['mode'];
    if (typeof mode === 'string') {
      if (!(QUOTE_MODES as readonly string[]).includes(mode)) {
        ctx.stderr.write(`--mode: expecting one of ${QUOTE_MODES.join(', ')}, instead found "${mode}"\n`);
        return EXIT.usage;
      }
      if (filters.speaker === undefined) {
        ctx.stderr.write('search: --mode needs --speaker (the mode of whose quotes)\n');
        return EXIT.usage;
      }
      filters.mode = mode as QuoteMode;
    }
    if (filters.from !== undefined && filters.to !== undefined && rangeIsEmpty(filters.from, filters.to)) {
      ctx.stderr.write(
        `search: --from ${filters.from} is after --to ${filters.to}: no date is in that range\n`,
      );
      return EXIT.usage;
    }
    const rawLimit = ctx.values['limit'];
    const limit = typeof rawLimit === 'string' ? rawLimit : undefined;
    if (
      limit !== undefined &&
      !(/^\d{1,9}$/.test(limit) && Number(limit) >= 1 && Number(limit) <= MAX_LIMIT)
    ) {
      ctx.stderr.write(
        `--limit: expecting a whole number from 1 to ${MAX_LIMIT} (more with --cursor), instead found "${limit}"\n`,
      );
      return EXIT.usage;
    }
    const cursor = typeof ctx.values['cursor'] === 'string' ? ctx.values['cursor'] : undefined;
    const dbProblem = dbPathProblem('search', db);
    if (dbProblem) {
      ctx.stderr.write(`${dbProblem}\n`);
      return EXIT.usage;
    }
    const store = openStore(db, { mustExist: true });
    try {
      // The store checks the cursor and names it when it is not one it gave.
      const result = store.search(filters, {
        ...(limit === undefined ? {} : { limit }),
        ...(cursor === undefined ? {} : { cursor }),
      });
      for (const hit of result.items) {
        if (ctx.stdoutGone?.()) break;
        if (ctx.values['json']) {
          ctx.stdout.write(`${JSON.stringify(hit)}\n`);
          continue;
        }
        const facts = [hit.publisher, hit.published?.slice(0, 10)].filter(Boolean).join(', ');
        ctx.stdout.write(
          `${hit.id}  ${hit.title}${facts ? ` (${facts})` : ''}\n  ${snippetText(hit.snippet)}\n`,
        );
      }
      // A reader that stopped early (`| head -1`) took what it wanted: no count of what it did not
      // see. Its closed pipe is reported on the event loop: one turn first.
      await loopTurn();
      if (ctx.stdoutGone?.()) return EXIT.ok;
      if (ctx.values['json'] && result.next) ctx.stdout.write(`${JSON.stringify({ next: result.next })}\n`);
      if (!ctx.values['json'] && !ctx.values['quiet']) {
        ctx.stderr.write(countLine(result.items.length, result.next));
      }
      return EXIT.ok;
    } finally {
      store.close();
    }
  },
};
