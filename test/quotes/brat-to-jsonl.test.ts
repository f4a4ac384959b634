import { describe, expect, it } from 'vitest';
import { attributionsOf, BratError, splitName } from '../../scripts/quotes-brat-to-jsonl.js';

// An invented article and a brat annotation of it in PolNeAR's conventions.
const text =
  '“The pier opens in May,” the harbour master said, “and not a day later.”\n\n' +
  'Residents want the old lamps back, and the council is expected to agree.';
const at = (s: string, from = 0) => {
  const start = text.indexOf(s, from);
  return `${start} ${start + s.length}`;
};
const ann = [
  `T1\tContent ${at('“The pier opens in May,”')};${at('“and not a day later.”')}\t…`,
  `T2\tSource ${at('the harbour master')}\tthe harbour master`,
  `T3\tCue ${at('said')}\tsaid`,
  `T4\tAttribution ${at('said')}\tsaid`,
  // Arguments in any order; an event may name a T line written after it.
  `E1\tAttribution:T4 Source:T2 Cue:T3 Content:T1`,
  `E2\tAttribution:T7 Content:T6 Cue:T5 Source:T8`,
  `T5\tCue ${at('want')}\twant`,
  `T6\tContent ${at('the old lamps back')}\tthe old lamps back`,
  `T7\tAttribution ${at('want')}\twant`,
  `T8\tSource ${at('Residents')}\tResidents`,
  `T9\tCue ${at('is expected')}\tis expected`,
  `T10\tContent ${at('the council')}\tthe council`,
  `T11\tContent ${at('to agree')}\tto agree`,
  `T12\tAttribution-no-source ${at('is expected')}\tis expected`,
  // A numbered second part of a role, and a note that is no attribution.
  `E3\tAttribution-no-source:T12 Cue:T9 Content:T10 Content2:T11`,
  `T13\tDiscuss ${at('old lamps')}\told lamps`,
  '#1\tAnnotatorNotes T13\ta note',
].join('\n');

describe('quotes-brat-to-jsonl', () => {
  it('turns each E line into one attribution, roles in the event’s order', () => {
    const out = attributionsOf(ann, text);
    expect(out.map((a) => a.id)).toEqual(['E1', 'E2', 'E3']);
    expect(Object.keys(out[0]!)).toEqual(['id', 'source', 'cue', 'content', 'direct']);
    const source = text.indexOf('the harbour master');
    expect(out[0]!.source).toEqual({ start: source, end: source + 18, text: 'the harbour master' });
    expect(out[1]!.source?.text).toBe('Residents');
    expect(out[1]!.cue?.text).toBe('want');
    expect(out[2]!.source).toBeUndefined();
  });

  it('keeps a span with gaps as its parts, joined by a space, from the first start to the last end', () => {
    const [first] = attributionsOf(ann, text);
    const content = first!.content!;
    expect(content.spans).toHaveLength(2);
    expect(content.start).toBe(0);
    expect(content.end).toBe(text.indexOf('later.”') + 'later.”'.length);
    expect(content.text).toBe('“The pier opens in May,” “and not a day later.”');
    // Opens and closes with a double quotation mark: direct.
    expect(first!.direct).toBe(true);
  });

  it('adds a numbered second part (Content2) to the role’s parts', () => {
    const third = attributionsOf(ann, text)[2]!;
    expect(third.content?.spans?.map((s) => s.text)).toEqual(['the council', 'to agree']);
    expect(third.direct).toBe(false);
  });

  it('names the line of a bad offset and an event that names no T line', () => {
    expect(() => attributionsOf('T1\tCue 4 x\tsaid', text, 'a.ann')).toThrow(
      /a\.ann:1: expecting "start end"/,
    );
    expect(() => attributionsOf('E1\tAttribution:T1 Cue:T2', text, 'a.ann')).toThrow(BratError);
    expect(() => attributionsOf('T1\tCue 5 9000\tx\nE1\tCue:T1', text, 'a.ann')).toThrow(
      /outside the article/,
    );
  });

  it('reads the article id and annotator from the file name', () => {
    expect(splitName('/x/nyt_2016-09-08_some-title_4b22.ann')).toEqual(['nyt_2016-09-08_some-title', '4b22']);
  });
});
