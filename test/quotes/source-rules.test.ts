/**
 * The source rules of the eleventh session (quotes-source-11), each on sentences written for the
 * project, with the cue given so that only the source reading is tested.
 */
import { describe, expect, it } from 'vitest';
import { readGivenCues as readAll } from './quote-helpers.js';

/** The source (and content) read for the cue `cue` in `text`. */
function read(text: string, cue: string): { source?: string; content: string } | undefined {
  return readAll(text, [cue])[0];
}

describe('a progressive verb is not a participle', () => {
  it('reads the name before the aside as the source of "is criticizing"', () => {
    expect(
      read('Mayor Lena Ortiz, speaking at the harbour, is criticizing the plan.', 'is criticizing')?.source,
    ).toBe('Mayor Lena Ortiz');
  });

  it('does not hand the previous speaker on to it', () => {
    expect(
      readAll(
        'Sam Okafor said the levee was weak, and Mayor Lena Ortiz, speaking at the harbour, is criticizing the plan.',
        ['said', 'is criticizing'],
      ).map((a) => a.source),
    ).toEqual(['Sam Okafor', 'Mayor Lena Ortiz']);
  });

  it('still reads "…, saying" as a participle of the sentence subject', () => {
    expect(read('The harbour board approved the plan, saying the levee was safe.', 'saying')?.source).toBe(
      'The harbour board',
    );
  });
});

describe('a dateline before the subject', () => {
  it('is skipped when a participle cue takes the sentence subject', () => {
    expect(
      read('RIVERTON (AP) — Mayor Lena Ortiz opened the bridge on Monday, saying it was safe.', 'saying')
        ?.source,
    ).toBe('Mayor Lena Ortiz');
    expect(
      read('Riverton (Wire) – The harbour board met again, warning of delays.', 'warning of')?.source,
    ).toBe('The harbour board');
  });
});

describe('a short aside between the name and the cue', () => {
  it('reads the name before the aside', () => {
    expect(read('Mayor Lena Ortiz, for her part, is calling the plan reckless.', 'is calling')?.source).toBe(
      'Mayor Lena Ortiz',
    );
    expect(
      read('Sam Okafor, the port director, on Tuesday called the plan a mistake.', 'called')?.source,
    ).toBe('Sam Okafor, the port director');
    expect(read('The engineers, last week, warned that the levee was weak.', 'warned')?.source).toBe(
      'The engineers',
    );
  });

  it('keeps the plain reading when no aside stands before the cue', () => {
    expect(read('In a statement, the harbour board said the levee was safe.', 'said')?.source).toBe(
      'the harbour board',
    );
  });
});

describe('the subject of the last clause before the cue', () => {
  it('takes the subject after a subordinator or a conjunction that follows a clause', () => {
    expect(
      read('The board was quick to respond after Mayor Lena Ortiz blamed the engineers.', 'blamed')?.source,
    ).toBe('Mayor Lena Ortiz');
    expect(
      read('The levee is so weak that the engineers warned the council about it.', 'warned')?.source,
    ).toBe('the engineers');
    expect(
      read('The council approved the plan and the harbour board criticized the vote.', 'criticized')?.source,
    ).toBe('the harbour board');
  });

  it('keeps "X and Y" whole when no verb comes before "and"', () => {
    expect(read('The mayor and the harbour board criticized the vote.', 'criticized')?.source).toBe(
      'The mayor and the harbour board',
    );
  });
});

describe('the subject of the clause a coordinated or participle cue belongs to', () => {
  it('takes the subject after a subordinator in the same stretch', () => {
    expect(
      read('The union distrusts the mayor because she favors the levee and opposes the new port.', 'opposes')
        ?.source,
    ).toBe('she');
    expect(
      read('The vote was close after the harbour board met again and criticized the plan.', 'criticized')
        ?.source,
    ).toBe('the harbour board');
  });

  it('takes a relative pronoun as the source of its own clause', () => {
    expect(
      read('The plan won over Sam Okafor, who came out and endorsed it on Monday.', 'endorsed')?.source,
    ).toBe('who');
  });

  it('keeps the sentence subject when the clause before the cue is the main one', () => {
    expect(read('The harbour board met on Monday and criticized the plan.', 'criticized')?.source).toBe(
      'The harbour board',
    );
  });
});

describe('an inverted cue after a closing mark', () => {
  it('is read only when the quote is speech, not a title inside an apposition', () => {
    expect(
      read('\u201cThe levee will hold through the winter,\u201d said Sam Okafor, the port director.', 'said')
        ?.source,
    ).toBe('Sam Okafor, the port director');
    expect(
      read('Lena Ortiz, star of \u201cHarbour,\u201d thanked the council for the vote.', 'thanked')?.source,
    ).not.toBe('the council for the vote');
  });
});

describe('appositions with a possessive', () => {
  it('reads "the nation\'s …" as a noun phrase, not a clause', () => {
    expect(
      read("Sam Okafor, the city's port director, on Tuesday called the plan a mistake.", 'called')?.source,
    ).toBe("Sam Okafor, the city's port director");
  });
});

describe('an inverted cue after a quote and a short phrase', () => {
  it('takes the name after the cue ("“…” about the plan, said X")', () => {
    expect(
      read(
        '\u201cWe are extremely happy\u201d about the decision, said Lena Ortiz, the mayor of Riverton.',
        'said',
      )?.source,
    ).toBe('Lena Ortiz, the mayor of Riverton');
  });

  it('keeps the name before the cue when no quote precedes it', () => {
    expect(read('About the decision, Lena Ortiz said nothing.', 'said')?.source).toBe('Lena Ortiz');
  });
});

describe('the agent after a nominal cue or a passive', () => {
  it('takes the phrase after "from", "among" or "by"', () => {
    expect(read('The plan has drawn criticism from the harbour board.', 'criticism')?.source).toBe(
      'the harbour board',
    );
    expect(read('The mayor has strong support among dock workers.', 'support')?.source).toBe('dock workers');
    expect(
      read('The plan won an endorsement by the harbour board last week.', 'endorsement by')?.source,
    ).toBe('the harbour board last week');
  });

  it('keeps the subject of a verb cue ("learned from")', () => {
    expect(read('The mayor learned from the engineers that the levee was weak.', 'learned')?.source).toBe(
      'The mayor',
    );
  });

  it('reads the agent of a passive with nothing but a subordinator before it', () => {
    expect(
      read('As reported by the Riverton Courier, the levee will be raised next year.', 'reported')?.source,
    ).toBe('the Riverton Courier');
  });
});

describe('small things', () => {
  it('reads an inverted cue after a double mark that closes an inner single quote', () => {
    expect(
      read("''We would call it 'old-school,''' said Sam Okafor, the port director.", 'said')?.source,
    ).toBe('Sam Okafor, the port director');
  });

  it('takes "Both" standing alone as the source', () => {
    expect(read('Both want the levee raised before winter.', 'want')?.source).toBe('Both');
  });
});

describe('the subject of a participle cue', () => {
  it('keeps a name before a comma rather than the aside after it', () => {
    expect(
      read(
        'Mayor Lena Ortiz, in a long speech, spoke for an hour, criticizing the harbour board.',
        'criticizing',
      )?.source,
    ).toBe('Mayor Lena Ortiz');
  });

  it('still skips a short opening phrase before the subject', () => {
    expect(
      read('Hours later, the harbour board met again, criticizing the plan.', 'criticizing')?.source,
    ).toBe('the harbour board');
  });

  it('reads the subject after a participle clause that a measure of time opens', () => {
    expect(
      read('Two weeks after announcing her support, Mayor Lena Ortiz changed her mind.', 'announcing')
        ?.source,
    ).toBe('Mayor Lena Ortiz');
  });
});

describe('passives', () => {
  it('reads "said as" and "he described as" as active verbs', () => {
    expect(read('"The levee will hold," Sam Okafor said as he left the hall.', 'said')?.source).toBe(
      'Sam Okafor',
    );
    expect(read('The plan, which he described as reckless, was dropped.', 'described')?.source).toBe('he');
  });

  it('keeps "known as" a passive without a source', () => {
    expect(read('The harbour is known as the safest on the coast.', 'known')?.source).toBeUndefined();
  });

  it('gives "is assured of" its subject', () => {
    expect(read('The mayor is assured of winning at least ten seats.', 'is assured of')?.source).toBe(
      'The mayor',
    );
  });

  it('takes a "by X" further on in the clause as the agent', () => {
    expect(read('The levee is considered unsafe by the harbour engineers.', 'is considered')?.source).toBe(
      'the harbour engineers',
    );
    expect(
      read('The levee is considered unsafe by Friday, the board said.', 'is considered')?.source,
    ).toBeUndefined();
  });
});

describe('a name with its asides before a comma and the cue', () => {
  it('is the source, not the object after the cue', () => {
    expect(
      read('Sam Okafor, in a statement released by the board on Thursday, said he would resign.', 'said')
        ?.source,
    ).toBe('Sam Okafor');
    expect(
      read('Lena Ortiz, a lawyer who was first elected in 2008, criticized the plan.', 'criticized')?.source,
    ).toBe('Lena Ortiz, a lawyer who was first elected in 2008');
  });

  it('still reads an inverted cue after a clause', () => {
    expect(read('The port will close next year, said Sam Okafor.', 'said')?.source).toBe('Sam Okafor');
  });
});

describe('a passive participle right after a subordinator', () => {
  it('has no source ("when asked", "as expected")', () => {
    expect(
      read('"We will see," the mayor told the Courier on Monday when asked about the levee.', 'asked')
        ?.source,
    ).toBeUndefined();
  });

  it('keeps an active verb after "when" its subject', () => {
    expect(read('The vote was delayed when the mayor warned of floods.', 'warned')?.source).toBe('the mayor');
  });
});

describe('the opening of a sentence before its subject', () => {
  it('skips a lone adverb and a participle clause before the subject', () => {
    expect(
      read('Ultimately, the harbour board rejected the plan and asked for another.', 'asked')?.source,
    ).toBe('the harbour board');
    expect(
      read(
        'Adopting the engineers\u2019 advice, the harbour board rejected the plan and asked for another.',
        'asked',
      )?.source,
    ).toBe('the harbour board');
  });

  it('keeps a name that opens the sentence', () => {
    expect(read('Mayor Ortiz, too, rejected the plan and asked for another.', 'asked')?.source).toBe(
      'Mayor Ortiz',
    );
  });
});

describe('a number after "about"', () => {
  it('opens a noun phrase, not an aside before the subject', () => {
    expect(
      read(
        'Outside the hall, about 200 dock workers gathered, holding signs and chanting loudly.',
        'chanting',
      )?.source,
    ).toBe('about 200 dock workers');
  });
});
