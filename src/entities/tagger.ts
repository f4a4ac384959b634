/**
 * The NER tagger: features → emission scores → Viterbi, sentence by sentence,
 * with document-level evidence gathered over all the sentences tagged together.
 */

import { modelFile } from '../models.js';
import { emissions, viterbi, type Weights } from './decode.js';
import {
  type DocumentEvidence,
  documentEvidence,
  extractSentence,
  type FeatureSpace,
  KeyBuffer,
} from './features.js';
import { type LoadedModel, loadModel } from './model-io.js';

export class NerTagger {
  private buf = new KeyBuffer();
  private scores: Float32Array = new Float32Array(0);

  constructor(
    readonly space: FeatureSpace,
    readonly weights: Weights,
  ) {}

  static fromModel(m: LoadedModel): NerTagger {
    return new NerTagger(m.space, m.weights);
  }

  /** Tags (indices into TAGS, BILOU) for each sentence of one document. */
  tagDocument(sentences: readonly (readonly string[])[]): Int32Array[] {
    const infos = sentences.map((s) => s.map((w) => this.space.word(w)));
    const evidence = documentEvidence(infos);
    return sentences.map((words, k) => this.tagSentence(words, infos[k]!, evidence));
  }

  private tagSentence(
    words: readonly string[],
    infos: ReturnType<FeatureSpace['word']>[],
    evidence: DocumentEvidence,
  ): Int32Array {
    extractSentence(this.space, words, infos, evidence, this.buf);
    this.scores = emissions(this.buf, words.length, this.weights, this.scores);
    return viterbi(this.scores, words.length, this.weights.trans);
  }
}

let shipped: NerTagger | undefined;

/** The tagger of the model shipped in models/ner/, loaded once. */
export function shippedTagger(): NerTagger {
  shipped ??= NerTagger.fromModel(loadModel(modelFile('ner', '')));
  return shipped;
}
