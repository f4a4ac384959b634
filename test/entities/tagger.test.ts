/** The shipped model's behaviour on short sentences written for these tests (nothing is trained here). */
import { describe, expect, it } from 'vitest';
import { chunksOf } from '../../src/entities/conll.js';
import { emissions } from '../../src/entities/decode.js';
import { documentEvidence, extractSentence, KeyBuffer } from '../../src/entities/features.js';
import { loadModel } from '../../src/entities/model-io.js';
import { shippedTagger } from '../../src/entities/shipped-tagger.js';
import { NerTagger } from '../../src/entities/tagger.js';
import { TAGS } from '../../src/entities/tags.js';
import { modelFile } from '../../src/models.js';

function entities(sentences: string[][]): string[] {
  const tags = shippedTagger().tagDocument(sentences);
  return sentences.flatMap((words, k) =>
    chunksOf(Array.from(tags[k]!, (t) => TAGS[t]!)).map(
      (c) => `${c.type}:${words.slice(c.start, c.end).join(' ')}`,
    ),
  );
}

const split = (s: string) => s.split(' ');

describe('shipped NER model', () => {
  it('finds clear people, places and organisations', () => {
    const found = entities([
      split('Chancellor Angela Merkel met French President Emmanuel Macron in Berlin on Monday .'),
      split('Shares of Microsoft rose 3 percent in New York , the company said .'),
    ]);
    expect(found).toContain('PER:Angela Merkel');
    expect(found).toContain('PER:Emmanuel Macron');
    expect(found).toContain('LOC:Berlin');
    expect(found).toContain('ORG:Microsoft');
    expect(found).toContain('LOC:New York');
    expect(found).toContain('MISC:French');
  });

  it('tags an unseen surname as a person from its context', () => {
    const found = entities([
      split('" We will rebuild the bridge , " said Mayor Tomasz Wielgosz , who took office in May .'),
    ]);
    expect(found).toContain('PER:Tomasz Wielgosz');
  });

  it('finds nothing in a sentence without names', () => {
    expect(entities([split('the rain fell all day and the roads were closed .')])).toEqual([]);
  });

  it('degrades on lower-cased text without failing', () => {
    const lower = entities([split('angela merkel met emmanuel macron in berlin on monday .')]);
    expect(lower.every((e) => /^(PER|ORG|LOC|MISC):/.test(e))).toBe(true);
    expect(lower.length).toBeLessThanOrEqual(4);
  });

  it('handles empty documents and sentences', () => {
    expect(shippedTagger().tagDocument([])).toEqual([]);
    expect(shippedTagger().tagDocument([[]])[0]!.length).toBe(0);
  });
});

describe('cached and dense scores', () => {
  it('equal the sums of the weights of every feature extractSentence gives', () => {
    // Built from the source files: the plain sums need the weights (the compiled model keeps derived tables only).
    const tagger = NerTagger.fromModel(loadModel(modelFile('ner', '')));
    // A document touching every kind of feature: a headline, a gazetteer phrase, names
    // seen capitalised and in lower case elsewhere, digits, an unseen word, an all-capitals name.
    const doc = [
      split('FLOODS HIT NORTHERN TOWNS'),
      split('Mayor Tomasz Wielgosz said on Monday the river rose 2.5 metres in New York state .'),
      split('Wielgosz , 54 , told NATO officials the brown water reached the bridge at 06:30 .'),
      split('the bridge reopened ; brown said the Zxqvrt company would pay .'),
    ];
    const { space, weights } = tagger;
    const infos = doc.map((s) => s.map((w) => space.word(w)));
    const evidence = documentEvidence(infos);
    const fast = tagger.scoreDocument(doc);
    doc.forEach((words, k) => {
      const buf = new KeyBuffer();
      extractSentence(space, words, infos[k]!, evidence, buf);
      const direct = emissions(buf, words.length, weights!);
      expect(fast[k]!.length).toBe(direct.length);
      for (let i = 0; i < direct.length; i++) expect(fast[k]![i]!).toBeCloseTo(direct[i]!, 3);
    });
  });
});
