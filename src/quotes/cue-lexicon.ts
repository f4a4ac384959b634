/**
 * The cue lexicon: the words and phrases that introduce an attribution ("said",
 * "told", "according to", "has said", "believes", "plans"), each with how often
 * it was a cue and how often it occurred at all (outside quotation marks) in the
 * training articles. A phrase is taken as a cue where its smoothed rate
 * cue / (seen + 1) reaches the threshold, and it was a cue at least `minCount`
 * times: "said" nearly always is, "called" sometimes, "in" rarely.
 *
 * The shipped lexicon (models/quotes/cues.json) is learnt from PolNeAR train by
 * scripts/quotes-train-lexicon.ts, which also picks the threshold and minimum
 * count on a held-out part of train.
 */
import { readFileSync } from 'node:fs';
import { NewsdigestError } from '../errors.js';
import { modelFile } from '../models.js';
import { coreVerbForms } from './core-cues.js';
import { type FlatPhraseTrie, PhraseTrie } from './phrase-trie.js';

export interface CueLexiconFile {
  /** What the file is; checked on load. */
  format: 'newsdigest-quotes-cues/1';
  threshold: number;
  minCount: number;
  /** Whether the hand-written core verbs are used too (chosen on train with the threshold). */
  core?: boolean;
  /** Lower-cased cue phrase (tokens joined by one space) → [times a cue, times seen]. */
  cues: Record<string, [number, number]>;
  /**
   * The matcher's trie of the accepted phrases at the file's own threshold, minimum count and
   * core setting, flat (phrase-trie.ts), written by the training script: loading it builds no
   * Map and hashes no word (issue #8). Absent: built from `cues` at load. A file given other
   * counts must drop it (withCues).
   */
  trie?: FlatPhraseTrie;
}

export interface CueLexicon {
  /** Phrase → its rate, only for phrases that pass the threshold and minimum count. */
  accepted: Map<string, number>;
  /** The longest accepted phrase, in tokens. */
  maxTokens: number;
  /**
   * The matcher's index: accepted phrases as a trie of tokens, by first token (plus every
   * core verb form, as a node that ends no phrase). A trie, because some first tokens
   * ("has", "is") start hundreds of phrases, and trying each in turn was most of the
   * rules' time.
   */
  byFirst: Map<string, CueTrie>;
  /** The same trie as flat arrays walked by token hash (phrase-trie.ts): what the matcher reads. */
  trie: PhraseTrie;
  /** Whether the hand-written core verbs (core-cues.ts) are tried where the lexicon has nothing. */
  core: boolean;
}

/** A node of the phrase trie: whether a phrase ends here, and the tokens that continue one. */
export interface CueTrie {
  end: boolean;
  next?: Map<string, CueTrie>;
}

export function cueRate(cue: number, seen: number): number {
  return cue / (Math.max(seen, cue) + 1);
}

export function lexiconFrom(
  file: CueLexiconFile,
  threshold = file.threshold,
  minCount = file.minCount,
  core = file.core ?? true,
): CueLexicon {
  const flat =
    file.trie && threshold === file.threshold && minCount === file.minCount && core === (file.core ?? true)
      ? file.trie
      : undefined;
  if (!flat) {
    const maps = lexiconMaps(file, threshold, minCount, core);
    return { ...maps, trie: new PhraseTrie(maps.byFirst, core ? new Set(coreVerbForms()) : undefined), core };
  }
  // The file's own trie: the matcher needs nothing else; the Maps are built only if read.
  let maps: ReturnType<typeof lexiconMaps> | undefined;
  const built = () => {
    maps ??= lexiconMaps(file, threshold, minCount, core);
    return maps;
  };
  return {
    get accepted() {
      return built().accepted;
    },
    get maxTokens() {
      return built().maxTokens;
    },
    get byFirst() {
      return built().byFirst;
    },
    trie: new PhraseTrie(flat),
    core,
  };
}

/** The file's settings with other counts (training: a fold's own); its stored trie, of the old counts, dropped. */
export function withCues(file: CueLexiconFile, cues: CueLexiconFile['cues']): CueLexiconFile {
  const { trie: _, ...rest } = file;
  return { ...rest, cues };
}

/** The lexicon file with its trie written in (what the training script stores). */
export function withFlatTrie(file: CueLexiconFile): CueLexiconFile {
  const { trie: _, ...rest } = file;
  return { ...rest, trie: lexiconFrom(rest).trie.flat() };
}

/** The accepted phrases and their Map trie (first tokens, core verb forms among them). */
function lexiconMaps(
  file: CueLexiconFile,
  threshold: number,
  minCount: number,
  core: boolean,
): Pick<CueLexicon, 'accepted' | 'maxTokens' | 'byFirst'> {
  const accepted = new Map<string, number>();
  let maxTokens = 1;
  // Without Object.entries' pair per phrase and a split per accepted one.
  const cues = file.cues;
  for (const phrase in cues) {
    if (!Object.hasOwn(cues, phrase)) continue;
    const [cue, seen] = cues[phrase]!;
    const rate = cueRate(cue, seen);
    if (cue >= minCount && rate >= threshold) {
      accepted.set(phrase, rate);
      let tokens = 1;
      for (let i = phrase.indexOf(' '); i >= 0; i = phrase.indexOf(' ', i + 1)) tokens++;
      maxTokens = Math.max(maxTokens, tokens);
    }
  }
  const byFirst = new Map<string, CueTrie>();
  for (const phrase of accepted.keys()) {
    const tokens = phrase.split(' ');
    let node = byFirst.get(tokens[0]!);
    if (!node) {
      node = { end: false };
      byFirst.set(tokens[0]!, node);
    }
    for (const t of tokens.slice(1)) {
      node.next ??= new Map();
      let child = node.next.get(t);
      if (!child) {
        child = { end: false };
        node.next.set(t, child);
      }
      node = child;
    }
    node.end = true;
  }
  // The core verbs get an entry too (ending no phrase when the lexicon has none), so that
  // the matcher needs one lookup per token to know whether anything can start there.
  if (core) for (const form of coreVerbForms()) if (!byFirst.has(form)) byFirst.set(form, { end: false });
  return { accepted, maxTokens, byFirst };
}

let shipped: CueLexicon | undefined;

/** The lexicon shipped in models/quotes/cues.json, loaded once. */
export function shippedLexicon(): CueLexicon {
  if (shipped) return shipped;
  const path = modelFile('quotes', 'cues.json');
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new NewsdigestError('E_MODEL', path, `cannot read the cue lexicon (${(e as Error).message})`);
  }
  const file = parsed as Partial<CueLexiconFile>;
  if (
    file.format !== 'newsdigest-quotes-cues/1' ||
    typeof file.threshold !== 'number' ||
    typeof file.minCount !== 'number' ||
    typeof file.cues !== 'object' ||
    file.cues === null
  ) {
    throw new NewsdigestError('E_MODEL', path, 'expecting a newsdigest-quotes-cues/1 lexicon');
  }
  shipped = lexiconFrom(file as CueLexiconFile);
  return shipped;
}
