/**
 * Reading the source phrase (who) around a cue: which comma-separated chunks before a
 * cue belong to it, and which are asides that do not.
 *
 * PolNeAR's sources keep a name's appositions and relative clauses ("Richard Roe, the
 * chief economist for Acme,", "Jane Roe, who served as an aide,") and leave out the
 * participial and prepositional asides between a subject and its verb ("Roe, citing
 * figures from the agency, said", "Roe, in a grey suit, said") and the adverbials that
 * open a sentence ("On Monday, Roe said"). A chunk is read by its first word: no
 * parser, the first word of an English phrase says most of what it is.
 */

/** What this module needs of the extractor's token table. */
export interface SourceTokens {
  text: string;
  off: number[];
  lower: string[];
  region: Int32Array;
  word: Uint8Array;
}

export type ChunkKind = 'np' | 'relative' | 'aside' | 'clause';

/** Words that open a relative clause attached to a name. */
const RELATIVES = new Set(['who', 'whose', 'whom', 'which']);

/** Words that open a prepositional or adverbial aside, or a subordinate clause. */
const ASIDE_OPENERS = new Set([
  'in',
  'at',
  'with',
  'without',
  'after',
  'before',
  'during',
  'on',
  'since',
  'under',
  'despite',
  'among',
  'amid',
  'for',
  'from',
  'by',
  'like',
  'unlike',
  'as',
  'instead',
  'long',
  'following',
  'until',
  'upon',
  'through',
  'throughout',
  'about',
  'over',
  'near',
  'outside',
  'inside',
  'while',
  'when',
  'whenever',
  'although',
  'though',
  'because',
  'if',
  'once',
  'unless',
  'whether',
  'to',
  'of',
  'into',
  'across',
  'against',
  'within',
  'beyond',
  'behind',
  'last',
  'earlier',
  'later',
  'recently',
  'also',
  'now',
  'then',
  'yesterday',
  'today',
  'tonight',
  'still',
  'however',
  'meanwhile',
  'indeed',
  'moreover',
  'previously',
  'separately',
  'again',
  'too',
  'both',
  'either',
  'not',
  'only',
  'even',
  'in',
]);

/** Past participles without -ed that open an aside ("Roe, clad in grey, said"). */
const IRREGULAR_PARTICIPLES = new Set([
  'clad',
  'known',
  'born',
  'seen',
  'given',
  'taken',
  'shown',
  'driven',
  'written',
  'told',
  'caught',
  'held',
  'led',
  'made',
  'left',
  'sent',
  'kept',
  'brought',
  'thought',
  'found',
]);

/** Auxiliaries and modals: after a subject they open its verb phrase. */
export const AUXILIARY_VERBS: readonly string[] = [
  'is',
  'was',
  'are',
  'were',
  'be',
  'been',
  'has',
  'have',
  'had',
  'will',
  'would',
  'can',
  'could',
  'did',
  'does',
  'do',
  'may',
  'might',
  'should',
  'must',
];

/** Auxiliaries and frequent verbs: a chunk holding one is a clause, not a name. */
const CLAUSE_WORDS = new Set([...AUXILIARY_VERBS, "'s"]);

/** Words that may follow a subject before its verb without being part of it ("Roe last week said"). */
const TIME_WORDS = new Set([
  'last',
  'this',
  'next',
  'week',
  'month',
  'year',
  'weekend',
  'night',
  'morning',
  'afternoon',
  'evening',
  'earlier',
  'later',
  'recently',
  'also',
  'now',
  'then',
  'yesterday',
  'today',
  'tonight',
  'previously',
  'repeatedly',
  'once',
  'again',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'on',
  'in',
  'the',
  'day',
  'privately',
  'publicly',
  'separately',
  'initially',
  'first',
  'often',
  'frequently',
  'already',
  'still',
  'never',
  'always',
  'long',
]);

function firstWord(t: SourceTokens, from: number, to: number): number {
  let i = from;
  while (i < to && !t.word[i]) i++;
  return i;
}

function capitalisedAt(t: SourceTokens, i: number): boolean {
  const c = t.text.charCodeAt(t.off[2 * i]!);
  return c >= 65 && c <= 90;
}

/** Words whose "'s" is "is" or "has" ("he's", "that's"); after any other word it is a possessive. */
const CONTRACTING = new Set([
  'he',
  'she',
  'it',
  'that',
  'what',
  'there',
  'who',
  'here',
  'where',
  'this',
  'let',
]);

/** True when token k is "'s" after a word that does not contract with it ("the nation's"). */
function possessiveAt(t: SourceTokens, k: number): boolean {
  const x = t.lower[k]!;
  return (x === "'s" || x === '\u2019s') && k > 0 && t.word[k - 1] === 1 && !CONTRACTING.has(t.lower[k - 1]!);
}

/** What a comma-separated chunk [from, to) is, by its first word and its verbs. */
export function chunkKind(t: SourceTokens, from: number, to: number): ChunkKind {
  const i = firstWord(t, from, to);
  if (i >= to) return 'aside';
  const w = t.lower[i]!;
  if (RELATIVES.has(w)) return 'relative';
  if (ASIDE_OPENERS.has(w)) return 'aside';
  if (!capitalisedAt(t, i) && (/(ing|ed)$/.test(w) || IRREGULAR_PARTICIPLES.has(w))) return 'aside';
  for (let k = i; k < to; k++) {
    const x = t.lower[k]!;
    // "an Orlando Democrat who was first elected in 2008": a noun with its relative clause.
    if (k > i && RELATIVES.has(x)) return 'np';
    if (t.region[k] !== -1 || (CLAUSE_WORDS.has(x) && !possessiveAt(t, k))) return 'clause';
    if (k > i && !capitalisedAt(t, k) && /ed$/.test(x)) return 'clause';
  }
  return 'np';
}

/** The end of a source phrase without the time adverbials before its verb ("Roe last month"). */
export function withoutTrailingTime(t: SourceTokens, from: number, to: number): number {
  let b = to;
  while (b - 1 > from && TIME_WORDS.has(t.lower[b - 1]!)) b--;
  // Keep the phrase when it is all time words ("On Monday" is no source, but nothing better is known).
  return firstWord(t, from, b) < b ? b : to;
}

/** Prepositions that, before a number, say how many ("about 200 protesters"). */
const APPROXIMATORS = new Set(['about', 'over', 'under', 'around', 'nearly', 'almost', 'some']);

/** True when a chunk opens with a word that starts an aside or a subordinate clause. */
export function opensAside(t: SourceTokens, from: number, to: number): boolean {
  const i = firstWord(t, from, to);
  // "about 200 protesters", "over 30 states": a number's modifier opens a noun phrase.
  if (i + 1 < to && APPROXIMATORS.has(t.lower[i]!) && /^\d/.test(t.lower[i + 1]!)) return false;
  return i < to && (ASIDE_OPENERS.has(t.lower[i]!) || RELATIVES.has(t.lower[i]!));
}

/** Personal pronouns that are the subject of a verb right after them. */
const PERSONAL = new Set(['he', 'she', 'they', 'we', 'i', 'you']);

/** Possessive determiners: the possessor of a nominal cue ("his claims") is its source. */
const POSSESSIVES = new Set(['his', 'her', 'their', 'its', 'our', 'my', 'your']);

/** Pronouns that are a whole source on their own ("in which he said", "whom she called"). */
const PRONOUNS = new Set(['he', 'she', 'they', 'we', 'i', 'you', 'who']);

/**
 * Where a source phrase read back from a cue really starts: at a pronoun right before the
 * cue ("the report in which he said" → "he"), else after the subordinators and prepositions
 * that open it ("Long before the union endorsed" → "the union").
 */
export function sourceStart(t: SourceTokens, from: number, to: number): number {
  if (to - from > 1 && PRONOUNS.has(t.lower[to - 1]!)) return to - 1;
  // A nominal cue's possessor is its source: "… cast doubt on his claims" → "his", "…
  // Mr. Trump's vows" → "Mr. Trump's".
  if (to - from > 1 && POSSESSIVES.has(t.lower[to - 1]!)) return to - 1;
  // The last token is read only when there is one (an empty phrase at the text's start read
  // lower[-1], out of bounds, which threw V8's compiled code away).
  const final = to - from > 2 ? t.lower[to - 1] : undefined;
  if (final === "'s" || final === '\u2019s') {
    let i = to - 2;
    while (i - 1 >= from && (capitalisedAt(t, i - 1) || t.lower[i - 1] === '.') && to - i < 6) i--;
    if (i > from && capitalisedAt(t, i)) return i;
  }
  let a = firstWord(t, from, to);
  while (a < to && ASIDE_OPENERS.has(t.lower[a]!)) a = firstWord(t, a + 1, to);
  return a >= to ? from : a;
}

/** Cue words whose subject is no source: raising verbs and evidential adverbs. */
const NO_AGENT = new Set([
  'appear',
  'appears',
  'appeared',
  'appearing',
  'seem',
  'seems',
  'seemed',
  'seeming',
  'likely',
  'unlikely',
  'reportedly',
  'apparently',
  'allegedly',
  'supposedly',
  'purportedly',
]);

/** A past participle, roughly: regular -ed and the common irregular endings. */
const PARTICIPLE =
  /(ed|en|wn|own|seen|known|told|said|thought|held|felt|heard|taught|meant|sought|brought|caught|bought|fought|found|sent|kept|understood|paid|led|won|lost|sold|built|spent|struck)$/;
/** Particles and prepositions that may close a passive cue ("asked about", "known for"). */
const PARTICLES = new Set(['about', 'for', 'as', 'to', 'of', 'on', 'with', 'in', 'at', 'over']);

/** Forms of "be" that make a passive with a participle. */
export const BE_FORMS = new Set(['is', 'was', 'are', 'were', 'be', 'been', 'being', "'s", "'re"]);
const PASSIVE_ADVERBS = new Set([
  'widely',
  'often',
  'also',
  'not',
  'never',
  'first',
  'later',
  'now',
  'still',
  'formally',
  'long',
  'generally',
  'commonly',
  'increasingly',
  'previously',
  'initially',
  'originally',
  'reportedly',
  'repeatedly',
  'publicly',
  'privately',
  'already',
  'being',
]);

/**
 * True when the cue is a passive without an agent: a form of "be" (in the cue or just
 * before it, adverbs allowed between) and a participle ending the cue, with no "by" after
 * it ("it was widely reported that …"). Such attributions have no source in PolNeAR.
 */
export function agentlessPassive(t: SourceTokens, c0: number, c1: number, s0: number): boolean {
  // Raising verbs and evidential adverbs have no one behind them: "the plan appears to …".
  if (NO_AGENT.has(t.lower[c1 - 1]!) || (c1 - c0 === 1 && NO_AGENT.has(t.lower[c0]!))) return true;
  // The participle may be followed by its particle inside the cue: "was asked about", "is known for".
  let end = c1;
  while (end - 1 > c0 && PARTICLES.has(t.lower[end - 1]!)) end--;
  const head = t.lower[end - 1]!;
  if (!PARTICIPLE.test(head) || capitalisedAt(t, end - 1)) return false;
  // "are concerned", "is convinced": an adjective of feeling, whose subject feels it (the source).
  if (EXPERIENCER_PARTICIPLES.has(head)) return false;
  const after = end < c1 ? t.lower[end] : t.lower[c1];
  if (after === 'by') return false;
  // "known as", "described as", "billed as": a participle before "as" is passive (an active
  // verb would have its object first: "described him as").
  // Not after a personal pronoun, nor "said": "he described as …", "X said as she left".
  if (after === 'as') return head !== 'said' && !(c0 > s0 && PERSONAL.has(t.lower[c0 - 1]!));
  let i = end - 2;
  while (i >= c0 && PASSIVE_ADVERBS.has(t.lower[i]!)) i--;
  if (i >= c0) return BE_FORMS.has(t.lower[i]!);
  // The cue is the participle alone: look before it.
  let j = c0 - 1;
  while (j >= s0 && PASSIVE_ADVERBS.has(t.lower[j]!)) j--;
  return j >= s0 && BE_FORMS.has(t.lower[j]!);
}

/** Participles used as adjectives of feeling or stance: "X is concerned that …" has X as its source. */
const EXPERIENCER_PARTICIPLES = new Set([
  'concerned',
  'worried',
  'convinced',
  'unconvinced',
  'pleased',
  'disappointed',
  'frustrated',
  'impressed',
  'unimpressed',
  'divided',
  'focused',
  'committed',
  'determined',
  'opposed',
  'inclined',
  'encouraged',
  'troubled',
  'alarmed',
  'satisfied',
  'dissatisfied',
  'surprised',
  'shocked',
  'dismayed',
  'thrilled',
  'delighted',
  'excited',
  'devoted',
  'united',
  'unified',
  'assured',
]);

/**
 * True when the phrase [start, c0) before the cue cannot be its source: the existential
 * "there", with its auxiliaries ("there were questions about …").
 */
export function sourceless(t: SourceTokens, start: number, c0: number): boolean {
  if (t.lower[start] === 'it') return expletiveCue(t, start + 1, c0);
  if (t.lower[start] !== 'there') return false;
  for (let i = start + 1; i < c0; i++) {
    const w = t.lower[i]!;
    if (!CLAUSE_WORDS.has(w) && w !== '\u2019s' && !(i > start + 1 && EXISTENTIAL_QUANTIFIERS.has(w)))
      return false;
  }
  return true;
}

/**
 * Whether the cue at c0 is an adjective after an expletive "it" ("it is unclear whether", "it was
 * not clear that", "it's worth pointing out"): the words that follow are no one's, and PolNeAR
 * marks no source.
 */
function expletiveCue(t: SourceTokens, from: number, c0: number): boolean {
  let k = from;
  while (
    k < t.lower.length &&
    (CLAUSE_WORDS.has(t.lower[k]!) || t.lower[k] === '\u2019s' || t.lower[k] === 'not')
  )
    k++;
  return k > from && k >= c0 && EXPLETIVE_ADJECTIVES.has(t.lower[k]!);
}

const EXPLETIVE_ADJECTIVES = new Set([
  'clear',
  'unclear',
  'worth',
  'likely',
  'unlikely',
  'possible',
  'impossible',
  'obvious',
  'evident',
  'apparent',
  'certain',
  'uncertain',
  'doubtful',
  'true',
]);

/**
 * Quantifiers between the existential "there" and its noun cue ("there have been few calls for",
 * "there's no doubt about", "there were numerous complaints"): still no one's words.
 */
const EXISTENTIAL_QUANTIFIERS = new Set([
  'no',
  'few',
  'little',
  'many',
  'much',
  'more',
  'numerous',
  'several',
  'some',
  'growing',
  'mounting',
  'widespread',
  'renewed',
  'increasing',
  'fresh',
  'new',
  'a',
  'lot',
  'of',
]);

/** Words that never name anyone on their own ("In", "A", "Amid"). */
const FUNCTION_WORDS = new Set([
  'a',
  'an',
  'the',
  'this',
  'that',
  'these',
  'those',
  'some',
  'any',
  'no',
  'every',
]);

/** True when every word of [from, to) is a function word: a preposition, article or the like. */
export function onlyFunctionWords(t: SourceTokens, from: number, to: number): boolean {
  let words = 0;
  for (let i = from; i < to; i++) {
    if (!t.word[i]) continue;
    words++;
    const w = t.lower[i]!;
    if (!ASIDE_OPENERS.has(w) && !FUNCTION_WORDS.has(w)) return false;
  }
  return words > 0;
}
