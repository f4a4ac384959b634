/**
 * An article's text as HTML with its layers marked: entity mentions, quote
 * contents, cues and speakers. Overlapping spans are flattened into segments,
 * each a <span> carrying every layer that covers it, so no overlap can break the
 * markup. All text is escaped here; the result is the only raw HTML the pages use.
 */
import type { Article } from '../../article/types.js';
import { escapeHtml } from '../../store/snippet.js';

interface Mark {
  start: number;
  end: number;
  cls: string;
  entity?: string;
  quote?: number;
}

export function articleMarks(article: Article): Mark[] {
  const marks: Mark[] = [];
  for (const e of article.entities ?? []) {
    for (const m of e.mentions)
      marks.push({ start: m.start, end: m.end, cls: `ent ent-${e.type}`, entity: e.id });
  }
  for (const [i, q] of (article.quotes ?? []).entries()) {
    marks.push({ start: q.start, end: q.end, cls: `qt qt-${q.kind}`, quote: i });
    marks.push({ start: q.cue.start, end: q.cue.end, cls: 'cue', quote: i });
    if (q.speaker) marks.push({ start: q.speaker.start, end: q.speaker.end, cls: 'spk', quote: i });
  }
  return marks;
}

/** HTML for text[from, to) with the marks that fall in it. */
export function annotatedHtml(text: string, from: number, to: number, marks: readonly Mark[]): string {
  const inside = marks.filter((m) => m.start < to && m.end > from && m.end > m.start);
  const cuts = new Set<number>([from, to]);
  for (const m of inside) {
    cuts.add(Math.max(from, m.start));
    cuts.add(Math.min(to, m.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  let out = '';
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    const piece = escapeHtml(text.slice(a, b));
    const covering = inside.filter((m) => m.start <= a && m.end >= b);
    if (covering.length === 0) {
      out += piece;
      continue;
    }
    const classes = [...new Set(covering.flatMap((m) => m.cls.split(' ')))].join(' ');
    const entity = covering.find((m) => m.entity !== undefined)?.entity;
    const quote = covering.find((m) => m.quote !== undefined)?.quote;
    let attrs = ` class="${escapeHtml(classes)}"`;
    if (entity !== undefined) attrs += ` data-entity="${escapeHtml(entity)}"`;
    if (quote !== undefined) attrs += ` data-quote="${quote}"`;
    out += `<span${attrs}>${piece}</span>`;
  }
  return out;
}

/** Display units: the blocks when layout found them, else the text's paragraphs (blank-line separated). */
export function displayUnits(article: Article): { kind: string; start: number; end: number }[] {
  if (article.blocks?.length)
    return article.blocks.map((b) => ({ kind: b.kind, start: b.start, end: b.end }));
  const units: { kind: string; start: number; end: number }[] = [];
  const re = /\n\s*\n/g;
  let start = 0;
  for (let m = re.exec(article.text); ; m = re.exec(article.text)) {
    const end = m ? m.index : article.text.length;
    if (end > start) units.push({ kind: 'text', start, end });
    if (!m) break;
    start = m.index + m[0].length;
  }
  return units;
}
