/** The cue re-scorer's choice among proposed spans, and the spans it is given to judge. */
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/article/schema.js';
import type { Article } from '../../src/article/types.js';
import { shippedLexicon } from '../../src/quotes/cue-lexicon.js';
import {
  type CueCandidate,
  type CueRescorerFile,
  cueCandidates,
  keptCues,
  proposerOf,
  RESCORER_FEATURES,
  RESCORER_FORMAT,
  rescorerFrom,
  shippedRescorer,
  wordProposerOf,
} from '../../src/quotes/cue-rescorer.js';
import { classAt, decodeUnit, scoreToken, shippedTagger, unitContext } from '../../src/quotes/cue-tagger.js';
import { cuePrefixStart, findCues, tokenTable } from '../../src/quotes/extract-attributions.js';
import { findQuotes, quotesStage } from '../../src/quotes/index.js';
import { findQuoteRegions } from '../../src/quotes/quote-marks.js';
import { sentenceSpans } from '../../src/text/sentences.js';
import { articleOf } from './quote-helpers.js';

/** One stump: log-odds -2 when the first feature (the B margin) is at most 0, else +2. */
const file: CueRescorerFile = {
  format: RESCORER_FORMAT,
  features: [...RESCORER_FEATURES],
  extra: 6,
  variants: true,
  threshold: 1,
  fallback: -3,
  base: 0,
  trees: [{ f: [0, -1, -1], t: [0, 0, 0], l: [1, 0, 0], r: [2, 0, 0], v: [0, -2, 2] }],
  rates: {},
  phrases: {},
};

const rescorer = rescorerFrom(file);

function candidate(from: number, to: number, margin: number, lexical = 0): CueCandidate {
  const row = new Float64Array(RESCORER_FEATURES.length);
  row[0] = margin;
  row[RESCORER_FEATURES.indexOf('lexical')] = lexical;
  return { from, to, row };
}

describe('keptCues', () => {
  it('keeps the spans at or above the threshold, the more probable of two overlapping ones, in text order', () => {
    const kept = keptCues(rescorer, [candidate(8, 9, 5), candidate(2, 4, 1), candidate(3, 5, -1)], 1, -3);
    expect(kept).toEqual([
      [2, 4],
      [8, 9],
    ]);
  });

  it('keeps the most probable span of a sentence where none reaches the threshold, when it reaches the fallback', () => {
    expect(keptCues(rescorer, [candidate(2, 3, -1), candidate(5, 6, -2)], 1, -3)).toEqual([[2, 3]]);
    expect(keptCues(rescorer, [candidate(2, 3, -1)], 1, -1.5)).toEqual([]);
    expect(keptCues(rescorer, [], 1, -3)).toEqual([]);
  });

  it("never keeps a lexical proposal by the fallback: the tagger's best span is the fallback", () => {
    // The lexical proposal (5, 6) scores higher, but neither reaches the threshold.
    expect(keptCues(rescorer, [candidate(2, 3, -1), candidate(5, 6, 1, 1)], 3, -3)).toEqual([[2, 3]]);
    expect(keptCues(rescorer, [candidate(5, 6, 1, 1)], 3, -3)).toEqual([]);
    // On its own score it is kept like any span.
    expect(keptCues(rescorer, [candidate(2, 3, -1), candidate(5, 6, 1, 1)], 1, -3)).toEqual([[5, 6]]);
  });
});

/** The spans proposed in a one-sentence text, as "words" plus "[lex]" for a lexical proposal. */
function proposed(
  text: string,
  extra: number,
  rates: Map<string, number>,
  options: { phrases?: Map<string, number>; phraseMin?: number; wordMin?: number },
): string[] {
  const tagger = shippedTagger()!;
  const table = tokenTable(text, findQuoteRegions(text));
  const ctx = unitContext(table, 0, table.count, findCues(table, 0, table.count, shippedLexicon()));
  const phrases = options.phrases ?? new Map<string, number>();
  const found = cueCandidates(
    table,
    0,
    table.count,
    ctx,
    tagger,
    extra,
    false,
    rates,
    phrases,
    (k) => classAt(table, k, 0, ctx),
    options.phraseMin !== undefined ? proposerOf(phrases, options.phraseMin) : undefined,
    options.wordMin !== undefined ? wordProposerOf(rates, options.wordMin) : undefined,
  );
  const lexical = RESCORER_FEATURES.indexOf('lexical');
  for (const c of found) for (const v of c.row) expect(Number.isFinite(v)).toBe(true);
  return found.map((c) => table.lower.slice(c.from, c.to).join(' ') + (c.row[lexical] ? ' [lex]' : ''));
}

describe('scoreToken', () => {
  it("gives a token the tagger's own scores: the same as the decode's at its candidates", () => {
    const tagger = shippedTagger()!;
    const text = 'Fishermen were furious over the quota cuts, the union said on Monday.';
    const table = tokenTable(text, findQuoteRegions(text));
    const ctx = unitContext(table, 0, table.count, findCues(table, 0, table.count, shippedLexicon()));
    const d = decodeUnit(table, 0, table.count, ctx, tagger, 0);
    const emit = Float64Array.from(d.emit.subarray(0, table.count * 3));
    const cand = Uint8Array.from(d.cand.subarray(0, table.count));
    const out = new Float64Array(3);
    let compared = 0;
    for (let k = 0; k < table.count; k++) {
      if (!cand[k]) continue;
      scoreToken(table, k, 0, table.count, ctx, tagger, out, 0);
      expect([...out]).toEqual([...emit.subarray(k * 3, k * 3 + 3)]);
      compared++;
    }
    expect(compared).toBeGreaterThan(1);
  });
});

describe('lexical proposals', () => {
  // A wide decode lowered far below the shipped one proposes nothing, and the shipped decode finds
  // no cue in these sentences: every span is then the proposals'.
  const NONE = -100;

  it('proposes a content word whose cue rate reaches the minimum, alone and with the preposition after it', () => {
    const text = 'Fishermen were furious over the quota cuts.';
    expect(proposed(text, NONE, new Map([['furious', 0.5]]), { wordMin: 0.2 })).toEqual([
      'furious [lex]',
      'furious over [lex]',
    ]);
    expect(proposed(text, NONE, new Map([['furious', 0.1]]), { wordMin: 0.2 })).toEqual([]);
  });

  it("reads a word's rate from its stem when the word has none of its own", () => {
    const text = 'The union welcomed the decision to close the depot.';
    expect(proposed(text, NONE, new Map([['welcom', 0.6]]), { wordMin: 0.2 })).toEqual(['welcomed [lex]']);
    // The word's own rate, when train has one, wins over its stem's.
    expect(
      proposed(
        text,
        NONE,
        new Map([
          ['welcomed', 0.05],
          ['welcom', 0.6],
        ]),
        { wordMin: 0.2 },
      ),
    ).toEqual([]);
  });

  it("proposes train's cue phrases whose rate reaches the minimum, the longest match", () => {
    const text = 'Two council members voted for the harbour bridge on Monday.';
    const phrases = new Map([
      ['voted', 0.2],
      ['voted for', 0.4],
    ]);
    expect(proposed(text, NONE, new Map(), { phrases, phraseMin: 0.1 })).toEqual(['voted for [lex]']);
    expect(proposed(text, NONE, new Map(), { phrases, phraseMin: 0.5 })).toEqual([]);
  });

  it("adds nothing where the tagger's decodes already have a span", () => {
    const text = 'Two council members voted for the harbour bridge on Monday.';
    const phrases = new Map([['voted for', 0.4]]);
    const spans = proposed(text, 12, new Map([['voted', 0.5]]), { phrases, phraseMin: 0.1, wordMin: 0.2 });
    expect(spans).toContain('voted for');
    expect(spans.filter((s) => s.endsWith('[lex]'))).toEqual([]);
  });
});

describe('cueCandidates', () => {
  it("judges the tagger's own cues and other boundaries train knows as cue phrases", () => {
    const tagger = shippedTagger();
    expect(tagger).toBeDefined();
    const text = 'The harbour master said on Monday that the ferries would run again.';
    const table = tokenTable(text, findQuoteRegions(text));
    const ctx = unitContext(table, 0, table.count, findCues(table, 0, table.count, shippedLexicon()));
    const phrases = new Map([['said on monday', 0.5]]);
    const found = cueCandidates(table, 0, table.count, ctx, tagger!, 6, true, new Map(), phrases, (k) =>
      classAt(table, k, 0, ctx),
    );
    const said = table.lower.indexOf('said');
    const own = found.filter((c) => c.row[RESCORER_FEATURES.indexOf('inShip')] === 1);
    expect(own.map((c) => table.lower.slice(c.from, c.to).join(' '))).toContain('said');
    const longer = found.find((c) => c.from === said && c.to === said + 3);
    expect(longer).toBeDefined();
    expect(longer!.row[RESCORER_FEATURES.indexOf('variant')]).toBe(1);
    expect(longer!.row[RESCORER_FEATURES.indexOf('phraseRate')]).toBe(0.5);
  });

  it('with "shorter", judges each tagger span one token shorter on the right only, where train knows that phrase', () => {
    const tagger = shippedTagger()!;
    const text = 'The council warned of delays on the line.';
    const table = tokenTable(text, findQuoteRegions(text));
    const ctx = unitContext(table, 0, table.count, findCues(table, 0, table.count, shippedLexicon()));
    const spans = (variants: boolean | 'shorter', phrases: Map<string, number>) =>
      cueCandidates(table, 0, table.count, ctx, tagger, 6, variants, new Map(), phrases, (k) =>
        classAt(table, k, 0, ctx),
      ).map(
        (c) =>
          `${table.lower.slice(c.from, c.to).join(' ')}${c.row[RESCORER_FEATURES.indexOf('variant')] ? ' [variant]' : ''}`,
      );
    // Train knows the shorter phrase, the longer one and the one with a word before it as cues.
    const phrases = new Map([
      ['warned', 0.6],
      ['warned of delays', 0.5],
      ['council warned of', 0.3],
    ]);
    expect(spans(false, phrases)).toEqual(['warned of']);
    expect(spans('shorter', phrases)).toEqual(['warned of', 'warned [variant]']);
    // All six boundaries take the longer and left-extended phrases as well.
    expect(spans(true, phrases)).toEqual([
      'warned of',
      'warned of delays [variant]',
      'council warned of [variant]',
      'warned [variant]',
    ]);
    // A shorter phrase train does not know as a cue is not judged.
    expect(spans('shorter', new Map([['warned of delays', 0.5]]))).toEqual(['warned of']);
  });
});

describe('the stage option', () => {
  it('rescore: false gives the tagger its own cues, as findQuotes without a re-scorer', () => {
    const text =
      'The harbour master said on Monday that the ferries would run again. Critics say the plan shows little. "We are ready," she told reporters.';
    const article: Article = {
      schemaVersion: SCHEMA_VERSION,
      id: 'rescore-option',
      text,
      source: { format: 'text' },
      sentences: sentenceSpans(text),
    };
    const off = (quotesStage.run(article, { quotes: { rescore: false } }) as Article).quotes;
    expect(off).toEqual(findQuotes(article, shippedLexicon(), shippedTagger()));
    expect(off!.length).toBeGreaterThan(0);
  });
});

describe('cue prefixes', () => {
  const startOf = (text: string, word: string, floor = 0) => {
    const table = tokenTable(text, findQuoteRegions(text));
    const at = cuePrefixStart(table, table.lower.indexOf(word), floor);
    return table.lower.slice(at, table.lower.indexOf(word) + 1).join(' ');
  };

  it('takes in the auxiliaries, negation and adverbs right before a cue word', () => {
    expect(startOf('The harbour master has also repeatedly said the ferries would run.', 'said')).toBe(
      'has also repeatedly said',
    );
    expect(startOf('The mayor would not say whether the bridge reopens.', 'say')).toBe('would not say');
  });

  it('leaves a capitalised name in -ly, a noun in -ly after its determiner, and stops at the floor', () => {
    expect(startOf('Kelly said the bridge would reopen.', 'said')).toBe('said');
    expect(startOf('The family said the bridge would reopen.', 'said')).toBe('said');
    expect(startOf('The mayor publicly said the bridge would reopen.', 'said')).toBe('publicly said');
    const text = 'The mayor has said the bridge would reopen.';
    const table = tokenTable(text, findQuoteRegions(text));
    const said = table.lower.indexOf('said');
    expect(cuePrefixStart(table, said, said)).toBe(said);
  });

  it('gives the stage cues with their prefixes, and the source without them', () => {
    const text = 'The harbour master has also repeatedly said that the ferries would run again.';
    const [q] = findQuotes(articleOf(text), shippedLexicon(), shippedTagger(), shippedRescorer());
    expect(text.slice(q!.cue.start, q!.cue.end)).toBe('has also repeatedly said');
    expect(text.slice(q!.speaker!.start, q!.speaker!.end)).toBe('The harbour master');
  });
});

describe('participle cues with the shipped tagger', () => {
  const read = (text: string) =>
    findQuotes(articleOf(text), shippedLexicon(), shippedTagger(), shippedRescorer()).map((q) => ({
      cue: text.slice(q.cue.start, q.cue.end),
      speaker: q.speaker ? text.slice(q.speaker.start, q.speaker.end) : undefined,
    }));

  it('gives a participle after its prefix words the subject of the sentence', () => {
    expect(read('The mayor spoke for an hour, not even mentioning the ferries.')).toContainEqual({
      cue: 'not even mentioning',
      speaker: 'The mayor',
    });
  });

  it('reads a comma inside a closing mark as a comma before a participle', () => {
    expect(
      read('The mayor defended her plan, \u201charbour first,\u201d promising new ferries by spring.'),
    ).toContainEqual({
      cue: 'promising',
      speaker: 'The mayor',
    });
  });
});

describe('a participle cue after a subordinator', () => {
  it('takes the subject of the sentence as its speaker', () => {
    const text =
      'The harbour master defended the plan on Monday, while saying that the ferries would be late.';
    const quotes = findQuotes(articleOf(text), shippedLexicon(), shippedTagger(), shippedRescorer());
    const saying = quotes.find((q) => text.slice(q.cue.start, q.cue.end) === 'saying');
    expect(saying).toBeDefined();
    expect(text.slice(saying!.speaker!.start, saying!.speaker!.end)).toBe('The harbour master');
  });
});

describe('part-of-speech features', () => {
  const col = (name: string) => RESCORER_FEATURES.indexOf(name as (typeof RESCORER_FEATURES)[number]);
  /** The candidate span `words` of a one-sentence text, with its row copied out of the shared buffer. */
  const rowOf = (
    text: string,
    words: string,
    extra = 12,
    rates = new Map<string, number>(),
    wordMin?: number,
  ) => {
    const table = tokenTable(text, findQuoteRegions(text));
    const ctx = unitContext(table, 0, table.count, findCues(table, 0, table.count, shippedLexicon()));
    const found = cueCandidates(
      table,
      0,
      table.count,
      ctx,
      shippedTagger()!,
      extra,
      false,
      rates,
      new Map(),
      (k) => classAt(table, k, 0, ctx),
      undefined,
      wordMin !== undefined ? wordProposerOf(rates, wordMin) : undefined,
    );
    const c = found.find((x) => table.lower.slice(x.from, x.to).join(' ') === words);
    expect(c, `no candidate "${words}" in ${JSON.stringify(found.map((x) => [x.from, x.to]))}`).toBeDefined();
    return Float64Array.from(c!.row);
  };

  it('reads a past-tense cue verb, the noun before it, and "that" opening its complement', () => {
    const row = rowOf('The harbour minister said that the ferries would run again.', 'said');
    expect(RESCORER_FEATURES.slice(-8, -3)).toEqual([
      'posFirst',
      'posHead',
      'posPrev',
      'posNext',
      'complement',
    ]);
    // Groups: 1 NN, 7 IN ("that" as a complementiser), 18 VBD.
    expect(row[col('posFirst')]).toBe(18);
    expect(row[col('posHead')]).toBe(18);
    expect(row[col('posPrev')]).toBe(1);
    expect(row[col('posNext')]).toBe(7);
    // complementAfter: 1 is "that".
    expect(row[col('complement')]).toBe(1);
  });

  it('tells a noun head ("criticism of") from a verb, and a clause after the cue without "that"', () => {
    const noun = rowOf(
      'Their criticism of the harbour plan grew louder.',
      'criticism of',
      -100,
      new Map([['criticism', 0.5]]),
      0.2,
    );
    // The first word a noun after a possessive (5 PRP$); the head, the span's last word, the preposition (7).
    expect(noun[col('posFirst')]).toBe(1);
    expect(noun[col('posPrev')]).toBe(5);
    expect(noun[col('posHead')]).toBe(7);
    const clause = rowOf('The harbour minister says the ferries will run again.', 'says');
    expect(clause[col('posHead')]).toBe(17);
    // 2: a subject then a verb, without "that".
    expect(clause[col('complement')]).toBe(2);
  });

  it("reads how far back the tagger's nearest own cue ends, and whether a comma or quotation mark breaks them", () => {
    expect(RESCORER_FEATURES.slice(-3)).toEqual(['prevGap', 'prevBreak', 'prevMargin']);
    // No cue of the tagger's before the first one.
    const first = rowOf(
      'The harbour minister said that the ferries would run again, officials added.',
      'said',
    );
    expect(first[col('prevGap')]).toBe(-1);
    expect(first[col('prevBreak')]).toBe(0);
    expect(first[col('prevMargin')]).toBe(0);
    // "added" after "said …, officials": eight tokens back, a comma between.
    const after = rowOf(
      'The harbour minister said that the ferries would run again, officials added.',
      'added',
    );
    expect(after[col('prevGap')]).toBe(8);
    expect(after[col('prevBreak')]).toBe(1);
    // The margin of "said", the earlier cue, as its own row reads it.
    expect(after[col('prevMargin')]).toBe(first[col('marginB')]);
    expect(after[col('prevMargin')]).toBeGreaterThan(0);
    // "said" inside what "reported" reports: no break between them.
    const nested = rowOf('The minister reported that most voters said the ferries would run again.', 'said');
    expect(nested[col('prevGap')]).toBe(3);
    expect(nested[col('prevBreak')]).toBe(0);
  });

  it('gives the same rows for a unit however often it is asked (the tags are cached per unit)', () => {
    const text = 'The harbour minister said that the ferries would run again, officials added.';
    expect([...rowOf(text, 'said')]).toEqual([...rowOf(text, 'said')]);
    expect([...rowOf(text, 'added')]).toEqual([...rowOf(text, 'added')]);
  });
});
