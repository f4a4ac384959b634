/**
 * The compiled model (models/ner/tagger.bin) against the source files it is compiled
 * from: the same word ids, gazetteer answers, truecasing and bit-identical scores, so
 * that a tagger.bin left stale after retraining fails here. Nothing is trained.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FREQUENT_WORDS, readFrequentWords } from '../../src/entities/compile-model-dir.js';
import {
  knownWordList,
  loadCompiledTagger,
  packSections,
  unpackSections,
} from '../../src/entities/compiled-model.js';
import { gazetteerIds } from '../../src/entities/features.js';
import { loadModel } from '../../src/entities/model-io.js';
import { compiledModelPath, readEntitiesModel, shippedTagger } from '../../src/entities/shipped-tagger.js';
import { KNOWN_RECORD, NerTagger } from '../../src/entities/tagger.js';
import { NewsdigestError } from '../../src/errors.js';
import { modelFile } from '../../src/models.js';

const split = (s: string) => s.split(' ');

/** Written for these tests: a headline, names, places, digits, unseen and non-ASCII words. */
const cased = [
  split('RIVER FLOODS TWO VILLAGES NEAR THE BORDER'),
  split('Governor Ana Petrović said on Sunday the Red Cross had sent 40 trucks to New York and São Paulo .'),
  split('Petrović , 57 , thanked the United Nations ; the Blorvik Corporation gave 1,200 blankets .'),
  split('"We are not done," she said at 09:15 in Zürich , where Mr. Okonkwo-Smith met the FIFA board .'),
];
const lower = cased.map((s) => s.map((w) => w.toLowerCase()));
/** The frequent word forms tagger.bin stores records for (models/ner/frequent-words.tsv). */
const frequent = readFrequentWords(modelFile('ner', FREQUENT_WORDS));

function sourceTagger(): NerTagger {
  return NerTagger.fromModel(loadModel(modelFile('ner', '')));
}

describe('compiled NER model', () => {
  const compiled = loadCompiledTagger(readFileSync(compiledModelPath()), compiledModelPath());
  const source = sourceTagger();

  it('gives every word the same attribute ids as the source model', () => {
    for (const w of [
      ...cased.flat(),
      ...lower.flat(),
      'ÉTÉ',
      'a',
      '',
      '2024-11-25',
      "O'Neill's",
      'x'.repeat(40),
    ]) {
      expect(Array.from(compiled.space.word(w).ids), w).toEqual(Array.from(source.space.word(w).ids));
    }
  });

  it('answers the gazetteer as the source model does', () => {
    expect(compiled.space.gazetteerSize).toBe(source.space.gazetteerSize);
    expect(compiled.space.maxGazetteerLength).toBe(source.space.maxGazetteerLength);
    for (const s of [...cased, ...lower]) {
      expect(Array.from(gazetteerIds(compiled.space, s))).toEqual(Array.from(gazetteerIds(source.space, s)));
    }
    // Some of these words do start gazetteer phrases, so the comparison is not vacuous.
    expect(cased.some((s) => Array.from(gazetteerIds(source.space, s)).some((g) => g >= 0))).toBe(true);
  });

  it('scores cased and lower-cased documents bit for bit as the source model', () => {
    for (const doc of [cased, lower]) {
      const a = compiled.scoreDocument(doc);
      const b = source.scoreDocument(doc);
      expect(a.length).toBe(doc.length);
      a.forEach((s, k) => {
        expect(s.length).toBe(doc[k]!.length * 17);
        expect(Array.from(s)).toEqual(Array.from(b[k]!));
      });
      expect(compiled.tagDocument(doc).map((t) => Array.from(t))).toEqual(
        source.tagDocument(doc).map((t) => Array.from(t)),
      );
    }
  });

  it('stores for frequent words the record the source model computes, bit for bit', () => {
    // Words at several ranks of the frequent-word list, beyond the vocabulary's own forms.
    const vocabForms = new Set(knownWordList(loadModel(modelFile('ner', '')).meta.vocab));
    const extra = frequent.filter((w) => !vocabForms.has(w));
    expect(extra.length).toBeGreaterThan(1000);
    const sample = [0, 1, 10, 100, 1000, Math.floor(extra.length / 2), extra.length - 1].map(
      (i) => extra[i]!,
    );
    for (const w of sample) {
      const info = compiled.space.word(w);
      expect(info.known, w).toBeGreaterThanOrEqual(0);
      expect(Array.from(info.ids), w).toEqual(Array.from(source.space.word(w).ids));
      const stored = compiled.derived.knownRecords!.subarray(
        info.known * KNOWN_RECORD,
        (info.known + 1) * KNOWN_RECORD,
      );
      const computed = source.computedRecord(w);
      expect(stored.length).toBe(computed.length);
      // Object.is per float: the same bits (integers are stored as float bits in the record).
      expect(Array.from(stored).every((x, k) => Object.is(x, computed[k]))).toBe(true);
      expect(Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength)).toEqual(
        Buffer.from(computed.buffer, computed.byteOffset, computed.byteLength),
      );
    }
    // A word in neither list is computed, not stored.
    expect(compiled.space.word('Blorvikstrand').known).toBe(-1);
    // A sentence of frequent words scores as the source model scores it.
    const doc = [[...sample, '.']];
    expect(Array.from(compiled.scoreDocument(doc)[0]!)).toEqual(Array.from(source.scoreDocument(doc)[0]!));
  });

  it('restores case from its truecase table as the source model does', () => {
    expect(compiled.truecase.size).toBe(source.truecase.size);
    for (const w of lower.flat()) expect(compiled.truecase.get(w)).toBe(source.truecase.get(w));
  });

  it('is the model the entities stage uses', () => {
    const doc = [split('Governor Ana Petrović visited Lisbon .')];
    expect(Array.from(shippedTagger().scoreDocument(doc)[0]!)).toEqual(
      Array.from(source.scoreDocument(doc)[0]!),
    );
  });

  it('tags the same from a SharedArrayBuffer that another thread could share', () => {
    const buffer = readEntitiesModel(true);
    expect(buffer).toBeInstanceOf(SharedArrayBuffer);
    const before = new Uint8Array(buffer).slice();
    const fromShared = loadCompiledTagger(new Uint8Array(buffer), 'shared');
    expect(fromShared.tagDocument(cased).map((t) => Array.from(t))).toEqual(
      compiled.tagDocument(cased).map((t) => Array.from(t)),
    );
    // Frequent words' records are read from the shared buffer too.
    const words = [...frequent.slice(0, 12), ...frequent.slice(-12), '.'];
    expect(fromShared.space.word(words[words.length - 2]!).known).toBeGreaterThanOrEqual(0);
    expect(Array.from(fromShared.scoreDocument([words])[0]!)).toEqual(
      Array.from(source.scoreDocument([words])[0]!),
    );
    // Tagging never writes into the shared tables.
    expect(Buffer.compare(Buffer.from(before), Buffer.from(new Uint8Array(buffer)))).toBe(0);
  });
});

describe('compiled model files', () => {
  it('round-trip sections of every kind, aligned, with the header', () => {
    const packed = packSections(
      { format: 9, note: 'x' },
      {
        a: Uint8Array.of(1, 2, 3),
        b: Float64Array.of(0.5, -2),
        c: Uint16Array.of(65535),
        d: Float32Array.of(1.25),
        e: Int32Array.of(-7),
      },
    );
    const { header, sections } = unpackSections(packed, 'test');
    expect(header['note']).toBe('x');
    expect(Array.from(sections.get('a')!)).toEqual([1, 2, 3]);
    expect(Array.from(sections.get('b')!)).toEqual([0.5, -2]);
    expect(Array.from(sections.get('c')!)).toEqual([65535]);
    expect(Array.from(sections.get('d')!)).toEqual([1.25]);
    expect(Array.from(sections.get('e')!)).toEqual([-7]);
    // A copy at an odd offset still reads (copied to an aligned buffer).
    const odd = new Uint8Array(packed.length + 1).subarray(1);
    odd.set(packed);
    expect(Array.from(unpackSections(odd, 'odd').sections.get('b')!)).toEqual([0.5, -2]);
  });

  it('are refused with a typed error naming the input when broken', () => {
    const bytes = readFileSync(compiledModelPath());
    const attempts: [Uint8Array, RegExp][] = [
      [Buffer.from('not a model at all'), /magic/],
      [bytes.subarray(0, 10), /too short/],
      [bytes.subarray(0, bytes.length - 1000), /truncated/],
    ];
    for (const [b, why] of attempts) {
      let error: unknown;
      try {
        loadCompiledTagger(b, 'bad.bin');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(NewsdigestError);
      expect((error as NewsdigestError).code).toBe('E_MODEL');
      expect((error as NewsdigestError).input).toBe('bad.bin');
      expect((error as Error).message).toMatch(why);
    }
  });

  it('of another format version are refused', () => {
    const other = packSections({ format: 1, tags: [] }, {});
    expect(() => loadCompiledTagger(other, 'old.bin')).toThrow(/format 1/);
  });
});
