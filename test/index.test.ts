import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';

describe('public API', () => {
  it('exports exactly these names', () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        'ArticleSchema',
        'NewsdigestError',
        'SCHEMA_VERSION',
        'STAGES',
        'VERSION',
        'articleJsonSchema',
        'checkArticle',
        'checkDigestOptions',
        'decodeBytes',
        'digest',
        'digestArticle',
        'isNewsdigestError',
        'readPages',
      ].sort(),
    );
  });

  it('runs the stages in an order where every layer is written before it is read', () => {
    expect(api.STAGES.map((s) => s.name)).toEqual([
      'layout',
      'text',
      'language',
      'entities',
      'quotes',
      'summarize',
    ]);
  });
});
