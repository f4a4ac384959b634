/**
 * Review-16 item 15: a media player's fallback text ("Media playback is unsupported on your
 * device") is page chrome, not a caption, in a figure as anywhere else. Pages written for the project.
 */
import { describe, expect, it } from 'vitest';
import { digest } from '../../src/digest.js';
import { textsOfKind } from './helpers.js';

const story =
  '<p>The county opened its new slate museum on Saturday in the old quarry office, with tools donated by three families of cutters.</p>' +
  '<p>Entry is free until the end of the month, the curator said, and school groups can book guided visits on weekdays.</p>';

function figure(fallback: string, caption: string): string {
  return `<figure class="media-with-caption"><div class="player"><img src="p.jpg"><div class="player__caption">${fallback}</div></div><figcaption>${caption}</figcaption></figure>`;
}

describe("a player's fallback text", () => {
  it('is boilerplate inside a figure; the real caption stays a caption', async () => {
    const a = await digest({
      html: `<html><body><article><h1>Slate museum opens in the quarry office</h1>${figure('Media playback is unsupported on your device', 'The museum keeps the cutters’ tools in the old weighing room')}${story}${figure('Your browser does not support the video tag.', 'A cutter splits a block of slate by hand')}</article></body></html>`,
    });
    expect(textsOfKind(a, 'caption')).toEqual([
      'The museum keeps the cutters’ tools in the old weighing room',
      'A cutter splits a block of slate by hand',
    ]);
    expect(textsOfKind(a, 'boilerplate')).toEqual([
      'Media playback is unsupported on your device',
      'Your browser does not support the video tag.',
    ]);
  });

  it('is boilerplate in a text dump too', async () => {
    const a = await digest({
      text: 'Slate museum opens in the quarry office\n\nMedia playback is unsupported on your device\n\nThe county opened its new slate museum on Saturday in the old quarry office, with tools donated by three families of cutters.\n\nEntry is free until the end of the month, the curator said, and school groups can book guided visits on weekdays.',
    });
    expect(textsOfKind(a, 'boilerplate')).toContain('Media playback is unsupported on your device');
    expect(textsOfKind(a, 'caption')).toEqual([]);
  });
});
