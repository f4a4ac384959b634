import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NewsdigestError } from '../../src/errors.js';
import {
  isVerbCode,
  loadPosModel,
  posTags,
  shippedPosModel,
  TAGS,
  tagRange,
  uposOf,
} from '../../src/syntax/index.js';
import { encodePosModel } from '../../src/syntax/pos-model.js';
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
