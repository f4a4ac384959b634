/**
 * How --entity, --speaker and --publisher match a stored name: by whole words, case- and
 * accent-insensitive. "Costa" finds "Ana Costa", "hale" finds "Martin Hale", "valley ledger"
 * finds "The Valley Ledger", "Jose" finds "José", "odegard" finds "Ødegård"; "Cost" finds
 * nothing (words are whole).
 */

/**
 * Letters that Unicode does not decompose into a base letter and a mark, so that NFKD leaves
 * them as they are, with the Latin letters they are written as without a keyboard of their
 * own (lower case: the text is lower-cased first).
 */
const UNDECOMPOSED: Readonly<Record<string, string>> = {
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  ħ: 'h',
  ŧ: 't',
  ı: 'i',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
};
const UNDECOMPOSED_RE = new RegExp(`[${Object.keys(UNDECOMPOSED).join('')}]`, 'gu');

/**
 * The one folding of the store's name matching (nameKey, foldName): NFKD without marks, lower
 * case, and the letters that do not decompose spelled plainly. "Zoë Ødegård" → "zoe odegard",
 * "Łukasz" → "lukasz", "Straße" → "strasse", "Kılıç" → "kilic".
 */
export function foldLetters(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(UNDECOMPOSED_RE, (c) => UNDECOMPOSED[c]!);
}

/** A name's words, folded (foldLetters), as " w1 w2 … " ('' when it has none). */
export function nameKey(text: string): string {
  const words = foldLetters(text).match(/[\p{L}\p{N}]+/gu);
  return words ? ` ${words.join(' ')} ` : '';
}

/**
 * A name folded for entity search (`entities(q)`): foldLetters, single spaces; punctuation
 * kept, so that a name typed with its apostrophe or hyphen still matches as a part of the
 * stored one. "Mesut Özil" → "mesut ozil", "José" → "jose", "Ødegård" → "odegard".
 */
export function foldName(text: string): string {
  return foldLetters(text).replace(/\s+/g, ' ').trim();
}

/** True when the words of `query` appear in `name`, together and in order. */
export function nameMatches(name: string, query: string): boolean {
  const q = nameKey(query);
  return q !== '' && nameKey(name).includes(q);
}

/**
 * Distinct names by their words, so that the names a query matches are found without testing
 * every one: the names holding the query's first word are looked up, then tested whole.
 */
export class NameIndex<T> {
  private readonly byWord = new Map<string, { key: string; value: T }[]>();

  add(name: string, value: T): void {
    const key = nameKey(name);
    if (key === '') return;
    for (const word of new Set(key.slice(1, -1).split(' '))) {
      let list = this.byWord.get(word);
      if (list === undefined) {
        list = [];
        this.byWord.set(word, list);
      }
      list.push({ key, value });
    }
  }

  /** The values of the names whose words include the query's, together and in order. */
  find(query: string): T[] {
    const q = nameKey(query);
    if (q === '') return [];
    const words = q.slice(1, -1).split(' ');
    // The word with the fewest names narrows best.
    let fewest: { key: string; value: T }[] | undefined;
    for (const w of words) {
      const list = this.byWord.get(w);
      if (list === undefined) return [];
      if (fewest === undefined || list.length < fewest.length) fewest = list;
    }
    const found: T[] = [];
    for (const { key, value } of fewest!) if (key.includes(q)) found.push(value);
    return found;
  }
}
