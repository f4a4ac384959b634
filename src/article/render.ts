/** Views of an Article for a person: the body text alone, and a readable Markdown page. */
import { isHighlightsHeading } from '../layout/highlights.js';
import { quotedWords } from './quote-text.js';
import type { Article, Block, BlockKind } from './types.js';

/** The blocks a reader reads as the story. */
const BODY_KINDS: ReadonlySet<BlockKind> = new Set([
  'subheading',
  'paragraph',
  'list',
  'table',
  'blockquote',
]);

export function bodyBlocks(article: Article): Block[] {
  return (article.blocks ?? []).filter((b) => BODY_KINDS.has(b.kind));
}

/**
 * The story's text, one block per paragraph (blank line between). Without a blocks
 * layer, the whole text: nothing has told furniture from body yet.
 */
export function bodyText(article: Article): string {
  if (!article.blocks) return article.text;
  return bodyBlocks(article)
    .map((b) => article.text.slice(b.start, b.end))
    .join('\n\n');
}

const mdEscape = (s: string): string => s.replace(/([\\`*_[\]#<>|])/g, '\\$1');

export function articleMarkdown(article: Article): string {
  const out: string[] = [];
  const m = article.meta;
  // A page without a title (many text dumps) is named by its id, and says so.
  out.push(m?.title ? `# ${mdEscape(m.title)}` : `# Untitled article (${article.id})`);
  const facts: string[] = [];
  if (m?.authors.length) facts.push(`**By** ${m.authors.map(mdEscape).join(', ')}`);
  if (m?.contributors.length) facts.push(`**With** ${m.contributors.map(mdEscape).join(', ')}`);
  if (m?.publisher) facts.push(`**Publisher** ${mdEscape(m.publisher)}`);
  if (m?.dateline) facts.push(`**Dateline** ${mdEscape(m.dateline)}`);
  if (m?.published) facts.push(`**Published** ${m.published}`);
  if (m?.updated) facts.push(`**Updated** ${m.updated}`);
  if (m?.language) facts.push(`**Language** ${m.language}`);
  if (article.source.url) facts.push(`**URL** <${article.source.url}>`);
  if (facts.length) out.push(facts.join(' · '));
  if (article.highlights?.items.length) {
    out.push(`## Highlights (${article.highlights.origin})`);
    out.push(article.highlights.items.map((h) => `- ${mdEscape(h.text)}`).join('\n'));
  }
  const captions = (article.blocks ?? []).filter((b) => b.kind === 'caption');
  if (captions.length)
    out.push(captions.map((b) => `_${mdEscape(article.text.slice(b.start, b.end))}_`).join('\n\n'));
  out.push('## Story');
  if (article.blocks) {
    for (const b of bodyBlocks(article)) out.push(blockMarkdown(article.text.slice(b.start, b.end), b.kind));
    const related = article.blocks.filter((b) => b.kind === 'related');
    if (related.length) {
      out.push('## Related');
      out.push(related.map((b) => `- ${mdEscape(article.text.slice(b.start, b.end))}`).join('\n'));
    }
    out.push(`_Layout: ${layoutSummary(article.text, article.blocks)}_`);
  } else {
    out.push(mdEscape(article.text));
  }
  if (article.entities?.length) {
    out.push('## Entities');
    const sorted = [...article.entities].sort((a, b) => b.mentions.length - a.mentions.length);
    out.push(
      sorted
        .map(
          (e) =>
            `- **${mdEscape(e.name)}** (${e.type}, ${e.mentions.length}×)${e.aliases.length ? `: ${e.aliases.map(mdEscape).join(', ')}` : ''}`,
        )
        .join('\n'),
    );
  }
  if (article.quotes?.length) {
    out.push('## Quotes');
    const names = new Map((article.entities ?? []).map((e) => [e.id, e.name]));
    for (const q of article.quotes) {
      const who = q.speaker
        ? (q.speaker.entity && names.get(q.speaker.entity)) ||
          article.text.slice(q.speaker.start, q.speaker.end)
        : 'unattributed';
      const cue = article.text.slice(q.cue.start, q.cue.end);
      out.push(
        `- **${mdEscape(who)}** (${q.kind}${q.mode ? `, ${q.mode}` : ''}, "${mdEscape(cue)}"): ${mdEscape(quotedWords(article.text, q))}`,
      );
    }
  }
  if (article.warnings?.length) {
    out.push('## Warnings');
    out.push(article.warnings.map((w) => `- ${w.code}: ${mdEscape(w.message)}`).join('\n'));
  }
  return `${out.join('\n\n')}\n`;
}

/** One body block as Markdown: subheadings as headings, lists and table cells one per line, quotes quoted. */
function blockMarkdown(raw: string, kind: BlockKind): string {
  const lines = raw.split('\n').map(mdEscape);
  switch (kind) {
    case 'subheading':
      return `### ${lines.join(' ')}`;
    case 'blockquote':
      return lines.map((l) => `> ${l}`).join('\n');
    case 'list':
      return lines.map((l) => `- ${l}`).join('\n');
    case 'table':
      return lines.map((l) => `| ${l} |`).join('\n');
    default:
      return lines.join('\n\n');
  }
}

/** "12 paragraph, 2 subheading, 1 caption, ...": what the page was made of. */
/** How many blocks of each kind; a highlights box's heading is its label, not a highlight. */
function layoutSummary(text: string, blocks: readonly Block[]): string {
  const counts = new Map<BlockKind, number>();
  for (const b of blocks)
    if (!isHighlightsHeading(text, b)) counts.set(b.kind, (counts.get(b.kind) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${n} ${k}`).join(', ');
}
