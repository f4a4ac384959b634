import { openStore } from '../../store/sqlite-store.js';
import type { ArticleFilters } from '../../store/types.js';
import { type Command, EXIT } from '../command.js';

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
    'newsdigest search ["query"] --db FILE [--entity X] [--speaker Y] [--publisher P] [--from D] [--to D] [--limit N] [--json]',
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
  --publisher P      articles from this publisher (its whole words, any case)
  --from D, --to D   published in this range (YYYY-MM-DD, inclusive; YYYY or YYYY-MM work too)
  --limit N          how many (default 20, at most 100)
  --json             one JSON object per hit instead of text; its "snippet" is HTML, as the
                     web page shows it: the text escaped (&amp; &lt; &gt; &quot; &#39;) with
                     the matching words in <mark>…</mark>

Examples:
  newsdigest search "ferry strike" --db corpus.db
  newsdigest search --entity "Martin Hale" --from 2026-01-01 --db corpus.db
  newsdigest search '"weekend hours" OR library' --speaker Costa --db corpus.db --json`,
  flags: {
    db: { type: 'string' },
    entity: { type: 'string' },
    speaker: { type: 'string' },
    publisher: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    limit: { type: 'string', short: 'n' },
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
    const rawLimit = ctx.values['limit'];
    // Passed as typed: the store checks it and names what was typed ("abc", not NaN).
    const limit = typeof rawLimit === 'string' ? rawLimit : undefined;
    const store = openStore(db, { mustExist: true });
    try {
      const result = store.search(filters, limit === undefined ? {} : { limit });
      for (const hit of result.items) {
        if (ctx.values['json']) {
          ctx.stdout.write(`${JSON.stringify(hit)}\n`);
          continue;
        }
        const facts = [hit.publisher, hit.published?.slice(0, 10)].filter(Boolean).join(', ');
        ctx.stdout.write(
          `${hit.id}  ${hit.title}${facts ? ` (${facts})` : ''}\n  ${snippetText(hit.snippet)}\n`,
        );
      }
      if (!ctx.values['json'] && !ctx.values['quiet']) {
        ctx.stderr.write(
          `${result.items.length} result${result.items.length === 1 ? '' : 's'}${result.next ? ' (more: raise --limit)' : ''}\n`,
        );
      }
      return EXIT.ok;
    } finally {
      store.close();
    }
  },
};
