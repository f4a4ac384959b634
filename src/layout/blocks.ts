/**
 * From classified lines to the `blocks` layer: consecutive items of one list (or
 * cells of one table) become one block; a paragraph that opens with a dateline
 * ("LONDON (Reuters) - ...") is split into a dateline block and the paragraph.
 */
import type { Block, BlockKind } from '../article/types.js';
import { DATELINE_LEAD, DATELINE_LEAD_LOWER } from './patterns.js';

export interface LineKind {
  start: number;
  end: number;
  kind: BlockKind;
  /** Lines of one group (a list or table element) merge into one block; -1 for none. */
  group: number;
}

/** Longest dateline prefix we split off a paragraph. */
const MAX_DATELINE = 80;

export function leadDatelineLength(line: string): number {
  const m = DATELINE_LEAD.exec(line) ?? DATELINE_LEAD_LOWER.exec(line);
  if (!m || m[0].length > MAX_DATELINE) return 0;
  // Needs a place in capitals or an agency in brackets, not just a dash.
  if (!m[1] && !/\(/.test(m[0])) return 0;
  return m[0].length;
}

export function linesToBlocks(text: string, lines: readonly LineKind[], splitDatelines = true): Block[] {
  const blocks: Block[] = [];
  let datelineSeen = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.kind === 'dateline') datelineSeen = true;
    if (l.kind === 'paragraph' && splitDatelines && !datelineSeen) {
      const d = leadDatelineLength(text.slice(l.start, l.end));
      if (d > 0) {
        datelineSeen = true;
        const dashEnd = trimEnd(text, l.start, l.start + d);
        blocks.push({ kind: 'dateline', start: l.start, end: dashEnd });
        if (l.start + d < l.end) blocks.push({ kind: 'paragraph', start: l.start + d, end: l.end });
        continue;
      }
    }
    const prev = blocks[blocks.length - 1];
    const prevLine = lines[i - 1];
    if (prev && prevLine && l.group >= 0 && prevLine.group === l.group && prev.kind === l.kind) {
      prev.end = l.end;
      continue;
    }
    blocks.push({ kind: l.kind, start: l.start, end: l.end });
  }
  return blocks;
}

function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && text.charCodeAt(e - 1) === 32) e--;
  return e;
}
