import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NewsdigestError } from '../../src/errors.js';
import {
  isVerbCode,
  loadPosModel,
  posTags,
  START,
  START2,
  shippedPosModel,
  TAGS,
  tagRange,
  uposOf,
} from '../../src/syntax/index.js';
import { foldedHash, shapeOf, TokenValues } from '../../src/syntax/pos-features.js';
import { encodePosModel } from '../../src/syntax/pos-model.js';
import { tagRangeReference } from '../../src/syntax/pos-reference.js';
import { TAG_CODE } from '../../src/syntax/pos-tagset.js';
import { tokenOffsets, tokenSpans } from '../../src/text/tokens.js';

/** Tags of a sentence as "word/TAG" pairs. */
function tagged(text: string): string[] {
  const tokens = tokenSpans(text);
  const tags = posTags(text, tokens);
  return tokens.map((t, i) => `${text.slice(t.start, t.end)}/${tags[i]}`);
}

describe('posTags (shipped model)', () => {
  it('tags a reporting sentence', () => {
    expect(tagged('The minister said on Tuesday that the plan would fail.')).toEqual([
      'The/DT',
      'minister/NN',
      'said/VBD',
      'on/IN',
      'Tuesday/NNP',
      'that/IN',
      'the/DT',
      'plan/NN',
      'would/MD',
      'fail/VB',
      './.',
    ]);
  });

  it('tells a verb from a noun of the same spelling by its context', () => {
    const verb = tagged('She reports to the board every month.');
    const noun = tagged('The reports were wrong.');
    expect(verb[1]).toBe('reports/VBZ');
    expect(noun[1]).toBe('reports/NNS');
  });

  it('tells a past tense from a participle', () => {
    expect(tagged('The council has approved the budget.')[3]).toBe('approved/VBN');
    expect(tagged('The council approved the budget.')[2]).toBe('approved/VBD');
  });

  it('returns nothing for no tokens', () => {
    expect(posTags('', [])).toEqual([]);
  });
});

describe('tagRange', () => {
  it('writes a range of tokens at the offset asked, leaving the rest', () => {
    const model = shippedPosModel()!;
    const text = 'Officials said the talks failed. Nobody came.';
    const off = tokenOffsets(text);
    const whole = new Uint8Array(off.length >> 1);
    tagRange(model, text, off, 0, 6, whole);
    const shifted = new Uint8Array(10).fill(99);
    tagRange(model, text, off, 0, 6, shifted, 2);
    expect([...shifted.subarray(2, 8)]).toEqual([...whole.subarray(0, 6)]);
    expect(shifted[0]).toBe(99);
    expect(shifted[8]).toBe(99);
    expect(isVerbCode(whole[1]!)).toBe(true);
    expect(uposOf(whole[1]!)).toBe('VERB');
  });
});

describe('the model file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nd-pos-'));
  // A hand-made model: the bias feature alone, voting NN; a dictionary sending "the" to DT.
  const nn = TAG_CODE.get('NN')!;
  const dt = TAG_CODE.get('DT')!;
  const parts = {
    tagCount: TAGS.length,
    keys: Int32Array.of(0),
    rowStart: Uint32Array.of(0, 1),
    weights: Float32Array.of(1),
    tags: Uint8Array.of(nn),
    dictKeys: Int32Array.of(0),
    dictTags: Uint8Array.of(dt),
  };

  it('reads back what it wrote', () => {
    const path = join(dir, 'tiny.bin');
    writeFileSync(path, encodePosModel(parts));
    const model = loadPosModel(path);
    expect(model.keys.length).toBe(1);
    expect(model.weights[0]).toBe(1);
    expect(model.dictTags[0]).toBe(dt);
  });

  it('names the file and the problem when it is not a model', () => {
    const path = join(dir, 'bad.bin');
    writeFileSync(path, 'not a model at all, just text');
    expect(() => loadPosModel(path)).toThrow(NewsdigestError);
    try {
      loadPosModel(path);
    } catch (e) {
      expect((e as NewsdigestError).code).toBe('E_MODEL');
      expect((e as NewsdigestError).input).toBe(path);
    }
  });

  it('rejects a truncated file', () => {
    const path = join(dir, 'short.bin');
    const bytes = encodePosModel(parts);
    writeFileSync(path, bytes.subarray(0, bytes.length - 4));
    expect(() => loadPosModel(path)).toThrow(/expecting/);
  });
});

describe('tagRange against the first version of the tagger (pos-reference.ts)', () => {
  const text =
    'The harbour minister said on Tuesday that the ferries, which carried 1,200 passengers in 2024, ' +
    'would run again. "We are not there yet," she told reporters at the U.N.-backed port, adding ' +
    'that repairs to the Ro-Ro ramp cost $3.5 million. Critics, including Mr. Ólafsson of the ' +
    'ÉCOLE union, called the plan reckless; others praised its speed.';
  const off = tokenOffsets(text);
  const n = off.length >> 1;
  const model = shippedPosModel()!;

  it('gives the same tags over the whole text', () => {
    const fast = new Uint8Array(n);
    const first = new Uint8Array(n);
    tagRange(model, text, off, 0, n, fast);
    tagRangeReference(model, text, off, 0, n, first);
    expect([...fast]).toEqual([...first]);
  });

  it('gives the same tags in pieces, afresh or continuing the tags before them, as the quotes stage tags windows', () => {
    for (const size of [1, 2, 5, 13]) {
      const fast = new Uint8Array(n);
      const first = new Uint8Array(n);
      for (let a = 0, k = 0; a < n; a += size, k++) {
        const b = Math.min(n, a + size);
        const fresh = k % 2 === 0;
        const p1 = fresh || a < 1 ? START : fast[a - 1]!;
        const p2 = fresh || a < 2 ? START2 : fast[a - 2]!;
        tagRange(model, text, off, a, b, fast, a, p1, p2);
        tagRangeReference(model, text, off, a, b, first, a, p1, p2);
      }
      expect([...fast]).toEqual([...first]);
    }
  });

  it('gives the same tags when words share a slot of its word cache', () => {
    // Many distinct words in one sequence: some fall into the same slot of the 4,096-slot cache.
    const words = Array.from({ length: 6000 }, (_, i) => `w${i.toString(36)}x`).join(' ');
    const o = tokenOffsets(words);
    const m = o.length >> 1;
    const fast = new Uint8Array(m);
    const first = new Uint8Array(m);
    tagRange(model, words, o, 0, m, fast);
    tagRangeReference(model, words, o, 0, m, first);
    expect([...fast]).toEqual([...first]);
  });
});

describe('TokenValues', () => {
  it('holds foldedHash and shapeOf of each token (digits folded, case folded, accents kept apart)', () => {
    const text = 'Ólafsson paid $3.5M to U.N. co-chairs in 2024 ÉCOLE';
    const off = tokenOffsets(text);
    const n = off.length >> 1;
    const v = new TokenValues();
    v.fill(text, off, 0, n);
    for (let t = 0; t < n; t++) {
      const a = off[2 * t]!;
      const b = off[2 * t + 1]!;
      expect(v.word[t]).toBe(foldedHash(text, a, b) | 0);
      expect(v.suffix[t]).toBe((b - a > 3 ? foldedHash(text, b - 3, b) : foldedHash(text, a, b)) | 0);
      expect(v.shape[t]).toBe(shapeOf(text, a, b, t === 0));
    }
    const year = Array.from({ length: n }, (_, t) => text.slice(off[2 * t], off[2 * t + 1])).indexOf('2024');
    expect(v.word[year]).toBe(foldedHash('1999', 0, 4) | 0);
  });
});
