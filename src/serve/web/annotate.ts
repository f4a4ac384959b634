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

/**
 * HTML for text[from, to) with the marks that fall in it, in one sweep over the marks'
 * starts and ends (sorted once): O((n + k) log n) for n marks and k segments, where a
 * filter of every mark at every cut point was O(n × k) (minutes for a long article).
 * Each segment lists the marks covering it in their order in `marks`, as before.
 */
export function annotatedHtml(text: string, from: number, to: number, marks: readonly Mark[]): string {
  const inside: number[] = [];
  for (let i = 0; i < marks.length; i++) {
    const m = marks[i]!;
    if (m.start < to && m.end > from && m.end > m.start) inside.push(i);
  }
  const startOf = (i: number) => Math.max(from, marks[i]!.start);
  const endOf = (i: number) => Math.min(to, marks[i]!.end);
  const byStart = [...inside].sort((a, b) => startOf(a) - startOf(b));
  const byEnd = [...inside].sort((a, b) => endOf(a) - endOf(b));
  const cuts = new Set<number>([from, to]);
  for (const i of inside) {
    cuts.add(startOf(i));
    cuts.add(endOf(i));
  }
  const points = [...cuts].sort((a, b) => a - b);
  // The marks covering the current segment, as indexes into `marks`, kept in ascending order.
  const active: number[] = [];
  let s = 0;
  let e = 0;
  let out = '';
  for (let p = 0; p + 1 < points.length; p++) {
    const a = points[p]!;
    const b = points[p + 1]!;
    while (e < byEnd.length && endOf(byEnd[e]!) <= a) {
      const at = lowerBound(active, byEnd[e]!);
      if (active[at] === byEnd[e]) active.splice(at, 1);
      e++;
    }
    while (s < byStart.length && startOf(byStart[s]!) <= a) {
      const i = byStart[s]!;
      if (endOf(i) > a) active.splice(lowerBound(active, i), 0, i);
      s++;
    }
    const piece = escapeHtml(text.slice(a, b));
    if (active.length === 0) {
      out += piece;
      continue;
    }
    const classes = new Set<string>();
    let entity: string | undefined;
    let quote: number | undefined;
    for (const i of active) {
      const m = marks[i]!;
      for (const c of m.cls.split(' ')) classes.add(c);
      if (entity === undefined && m.entity !== undefined) entity = m.entity;
      if (quote === undefined && m.quote !== undefined) quote = m.quote;
    }
    let attrs = ` class="${escapeHtml([...classes].join(' '))}"`;
    if (entity !== undefined) attrs += ` data-entity="${escapeHtml(entity)}"`;
    if (quote !== undefined) attrs += ` data-quote="${quote}"`;
    out += `<span${attrs}>${piece}</span>`;
  }
  return out;
}

/** The first position in ascending `sorted` whose value is not below `value`. */
function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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
