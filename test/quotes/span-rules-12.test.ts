/**
 * The cue-extent and source rules of the twelfth session (quotes-span-12), each on sentences
 * written for the project.
 */
import { describe, expect, it } from 'vitest';
import { shippedLexicon } from '../../src/quotes/cue-lexicon.js';
import { type CueTaggerFile, taggerFrom } from '../../src/quotes/cue-tagger.js';
import { cuePrefixStart, extractCues, tokenTable } from '../../src/quotes/extract-attributions.js';
import { findQuoteRegions } from '../../src/quotes/quote-marks.js';
import { sentenceSpans } from '../../src/text/sentences.js';
import { readGivenCues as readAll } from './quote-helpers.js';

/** The cue that starts with the first occurrence of `word`, once the words before it are taken in. */
function prefixed(text: string, word: string): string {
  const table = tokenTable(text, findQuoteRegions(text));
  const at = text.indexOf(word);
  let k = 0;
  while (table.off[2 * k]! < at) k++;
  const from = cuePrefixStart(table, k, 0);
  return text.slice(table.off[2 * from]!, at + word.length);
}

describe('the cue prefix', () => {
  it('takes in a contracted auxiliary, with either apostrophe', () => {
    expect(prefixed('The planners’ve suggested a second bridge.', 'suggested')).toBe('’ve suggested');
    expect(prefixed("We're told the ferry will stop.", 'told')).toBe("'re told");
    expect(prefixed('She’d never said so before.', 'said')).toBe('’d never said');
    expect(prefixed('They’ll argue the levee is weak.', 'argue')).toBe('’ll argue');
    expect(prefixed('I’m convinced the plan works.', 'convinced')).toBe('’m convinced');
  });

  it('takes in a negation with a curly apostrophe, and "can\'t", "won\'t"', () => {
    expect(prefixed('The mayor didn’t say when the ferry returns.', 'say')).toBe('didn’t say');
    expect(prefixed("The mayor can't say when the ferry returns.", 'say')).toBe("can't say");
    expect(prefixed('The mayor won’t say when the ferry returns.', 'say')).toBe('won’t say');
  });

  it('takes in an adverb of order ("first said", "earlier asked"), not an ordinal after a determiner', () => {
    expect(prefixed('The mayor first said the ferry was late.', 'said')).toBe('first said');
    expect(prefixed('Roe earlier asked the board to wait.', 'asked')).toBe('earlier asked');
    expect(prefixed('The first said the ferry was late.', 'said')).toBe('said');
  });

  it('is taken in before the rules’ belief cue where the tagger finds none', () => {
    // A tagger with no candidates finds no cue: the rules' belief or intention cue stands in.
    const silent = taggerFrom({
      format: 'newsdigest-quotes-cue-tagger/3',
      candidates: [],
      weights: [],
      transitions: new Array(12).fill(0),
      combine: 'beliefs',
    } as unknown as CueTaggerFile);
    const text = 'The mayor has always believed the ferry was safe.';
    const [cue] = extractCues({
      text,
      sentences: sentenceSpans(text),
      lexicon: shippedLexicon(),
      tagger: silent,
      combine: 'beliefs',
    });
    expect(cue && text.slice(cue.start, cue.end)).toBe('has always believed');
  });

  it('leaves out a possessive or "is" written as ’s', () => {
    expect(prefixed('The mayor’s claim surprised no one.', 'claim')).toBe('claim');
  });

  it('takes in a lower-case modal but not a name spelt like one', () => {
    expect(prefixed('The board will argue that the levee is weak.', 'argue')).toBe('will argue');
    expect(prefixed('The columnist Dana Will urged readers to vote.', 'urged')).toBe('urged');
    expect(prefixed('“It cannot last,” May said on the radio.', 'said')).toBe('said');
  });

  it('reads a name spelt like a modal as the source', () => {
    const [a] = readAll('“It cannot last,” Will said on the radio.', ['said']);
    expect(a?.cue).toBe('said');
    expect(a?.source).toBe('Will');
  });
});

describe('a closing mark written as an opening one', () => {
  it('does not hide the cue after it', () => {
    const text = '\u201cThe ferry is late,\u201c said Ana Ruiz. She left.';
    const [a] = readAll(text, ['said']);
    expect(a?.source).toBe('Ana Ruiz');
    expect(a?.content).toBe('\u201cThe ferry is late,\u201c');
  });
});

describe('a quoted title closing an apposition', () => {
  it('reads the name before the apposition as the source', () => {
    const text = 'Dana Roe, host of the “Harbour Hour,” suggested the ferry was late.';
    expect(readAll(text, ['suggested'])[0]?.source).toBe('Dana Roe');
    const ad = 'The ad, titled “Bridges?,” concludes that the plan is reckless.';
    expect(readAll(ad, ['concludes'])[0]?.source).toBe('The ad');
  });

  it('leaves speech before the cue to the inverted reading', () => {
    const text = 'Dana Roe spoke. “The ferry is late again today,” said Ana Ruiz.';
    expect(readAll(text, ['said'])[0]?.source).toBe('Ana Ruiz');
  });
});

describe('no one speaks in an existential or expletive frame', () => {
  it('gives "there" with a quantifier no source', () => {
    const text = 'There have been few calls for the mayor to resign.';
    expect(readAll(text, ['calls for'])[0]?.source).toBeUndefined();
    const curly = 'There’s no doubt about the ferry schedule.';
    expect(readAll(curly, ['doubt about'])[0]?.source).toBeUndefined();
  });

  it('gives an expletive "it" before "is unclear", "was not clear", "is worth" no source', () => {
    expect(readAll('It is unclear whether the ferry will run.', ['is unclear'])[0]?.source).toBeUndefined();
    expect(readAll('It was not clear that the bridge would open.', ['clear'])[0]?.source).toBeUndefined();
  });

  it('still reads "it" or "there" as a source before a verb of saying', () => {
    expect(readAll('It said the ferry will run on Monday.', ['said'])[0]?.source).toBe('It');
    expect(readAll('The report, it argues, is wrong.', ['argues'])[0]?.source).toBe('it');
  });
});

describe('an inverted cue', () => {
  it('is one word: a longer cue after a comma reads its subject, not its object', () => {
    const text =
      'The mayor has mocked the pilots, referred to the ferry crews as “lazy” and praised the union.';
    expect(readAll(text, ['referred to'])[0]?.source).toBe('The mayor');
  });

  it('is not a verb after a title closing an apposition', () => {
    const text = 'Dana Roe, star of the show “Harbour Hour,” thanked Obama for “taking these steps.”';
    expect(readAll(text, ['thanked'])[0]).toMatchObject({
      source: 'Dana Roe',
      content: 'Obama for “taking these steps.”',
    });
  });

  it('still reads "…,” said X" and "…, says X."', () => {
    expect(readAll('“The ferry is late again,” said Ana Ruiz.', ['said'])[0]?.source).toBe('Ana Ruiz');
    expect(readAll('The ferry is late again, says Ana Ruiz.', ['says'])[0]?.source).toBe('Ana Ruiz');
  });
});

describe('an irregular participle after a form of "be"', () => {
  it('is a passive: no source when no agent follows, the agent when a later "by" names one', () => {
    expect(readAll('The closure was felt across the harbour.', ['was felt'])[0]?.source).toBeUndefined();
    expect(
      readAll('The plan is widely understood to be late.', ['is widely understood'])[0]?.source,
    ).toBeUndefined();
    expect(
      readAll('The closure has been felt most keenly by the pilots.', ['has been felt'])[0]?.source,
    ).toBe('the pilots');
  });
});

describe('a name right before the cue, after a verb', () => {
  it('is the cue’s own subject or agent, not the sentence’s subject', () => {
    expect(
      readAll('The port must comply with the Harbour Board demand that the gates close.', ['demand'])[0]
        ?.source,
    ).toBe('the Harbour Board');
    expect(readAll('The storm has renewed Republican calls for a new levee.', ['calls for'])[0]?.source).toBe(
      'Republican',
    );
    expect(readAll('Those are topics Ana Ruiz wants to talk about.', ['wants'])[0]?.source).toBe('Ana Ruiz');
  });

  it('is not a name after a preposition or a calendar word', () => {
    expect(
      readAll('Roe was the first pilot in Congress to endorse the plan.', ['to endorse'])[0]?.source,
    ).not.toBe('Congress');
    expect(readAll('Roe did not at any time Thursday mention the plan.', ['mention'])[0]?.source).toBe('Roe');
  });
});
