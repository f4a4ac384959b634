import { describe, expect, it } from 'vitest';
import { referenceMatcher } from '../../../src/layout/html/reference-text.js';

const BODY =
  'The harbour ferry will leave every 20 minutes from Monday. Bus routes 4 and 7 will meet the boats at the quay, ' +
  'the operator said. Élan Café owners welcomed the change.';

describe('reference text matcher', () => {
  // Both the numeric-trigram path and the string path (a vocabulary over the limit) must give the same shares.
  for (const [path, limit] of [
    ['numeric trigrams', undefined],
    ['string trigrams', 3],
  ] as const) {
    it(`gives the share of a line's word trigrams found in the reference (${path})`, () => {
      const m = referenceMatcher(BODY, limit);
      expect(m.share('The harbour ferry will leave every 20 minutes')).toBe(1);
      expect(m.share('THE HARBOUR FERRY sails at dawn')).toBeCloseTo(1 / 4);
      expect(m.share('élan café owners welcomed')).toBe(1);
      expect(m.share('Nothing here matches at all')).toBe(0);
      // A trigram across the reference's sentences counts: words, not sentences, are compared.
      expect(m.share('from Monday bus routes')).toBe(1);
      expect(m.share('two words')).toBeNaN();
    });
  }
});
