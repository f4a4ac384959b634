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

/** Prefix codes of chunksOfTagIds (B, I, E for L, S for U) and O. */
export const P_O = 0;
export const P_B = 1;
export const P_I = 2;
export const P_E = 3;
export const P_S = 4;

/** A prefix code for a tag whose prefix none of the above names: it neither starts nor ends by itself. */
export const P_OTHER = 5;

/**
 * The chunks of a tag sequence, given each token's prefix code (P_O, P_B, P_I, P_E, P_S or
 * P_OTHER) and type, read as conlleval reads them: B and S start a chunk, an I or E that
 * cannot continue the open chunk (after O, E, S or another type) starts one too, and a
 * chunk ends before O, B, S, a type change, or after E and S. One reading for the tag ids
 * of the tagger and for the tag strings of CoNLL files.
 */
export function chunkRuns<T>(
  length: number,
  prefixAt: (i: number) => number,
  typeAt: (i: number) => T,
): { type: T; start: number; end: number }[] {
  const chunks: { type: T; start: number; end: number }[] = [];
  let cur: { type: T; start: number; end: number } | null = null;
  let prevPrefix = P_O;
  let prevType: T | undefined;
  for (let i = 0; i < length; i++) {
    const prefix = prefixAt(i);
    const type = typeAt(i);
    const starts =
      prefix === P_B ||
      prefix === P_S ||
      ((prefix === P_I || prefix === P_E) &&
        (prevPrefix === P_O || prevPrefix === P_E || prevPrefix === P_S || prevType !== type));
    const endsBefore =
      cur !== null &&
      (prefix === P_O ||
        prefix === P_B ||
        prefix === P_S ||
        prevPrefix === P_E ||
        prevPrefix === P_S ||
        prevType !== type);
    if (cur && (endsBefore || starts)) {
      cur.end = i;
      chunks.push(cur);
      cur = null;
    }
    if (prefix !== P_O && (starts || cur === null)) cur = { type, start: i, end: i + 1 };
    prevPrefix = prefix;
    prevType = type;
  }
  if (cur) {
    cur.end = length;
    chunks.push(cur);
  }
  return chunks;
}

/**
 * The chunks of a tag sequence given as indices into TAGS (the tagger's output):
 * the same chunks as chunksOf (conll.ts) gives for the same tags as strings, the
 * same rules on integer codes, without making a string per token.
 */
export function chunksOfTagIds(tags: ArrayLike<number>): { type: string; start: number; end: number }[] {
  return chunkRuns(
    tags.length,
    (i) => {
      const t = tags[i]!;
      return t <= 0 ? P_O : 1 + ((t - 1) & 3);
    },
    (i) => {
      const t = tags[i]!;
      return t <= 0 ? '' : ENTITY_TYPES[(t - 1) >> 2]!;
    },
  );
}
