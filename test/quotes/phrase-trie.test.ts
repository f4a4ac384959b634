import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modelFile } from '../../src/models.js';
import { type CueLexiconFile, type CueTrie, lexiconFrom, withCues } from '../../src/quotes/cue-lexicon.js';
import { stringHash } from '../../src/quotes/cue-word-hashes.js';
import { PhraseTrie, ROOT } from '../../src/quotes/phrase-trie.js';

const node = (end: boolean, next?: [string, CueTrie][]): CueTrie =>
  next ? { end, next: new Map(next) } : { end };

/** The trie of "said", "told reporters", "according to", "has said" and "has told". */
const byFirst = new Map<string, CueTrie>([
  ['said', node(true)],
  ['told', node(true, [['reporters', node(true)]])],
  ['according', node(false, [['to', node(true)]])],
  [
    'has',
    node(false, [
      ['said', node(true)],
      ['told', node(true)],
    ]),
  ],
]);

const child = (trie: PhraseTrie, at: number, w: string) => trie.child(at, stringHash(w) | 0, w);

describe('PhraseTrie', () => {
  const trie = new PhraseTrie(byFirst);

  it('finds first tokens and their continuations, with where phrases end', () => {
    const according = child(trie, ROOT, 'according');
    expect(according).toBeGreaterThan(0);
    expect(trie.end[according]).toBe(0);
    expect(trie.more[according]).toBe(1);
    const to = child(trie, according, 'to');
    expect(trie.end[to]).toBe(1);
    expect(trie.more[to]).toBe(0);
    expect(trie.end[child(trie, ROOT, 'said')]).toBe(1);
  });

  it('keeps a word under its own parent only', () => {
    const has = child(trie, ROOT, 'has');
    const hasSaid = child(trie, has, 'said');
    expect(hasSaid).toBeGreaterThan(0);
    expect(hasSaid).not.toBe(child(trie, ROOT, 'said'));
    expect(child(trie, has, 'reporters')).toBe(-1);
    expect(child(trie, ROOT, 'to')).toBe(-1);
    expect(child(trie, ROOT, 'reporters')).toBe(-1);
  });

  it('confirms a hit by the word, not by the hash alone', () => {
    // The hash of "said" given with another word: no node.
    expect(trie.child(ROOT, stringHash('said') | 0, 'sad')).toBe(-1);
    expect(child(trie, ROOT, 'Said')).toBe(-1);
  });

  it('flags the first tokens that are core verb forms', () => {
    const withVerbs = new PhraseTrie(byFirst, new Set(['said', 'says', 'to']));
    expect(withVerbs.verb[child(withVerbs, ROOT, 'said')]).toBe(1);
    expect(withVerbs.verb[child(withVerbs, ROOT, 'told')]).toBe(0);
    // Only first tokens: "to" after "according" is no core cue's start.
    const according = child(withVerbs, ROOT, 'according');
    expect(withVerbs.verb[child(withVerbs, according, 'to')]).toBe(0);
    expect(trie.verb[child(trie, ROOT, 'said')]).toBe(0);
  });

  it('answers as the lexicon Map does for every phrase of a lexicon', () => {
    const lexicon = lexiconFrom({
      format: 'newsdigest-quotes-cues/1',
      threshold: 0.5,
      minCount: 1,
      cues: { said: [9, 10], 'told reporters': [5, 6], 'according to': [8, 8], in: [1, 50] },
    });
    for (const phrase of ['said', 'told reporters', 'according to']) {
      let at = ROOT;
      let map: ReadonlyMap<string, CueTrie> | undefined = lexicon.byFirst;
      let last: CueTrie | undefined;
      for (const w of phrase.split(' ')) {
        last = map?.get(w);
        at = child(lexicon.trie, at, w);
        expect(at >= 0).toBe(last !== undefined);
        map = last?.next;
      }
      expect(lexicon.trie.end[at]).toBe(last?.end ? 1 : 0);
    }
    expect(child(lexicon.trie, ROOT, 'in')).toBe(-1);
  });

  it('reads back its flat form as the same trie, node for node', () => {
    const built = new PhraseTrie(byFirst, new Set(['said', 'has']));
    const loaded = new PhraseTrie(JSON.parse(JSON.stringify(built.flat())));
    expect(loaded).toEqual(built);
    expect(child(loaded, child(loaded, ROOT, 'told'), 'reporters')).toBe(
      child(built, child(built, ROOT, 'told'), 'reporters'),
    );
  });
});

describe('the shipped lexicon file', () => {
  const file = JSON.parse(readFileSync(modelFile('quotes', 'cues.json'), 'utf8')) as CueLexiconFile;

  it('stores the trie its own counts give, so loading it answers as building it would', () => {
    expect(file.trie).toBeDefined();
    const stored = lexiconFrom(file);
    const rebuilt = lexiconFrom(withCues(file, file.cues));
    expect(stored.trie).toEqual(rebuilt.trie);
    expect(stored.accepted).toEqual(rebuilt.accepted);
  });

  it('drops the stored trie when a file is given other counts', () => {
    const other = lexiconFrom(withCues(file, { 'vowed to': [3, 3] }));
    expect(child(other.trie, ROOT, 'vowed')).toBeGreaterThan(0);
    expect(other.trie.end[child(other.trie, ROOT, 'said')]).toBe(0);
  });
});
