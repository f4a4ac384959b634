/**
 * Syntax for the stages that need it: part-of-speech tags over the text stage's tokens.
 * Not a stage of its own (it adds no Article layer): the quotes stage tags the tokens it
 * reads.
 */
import type { Span } from '../article/types.js';
import { NewsdigestError } from '../errors.js';
import { shippedPosModel, tagRange } from './pos-tagger.js';
import { TAGS } from './pos-tagset.js';

export { START, START2 } from './pos-features.js';
export { loadPosModel, type PosModel } from './pos-model.js';
export { tagRange } from './pos-tagger.js';
export { COARSE, COARSE_BY_CODE, isVerbCode, TAGS, uposOf } from './pos-tagset.js';
export { shippedPosModel };

/**
 * Penn Treebank tags of `tokens` (spans into `text`), tagged as one sequence: a sentence
 * at a time gives the tags the model was trained for. Throws E_MODEL when no model is shipped.
 */
export function posTags(text: string, tokens: readonly Span[]): string[] {
  const model = shippedPosModel();
  if (!model)
    throw new NewsdigestError('E_MODEL', 'models/pos/pos-tagger.bin', 'no part-of-speech model is shipped');
  const off = new Array<number>(tokens.length * 2);
  for (let i = 0; i < tokens.length; i++) {
    off[2 * i] = tokens[i]!.start;
    off[2 * i + 1] = tokens[i]!.end;
  }
  const codes = new Uint8Array(tokens.length);
  tagRange(model, text, off, 0, tokens.length, codes);
  return Array.from(codes, (c) => TAGS[c]!);
}
