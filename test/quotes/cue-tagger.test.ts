/** The cue tagger's decoding and features, with a small hand-written model (tests never train). */
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/article/types.js';
import {
  B,
  cuesOfLabels,
  FEATURES,
  fallbackCue,
  featureCount,
  featureHash,
  featureIds,
  I,
  labelsOfCues,
  O,
  stemOf,
  stringHash,
  taggerFrom,
  tagUnit,
  unitCandidates,
  viterbi,
} from '../../src/quotes/cue-tagger.js';
import { stemHash } from '../../src/quotes/cue-word-hashes.js';
import { tokenTable } from '../../src/quotes/extract-attributions.js';
import { quotesStage } from '../../src/quotes/index.js';
import { findQuoteRegions } from '../../src/quotes/quote-marks.js';
import { COARSE } from '../../src/syntax/index.js';
import { TAG_CODE } from '../../src/syntax/pos-tagset.js';
import { articleOf } from './quote-helpers.js';

const NEUTRAL = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

function tableOf(text: string) {
  return tokenTable(text, findQuoteRegions(text));
}

describe('stemOf', () => {
  it('strips common inflections', () => {
    expect(stemOf('warned')).toBe('warn');
    expect(stemOf('claims')).toBe('claim');
    expect(stemOf('denied')).toBe('deny');
    expect(stemOf('insisting')).toBe('insist');
    expect(stemOf('says')).toBe('say');
    expect(stemOf('press')).toBe('press');
  });
});

describe('stemHash', () => {
  it('is the hash of the stem, without building it', () => {
    for (const w of [
      'warned',
      'claims',
      'denied',
      'studies',
      'insisting',
      'says',
      'press',
      'sing',
      'is',
      'gas',
    ]) {
      expect(stemHash(w)).toBe(stringHash(stemOf(w)));
    }
  });
});

describe('unitCandidates', () => {
  const tagger = taggerFrom({
    format: 'newsdigest-quotes-cue-tagger/3',
    candidates: ['on', 'to', 'argu'],
    weights: [],
    transitions: NEUTRAL,
  });
  const words = (text: string) => {
    const table = tableOf(text);
    const cand = unitCandidates(table, 0, table.count, { rule: new Uint8Array(table.count) }, tagger);
    return table.lower.filter((_, i) => cand[i]);
  };

  it('keeps function words only next to a content-word candidate', () => {
    // "on" and "to" are candidates, but only near "argued" (within three tokens).
    expect(words('They argued on Monday to go.')).toEqual(['argued', 'on', 'to']);
    expect(words('They met on Monday and went home to rest.')).toEqual([]);
  });

  it('adds a preposition right after and an -ly adverb right before a content-word candidate', () => {
    // "for" is no candidate word, but PolNeAR often counts it in the cue ("argued for").
    expect(words('They bluntly argued for change.')).toEqual(['bluntly', 'argued', 'for']);
    expect(words('They bluntly met for lunch.')).toEqual([]);
  });

  it('reads a unit longer than its scratch arrays as it reads a short one', () => {
    // 1,100 repetitions of a short clause: longer than the 1,024 tokens the scratch arrays start at.
    const clause = 'They bluntly argued for change. ';
    const long = words(clause.repeat(220).trim());
    expect(long.length).toBe(220 * 3);
    expect(long.slice(0, 3)).toEqual(words(clause.trim()));
  });
});

describe('viterbi', () => {
  it('never puts I after O and keeps non-candidates O', () => {
    // Token 1 prefers I strongly, but token 0 is not a candidate: I cannot follow O, so B wins.
    const cand = Uint8Array.from([0, 1, 1]);
    const emit = Float64Array.from([0, 5, 5, 0, 1, 3, 0, 0, 2]);
    expect([...viterbi(cand, emit, NEUTRAL)]).toEqual([O, B, I]);
  });

  it('follows the transition weights', () => {
    const cand = Uint8Array.from([1, 1]);
    const emit = Float64Array.from([0, 1, 0, 0.5, 0.6, 0]);
    // Without transitions: B then B (0.6 > 0.5 for O and > 0 for I).
    expect([...viterbi(cand, emit, NEUTRAL)]).toEqual([B, B]);
    // A strong B → I transition turns the second B into I.
    const trans = [...NEUTRAL];
    trans[B * 3 + I] = 2;
    expect([...viterbi(cand, emit, trans)]).toEqual([B, I]);
  });
});

describe('fallbackCue', () => {
  // Emission scores (O, B, I) per token; token 0 is no candidate.
  const cand = Uint8Array.from([0, 1, 1, 1]);
  const emit = Float64Array.from([0, 0, 0, 10, 2, 0, 10, 6, 0, 10, 0, 12]);

  it('makes the candidate nearest to B a cue in a unit without one, extended over I', () => {
    const labels = new Uint8Array(4);
    fallbackCue(cand, emit, labels, 5);
    // Token 2's B is 4 below its O (token 1: 8): within 5. Token 3 scores I above O.
    expect([...labels]).toEqual([O, O, B, I]);
  });

  it('leaves the unit alone beyond the margin', () => {
    const labels = new Uint8Array(4);
    fallbackCue(cand, emit, labels, 3);
    expect([...labels]).toEqual([O, O, O, O]);
  });

  it('extends the cue over every following candidate that scores I above O, and no further', () => {
    // Tokens 2-4 score I above O; token 5 does not; token 7 would, but token 6 is no candidate.
    const c = Uint8Array.from([1, 1, 1, 1, 1, 0, 1]);
    const e = Float64Array.from([0, 1, 0, 0, 0, 5, 0, 0, 7, 0, 0, 3, 4, 0, 1, 0, 0, 0, 0, 0, 9]);
    const labels = new Uint8Array(7);
    fallbackCue(c, e, labels, 2);
    expect([...labels]).toEqual([B, I, I, I, O, O, O]);
    // The last token of the unit may be an I too.
    const tail = new Uint8Array(2);
    fallbackCue(Uint8Array.from([1, 1]), Float64Array.from([0, 1, 0, 0, 0, 1]), tail, 2);
    expect([...tail]).toEqual([B, I]);
  });

  it('never adds a cue to a unit that has one', () => {
    const labels = Uint8Array.from([O, B, O, O]);
    fallbackCue(cand, emit, labels, 100);
    expect([...labels]).toEqual([O, B, O, O]);
  });
});

describe('labels and cue ranges', () => {
  it('turn into each other', () => {
    const labels = labelsOfCues(
      [
        [11, 13],
        [15, 16],
      ],
      10,
      17,
    );
    expect([...labels]).toEqual([O, B, I, O, O, B, O]);
    expect(cuesOfLabels(labels, 10)).toEqual([
      [11, 13],
      [15, 16],
    ]);
  });
});

describe('tagUnit', () => {
  const text = 'The union argued that the plan would fail.';
  const table = tableOf(text);
  const n = table.count;

  it('tags a candidate word the model weighs as a cue', () => {
    const tagger = taggerFrom({
      format: 'newsdigest-quotes-cue-tagger/3',
      candidates: ['argu'],
      weights: [featureHash(0, 0, 0), 1, 0, -1, featureHash(2, stringHash('argu'), 0), 0, 3, 0],
      transitions: NEUTRAL,
    });
    const labels = tagUnit(table, 0, n, { rule: new Uint8Array(n) }, tagger);
    expect(cuesOfLabels(labels, 0).map(([a, b]) => table.lower.slice(a, b).join(' '))).toEqual(['argued']);
  });

  it('with a fallback margin, tags the best candidate of a unit where Viterbi finds none', () => {
    const file = {
      format: 'newsdigest-quotes-cue-tagger/3' as const,
      candidates: ['argu'],
      // "argued" leans O by 2 (bias feature), nothing else scores.
      weights: [featureHash(0, 0, 0), 2, 0, -1],
      transitions: NEUTRAL,
    };
    const none = tagUnit(table, 0, n, { rule: new Uint8Array(n) }, taggerFrom(file));
    expect(cuesOfLabels(none, 0)).toEqual([]);
    const near = tagUnit(table, 0, n, { rule: new Uint8Array(n) }, taggerFrom({ ...file, fallback: 3 }));
    expect(cuesOfLabels(near, 0).map(([a, b]) => table.lower.slice(a, b).join(' '))).toEqual(['argued']);
    const far = tagUnit(table, 0, n, { rule: new Uint8Array(n) }, taggerFrom({ ...file, fallback: 1 }));
    expect(cuesOfLabels(far, 0)).toEqual([]);
  });

  it('reads the part-of-speech templates only when its model sets a syntax mask', () => {
    // Candidates "argu" and "plan"; the only weight: a past-tense verb leans B.
    const s = featureCount(0);
    const file = {
      format: 'newsdigest-quotes-cue-tagger/3' as const,
      candidates: ['argu', 'plan'],
      weights: [featureHash(0, 0, 0), 1, 0, -1, featureHash(s, TAG_CODE.get('VBD')!, 0), 0, 3, 0],
      transitions: NEUTRAL,
    };
    const words = (labels: Uint8Array) =>
      cuesOfLabels(labels, 0).map(([a, b]) => table.lower.slice(a, b).join(' '));
    expect(words(tagUnit(table, 0, n, { rule: new Uint8Array(n) }, taggerFrom(file)))).toEqual([]);
    const withSyntax = taggerFrom({ ...file, syntax: 255 });
    expect(withSyntax.syntax).toBe(255);
    expect(words(tagUnit(table, 0, n, { rule: new Uint8Array(n) }, withSyntax))).toEqual(['argued']);
  });

  it('tags nothing where no word is a candidate', () => {
    const tagger = taggerFrom({
      format: 'newsdigest-quotes-cue-tagger/3',
      candidates: [],
      weights: [featureHash(0, 0, 0), -1, 5, 5],
      transitions: NEUTRAL,
    });
    expect(cuesOfLabels(tagUnit(table, 0, n, { rule: new Uint8Array(n) }, tagger), 0)).toEqual([]);
  });

  it('never tags a word inside quotation marks', () => {
    const quoted = tableOf('He said \u201cwe argued all night\u201d yesterday.');
    const tagger = taggerFrom({
      format: 'newsdigest-quotes-cue-tagger/3',
      candidates: ['argu'],
      weights: [featureHash(2, stringHash('argu'), 0), 0, 9, 0],
      transitions: NEUTRAL,
    });
    const labels = tagUnit(quoted, 0, quoted.count, { rule: new Uint8Array(quoted.count) }, tagger);
    expect(cuesOfLabels(labels, 0)).toEqual([]);
  });
});

describe('featureIds', () => {
  it('describes the word, its stem, its neighbours and the rules', () => {
    const table = tableOf('The union argued that the plan would fail.');
    const rule = new Uint8Array(table.count);
    rule[2] = B;
    const f = featureIds(table, 2, 0, table.count, { rule });
    // A model without a syntax mask reads no part-of-speech templates.
    expect(f).toHaveLength(featureCount(0));
    expect(featureCount(0)).toBeLessThan(FEATURES);
    expect(f[1]).toBe(featureHash(1, stringHash('argued'), 0));
    expect(f[2]).toBe(featureHash(2, stringHash('argu'), 0));
    expect(f[4]).toBe(featureHash(4, stringHash('union'), 0));
    expect(f[6]).toBe(featureHash(6, stringHash('that'), 0));
    expect(f[10]).toBe(featureHash(10, B, 0));
    // "that" right after the word: distance 1.
    expect(f[17]).toBe(featureHash(17, 1, 0));
    // The word before is a lower-case word (class 15), the word after is "that" (class 7).
    expect(f[20]).toBe(featureHash(20, 15, 0));
    expect(f[21]).toBe(featureHash(21, 7, 0));
    // Its last three letters, with the class of the word after.
    expect(f[25]).toBe(featureHash(25, stringHash('ued'), 7));
  });

  it('with syntax, reads the part of speech, the subject before and the clause after', () => {
    const table = tableOf('The minister argued that the plan would fail.');
    const rule = new Uint8Array(table.count);
    const f = featureIds(table, 2, 0, table.count, { rule }, 255);
    expect(f).toHaveLength(FEATURES);
    const s = featureCount(0);
    const vbd = TAG_CODE.get('VBD')!;
    expect(f[s]).toBe(featureHash(s, vbd, 0));
    expect(f[s + 2]).toBe(featureHash(s + 2, TAG_CODE.get('NN')!, vbd));
    // A noun before it (its subject), a past-tense verb itself.
    expect(f[s + 4]).toBe(featureHash(s + 4, COARSE.noun, COARSE.verbPast));
    // No verb earlier in the clause; the rules' label O.
    expect(f[s + 5]).toBe(featureHash(s + 5, COARSE.verbPast, O));
    // A "that" clause after it (1), with the coarse class and with the stem.
    expect(f[s + 6]).toBe(featureHash(s + 6, 1, COARSE.verbPast));
    expect(f[s + 7]).toBe(featureHash(s + 7, 1, stemHash('argued')));
    // "plan would fail": after "would" a clause has no subject-then-verb frame; "said the plan
    // would fail" has one without "that" (2).
    const bare = tableOf('The minister said the plan would fail.');
    const g = featureIds(bare, 2, 0, bare.count, { rule: new Uint8Array(bare.count) }, 255);
    expect(g[s + 6]).toBe(featureHash(s + 6, 2, COARSE.verbPast));
  });

  it('sees a subject to the left: a pronoun right before, a name two tokens before', () => {
    const he = tableOf('He argued that it works.');
    const name = tableOf('Smith also argued that it works.');
    const rule = (t: ReturnType<typeof tableOf>) => ({ rule: new Uint8Array(t.count) });
    expect(featureIds(he, 1, 0, he.count, rule(he))[27]).toBe(featureHash(27, 1, O));
    expect(featureIds(name, 2, 0, name.count, rule(name))[27]).toBe(featureHash(27, 2, O));
  });

  it('does not mix up the cached words of two units read one after the other', () => {
    const a = tableOf('Officials argued that it works.');
    const b = tableOf('Nobody doubted the claim at all.');
    const ctxA = { rule: new Uint8Array(a.count) };
    const first = featureIds(a, 1, 0, a.count, ctxA);
    featureIds(b, 1, 0, b.count, { rule: new Uint8Array(b.count) });
    expect(featureIds(a, 1, 0, a.count, ctxA)).toEqual(first);
  });

  it('gives the same features to the same word in the same context', () => {
    const a = tableOf('Officials argued that it works.');
    const b = tableOf('Officials argued that it works.');
    const ctx = () => ({ rule: new Uint8Array(a.count) });
    expect(featureIds(a, 1, 0, a.count, ctx())).toEqual(featureIds(b, 1, 0, b.count, ctx()));
  });
});

describe('the stage by default (the shipped tagger)', () => {
  const cuesOf = (text: string, options = {}) =>
    ((quotesStage.run(articleOf(text), options) as Article).quotes ?? []).map((q) =>
      text.slice(q.cue.start, q.cue.end),
    );

  it('keeps the belief and intention cues of a sentence where it finds no other cue', () => {
    expect(cuesOf('The union wants a shorter working week.')).toEqual(['wants']);
    expect(cuesOf('The minister thinks the plan will fail.')).toEqual(['thinks']);
    expect(cuesOf('The coach believes the team can win the league.')).toEqual(['believes']);
  });

  it('finds multi-word cues', () => {
    expect(cuesOf('The plan is doomed, according to two officials.')).toEqual(['according to']);
    expect(cuesOf('The governor has learned that the port will close.')).toEqual(['has learned']);
  });

  it("uses the rules alone when asked (cues: 'rules')", () => {
    expect(cuesOf('The harbour master said the port will reopen.', { quotes: { cues: 'rules' } })).toEqual([
      'said',
    ]);
  });
});

describe('the stage with the shipped tagger (cues: tagger)', () => {
  it('finds a plain reported-speech cue and its roles', () => {
    const text = 'The harbour master said on Tuesday that the port will reopen next week.';
    const out = quotesStage.run(articleOf(text), { quotes: { cues: 'tagger' } }) as Article;
    const quotes = out.quotes ?? [];
    expect(quotes.map((q) => text.slice(q.cue.start, q.cue.end))).toEqual(['said']);
    expect(text.slice(quotes[0]!.speaker!.start, quotes[0]!.speaker!.end)).toBe('The harbour master');
    expect(text.slice(quotes[0]!.start, quotes[0]!.end)).toContain('the port will reopen next week');
  });
});
