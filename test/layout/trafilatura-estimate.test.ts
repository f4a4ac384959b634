import { describe, expect, it } from 'vitest';
import { estimateTrafilatura, median, REFERENCE_PAGES_PER_SECOND } from '../../bench/trafilatura-estimate.js';

describe('median', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeUndefined();
  });
});

describe('estimateTrafilatura', () => {
  const reference = { 'extract-trafilatura': 30, a: 10, b: 60, c: 100 };

  it('scales trafilatura by each peer here over there, and divides ours by the median', () => {
    // a at half its reference rate, b at a third, c at a quarter.
    const e = estimateTrafilatura({ a: 5, b: 20, c: 25 }, 150, reference);
    expect(e.byPeer).toEqual({ a: 15, b: 10, c: 7.5 });
    expect(e.median).toBe(10);
    expect(e.freshRatio).toBe(15);
  });

  it('leaves out peers with no reference rate, failed runs and trafilatura itself', () => {
    const e = estimateTrafilatura(
      { a: 10, unknown: 99, b: 0, c: Number.NaN, 'extract-trafilatura': 1 },
      60,
      reference,
    );
    expect(e.byPeer).toEqual({ a: 30 });
    expect(e.median).toBe(30);
    expect(e.freshRatio).toBe(2);
  });

  it('gives no median and no ratio when no peer ran', () => {
    expect(estimateTrafilatura({}, 100, reference)).toEqual({
      byPeer: {},
      median: undefined,
      freshRatio: undefined,
    });
  });

  it("reproduces the lead's session-start figures from the peers README's reference rates", () => {
    // The rates measured at 08:10 UTC (brief): readability 4.5, lxml 20.5, boilerpipe 31.3, html-text 49.3; ours 159.5.
    const e = estimateTrafilatura(
      {
        'extract-readability': 4.5,
        'extract-readability-lxml': 20.5,
        'extract-boilerpipe': 31.3,
        'extract-html-text': 49.3,
      },
      159.5,
      REFERENCE_PAGES_PER_SECOND,
    );
    expect(e.byPeer['extract-readability']).toBeCloseTo(16.74, 2);
    expect(e.byPeer['extract-readability-lxml']).toBeCloseTo(16.82, 2);
    expect(e.byPeer['extract-boilerpipe']).toBeCloseTo(21.31, 2);
    expect(e.byPeer['extract-html-text']).toBeCloseTo(7.73, 2);
    expect(e.median).toBeCloseTo(16.78, 2);
    expect(e.freshRatio).toBeCloseTo(9.5, 1);
  });
});
