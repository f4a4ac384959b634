import { describe, expect, it } from 'vitest';
import { emissions, TRANSITION_MASK, viterbi } from '../../src/entities/decode.js';
import { FeatureIndex } from '../../src/entities/feature-index.js';
import { KeyBuffer } from '../../src/entities/features.js';
import { allowedTransition, bilouFromChunks, NUM_TAGS, TAGS } from '../../src/entities/tags.js';
import { seededRandom as random } from '../../src/seeded-random.js';

const T = NUM_TAGS;
const tag = (name: string) => TAGS.indexOf(name);
const noTransitions = () => new Float32Array((T + 1) * (T + 1));

/** Emission scores where each token prefers one tag by `margin`. */
function prefer(names: string[], margin = 1): Float32Array {
  const s = new Float32Array(names.length * T);
  names.forEach((n, i) => {
    s[i * T + tag(n)] = margin;
  });
  return s;
}

describe('BILOU transitions', () => {
  it('allows only well-formed sequences', () => {
    expect(allowedTransition(-1, tag('B-PER'))).toBe(true);
    expect(allowedTransition(-1, tag('I-PER'))).toBe(false);
    expect(allowedTransition(tag('B-PER'), tag('L-PER'))).toBe(true);
    expect(allowedTransition(tag('B-PER'), tag('L-ORG'))).toBe(false);
    expect(allowedTransition(tag('B-PER'), tag('O'))).toBe(false);
    expect(allowedTransition(tag('L-PER'), tag('U-LOC'))).toBe(true);
    expect(allowedTransition(tag('I-LOC'), -1)).toBe(false);
    expect(TRANSITION_MASK[tag('U-PER') * (T + 1) + T]).toBe(1);
  });

  it('converts chunks to BILOU', () => {
    const t = bilouFromChunks(5, [
      { type: 'PER', start: 0, end: 3 },
      { type: 'LOC', start: 4, end: 5 },
    ]);
    expect(t.map((i) => TAGS[i])).toEqual(['B-PER', 'I-PER', 'L-PER', 'O', 'U-LOC']);
  });
});

describe('viterbi with hand-set weights', () => {
  it('follows the emissions when they form a valid sequence', () => {
    const names = ['B-ORG', 'L-ORG', 'O', 'U-LOC'];
    const path = viterbi(prefer(names), 4, noTransitions());
    expect(Array.from(path, (i) => TAGS[i])).toEqual(names);
  });

  it('repairs an invalid preference into the best valid sequence', () => {
    // Token 0 prefers B-PER, token 1 prefers O: B-PER cannot end before O.
    const s = prefer(['B-PER', 'O'], 1);
    s[0 * T + tag('U-PER')] = 0.9; // a close second for token 0
    const path = viterbi(s, 2, noTransitions());
    expect(Array.from(path, (i) => TAGS[i])).toEqual(['U-PER', 'O']);
  });

  it('lets a transition weight outvote a weak emission', () => {
    const s = prefer(['U-PER', 'U-PER'], 1);
    s[0 * T + tag('B-PER')] = 0.8;
    s[1 * T + tag('L-PER')] = 0.8;
    const trans = noTransitions();
    trans[tag('B-PER') * (T + 1) + tag('L-PER')] = 1;
    const path = viterbi(s, 2, trans);
    expect(Array.from(path, (i) => TAGS[i])).toEqual(['B-PER', 'L-PER']);
  });

  it('handles empty and one-token sentences', () => {
    expect(viterbi(new Float32Array(0), 0, noTransitions()).length).toBe(0);
    expect(TAGS[viterbi(prefer(['I-ORG']), 1, noTransitions())[0]!]).not.toBe('I-ORG');
  });
});

describe('emissions', () => {
  it('sums the weight rows of the features present, skipping unknown keys', () => {
    const rows = FeatureIndex.fromMap(
      new Map([
        [12345, 0],
        [2 ** 50 + 7, 1],
      ]),
    );
    const w = new Float32Array(2 * T);
    w[tag('U-LOC')] = 2;
    w[T + tag('U-LOC')] = 0.5;
    w[T + tag('O')] = 1;
    const buf = new KeyBuffer();
    buf.reset(2);
    buf.offsets[0] = 0;
    buf.push(12345);
    buf.push(2 ** 50 + 7);
    buf.offsets[1] = buf.n;
    buf.push(999); // unknown
    buf.offsets[2] = buf.n;
    const s = emissions(buf, 2, { rows, w, trans: noTransitions() });
    expect(s[tag('U-LOC')]).toBeCloseTo(2.5);
    expect(s[tag('O')]).toBeCloseTo(1);
    expect(Array.from(s.subarray(T, 2 * T)).every((x) => x === 0)).toBe(true);
  });
});

describe('FeatureIndex', () => {
  it('finds every stored key, large ones included, and misses absent ones', () => {
    const m = new Map<number, number>();
    for (let i = 0; i < 5000; i++) m.set(i * 1_000_003 * 131 + (i % 7) * 2 ** 40, i);
    const idx = FeatureIndex.fromMap(m);
    const wrong = [...m].filter(([k, v]) => idx.get(k) !== v);
    expect(wrong).toEqual([]);
    expect(idx.get(42)).toBe(-1);
    expect([...idx.entries()].length).toBe(5000);
  });
});

describe('viterbi against exhaustive search', () => {
  /** The best allowed sequence by trying every sequence of `n` tags. */
  function bestByEnumeration(scores: Float32Array, n: number, trans: Float32Array): number[] {
    let best = -Infinity;
    let arg: number[] = [];
    const seq = new Array<number>(n).fill(0);
    const total = T ** n;
    for (let code = 0; code < total; code++) {
      let c = code;
      for (let i = n - 1; i >= 0; i--) {
        seq[i] = c % T;
        c = Math.floor(c / T);
      }
      let s = 0;
      let ok = true;
      for (let i = 0; i <= n && ok; i++) {
        const prev = i === 0 ? T : seq[i - 1]!;
        const next = i === n ? T : seq[i]!;
        if (!TRANSITION_MASK[prev * (T + 1) + next]) ok = false;
        else s += trans[prev * (T + 1) + next]! + (i < n ? scores[i * T + next]! : 0);
      }
      if (ok && s > best) {
        best = s;
        arg = [...seq];
      }
    }
    return arg;
  }

  it('finds the best well-formed sequence under random scores and transitions', () => {
    const rnd = random(7);
    for (let round = 0; round < 30; round++) {
      const n = 1 + (round % 3);
      const scores = Float32Array.from({ length: n * T }, () => rnd() * 4 - 2);
      const trans = Float32Array.from({ length: (T + 1) * (T + 1) }, () => rnd() * 2 - 1);
      expect(Array.from(viterbi(scores, n, trans))).toEqual(bestByEnumeration(scores, n, trans));
    }
  });
});
