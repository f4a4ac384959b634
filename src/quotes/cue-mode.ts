/**
 * What an attribution reports: words said or written (`speech`), a belief or expectation held
 * (`belief`: "believes", "fears", "is expected to"), an intention (`intention`: "wants", "plans",
 * "voted against"), something seen (`perception`: "saw", "watched"), or what a document or figure
 * shows (`evidence`: "a study found", "figures show", "released a video").
 *
 * PolNeAR marks all five as attributions (it covers beliefs and intentions; on train "is expected"
 * is a gold cue 26 times, "saw" 12, "released" 4, "voted against" 2), so the quotes layer keeps
 * them and the issue's figures count them; a user asking "who said what" wants the first. This
 * tells them apart from the cue's words alone, for whoever lists statements by speaker (the store,
 * /v1/quotes, --speaker): the quotes stage sets it as `Quote.mode` (src/quotes/index.ts), and the
 * store backfills it on old corpora from their stored cue text (src/store/migrations.ts, 5).
 */
import type { QUOTE_MODES } from '../article/schema.js';
import type { Quote, Span } from '../article/types.js';

/** `Quote.mode`'s values (the schema's QUOTE_MODES). */
export type CueMode = (typeof QUOTE_MODES)[number];

/** The words of a cue that are no verb of its own: auxiliaries, negation, adverbs ("also", "first", "earlier", in -ly). */
const PREFIX =
  /^(?:(?:has|have|had|is|are|was|were|be|been|being|will|would|could|can|may|might|must|should|shall|did|does|do|not|n['’]t|also|still|now|never|long|first|earlier|later|again|already|once|then|just|even|widely|reportedly|\p{L}+ly)\s+)+/iu;

const BELIEF =
  /^(?:believ|think|thought|feel|felt|fear|hope|hoping|doubt|suspect|expect|assum|presum|consider|regard|view|convinc|confident|sure|certain|worri|concern|skeptic|sceptic|optimis|pessimis|likely|unlikely|set to|due to|tipped|forecast|predict|estimat|reckon|understand|understood|know|knew|known|realis|realiz|suppos|imagin|trust|wonder|seem|appear|seen as)/iu;

const INTENTION =
  /^(?:want|plan|intend|aim|seek|sought|vot|decid|chose|choos|agree|refus|reject|oppos|support|back|endors|favou?r|prefer|wish|tr(?:y|ied|ies) to|attempt|push|pledg|promis|vow|threaten|propos|call(?:s|ed)? for|campaign)/iu;

const PERCEPTION =
  /^(?:saw|see|sees|seen|seeing|watch(?:es|ed|ing)?|notic\p{L}*|observ\p{L}*|witness\p{L}*|spott\p{L}*|heard|hear|hears)\b/iu;

const EVIDENCE =
  /^(?:show|found|find|finds|reveal|releas|publish|confirm(?:s|ed)? by|according to a (?:study|report|survey|poll)|point(?:s|ed)? to|demonstrat|prov)/iu;

const DOCUMENT_WORD =
  '(?:stud(?:y|ies)|reports?|surveys?|polls?|figures|data|analys[ie]s|research|statistics|documents?|records|estimates|census|filings?|forecasts?)';

/** A document, a study or figures leading the source (after its determiners and a few adjectives). */
const DOCUMENT_FIRST = new RegExp(
  `^(?:(?:a|an|the|this|that|these|its|their|his|her|new|latest|recent|official|annual|internal|leaked|government|police|court|company)\\s+)*${DOCUMENT_WORD}\\b`,
  'iu',
);

/** ... or ending the source's noun phrase ("Labor Department figures", "studio estimates"). */
const DOCUMENT_LAST = new RegExp(`\\b${DOCUMENT_WORD}$`, 'iu');

/** Where a source's noun phrase ends: a preposition, a participle of publishing, a comma or dash. */
const PHRASE_END =
  /\s(?:by|from|of|in|for|on|at|with|to|released|published|filed|issued|compiled|obtained)\s|\s*[,;:(\u2013\u2014]/iu;

/** The mode of an "according to" quote from its source's words: `evidence` for a document, else `speech`. */
export function sourceMode(source: string): CueMode {
  const words = source.trim().replace(/\s+/g, ' ');
  const head = words.split(PHRASE_END, 1)[0]!.trim();
  return DOCUMENT_FIRST.test(words) || DOCUMENT_LAST.test(head) ? 'evidence' : 'speech';
}

/**
 * The mode of a quote, read from its cue (its auxiliaries and adverbs set aside). Some verbs are
 * two things at once: "vowed", "pledged", "promised", "proposed" are counted as intention, though
 * they are said; "warned", "suggested", "indicated" stay speech. A punctuation cue (a headline's
 * colon, a dash) is speech. "according to" is read by its source (the speaker span, when given):
 * "according to a report" is evidence, "according to the mayor" speech.
 */
export function cueMode(text: string, quote: Pick<Quote, 'cue'> & { speaker?: Span | undefined }): CueMode {
  const raw = text.slice(quote.cue.start, quote.cue.end);
  const known = byCue.get(raw);
  if (known !== undefined) return known;
  const cue = raw.trim().replace(/\s+/g, ' ').replace(PREFIX, '');
  // "according to" names its source after the cue: a document or figures there is evidence.
  if (quote.speaker && /^according to$/iu.test(cue)) {
    return sourceMode(text.slice(quote.speaker.start, quote.speaker.end));
  }
  const mode = modeOfWords(cue);
  // A cue's words alone decide every other mode: most cues are a few verbs said again and again.
  if (byCue.size >= BY_CUE_MAX) byCue.clear();
  if (!/^according to$/iu.test(cue)) byCue.set(raw, mode);
  return mode;
}

/** Modes of cues already read, by the cue as written ("according to" left out: its source decides). */
const byCue = new Map<string, CueMode>();
const BY_CUE_MAX = 4096;

function modeOfWords(cue: string): CueMode {
  if (!cue || /^[\p{P}\p{S}]+$/u.test(cue)) return 'speech';
  if (/^seen as/iu.test(cue)) return 'belief';
  if (PERCEPTION.test(cue)) return 'perception';
  if (BELIEF.test(cue)) return 'belief';
  if (INTENTION.test(cue)) return 'intention';
  if (EVIDENCE.test(cue)) return 'evidence';
  return 'speech';
}
