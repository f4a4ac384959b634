/**
 * Merging mentions into entities within one article, in reading order:
 * - the same name (after titles and possessives are stripped, case and periods
 *   ignored) with the same type, or across ORG/LOC/MISC, or a well-known
 *   equivalent ("U.S." = "US" = "United States");
 * - a person's surname alone ("Dunford") joins the most recently mentioned person
 *   whose full name ends with it; a full name joins an earlier lone surname or a
 *   full name with the same first and last words ("Joseph F. Dunford"), but two
 *   different full names are never merged, even with the same surname;
 * - an acronym joins the organisation it abbreviates: defined in parentheses
 *   right after the full name, or matching its initials ("SDF"), in either order;
 * - a lone surname tagged ORG or MISC joins a person already named in full (a
 *   frequent tagger confusion; places are left alone: "Jordan");
 * - a company's short name joins it: its name without the corporate suffix
 *   ("Halvard Construction" for "Halvard Construction Co."), or, alone, the first word
 *   of that name ("Halvard") when no other entity of the article has that first word
 *   and nobody named in full has it as a surname; in either order.
 */
import type { Entity, EntityType } from '../article/types.js';
import { isRegexSpace } from '../text/chars.js';
import {
  canonicalOfKey,
  cleanName,
  companyShortNames,
  initialsOf,
  isAcronym,
  nameKey,
  nameTokens,
} from './names.js';

export interface Mention {
  start: number;
  end: number;
  type: EntityType;
}

interface Cluster {
  mentions: Mention[];
  names: string[];
  keys: Set<string>;
  /** Initials of its multi-word names and its acronyms, without periods. */
  acronyms: Set<string>;
  /** PER: keys of the last words of its multi-word names. */
  surnames: Set<string>;
  /** ORG: keys of its company names without their corporate suffix ("halvard construction"). */
  companyKeys: Set<string>;
  /** ORG: keys of the first words of those names, when they have more than one ("halvard"). */
  companyFirsts: Set<string>;
  hasFullName: boolean;
  /** Index of its latest mention, for "most recent" choices. */
  last: number;
}

const lastKey = (tokens: string[]) => nameKey(tokens[tokens.length - 1]!);

/** What merging asks of a name, worked out once per distinct name of an article (names repeat). */
interface NameFacts {
  /** canonicalKey(name) and nameKey(name). */
  key: string;
  plainKey: string;
  tokens: string[];
  /** The name without periods when it reads as an acronym, else ''. */
  acronym: string;
  /** initials(name). */
  initials: string;
  /** nameKey of the first and last tokens. */
  firstKey: string;
  lastKey: string;
  /** A company name's key without its corporate suffix, and its first word's key (companyShortNames), or ''. */
  companyKey: string;
  companyFirst: string;
}

/** The facts of each name, computed at first need (one map per mergeMentions call). */
type NameBook = Map<string, NameFacts>;

function factsOf(book: NameBook, name: string): NameFacts {
  let f = book.get(name);
  if (!f) {
    const tokens = nameTokens(name);
    const plainKey = nameKey(name);
    // A name of one token with no space around it is its own first and last token.
    const whole = tokens.length === 1 && tokens[0] === name;
    const company = companyShortNames(tokens);
    f = {
      key: canonicalOfKey(plainKey),
      plainKey,
      tokens,
      acronym: isAcronym(name) ? name.replace(/\./g, '') : '',
      initials: initialsOf(tokens),
      firstKey: whole ? plainKey : tokens.length > 0 ? nameKey(tokens[0]!) : '',
      lastKey: whole ? plainKey : tokens.length > 0 ? lastKey(tokens) : '',
      companyKey: company.key,
      companyFirst: company.first,
    };
    book.set(name, f);
  }
  return f;
}

function add(c: Cluster, m: Mention, name: string, f: NameFacts, index: number): void {
  c.mentions.push(m);
  c.names.push(name);
  c.keys.add(f.key);
  if (f.acronym) c.acronyms.add(f.acronym);
  if (f.initials) c.acronyms.add(f.initials);
  if (f.tokens.length > 1) {
    c.hasFullName = true;
    if (m.type === 'PER') c.surnames.add(f.lastKey);
  }
  if (f.companyKey && m.type === 'ORG') {
    c.companyKeys.add(f.companyKey);
    if (f.companyFirst) c.companyFirsts.add(f.companyFirst);
  }
  c.last = index;
}

function mostRecent(clusters: Cluster[], test: (c: Cluster) => boolean): Cluster | undefined {
  let best: Cluster | undefined;
  // The best's index kept in a number (mention indices are >= 0): the same choice as comparing
  // with `best.last`, a read that ran only once two clusters passed the test, which had no type
  // feedback when V8 compiled this loop and deoptimised it when first met.
  let bestLast = -1;
  for (const c of clusters) {
    if (test(c) && c.last > bestLast) {
      best = c;
      bestLast = c.last;
    }
  }
  return best;
}

function typeOf(c: Cluster): EntityType {
  const counts = new Map<EntityType, number>();
  for (const m of c.mentions) counts.set(m.type, (counts.get(m.type) ?? 0) + 1);
  let best = c.mentions[0]!.type;
  for (const [t, n] of counts) if (n > (counts.get(best) ?? 0)) best = t;
  return best;
}

/** Whether a mention's text is one word (no white space: nothing was cleaned off it but a possessive). */
function isLoneWord(text: string, m: Mention): boolean {
  for (let i = m.start; i < m.end; i++) if (isRegexSpace(text.charCodeAt(i))) return false;
  return true;
}

/** The only cluster passing `test`, or undefined when none or several do. */
function onlyOne(clusters: Cluster[], test: (c: Cluster) => boolean): Cluster | undefined {
  let found: Cluster | undefined;
  for (const c of clusters) {
    if (!test(c)) continue;
    if (found) return undefined;
    found = c;
  }
  return found;
}

/**
 * The company a mention names by its short name, or whose short name came first:
 * "Halvard Construction" or "Halvard" after "Halvard Construction Co.", and
 * "Halvard Construction Co." after "Halvard" (an entity with no full name yet).
 */
function companyOf(text: string, clusters: Cluster[], m: Mention, f: NameFacts): Cluster | undefined {
  const { key, tokens } = f;
  // The name without its suffix, of one company only ("Tarn Inc." and "Tarn LLC" are two).
  if (m.type === 'ORG' || m.type === 'MISC') {
    const c = onlyOne(clusters, (x) => x.companyKeys.has(key));
    if (c) return c;
  }
  // A lone word: the first word of exactly one company's name, and nobody's surname. Alone in
  // the text too: "General Motors" is cleaned to "Motors", which is no short name of anything.
  if (tokens.length === 1 && (m.type === 'ORG' || m.type === 'PER')) {
    if (!isLoneWord(text, m)) return undefined;
    if (clusters.some((x) => x.surnames.has(key))) return undefined;
    const c = onlyOne(clusters, (x) => x.companyFirsts.has(key));
    if (c && onlyOne(clusters, (x) => x.keys.has(key) || x.companyFirsts.has(key)) === c) return c;
    return undefined;
  }
  // The full company name after its short name: an earlier entity of one company, not yet
  // named in full, with the name without the suffix, or (one word alone) its first word.
  if (f.companyKey && m.type === 'ORG') {
    const byName = onlyOne(
      clusters,
      (x) => !x.companyKeys.size && x.keys.has(f.companyKey) && x.mentions.every((y) => y.type !== 'PER'),
    );
    if (byName) return byName;
    const first = f.companyFirst;
    if (first && first !== f.companyKey) {
      return onlyOne(
        clusters,
        (x) =>
          !x.hasFullName &&
          x.keys.has(first) &&
          x.mentions.every((y) => y.type === 'ORG' && isLoneWord(text, y)),
      );
    }
  }
  return undefined;
}

/** Finds the cluster a mention belongs to, or undefined for a new entity. */
function findCluster(
  text: string,
  clusters: Cluster[],
  m: Mention,
  f: NameFacts,
  book: NameBook,
  previous: { mention: Mention; cluster: Cluster } | undefined,
): Cluster | undefined {
  const { key, tokens, acronym } = f;
  const sameType = (c: Cluster) => c.mentions.some((x) => x.type === m.type);
  // The same name: same type, or any two of ORG/LOC/MISC (the tagger often wavers between them
  // for one name, as "ISIS"), or a well-known equivalent. People only match people here.
  const compatible = (c: Cluster) =>
    sameType(c) || (m.type !== 'PER' && c.mentions.some((x) => x.type !== 'PER')) || key !== f.plainKey;
  const exact = mostRecent(clusters, (c) => c.keys.has(key) && compatible(c));
  if (exact) return exact;
  const company = companyOf(text, clusters, m, f);
  if (company) return company;

  // "Syrian Democratic Forces (SDF)": an acronym in parentheses right after a mention.
  if (acronym && previous) {
    const between = text.slice(previous.mention.end, m.start);
    if (/^\s*\(\s*$/.test(between) && /^\s*\)/.test(text.slice(m.end))) return previous.cluster;
  }
  if (acronym && m.type !== 'PER') {
    const c = mostRecent(clusters, (x) => !x.surnames.size && x.acronyms.has(acronym) && x.hasFullName);
    if (c) return c;
  }
  if (tokens.length > 1 && m.type !== 'PER') {
    const ini = f.initials;
    const c = ini && mostRecent(clusters, (x) => !x.hasFullName && x.acronyms.has(ini) && !x.surnames.size);
    if (c) return c;
  }
  if (m.type === 'PER') {
    if (tokens.length === 1) {
      return mostRecent(clusters, (c) => c.surnames.has(key));
    }
    const first = f.firstKey;
    const last = f.lastKey;
    // An earlier lone surname of nobody named in full yet.
    const lone = mostRecent(clusters, (c) => sameType(c) && !c.hasFullName && c.keys.has(last));
    if (lone) return lone;
    // The same first and last words ("Joseph F. Dunford" / "Joseph Dunford").
    return mostRecent(clusters, (c) =>
      c.names.some((n) => {
        const o = factsOf(book, n);
        return o.tokens.length > 1 && o.firstKey === first && o.lastKey === last && m.type === 'PER';
      }),
    );
  }
  if (tokens.length === 1 && (m.type === 'ORG' || m.type === 'MISC')) {
    return mostRecent(clusters, (c) => c.surnames.has(key));
  }
  return undefined;
}

/** Merges mentions (any order; sorted here) into entities with ids e1, e2, … in order of first mention. */
export function mergeMentions(text: string, mentions: readonly Mention[]): Entity[] {
  const sorted = [...mentions].sort((a, b) => a.start - b.start || b.end - a.end);
  const clusters: Cluster[] = [];
  let previous: { mention: Mention; cluster: Cluster } | undefined;
  const book: NameBook = new Map();
  // Mention text → its clean name: an article names the same people and places again and again.
  const cleaned = new Map<string, string>();
  sorted.forEach((m, index) => {
    const raw = text.slice(m.start, m.end);
    let name = cleaned.get(raw);
    if (name === undefined) {
      name = cleanName(raw);
      cleaned.set(raw, name);
    }
    const f = factsOf(book, name);
    let c = findCluster(text, clusters, m, f, book, previous);
    if (!c) {
      c = {
        mentions: [],
        names: [],
        keys: new Set(),
        acronyms: new Set(),
        surnames: new Set(),
        companyKeys: new Set(),
        companyFirsts: new Set(),
        hasFullName: false,
        last: index,
      };
      clusters.push(c);
    }
    add(c, m, name, f, index);
    previous = { mention: m, cluster: c };
  });
  return clusters.map((c, i) => {
    // The name: the longest of its names (most words, then most characters; the first on a tie).
    let name = c.names[0]!;
    for (const n of c.names) {
      const a = factsOf(book, n).tokens.length;
      const b = factsOf(book, name).tokens.length;
      if (a > b || (a === b && n.length > name.length)) name = n;
    }
    const aliases = [...new Set(c.names)].filter((n) => n !== name);
    return {
      id: `e${i + 1}`,
      type: typeOf(c),
      name,
      aliases,
      mentions: c.mentions.map((m) => ({ start: m.start, end: m.end })),
    };
  });
}
