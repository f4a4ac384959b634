/**
 * From an Article to what the store keeps of it. Pure, and cheap enough to run in
 * the worker that digested the article, so that the main thread only writes rows.
 * Every layer is optional: the record holds whatever the stages filled.
 */
import { listedSpeakerName, quotedWords } from '../article/quote-text.js';
import { bodyText } from '../article/render.js';
import type { Article } from '../article/types.js';
import { cueMode } from '../quotes/cue-mode.js';
import type { EntityRecord, QuoteRecord, StoreRecord } from './types.js';

/** How names are compared: Unicode-normalised, lower case, single spaces. */
export function normName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

// The snippet markers (see sqlite-store.ts) are C0 controls; normalised text never has them,
// but an Article handed to the store directly might.
const MARKERS = /[\u0002\u0003]/g;

const TITLE_MAX = 300;

/** The title: the layout's, else the title block's text, else the first line of the text. */
export function articleTitle(article: Article): string {
  const fromMeta = article.meta?.title?.trim();
  if (fromMeta) return fromMeta;
  const block = article.blocks?.find((b) => b.kind === 'title');
  const raw = block
    ? article.text.slice(block.start, block.end)
    : (article.text.split('\n', 1)[0] ?? article.text);
  const line = raw.replace(/\s+/g, ' ').trim();
  return line.length > TITLE_MAX ? `${line.slice(0, TITLE_MAX - 1)}…` : line;
}

function entityRecords(article: Article): EntityRecord[] {
  return (article.entities ?? []).map((e) => {
    const seen = new Set<string>();
    const aliases: string[] = [];
    const aliasNorms: string[] = [];
    // Each name is normalised once (the alias as written is nearly always the name itself).
    const nameNorm = normName(e.name);
    for (let i = -1; i < e.aliases.length; i++) {
      const n = i < 0 ? e.name : e.aliases[i]!;
      const norm = i < 0 ? nameNorm : normName(n);
      if (!norm || seen.has(norm)) continue;
      seen.add(norm);
      const alias = n.replace(/\s+/g, ' ').trim();
      aliases.push(alias);
      aliasNorms.push(alias === n ? norm : normName(alias));
    }
    return {
      localId: e.id,
      type: e.type,
      name: e.name,
      norm: nameNorm,
      aliases,
      aliasNorms,
      mentions: e.mentions.map((m): [number, number] => [m.start, m.end]),
    };
  });
}

function quoteRecords(article: Article): QuoteRecord[] {
  const names = new Map((article.entities ?? []).map((e) => [e.id, e.name]));
  return (article.quotes ?? []).map((q) => {
    const record: QuoteRecord = {
      kind: q.kind,
      mode: q.mode ?? cueMode(article.text, q),
      start: q.start,
      end: q.end,
      // A quote broken by its attribution is stored as its words, the attribution elided.
      text: quotedWords(article.text, q).replace(MARKERS, ''),
      cue: article.text.slice(q.cue.start, q.cue.end),
    };
    const name = listedSpeakerName(article, q, names);
    if (name) {
      record.speaker = name;
      record.speakerNorm = normName(name);
    }
    if (q.speaker?.entity && names.has(q.speaker.entity)) record.speakerEntity = q.speaker.entity;
    return record;
  });
}

export function articleRecord(article: Article): StoreRecord {
  const record: StoreRecord = {
    id: article.id,
    title: articleTitle(article).replace(MARKERS, ''),
    body: bodyText(article).replace(MARKERS, ''),
    json: JSON.stringify(article),
    entities: entityRecords(article),
    quotes: quoteRecords(article),
  };
  if (article.source.url) record.url = article.source.url;
  if (article.source.origin) record.origin = article.source.origin;
  if (article.meta?.publisher) record.publisher = article.meta.publisher;
  if (article.meta?.published) record.published = article.meta.published;
  return record;
}
