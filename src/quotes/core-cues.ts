/**
 * A small hand-written core of speech, belief and intention verbs with their
 * inflections, for the cues the learnt lexicon misses (it only knows what the
 * training articles happened to contain: "has learned" and "plans to" are rare
 * there). A core verb is a cue only in an attribution frame: a word before it
 * (its subject or an auxiliary) and, after it, what such a verb introduces:
 * "that", a quotation mark, a colon or comma; for the intention verbs "to" or
 * a noun phrase ("wants a recount"); for the belief verbs a new clause (a
 * pronoun, a determiner or a capitalised word).
 */

type Frame = 'speech' | 'belief' | 'intention';

const VERBS: Record<Frame, string[]> = {
  speech: [
    'say says said saying',
    'tell tells told telling',
    'add adds added adding',
    'state states stated stating',
    'announce announces announced announcing',
    'claim claims claimed claiming',
    'insist insists insisted insisting',
    'argue argues argued arguing',
    'explain explains explained explaining',
    'note notes noted noting',
    'warn warns warned warning',
    'write writes wrote writing',
    'tweet tweets tweeted tweeting',
    'report reports reported reporting',
    'learn learns learned learnt',
    'confirm confirms confirmed confirming',
    'deny denies denied denying',
    'admit admits admitted admitting',
    'acknowledge acknowledges acknowledged acknowledging',
    'declare declares declared declaring',
    'assert asserts asserted asserting',
    'contend contends contended contending',
    'concede concedes conceded conceding',
    'predict predicts predicted predicting',
    'suggest suggests suggested suggesting',
    'estimate estimates estimated estimating',
  ],
  belief: [
    'believe believes believed believing',
    'think thinks thought thinking',
    'feel feels felt feeling',
    'know knows knew knowing',
    'suspect suspects suspected suspecting',
    'doubt doubts doubted doubting',
    'fear fears feared fearing',
    'worry worries worried worrying',
  ],
  intention: [
    'want wants wanted wanting',
    'plan plans planned planning',
    'hope hopes hoped hoping',
    'expect expects expected expecting',
    'intend intends intended intending',
    'promise promises promised promising',
    'vow vows vowed vowing',
    'pledge pledges pledged pledging',
  ],
};

const FRAME_OF = new Map<string, Frame>();
for (const [frame, lines] of Object.entries(VERBS) as [Frame, string[]][]) {
  for (const line of lines) for (const form of line.split(' ')) FRAME_OF.set(form, frame);
}

const AUXILIARIES = new Set(['has', 'have', 'had']);
const CLAUSE_OPENERS = new Set([
  'i',
  'we',
  'you',
  'he',
  'she',
  'it',
  'they',
  'there',
  'the',
  'a',
  'an',
  'this',
  'his',
  'her',
  'their',
  'our',
  'no',
]);
const OPENING = new Set(['that', '\u201c', '"', ':', ',']);

/** The text and its token offsets, flat (token i is [off[2i], off[2i + 1])): a TokenTable is one. */
export interface TokenOffsets {
  text: string;
  off: readonly number[];
}

/** True when token i starts with an ASCII capital. */
function isCapitalisedAt(tokens: TokenOffsets, i: number): boolean {
  const c = tokens.text.charCodeAt(tokens.off[2 * i]!);
  return c >= 65 && c <= 90;
}

/**
 * The core cue at token `i` as [start, end) token indices (a "has"/"have"/"had"
 * before the verb is part of it), or undefined when the token is not a core
 * verb in an attribution frame.
 */
export function coreCueAt(
  lower: readonly string[],
  tokens: TokenOffsets,
  i: number,
  from: number,
  to: number,
): [number, number] | undefined {
  const frame = FRAME_OF.get(lower[i]!);
  if (!frame || i === from || i + 1 >= to) return undefined;
  const prev = lower[i - 1]!;
  if (prev === 'to' || prev === ',' || prev === 'who' || prev === 'which') return undefined;
  const next = lower[i + 1]!;
  let ok = OPENING.has(next);
  if (!ok && frame === 'intention') ok = next === 'to' || CLAUSE_OPENERS.has(next);
  if (!ok && frame === 'belief') ok = CLAUSE_OPENERS.has(next) || isCapitalisedAt(tokens, i + 1);
  if (!ok) return undefined;
  // Both ends computed on every call, one array built: the rare auxiliary case takes no branch V8 has not seen.
  const before = i - 1;
  const start = before > from && AUXILIARIES.has(prev) ? before : i;
  return [start, i + 1];
}

/** True for any form of a core belief or intention verb ("believes", "thinks", "wants", "plans"). */
export function isBeliefOrIntentionVerb(word: string): boolean {
  const frame = FRAME_OF.get(word);
  return frame === 'belief' || frame === 'intention';
}

/** True for any form of a core speech, belief or intention verb. */
export function isCoreVerb(word: string): boolean {
  return FRAME_OF.has(word);
}

/** Every form of every core verb. */
export function coreVerbForms(): IterableIterator<string> {
  return FRAME_OF.keys();
}
