import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/article/schema.js';
import type { Article, Block } from '../../src/article/types.js';
import { checkArticle } from '../../src/article/validate.js';
import { digest } from '../../src/digest.js';
import { articleSentences, textStage } from '../../src/text/index.js';

function article(text: string, blocks?: Block[]): Article {
  return {
    schemaVersion: SCHEMA_VERSION,
    id: 't',
    text,
    source: { format: 'text' },
    ...(blocks ? { blocks } : {}),
  };
}

const sentenceTexts = (a: Article) => (a.sentences ?? []).map((s) => a.text.slice(s.start, s.end));

function expectOrdered(a: Article): void {
  let last = 0;
  for (const s of a.sentences ?? []) {
    expect(s.start).toBeGreaterThanOrEqual(last);
    expect(s.end).toBeGreaterThan(s.start);
    last = s.end;
  }
}

describe('textStage without blocks', () => {
  it('segments the whole text and never crosses a blank line', async () => {
    const a = article(
      'Bridge reopens after repairs\n\nThe Harwick bridge reopened on Monday. Traffic was light\n\nofficials said more work is due',
    );
    const out = await textStage.run(a, {});
    expect(sentenceTexts(out)).toEqual([
      'Bridge reopens after repairs',
      'The Harwick bridge reopened on Monday.',
      'Traffic was light',
      'officials said more work is due',
    ]);
    expect(out.sentences!.every((s) => s.block === undefined)).toBe(true);
    expectOrdered(out);
    expect(out.text).toBe(a.text);
    expect(a.sentences).toBeUndefined();
  });
});

describe('textStage with blocks', () => {
  const text = [
    'Ferry service resumes', // title 0
    'By Ana Costa', // byline 1
    'HARWICK (AP) — The harbour ferry ran again on Monday. Capt. Ines Moreau said the engine was fixed',
    'Photo: the ferry at dawn. Credit: port office.', // caption 3
    'Tickets cost $4.50. Children ride free.', // paragraph 4
  ].join('\n\n');
  const blockOf = (kind: Block['kind'], part: string): Block => {
    const start = text.indexOf(part);
    return { kind, start, end: start + part.length };
  };
  const blocks: Block[] = [
    blockOf('title', 'Ferry service resumes'),
    blockOf('byline', 'By Ana Costa'),
    blockOf(
      'paragraph',
      'HARWICK (AP) — The harbour ferry ran again on Monday. Capt. Ines Moreau said the engine was fixed',
    ),
    blockOf('caption', 'Photo: the ferry at dawn. Credit: port office.'),
    blockOf('paragraph', 'Tickets cost $4.50. Children ride free.'),
  ];

  it('segments title and body blocks, each sentence carrying its block, none crossing a block', async () => {
    const out = await textStage.run(article(text, blocks), {});
    expect(sentenceTexts(out)).toEqual([
      'Ferry service resumes',
      'HARWICK (AP) — The harbour ferry ran again on Monday.',
      'Capt. Ines Moreau said the engine was fixed',
      'Tickets cost $4.50.',
      'Children ride free.',
    ]);
    expect(out.sentences!.map((s) => s.block)).toEqual([0, 2, 2, 4, 4]);
    for (const s of out.sentences!) {
      const b = blocks[s.block!]!;
      expect(s.start >= b.start && s.end <= b.end).toBe(true);
    }
    expectOrdered(out);
    expect(checkArticle(out).ok).toBe(true);
  });

  it('keeps a block without final punctuation apart from the next block on the same line', () => {
    // Two blocks that the text itself does not separate: only the blocks tell.
    const t = 'Storm warning issued Residents should stay indoors.';
    const b: Block[] = [
      { kind: 'subheading', start: 0, end: 20 },
      { kind: 'paragraph', start: 21, end: t.length },
    ];
    const s = articleSentences(article(t, b));
    expect(s.map((x) => t.slice(x.start, x.end))).toEqual([
      'Storm warning issued',
      'Residents should stay indoors.',
    ]);
  });

  it('takes other block kinds when asked', () => {
    const s = articleSentences(article(text, blocks), { blockKinds: ['caption'] });
    expect(s.map((x) => text.slice(x.start, x.end))).toEqual([
      'Photo: the ferry at dawn.',
      'Credit: port office.',
    ]);
    expect(s.every((x) => x.block === 3)).toBe(true);
  });

  it('is skipped when asked, leaving the layer absent', async () => {
    const out = await textStage.run(article(text, blocks), { text: { skip: true } });
    expect(out.sentences).toBeUndefined();
  });
});

// Only layout and text: the later stages are other engineers' and are not under test here.
const onlyLayoutAndText = { summarize: { skip: true }, entities: { skip: true }, quotes: { skip: true } };

describe('digest() with the text stage', () => {
  it('writes valid, ordered sentences inside body blocks', async () => {
    const out = await digest(
      'Market hall to reopen\n\nBy Lee Park\n\nPORTVILLE — The old market hall will reopen on Saturday, Mayor R. J. Ames said. Stalls cost $12.50 a day.\n\nThe hall closed in 2019 after a fire.',
      onlyLayoutAndText,
    );
    expect(out.sentences?.length).toBeGreaterThan(0);
    expectOrdered(out);
    const texts = sentenceTexts(out);
    expect(texts).toContain('Stalls cost $12.50 a day.');
    expect(texts.some((t) => t.includes('Mayor R. J. Ames said.'))).toBe(true);
    if (out.blocks) {
      for (const s of out.sentences!) {
        const b = out.blocks[s.block!]!;
        expect(s.start >= b.start && s.end <= b.end).toBe(true);
      }
    }
  });

  it('uses lower-cased mode over a whole lower-cased article', async () => {
    const out = await digest(
      "( cnn ) -- the harbour ferry ran again on monday . `` it 's fixed , '' capt. ines moreau said . tickets cost $ 4.50 .",
      onlyLayoutAndText,
    );
    // Whether "( cnn ) --" is a dateline block of its own is layout's call; the sentences after it are ours.
    const texts = sentenceTexts(out);
    expect(texts).toHaveLength(3);
    expect(texts[0]!.endsWith('the harbour ferry ran again on monday .')).toBe(true);
    expect(texts.slice(1)).toEqual(["`` it 's fixed , '' capt. ines moreau said .", 'tickets cost $ 4.50 .']);
  });
});
