/**
 * How much of a line a reference text (the page's own JSON-LD articleBody) holds:
 * the share of the line's word trigrams found in it. A signal, never the answer:
 * the reference may be truncated, stale or a teaser.
 */
const WORD = /[\p{L}\p{N}]+/gu;

const words = (s: string): string[] => s.toLowerCase().match(WORD) ?? [];

export interface ReferenceMatcher {
  /** Share (0..1) of the line's word trigrams found in the reference; NaN for lines under 3 words. */
  share(line: string): number;
}

/** Trigram keys as numbers (word ids in base `size`) while size³ stays an exact integer. */
const MAX_VOCABULARY = 200_000;

export function referenceMatcher(reference: string, maxVocabulary = MAX_VOCABULARY): ReferenceMatcher {
  // Words become ids and trigrams numbers: no string is built per trigram, and a line's
  // trigram holding a word the reference lacks is known absent without a lookup. The loops are
  // functions of their own: this one runs once a page and is never worth compiling.
  const ids = new Map<string, number>();
  const seq = wordIds(words(reference), ids);
  const size = ids.size;
  if (size > maxVocabulary) return new StringTrigrams(reference);
  return new NumericTrigrams(ids, trigramKeys(seq, size), size);
}

/** Each word's id (new words numbered in order of first use, into `ids`), in the words' order. */
function wordIds(all: string[], ids: Map<string, number>): number[] {
  // Pushed one by one: one array kind whatever the reference (`map` made a holey array, the
  // empty case a packed one, and the loop below deoptimised between them).
  const seq: number[] = [];
  for (let i = 0; i < all.length; i++) {
    const w = all[i]!;
    let id = ids.get(w);
    if (id === undefined) {
      id = ids.size;
      ids.set(w, id);
    }
    seq.push(id);
  }
  return seq;
}

/** The trigrams of a sequence of word ids as numbers (ids in base `size`). */
function trigramKeys(seq: number[], size: number): Set<number> {
  const grams = new Set<number>();
  for (let i = 0; i + 2 < seq.length; i++) grams.add((seq[i]! * size + seq[i + 1]!) * size + seq[i + 2]!);
  return grams;
}

// The matchers are classes, not objects of closures made per page: a closure made per page is
// a new function each time, and the caller's call site, optimised for the first page's,
// deoptimised on the next.

/** Trigrams of word ids as numbers. */
class NumericTrigrams implements ReferenceMatcher {
  constructor(
    private readonly ids: ReadonlyMap<string, number>,
    private readonly grams: ReadonlySet<number>,
    private readonly size: number,
  ) {}

  share(line: string): number {
    const lw = words(line);
    if (lw.length < 3) return Number.NaN;
    const { ids, grams, size } = this;
    let hit = 0;
    let a = ids.get(lw[0]!) ?? -1;
    let b = ids.get(lw[1]!) ?? -1;
    for (let i = 2; i < lw.length; i++) {
      const c = ids.get(lw[i]!) ?? -1;
      if (a >= 0 && b >= 0 && c >= 0 && grams.has((a * size + b) * size + c)) hit++;
      a = b;
      b = c;
    }
    return hit / (lw.length - 2);
  }
}

/** The same measure with trigrams as strings, for a reference too rich in words for numeric keys. */
class StringTrigrams implements ReferenceMatcher {
  private readonly grams = new Set<string>();

  constructor(reference: string) {
    const w = words(reference);
    for (let i = 0; i + 2 < w.length; i++) this.grams.add(`${w[i]} ${w[i + 1]} ${w[i + 2]}`);
  }

  share(line: string): number {
    const lw = words(line);
    if (lw.length < 3) return Number.NaN;
    let hit = 0;
    for (let i = 0; i + 2 < lw.length; i++) if (this.grams.has(`${lw[i]} ${lw[i + 1]} ${lw[i + 2]}`)) hit++;
    return hit / (lw.length - 2);
  }
}
