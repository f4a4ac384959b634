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

  constructor(byFirst: ReadonlyMap<string, CueTrie>, verbs: ReadonlySet<string> = new Set()) {
    const parents: number[] = [-1];
    const words: string[] = [''];
    const ends: number[] = [0];
    const mores: number[] = [byFirst.size ? 1 : 0];
    const add = (parent: number, children: ReadonlyMap<string, CueTrie>): void => {
      for (const [w, node] of children) {
        const id = words.length;
        parents.push(parent);
        words.push(w);
        ends.push(node.end ? 1 : 0);
        mores.push(node.next?.size ? 1 : 0);
        if (node.next) add(id, node.next);
      }
    };
    add(ROOT, byFirst);
    this.parent = Int32Array.from(parents);
    this.word = words;
    this.end = Uint8Array.from(ends);
    this.more = Uint8Array.from(mores);
    this.verb = new Uint8Array(words.length);
    for (let id = 1; id < words.length; id++)
      if (parents[id] === ROOT && verbs.has(words[id]!)) this.verb[id] = 1;
    let size = 16;
    while (size < words.length * 4) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    for (let id = 1; id < words.length; id++) {
      let i = slotOf(parents[id]!, stringHash(words[id]!) | 0, this.mask);
      while (this.slots[i]) i = (i + 1) & this.mask;
      this.slots[i] = id + 1;
    }
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

function slotOf(parent: number, hash: number, mask: number): number {
  let h = Math.imul(hash ^ Math.imul(parent, 0x27d4eb2d), 0x9e3779b1);
  h ^= h >>> 16;
  return h & mask;
}
