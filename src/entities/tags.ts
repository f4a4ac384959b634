/**
 * The tagger's labels: BILOU over the four CoNLL types (Begin, Inside, Last,
 * Unit-length, Outside), which Ratinov & Roth (2009) found better than BIO, and
 * the transitions that can follow each other in a well-formed sequence.
 */
export const ENTITY_TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;

export const TAGS: readonly string[] = [
  'O',
  ...ENTITY_TYPES.flatMap((t) => ['B', 'I', 'L', 'U'].map((p) => `${p}-${t}`)),
];

export const NUM_TAGS = TAGS.length;

const prefixOf = (tag: string) => tag[0]!;
const typeOf = (tag: string) => tag.slice(2);

/** Whether `next` may follow `prev` (prev = -1 at the start, next = -1 at the end). */
export function allowedTransition(prev: number, next: number): boolean {
  const p = prev < 0 ? 'O' : TAGS[prev]!;
  const n = next < 0 ? 'O' : TAGS[next]!;
  const open = prefixOf(p) === 'B' || prefixOf(p) === 'I';
  const continues = prefixOf(n) === 'I' || prefixOf(n) === 'L';
  if (open) return continues && typeOf(p) === typeOf(n);
  return !continues;
}

/** Tags of a chunk list in BILOU, for training from CoNLL's IOB tags. */
export function bilouFromChunks(
  length: number,
  chunks: readonly { type: string; start: number; end: number }[],
): number[] {
  const out = new Array<number>(length).fill(0);
  for (const c of chunks) {
    const idx = (p: string) => TAGS.indexOf(`${p}-${c.type}`);
    if (idx('U') < 0) continue;
    if (c.end - c.start === 1) out[c.start] = idx('U');
    else {
      out[c.start] = idx('B');
      for (let i = c.start + 1; i < c.end - 1; i++) out[i] = idx('I');
      out[c.end - 1] = idx('L');
    }
  }
  return out;
}
