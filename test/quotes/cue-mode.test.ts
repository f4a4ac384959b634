/** cueMode: speech, belief, intention, perception or evidence, from the cue (sentences written for the project). */
import { describe, expect, it } from 'vitest';
import { cueMode } from '../../src/quotes/cue-mode.js';

function mode(text: string, cue: string) {
  const start = text.indexOf(cue);
  return cueMode(text, { cue: { start, end: start + cue.length } });
}

describe('cueMode', () => {
  it('reads saying as speech, with its auxiliaries and adverbs', () => {
    expect(mode('The mayor said the bridge is safe.', 'said')).toBe('speech');
    expect(mode('The mayor has repeatedly told reporters it is safe.', 'has repeatedly told')).toBe('speech');
    expect(mode('Harbour: the quay will close', ':')).toBe('speech');
    expect(mode('Ms Lind warned that the dyke was weak.', 'warned')).toBe('speech');
  });

  it('reads beliefs and expectations as belief', () => {
    expect(mode('The deal is expected to close in March.', 'is expected')).toBe('belief');
    expect(mode('Fishermen fear the quota will fall.', 'fear')).toBe('belief');
    expect(mode('She has long believed the port would grow.', 'has long believed')).toBe('belief');
    expect(mode('The ferry is widely seen as a lifeline.', 'is widely seen as')).toBe('belief');
  });

  it('reads wants, plans and votes as intention', () => {
    expect(mode('The council wants a second bridge.', 'wants')).toBe('intention');
    expect(mode('The board seeks a buyer for the ferry.', 'seeks')).toBe('intention');
    expect(mode('The plan seems to work.', 'seems')).toBe('belief');
    expect(mode('Two members voted against the plan.', 'voted against')).toBe('intention');
    expect(mode('The firm plans to hire 40 people.', 'plans')).toBe('intention');
  });

  it('reads seeing as perception and documents as evidence', () => {
    expect(mode('The port saw strong profits last year.', 'saw')).toBe('perception');
    expect(mode('Police released a video of the rescue.', 'released')).toBe('evidence');
    expect(mode('A survey of skippers found most want the quota.', 'found')).toBe('evidence');
    expect(mode('Figures show exports fell.', 'show')).toBe('evidence');
  });
});
