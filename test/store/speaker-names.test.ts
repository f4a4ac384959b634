import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isPronounSpeaker, listedSpeakerName } from '../../src/article/quote-text.js';
import { articleRecord } from '../../src/store/record.js';
import { openStore } from '../../src/store/sqlite-store.js';
import type { CorpusStore } from '../../src/store/types.js';
import { buildArticle, type FixtureStory } from './fixture-articles.js';

/** Three quotes: the senator's own, his spokeswoman's (an unnamed source), and an "it" that resolved to no one. */
const story: FixtureStory = {
  id: 'bridge-vote',
  title: 'Senator opposes the harbour bridge loan',
  paragraphs: [
    'Sen. Alan Pruitt said the loan was a mistake.',
    'A spokeswoman for Sen. Alan Pruitt said the office would not comment further.',
    'It said the plan would be reviewed in the spring.',
  ],
  entities: [{ id: 'e1', type: 'PER', name: 'Alan Pruitt', aliases: ['Pruitt'], mentions: ['Alan Pruitt'] }],
  quotes: [
    {
      kind: 'reported',
      content: 'the loan was a mistake',
      cue: 'said',
      speaker: 'Sen. Alan Pruitt',
      entity: 'e1',
    },
    {
      kind: 'reported',
      content: 'the office would not comment further',
      cue: 'said',
      speaker: 'A spokeswoman for Sen. Alan Pruitt',
    },
    { kind: 'reported', content: 'the plan would be reviewed in the spring', cue: 'said', speaker: 'It' },
  ],
};

describe('the name a quote is listed under', () => {
  const article = buildArticle(story);
  const names = new Map([['e1', 'Alan Pruitt']]);

  it('is the entity name, else the span words, never a pronoun alone', () => {
    expect(article.quotes!.map((q) => listedSpeakerName(article, q, names))).toEqual([
      'Alan Pruitt',
      'A spokeswoman for Sen. Alan Pruitt',
      undefined,
    ]);
    expect(isPronounSpeaker(' who ')).toBe(true);
    expect(isPronounSpeaker('officials')).toBe(false);
  });

  describe('in the store', () => {
    let store: CorpusStore;
    beforeEach(() => {
      store = openStore(join(mkdtempSync(join(tmpdir(), 'nd-speakers-')), 'corpus.db'));
      store.putBatch([{ hash: 'h1', record: articleRecord(article) }]);
    });
    afterEach(() => store.close());

    it('stores a pronoun that resolved to no one as not attributed', () => {
      const speakers = store.quotes({}).items.map((q) => q.speaker?.name ?? null);
      expect(speakers.sort()).toEqual(['A spokeswoman for Sen. Alan Pruitt', 'Alan Pruitt', null].sort());
      expect(store.quotes({ speaker: 'It' }).items).toEqual([]);
    });

    it("matches a resolved speaker by a word of the name, an unnamed source's phrase only whole", () => {
      const texts = (speaker: string) => store.quotes({ speaker }).items.map((q) => q.text);
      expect(texts('Pruitt')).toEqual(['the loan was a mistake']);
      expect(texts('alan pruitt')).toEqual(['the loan was a mistake']);
      expect(texts('a spokeswoman for sen. alan pruitt')).toEqual(['the office would not comment further']);
      expect(texts('spokeswoman')).toEqual([]);
    });
  });
});
