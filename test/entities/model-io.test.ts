/** Loading the shipped NER model: the fast paths give the same scores as the plain ones (nothing is trained here). */
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../src/entities/model-io.js';
import { NerTagger } from '../../src/entities/tagger.js';
import { modelFile } from '../../src/models.js';

const doc = [
  'Maria Lopez , the mayor of Springfield , met officials from the Northern Rail Company on Tuesday .'.split(
    ' ',
  ),
  'She said the ACME GROUP would open an office in Lisbon next year .'.split(' '),
  'lower case words like paris and john smith come last .'.split(' '),
];

describe('loadModel', () => {
  it('a tagger built from the quantised weights scores exactly as one built from weights.w', () => {
    const fast = NerTagger.fromModel(loadModel(modelFile('ner', '')));
    // Its own load (the feature space holds per-tagger caches); weights.w made from the stored form.
    const m = loadModel(modelFile('ner', ''));
    const plain = new NerTagger(m.space, m.weights, m.truecase);
    const a = fast.scoreDocument(doc);
    const b = plain.scoreDocument(doc);
    expect(a.length).toBe(doc.length);
    for (let k = 0; k < doc.length; k++) {
      expect(a[k]!.length).toBeGreaterThan(0);
      expect(Array.from(a[k]!)).toEqual(Array.from(b[k]!));
    }
    expect(fast.tagDocument(doc).map((t) => Array.from(t))).toEqual(
      plain.tagDocument(doc).map((t) => Array.from(t)),
    );
  });

  it('the deferred key index finds every key at its row', () => {
    const m = loadModel(modelFile('ner', ''));
    const walked: number[] = [];
    m.weights.rows.forEach((key) => {
      walked.push(key);
    });
    expect(walked.length).toBe(m.weights.rows.size);
    for (let i = 0; i < walked.length; i += 97) expect(m.weights.rows.get(walked[i]!)).toBe(i);
    expect(m.weights.w.length).toBe(walked.length * m.meta.tags.length);
  });
});
