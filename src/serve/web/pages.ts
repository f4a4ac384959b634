/** The web page's views: search, an article with its layers, an entity, a speaker, entity and quote lists. */
import { html, raw } from 'hono/html';
import { listedSpeakerName, quotedWords } from '../../article/quote-text.js';
import { ENTITY_TYPES, QUOTE_KINDS, QUOTE_MODES } from '../../article/schema.js';
import type { Article, Quote } from '../../article/types.js';
import { cueMode } from '../../quotes/cue-mode.js';
import { articleTitle } from '../../store/record.js';
import type {
  ArticleFilters,
  ArticleHit,
  EntityDetail,
  EntitySummary,
  Paged,
  QuoteHit,
} from '../../store/types.js';
import { annotatedHtml, articleMarks, displayUnits } from './annotate.js';
import { articleHref, entityHref, type Html, page, query, safeHref, speakerHref } from './layout.js';

/** A select of one enumerated parameter; the empty first option means any. */
function choice(name: string, label: string, values: readonly string[], chosen: string | undefined): Html {
  return html`<label class="${name}">${label}<select name="${name}"><option value="">Any</option>${values.map(
    (v) => html`<option value="${v}"${v === chosen ? raw(' selected') : ''}>${v}</option>`,
  )}</select></label>`;
}

/** A quote's mode: the Article's, else read from its cue (an Article stored before Quote.mode). */
function modeOf(article: Article, q: Quote): string {
  return q.mode ?? cueMode(article.text, q);
}

function field(name: keyof ArticleFilters, label: string, value: string | undefined, type = 'text'): Html {
  return html`<label class="${name}">${label}<input type="${type}" name="${name}" value="${value ?? ''}"></label>`;
}

/** A count as written in English text: 4,368. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * What a page of results holds: "Articles 4,361–4,368 of 4,368" (with the total: Paged.total),
 * "Quote 61 of 61" (a last page of one), "1 article", or as before without it, "20+ articles".
 */
export function resultCount(
  noun: string,
  result: Paged<unknown>,
  offset: number,
  plural = `${noun}s`,
): string {
  const shown = result.items.length;
  if (result.total === undefined) return `${shown}${result.next ? '+' : ''} ${shown === 1 ? noun : plural}`;
  if (result.total === 1 && shown === 1 && offset === 0) return `1 ${noun}`;
  if (shown === 0) return `${count(result.total)} ${result.total === 1 ? noun : plural}`;
  if (shown === 1)
    return `${noun[0]!.toUpperCase()}${noun.slice(1)} ${count(offset + 1)} of ${count(result.total)}`;
  const Plural = plural[0]!.toUpperCase() + plural.slice(1);
  return `${Plural} ${count(offset + 1)}–${count(offset + shown)} of ${count(result.total)}`;
}

export function searchPage(
  filters: ArticleFilters,
  result: Paged<ArticleHit> | undefined,
  error?: string,
  offset = 0,
  limit?: number | string,
): Html {
  const hits = result?.items ?? [];
  const any = Object.values(filters).some(Boolean);
  return page(
    filters.q ? `“${filters.q}”` : 'Search',
    html`<h1>Search the corpus</h1>
<form class="search" method="get" action="/" role="search">
${field('q', 'Words (plain words all match; "phrases", OR, NOT, prefix*)', filters.q)}
${field('entity', 'Entity', filters.entity)}${field('speaker', 'Speaker', filters.speaker)}
${field('publisher', 'Publisher', filters.publisher)}${field('from', 'From', filters.from, 'date')}${field('to', 'To', filters.to, 'date')}
<button type="submit">Search</button>
</form>
${error ? html`<p class="error" id="search-error">${error}</p>` : ''}
${
  result
    ? html`<p class="muted" id="result-count">${hits.length === 0 && !result.total ? 'No articles match.' : `${resultCount('article', result, offset)}${any ? '' : ', newest first'}`}</p>
<ol class="hits">${hits.map(
        (h) => html`<li><a class="title" href="${articleHref(h.id)}">${h.title}</a>
<div class="meta">${[h.publisher, h.published?.slice(0, 10)].filter(Boolean).join(' · ')}</div>
<p class="snippet">${raw(h.snippet)}</p></li>`,
      )}</ol>
${result.next ? html`<p class="pager"><a href="/${query({ ...filters, limit, cursor: result.next })}">Next page →</a></p>` : ''}`
    : ''
}`,
  );
}

function layerToggle(layer: string, label: string, count: number): Html {
  return html`<label><input type="checkbox" data-layer="${layer}" checked> ${label} (${count})</label>`;
}

/** The article view shows at most this many characters of text (the JSON has all of it). */
export const SHOWN_TEXT_MAX = 100_000;
/** …and at most this many entities, mentions of one entity, and quotes in its lists and panels. */
export const SHOWN_ITEMS_MAX = 500;

export function articlePage(article: Article, corpusIds: Map<string, number>): Html {
  // A page's cost grows with the text and its layers: a long article is shown up to
  // SHOWN_TEXT_MAX characters, with the layers that start there, and says so.
  const shownEnd = Math.min(article.text.length, SHOWN_TEXT_MAX);
  const truncated = shownEnd < article.text.length;
  const units = displayUnits(article)
    .filter((u) => u.start < shownEnd)
    .map((u) => (u.end > shownEnd ? { ...u, end: shownEnd } : u));
  const allEntities = article.entities ?? [];
  const allQuotes = article.quotes ?? [];
  const entities = allEntities.slice(0, SHOWN_ITEMS_MAX);
  // Quotes keep their index (the text's data-quote attributes name their panels by it).
  const quotes = allQuotes.slice(0, SHOWN_ITEMS_MAX);
  const itemsCut = allEntities.length > entities.length || allQuotes.length > quotes.length;
  // Marks only for what has a panel to open.
  const shownEntities = new Set(entities.map((e) => e.id));
  const marks = articleMarks(article).filter(
    (mk) =>
      mk.start < shownEnd &&
      (mk.quote === undefined || mk.quote < quotes.length) &&
      (mk.entity === undefined || shownEntities.has(mk.entity)),
  );
  // The same name the store lists the quote under (none for a pronoun that resolved to no one).
  const entityNames = new Map(allEntities.map((e) => [e.id, e.name]));
  const speakerName = (q: (typeof quotes)[number]) => listedSpeakerName(article, q, entityNames);
  const m = article.meta;
  const url = safeHref(article.source.url);
  const byEntity = [...allEntities]
    .sort((a, b) => b.mentions.length - a.mentions.length)
    .slice(0, SHOWN_ITEMS_MAX);
  return page(
    articleTitle(article),
    html`<p class="meta">${[m?.publisher, m?.published?.slice(0, 10), m?.authors.length ? `By ${m.authors.join(', ')}` : undefined, m?.dateline].filter(Boolean).map((f) => html`${f} · `)}
${url ? html`<a href="${url}" rel="noopener noreferrer nofollow">source</a> · ` : ''}<a href="/v1/articles/${encodeURIComponent(article.id)}">JSON</a></p>
<main class="article" id="article">
<div class="toolbar">Layers:
${article.blocks ? layerToggle('blocks', 'Blocks', article.blocks.length) : html`<span>no blocks layer</span>`}
${article.entities ? layerToggle('entities', 'Entities', allEntities.length) : html`<span>no entities layer</span>`}
${article.quotes ? layerToggle('quotes', 'Quotes', allQuotes.length) : html`<span>no quotes layer</span>`}
</div>
${
  truncated || itemsCut
    ? html`<p class="muted" id="truncated">This article is long: the page shows ${truncated ? `its first ${shownEnd.toLocaleString('en')} of ${article.text.length.toLocaleString('en')} characters` : 'all of its text'}${itemsCut ? ` and at most ${SHOWN_ITEMS_MAX} entities and quotes` : ''}. The <a href="/v1/articles/${encodeURIComponent(article.id)}">JSON</a> has all of it.</p>`
    : ''
}
<div class="text" id="text">${units.map((u, i) =>
      u.kind === 'title' || (!article.blocks && i === 0)
        ? html`<h1 class="block b-${u.kind}"><span class="kind">${u.kind}</span>${raw(annotatedHtml(article.text, u.start, u.end, marks))}</h1>`
        : html`<p class="block b-${u.kind}"><span class="kind">${u.kind}</span>${raw(annotatedHtml(article.text, u.start, u.end, marks))}</p>`,
    )}</div>
<aside id="details"><p class="muted" id="details-hint">Click a highlighted name to see its mentions, or a quote to see who said it.</p>
${entities.map((e) => {
  const corpusId = corpusIds.get(e.id);
  return html`<div class="panel" id="entity-${e.id}" hidden><h3>${e.name}<span class="tag">${e.type}</span></h3>
${e.aliases.length ? html`<p class="muted">Also: ${e.aliases.join(', ')}</p>` : ''}
<p>${e.mentions.length} mention${e.mentions.length === 1 ? '' : 's'} here:</p>
<ul>${e.mentions.slice(0, SHOWN_ITEMS_MAX).map((mm) => html`<li>${article.text.slice(mm.start, mm.end)}</li>`)}</ul>
${corpusId !== undefined ? html`<p><a href="${entityHref(corpusId)}">All mentions in the corpus →</a></p>` : ''}</div>`;
})}
${quotes.map((q, i) => {
  const who = speakerName(q);
  const entity = q.speaker?.entity ? corpusIds.get(q.speaker.entity) : undefined;
  return html`<div class="panel" id="quote-${i}" hidden><h3>${q.kind === 'according-to' ? 'Source' : 'Quote'}<span class="tag">${q.kind}</span><span class="tag mode">${modeOf(article, q)}</span></h3>
<blockquote class="quote">${quotedWords(article.text, q)}</blockquote>
<p>Speaker: ${who ? html`<a class="speaker-link" href="${speakerHref(who)}">${who}</a>` : html`<em>not attributed</em>`}
${entity !== undefined ? html` · <a href="${entityHref(entity)}">entity</a>` : ''}</p>
<p class="muted">Cue: “${article.text.slice(q.cue.start, q.cue.end)}”</p></div>`;
})}
</aside>
</main>
<section class="lists">
${
  article.highlights?.items.length
    ? html`<h2>Highlights <span class="tag">${article.highlights.origin}</span></h2><ul>${article.highlights.items.map((h) => html`<li>${h.text}</li>`)}</ul>`
    : ''
}
${
  byEntity.length
    ? html`<h2>Entities</h2><ul id="entity-list">${byEntity.map((e) => {
        const id = corpusIds.get(e.id);
        return html`<li>${id !== undefined ? html`<a href="${entityHref(id)}">${e.name}</a>` : e.name}<span class="tag">${e.type}</span> ${e.mentions.length}×</li>`;
      })}</ul>`
    : ''
}
${
  quotes.length
    ? html`<h2>Quotes</h2><ul id="quote-list">${quotes.map((q) => {
        const who = speakerName(q);
        return html`<li>${who ? html`<a href="${speakerHref(who)}">${who}</a>` : html`<em>unattributed</em>`}<span class="tag">${q.kind}</span><span class="tag mode">${modeOf(article, q)}</span>: ${quotedWords(article.text, q)}</li>`;
      })}</ul>`
    : ''
}
</section>`,
  );
}

export function entitiesPage(
  q: string | undefined,
  result: Paged<EntitySummary> | undefined,
  type?: string,
  error?: string,
  offset = 0,
  limit?: number | string,
): Html {
  const items = result?.items ?? [];
  return page(
    'Entities',
    html`<h1>Entities</h1>
<form class="search" method="get" action="/entities"><label class="q">Name or alias<input type="text" name="q" value="${q ?? ''}"></label>
${choice('type', 'Type', ENTITY_TYPES, type)}<button type="submit">Find</button></form>
${error ? html`<p class="error" id="entities-error">${error}</p>` : ''}
${result && items.length > 0 ? html`<p class="muted" id="result-count">${resultCount('entity', result, offset, 'entities')}</p>` : ''}
<ol class="hits">${items.map(
      (e) =>
        html`<li><a class="title" href="${entityHref(e.id)}">${e.name}</a><span class="tag">${e.type}</span>
<div class="meta">${e.articles} article${e.articles === 1 ? '' : 's'}, ${e.mentions} mention${e.mentions === 1 ? '' : 's'}</div></li>`,
    )}</ol>
${result && items.length === 0 ? html`<p class="muted">No entities match.</p>` : ''}
${result?.next ? html`<p class="pager"><a href="/entities${query({ q, type, limit, cursor: result.next })}">Next page →</a></p>` : ''}`,
  );
}

/** The names an entity also went by, other than its own. */
function others(e: EntityDetail): string[] {
  return e.aliases.filter((a) => a.toLowerCase() !== e.name.toLowerCase());
}

export function entityPage(e: EntityDetail, quotes: Paged<QuoteHit>): Html {
  return page(
    e.name,
    html`<h1>${e.name}<span class="tag">${e.type}</span></h1>
<p class="meta">${e.articles} article${e.articles === 1 ? '' : 's'}, ${e.mentions} mention${e.mentions === 1 ? '' : 's'}${others(e).length ? ` · also: ${others(e).join(', ')}` : ''}</p>
<p><a href="/${query({ entity: e.name })}">Search articles mentioning ${e.name}</a></p>
${quotes.items.length ? html`<h2>Quoted</h2>${quoteList(quotes.items)}` : ''}
<h2>Mentions</h2>
<ol class="hits" id="mentions">${e.occurrences.items.map(
      (o) => html`<li><a class="title" href="${articleHref(o.article.id)}">${o.article.title}</a>
<ul>${o.mentions.map((m) => html`<li class="snippet">${m.before}<mark>${m.text}</mark>${m.after}</li>`)}</ul></li>`,
    )}</ol>
${e.occurrences.next ? html`<p class="pager"><a href="${entityHref(e.id)}${query({ cursor: e.occurrences.next })}">More articles →</a></p>` : ''}`,
  );
}

function quoteList(quotes: QuoteHit[]): Html {
  return html`<ol class="hits quotes">${quotes.map(
    (q) => html`<li><blockquote class="quote">${q.text}</blockquote>
<div class="meta">${q.speaker ? html`<a href="${speakerHref(q.speaker.name)}">${q.speaker.name}</a>` : html`<em>unattributed</em>`}<span class="tag">${q.kind}</span><span class="tag mode">${q.mode}</span>
(“${q.cue}”) in <a href="${articleHref(q.article.id)}">${q.article.title}</a></div></li>`,
  )}</ol>`;
}

export function quotesPage(
  title: string,
  heading: Html,
  filters: { speaker?: string; q?: string; kind?: string; mode?: string },
  result: Paged<QuoteHit> | undefined,
  base: string,
  error?: string,
  others?: Paged<QuoteHit>,
  offset = 0,
  limit?: number | string,
): Html {
  return page(
    title,
    html`${heading}
<form class="search" method="get" action="/quotes"><label class="q">Words in the quote<input type="text" name="q" value="${filters.q ?? ''}"></label>
<label>Speaker<input type="text" name="speaker" value="${filters.speaker ?? ''}"></label>
${choice('kind', 'Kind', QUOTE_KINDS, filters.kind)}${choice('mode', 'Mode', QUOTE_MODES, filters.mode)}<button type="submit">Find</button></form>
${error ? html`<p class="error">${error}</p>` : ''}
${result && result.items.length > 0 ? html`<p class="muted" id="result-count">${resultCount('quote', result, offset)}</p>` : ''}
${result ? quoteList(result.items) : ''}
${result && result.items.length === 0 ? html`<p class="muted">No quotes match.</p>` : ''}
${result?.next ? html`<p class="pager"><a href="${base}${query({ ...filters, limit, cursor: result.next })}">Next page →</a></p>` : ''}
${
  others?.items.length
    ? html`<h2 id="also-reported">Also reported: beliefs, intentions, what was seen, evidence</h2>${quoteList(others.items)}
${others.next ? html`<p class="pager"><a href="/quotes${query({ speaker: filters.speaker })}">All quotes of ${filters.speaker} →</a></p>` : ''}`
    : ''
}`,
  );
}

export function errorPage(status: number, message: string): Html {
  return page(
    `Error ${status}`,
    html`<h1>${status === 404 ? 'Not found' : `Error ${status}`}</h1><p class="error">${message}</p>`,
  );
}
