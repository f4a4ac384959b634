/**
 * The cue lexicon's phrase trie as flat arrays, walked by token hash: one probe of an integer
 * table per token instead of a string-keyed Map lookup (which was most of the rules' cue
 * finding). A hit is confirmed by comparing the token's string with the node's word, so the
 * answers are those of the Map trie it is built from, hash collisions or not.
 */
import type { CueTrie } from './cue-lexicon.js';
import { stringHash } from './cue-word-hashes.js';

/** The trie's root: the node whose children are the phrases' first tokens. */
export const ROOT = 0;

export class PhraseTrie {
  /** Per node: 1 when a phrase ends there. */
  readonly end: Uint8Array;
  /** Per node: 1 when some phrase continues past it. */
  readonly more: Uint8Array;
  /** Per node: 1 for a first token that is one of `verbs` (the core verb forms), for which the matcher also tries a core cue. */
  readonly verb: Uint8Array;
  /** Per node: its parent and its word (the root: -1 and ''). */
  private readonly parent: Int32Array;
  private readonly word: string[];
  /** Open addressing over (parent, word hash): node index + 1, 0 for an empty slot. */
  private readonly slots: Int32Array;
  private readonly mask: number;

  /**
   * From the Map trie (and the core verb forms to flag), or from its flat form as the lexicon's
   * model file stores it (flatOf), which loads without building the Maps or hashing a word.
   */
  constructor(from: ReadonlyMap<string, CueTrie> | FlatPhraseTrie, verbs: ReadonlySet<string> = new Set()) {
    const flat = from instanceof Map ? flatten(from, verbs) : (from as FlatPhraseTrie);
    const n = flat.words.length;
    this.parent = Int32Array.from(flat.parent);
    this.word = flat.words;
    this.end = new Uint8Array(n);
    this.more = new Uint8Array(n);
    this.verb = new Uint8Array(n);
    for (let id = 0; id < n; id++) {
      const f = flat.flags[id]!;
      this.end[id] = f & 1;
      this.more[id] = (f >> 1) & 1;
      this.verb[id] = (f >> 2) & 1;
    }
    let size = 16;
    while (size < n * 4) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    for (let id = 1; id < n; id++) {
      let i = slotOf(flat.parent[id]!, flat.hash[id]!, this.mask);
      while (this.slots[i]) i = (i + 1) & this.mask;
      this.slots[i] = id + 1;
    }
  }

  /** The trie's flat form (what the constructor reads back), for a model file. */
  flat(): FlatPhraseTrie {
    const flags: number[] = [];
    for (let id = 0; id < this.word.length; id++)
      flags.push(this.end[id]! | (this.more[id]! << 1) | (this.verb[id]! << 2));
    return {
      words: this.word.slice(),
      parent: Array.from(this.parent),
      flags,
      hash: this.word.map((w, id) => (id === ROOT ? 0 : stringHash(w) | 0)),
    };
  }

  /** The child of `node` for the token `w` whose hash (stringHash | 0) is `hash`, or -1. */
  child(node: number, hash: number, w: string): number {
    const slots = this.slots;
    for (let i = slotOf(node, hash, this.mask); ; i = (i + 1) & this.mask) {
      const s = slots[i]!;
      if (s === 0) return -1;
      const id = s - 1;
      if (this.parent[id] === node && this.word[id] === w) return id;
    }
  }
}

/**
 * A trie as flat lists, node by node in the order the Map trie is walked (the root first): its
 * word, its parent, its flags (1: a phrase ends there, 2: one continues past it, 4: a core verb
 * form at the first level) and its word's hash (stringHash | 0).
 */
export interface FlatPhraseTrie {
  words: string[];
  parent: number[];
  flags: number[];
  hash: number[];
}

/** The Map trie's nodes in their walk order, as flat lists. */
function flatten(byFirst: ReadonlyMap<string, CueTrie>, verbs: ReadonlySet<string>): FlatPhraseTrie {
  const flat: FlatPhraseTrie = { words: [''], parent: [-1], flags: [byFirst.size ? 2 : 0], hash: [0] };
  const add = (parent: number, children: ReadonlyMap<string, CueTrie>): void => {
    for (const [w, node] of children) {
      const id = flat.words.length;
      flat.words.push(w);
      flat.parent.push(parent);
      flat.flags.push(
        (node.end ? 1 : 0) | (node.next?.size ? 2 : 0) | (parent === ROOT && verbs.has(w) ? 4 : 0),
      );
      flat.hash.push(stringHash(w) | 0);
      if (node.next) add(id, node.next);
    }
  };
  add(ROOT, byFirst);
  return flat;
}

function slotOf(parent: number, hash: number, mask: number): number {
  let h = Math.imul(hash ^ Math.imul(parent, 0x27d4eb2d), 0x9e3779b1);
  h ^= h >>> 16;
  return h & mask;
}
