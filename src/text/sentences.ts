/**
 * Sentence boundaries. PLACEHOLDER (the text stage replaces it): splits after . ! ?
 * followed by space and an upper-case letter, and at line breaks.
 */
import type { Span } from '../article/types.js';

export function sentenceSpans(text: string, start = 0, end = text.length): Span[] {
  const spans: Span[] = [];
  const re = /[.!?]["'\u201d\u2019)]*\s+(?=[A-Z"\u201c])|\n+/g;
  re.lastIndex = start;
  let from = start;
  const slice = text.slice(0, end);
  let m: RegExpExecArray | null = re.exec(slice);
  while (m) {
    const stop = m.index + m[0].trimEnd().length;
    if (stop > from) spans.push({ start: from, end: stop });
    from = m.index + m[0].length;
    m = re.exec(slice);
  }
  if (end > from) spans.push({ start: from, end });
  return spans.filter((s) => text.slice(s.start, s.end).trim() !== '');
}
