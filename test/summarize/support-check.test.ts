import { describe, expect, it } from 'vitest';
import { namesIn, numbersIn, unsupportedClaims } from '../../src/summarize/support-check.js';

const article =
  'The city council approved 1,200 new homes on Tuesday. Mayor Lena Okafor said building would start in 2027. ' +
  "Okafor's plan also adds 3.5 km of cycle lanes.";

describe('support-check', () => {
  it('finds numbers and names in a generated item', () => {
    expect(numbersIn('About 1,200 homes and 3.5 km.')).toEqual(['1200', '3.5']);
    expect(namesIn('The council backed Mayor Lena Okafor in New York.')).toEqual([
      'Mayor Lena Okafor',
      'New York',
    ]);
    expect(namesIn('Okafor said NATO and the UN agreed.')).toEqual(['NATO', 'UN']);
  });

  it('accepts an item whose numbers and names occur in the article', () => {
    expect(unsupportedClaims('The council approved 1200 homes, Okafor said.', article)).toEqual([]);
    expect(unsupportedClaims("Building starts in 2027 under Okafor's plan.", article)).toEqual([]);
  });

  it('lists each number and name the article does not have', () => {
    expect(unsupportedClaims('The council approved 1,500 homes, said Mayor John Smith.', article)).toEqual([
      'number "1500" is not in the article',
      'name "Mayor John Smith" is not in the article',
    ]);
    // 3 is not supported by 3.5, nor 20 by 2027.
    expect(unsupportedClaims('It adds 3 km of lanes by 20 years.', article)).toHaveLength(2);
  });

  it('matches names regardless of case (lower-cased articles)', () => {
    expect(unsupportedClaims('Okafor backed the plan.', article.toLowerCase())).toEqual([]);
  });
});
