import { describe, expect, it } from 'vitest';
import { digest } from '../../../src/digest.js';
import { textsOfKind } from '../helpers.js';

const P = (s: string) => `<p>${s}</p>`;

describe('calls to action at the ends of an HTML story', () => {
  it('are not story text at its end, past an ad line; the same words inside the story stay', async () => {
    const a = await digest({
      html: `<html><body><article><h1>Canal reopens to boats</h1>${[
        P('Sign up for our free daily newsletter to get the harbour news first.'),
        P(
          'The canal reopened to boats on Saturday after a month of repairs to the lock gates, the trust said.',
        ),
        P(
          'Boat owners can sign up for a mooring online from Monday, the trust added, and the first week is free of charge.',
        ),
        P(
          'The gates were last repainted in 2004, when the canal carried twice as many boats as it does today.',
        ),
        P('Follow the Quayside Weekly Opinion section on Facebook, Twitter and Instagram.'),
      ].join('')}<div class="ad"><p>Advertisement</p></div></article></body></html>`,
    });
    const story = textsOfKind(a, 'paragraph');
    expect(story[0]).toMatch(/^The canal reopened/);
    expect(story.join('\n')).toContain('Boat owners can sign up for a mooring online');
    expect(story.at(-1)).toMatch(/^The gates were last repainted/);
    expect(story.join('\n')).not.toMatch(/Follow the Quayside|free daily newsletter/);
  });
});
