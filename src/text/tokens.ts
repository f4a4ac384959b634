/** Token boundaries. PLACEHOLDER (the text stage replaces it): words, numbers and single punctuation marks. */
import type { Span } from '../article/types.js';

export function tokenSpans(text: string, start = 0, end = text.length): Span[] {
  const spans: Span[] = [];
  const re = /[\p{L}\p{N}]+(?:['\u2019.-][\p{L}\p{N}]+)*|\S/gu;
  re.lastIndex = start;
  let m: RegExpExecArray | null = re.exec(text);
  while (m && m.index < end) {
    spans.push({ start: m.index, end: Math.min(end, m.index + m[0].length) });
    m = re.exec(text);
  }
  return spans;
}
