import { describe, expect, it } from 'vitest';
import { bodyText } from '../../src/article/render.js';
import { digest } from '../../src/digest.js';
import { fixture } from './helpers.js';

describe('page highlights', () => {
  it('turns an HTML "Story highlights" box into page highlights, not body', async () => {
    const a = await digest({ html: fixture('story-highlights.html') });
    expect(a.highlights?.origin).toBe('page');
    const items = a.highlights!.items;
    expect(items.map((i) => i.text)).toEqual([
      'The coastal road between Ardley and Penmore stays closed on Thursday',
      'Engineers say a section of sea wall was damaged overnight',
    ]);
    for (const i of items) expect(a.text.slice(i.span!.start, i.span!.end)).toBe(i.text);
    expect(bodyText(a)).not.toContain('Engineers say a section');
    expect(bodyText(a)).not.toContain('Story highlights');
  });

  it('reads the box in a text dump, with its heading, and stops at the dateline', async () => {
    const text = [
      'Lifeboat crews rescue two walkers from the cliffs at Morrow Point.',
      '',
      'Story highlights',
      '',
      'Two walkers were cut off by the tide on Saturday',
      '',
      'Both were taken to hospital as a precaution',
      '',
      'MORROW, Cornwall (Shore Times) —',
      '',
      'Two walkers were rescued from the foot of the cliffs at Morrow Point on Saturday afternoon after being cut off by the rising tide, the coastguard said.',
    ].join('\n');
    const a = await digest({ text });
    expect(a.highlights?.items.map((i) => i.text)).toEqual([
      'Two walkers were cut off by the tide on Saturday',
      'Both were taken to hospital as a precaution',
    ]);
    expect(a.blocks?.[0]?.kind).toBe('caption');
    expect(bodyText(a)).toMatch(/^Two walkers were rescued from the foot/);
    expect(a.meta?.dateline).toBe('MORROW, Cornwall');
    expect(a.meta?.publisher).toBe('Shore Times');
  });
});
