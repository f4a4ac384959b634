/** A quote's words as a reader should see them. */
import type { Quote } from './types.js';

const CLOSING_MARKS = '"\u201d';
const OPENING_MARKS = '"\u201c';

/**
 * What a quote says, for a reader: its content, but where the attribution sits inside it
 * ("“A,” said X. “B.”", one quote broken by its cue) the words between the two passages
 * become an ellipsis.
 */
export function quotedWords(text: string, q: Quote): string {
  const content = text.slice(q.start, q.end);
  if (q.cue.start < q.start || q.cue.end > q.end) return content;
  const speaker = q.speaker && q.speaker.start >= q.start && q.speaker.end <= q.end ? q.speaker : q.cue;
  const attributionStart = Math.min(q.cue.start, speaker.start);
  const attributionEnd = Math.max(q.cue.end, speaker.end);
  let close = attributionStart - 1;
  while (close >= q.start && !CLOSING_MARKS.includes(text[close]!)) close--;
  let open = attributionEnd;
  while (open < q.end && !OPENING_MARKS.includes(text[open]!)) open++;
  if (close < q.start || open >= q.end) return content;
  return `${text.slice(q.start, close + 1)} … ${text.slice(open, q.end)}`;
}
