/**
 * Choosing highlight items when some sentences do not stand alone (./stand-alone.ts):
 * as `selectByScore` (best first, trigram blocking, short sentences last, `k` and a
 * further one above `extraThreshold`), but a flagged sentence is taken only together
 * with the sentences it needs (the one holding its quote's cue, the speaker a pronoun
 * points back to, the quote a lead-in announces), as one item: the highlight carries
 * its attribution along. When what it needs is not found or the item would run over
 * more than `maxGap + 1` sentences, the sentence is passed over. `k` counts items; an extension that
 * would bring the sentences shown over `maxSentences` is passed over.
 * With no sentence flagged, the items are exactly `selectByScore`'s sentences.
 */
import type { SelectOptions } from './select.js';
import type { ArticleWords } from './sentence-words.js';
import type { StandAlone } from './stand-alone.js';

/** An item: sentences `first` to `last` (indices, inclusive). */
export interface ItemRange {
  first: number;
  last: number;
}

export interface ItemOptions extends SelectOptions {
  /** An item runs over at most `maxGap + 1` sentences. */
  maxGap: number;
  /** Sentences shown in all, at most (default: maxK). */
  maxSentences?: number;
}

/** The range a flagged sentence needs, the needs of the sentences it takes in included; undefined when out of reach. */
function reach(i: number, sa: StandAlone, maxGap: number): ItemRange | undefined {
  let first = i;
  let last = i;
  for (let changed = true; changed; ) {
    changed = false;
    for (let j = first; j <= last; j++) {
      if (!sa.flags[j]) continue;
      // A flagged sentence whose attribution is not found leaves the item dangling.
      if (sa.first[j]! < 0) return undefined;
      if (sa.first[j]! < first) {
        first = sa.first[j]!;
        changed = true;
      }
      if (sa.last[j]! > last) {
        last = sa.last[j]!;
        changed = true;
      }
    }
    if (last - first > maxGap) return undefined;
  }
  return { first, last };
}

/** The largest vocabulary whose cube is an exact double (2^53). */
const MAX_EXACT_VOCABULARY = 208_063;

/**
 * The word trigrams of sentence `i` as numbers (ids a, b, c as (a * V + b) * V + c, exact
 * while V^3 stays within 2^53: every article but an absurd one), else as strings of the
 * ids; one key per trigram of stems, as `trigrams` of the stems gives.
 */
function trigramKeys(words: ArticleWords, i: number): (number | string)[] {
  const { flat, vocabulary: v } = words;
  const keys: (number | string)[] = [];
  const exact = v <= MAX_EXACT_VOCABULARY;
  for (let o = words.starts[i]!; o + 3 <= words.starts[i + 1]!; o++) {
    const a = flat[o]!;
    const b = flat[o + 1]!;
    const c = flat[o + 2]!;
    keys.push(exact ? (a * v + b) * v + c : `${a} ${b} ${c}`);
  }
  return keys;
}

/** Whether any of `keys` was seen in a sentence already chosen. */
function repeats(keys: readonly (number | string)[], seen: ReadonlySet<number | string>): boolean {
  for (const k of keys) if (seen.has(k)) return true;
  return false;
}

export function selectItems(
  scores: ArrayLike<number>,
  words: ArticleWords,
  sa: StandAlone,
  options: ItemOptions,
): ItemRange[] {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  const maxK = Math.max(options.k, options.maxK ?? options.k);
  const maxSentences = options.maxSentences ?? maxK;
  const minWords = options.minWords ?? 0;
  const chosen = new Uint8Array(n);
  const seen = new Set<number | string>();
  const starts = words.starts;
  const items: ItemRange[] = [];
  let sentences = 0;
  const passes = minWords > 0 ? [true, false] : [false];
  for (const strict of passes) {
    for (const i of order) {
      if (items.length >= maxK) break;
      if (chosen[i]) continue;
      const length = starts[i + 1]! - starts[i]!;
      if (length === 0) continue;
      if (strict && length < minWords) continue;
      if (items.length >= options.k && scores[i]! < (options.extraThreshold ?? Number.POSITIVE_INFINITY))
        break;
      const range = sa.flags[i] ? reach(i, sa, options.maxGap) : { first: i, last: i };
      if (!range) continue;
      let fresh = 0;
      for (let j = range.first; j <= range.last; j++) if (!chosen[j]) fresh++;
      if (range.first !== range.last && sentences + fresh > maxSentences) continue;
      if (options.blockTrigrams) {
        // Redundancy is judged on the sentence chosen for its content; the sentences
        // brought along for its attribution may repeat a name ("the Calder Street ...").
        const tri = trigramKeys(words, i);
        if (repeats(tri, seen)) continue;
        for (const t of tri) seen.add(t);
        for (let j = range.first; j <= range.last; j++) {
          if (j !== i && !chosen[j]) for (const t of trigramKeys(words, j)) seen.add(t);
        }
      }
      for (let j = range.first; j <= range.last; j++) chosen[j] = 1;
      addItem(items, range);
      sentences += fresh;
    }
    if (items.length >= options.k) break;
  }
  return items;
}

/** Adds a range to the items (kept in document order): one reaching into others becomes one with them. */
function addItem(items: ItemRange[], range: ItemRange): void {
  let at = 0;
  while (at < items.length && items[at]!.last < range.first) at++;
  let end = at;
  let first = range.first;
  let last = range.last;
  while (end < items.length && items[end]!.first <= range.last) {
    first = Math.min(first, items[end]!.first);
    last = Math.max(last, items[end]!.last);
    end++;
  }
  items.splice(at, end - at, { first, last });
}
