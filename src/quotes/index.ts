/** quotes: who said what (direct and reported speech) and what claims rest on. */
import { findSpanAt } from '../article/spans.js';
import type { Article, BlockKind, Quote, Sentence, Span } from '../article/types.js';
import type { DigestOptions } from '../digest-options.js';
import { NewsdigestError } from '../errors.js';
import type { Stage } from '../pipeline.js';
import { sentenceSpans } from '../text/sentences.js';
import { type CueLexicon, shippedLexicon } from './cue-lexicon.js';
import { cueMode } from './cue-mode.js';
import { type CueRescorer, shippedRescorer } from './cue-rescorer.js';
import { type CueTagger, shippedTagger } from './cue-tagger.js';
import { extractAttributions } from './extract-attributions.js';
import { primeQuoteMarks } from './prime.js';
import { mentionIndex, resolveSpeaker } from './resolve-speakers.js';

export type { QuotesOptions } from './options.js';

/** Page furniture where no one is quoted: captions, related links, credits, boilerplate. */
const SKIPPED_BLOCKS: ReadonlySet<BlockKind> = new Set([
  'caption',
  'related',
  'credit',
  'boilerplate',
  'byline',
  'dateline',
]);

/** The sentences to read: the sentences layer (or our own split), minus those in page furniture. */
function readableSentences(article: Article): readonly Sentence[] {
  const sentences: readonly Sentence[] = article.sentences ?? sentenceSpans(article.text);
  const blocks = article.blocks;
  if (!blocks?.length) return sentences;
  return sentences.filter((s) => {
    const index: number = s.block ?? findSpanAt(blocks, s.start);
    const block = index >= 0 ? blocks[index] : undefined;
    return !block || !SKIPPED_BLOCKS.has(block.kind);
  });
}

/** Blocks that are a page's headlines. */
const HEADLINE_BLOCKS: ReadonlySet<BlockKind> = new Set(['title', 'subheading']);
/** The content speaks in the first person ("Obama: I'm optimistic …"). */
const FIRST_PERSON = /(?:^|[^\p{L}])(?:I|I['’](?:m|ve|d|ll)|me|my|we|We|our|Our|us)(?![\p{L}])/u;

/**
 * "Julian Assange: Sweden drops inquiry" as a page's title or subheading: a headline that names
 * its topic before the colon, not that person's words. A headline colon is kept as speech when
 * what follows is quoted or in the first person ("Trump: ‘We are going to win’", "Obama: I'm
 * optimistic"). Layout only: a text without blocks (PolNeAR, whose titles mark such colons as
 * attributions) reads as before.
 */
function headlineLabel(article: Article, a: { cue: Span; content: Span; kind: string }): boolean {
  const blocks = article.blocks;
  if (!blocks?.length || a.cue.end - a.cue.start !== 1 || article.text[a.cue.start] !== ':') return false;
  const index = findSpanAt(blocks, a.cue.start);
  if (index < 0 || !HEADLINE_BLOCKS.has(blocks[index]!.kind)) return false;
  return a.kind !== 'direct' && !FIRST_PERSON.test(article.text.slice(a.content.start, a.content.end));
}

/** The quotes of an article: attributions found in its sentences, speakers resolved to its entities. */
export function findQuotes(
  article: Article,
  lexicon: CueLexicon = shippedLexicon(),
  tagger?: CueTagger,
  rescorer?: CueRescorer,
): Quote[] {
  const { text } = article;
  // Without a sentences layer (the text stage skipped), split here rather than see nothing.
  const sentences = readableSentences(article);
  const found = extractAttributions({
    text,
    sentences,
    lexicon,
    tagger,
    combine: tagger?.combine,
    rescorer: tagger ? rescorer : undefined,
  });
  const attributions = article.blocks?.length ? found.filter((a) => !headlineLabel(article, a)) : found;
  const entities = article.entities ?? [];
  const mentions = entities.length ? mentionIndex(text, entities) : [];
  // Page furniture is no part of the story a "he" or "she" reads back through (a caption's name).
  const skipped =
    mentions.length && article.blocks ? article.blocks.filter((b) => SKIPPED_BLOCKS.has(b.kind)) : [];
  const resolved = new Map<number, number | undefined>();
  return attributions.map((a) => {
    const quote: Quote = {
      kind: a.kind,
      mode: cueMode(text, { cue: a.cue, speaker: a.source }),
      start: a.content.start,
      end: a.content.end,
      cue: a.cue,
    };
    if (a.source) {
      // Several cues share one source span ("he asked …, called … and said …"): resolved once.
      const key = a.source.start * 65536 + (a.source.end - a.source.start);
      let entity = resolved.get(key);
      if (entity === undefined && !resolved.has(key)) {
        entity = mentions.length ? resolveSpeaker(text, a.source, mentions, entities, skipped) : undefined;
        resolved.set(key, entity);
      }
      quote.speaker =
        entity === undefined
          ? { start: a.source.start, end: a.source.end }
          : { start: a.source.start, end: a.source.end, entity: entities[entity]!.id };
    }
    return quote;
  });
}

export const quotesStage: Stage = {
  name: 'quotes',
  reads: ['text', 'blocks', 'sentences', 'entities'],
  writes: ['quotes'],
  run(article: Article, options: DigestOptions): Article {
    if (options.quotes?.skip) return article;
    // The learnt tagger is the default; 'rules' asks for the lexicon and core verbs alone.
    const tagger = options.quotes?.cues === 'rules' ? undefined : shippedTagger();
    if (options.quotes?.cues === 'tagger' && !tagger) {
      throw new NewsdigestError(
        'E_MODEL',
        'models/quotes/cue-tagger.json',
        'cues "tagger" asked for but no tagger is shipped',
      );
    }
    const lexicon = shippedLexicon();
    // Type feedback for the quotation-mark scanner's rarer branches before V8 compiles it (once a thread: ./prime.ts).
    primeQuoteMarks();
    // The tagger's cues are judged again by the re-scorer when one is shipped (cue-rescorer.ts).
    const rescorer = tagger && options.quotes?.rescore !== false ? shippedRescorer() : undefined;
    return { ...article, quotes: findQuotes(article, lexicon, tagger, rescorer) };
  },
};
