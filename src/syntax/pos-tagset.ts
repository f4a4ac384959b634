/**
 * The part-of-speech tags of the tagger: the Penn Treebank tags as the English UD
 * treebanks carry them in their XPOS column (finer than UPOS where the quotes stage
 * needs it: "said" VBD against VBN, "reports" NNS against VBZ), each with its UPOS.
 */

/** The tags, in the order of their codes (the model file stores codes). */
export const TAGS = [
  'NN',
  'IN',
  'DT',
  'NNP',
  'JJ',
  ',',
  'PRP',
  '.',
  'RB',
  'NNS',
  'VB',
  'CC',
  'VBD',
  'VBP',
  'VBZ',
  'VBN',
  'CD',
  'VBG',
  'TO',
  'PRP$',
  'MD',
  'UH',
  ':',
  'WDT',
  '-LRB-',
  '-RRB-',
  'WRB',
  'HYPH',
  "''",
  '``',
  'RP',
  'WP',
  'POS',
  'NNPS',
  'JJR',
  'EX',
  'RBR',
  'JJS',
  'FW',
  'SYM',
  'PDT',
  'RBS',
  'LS',
  '$',
  'WP$',
  'GW',
  'ADD',
  'AFX',
  'NFP',
  'XX',
] as const;

export type Tag = (typeof TAGS)[number];

/** Code of each tag. */
export const TAG_CODE: ReadonlyMap<string, number> = new Map(TAGS.map((t, i) => [t, i]));

/** The UPOS of each XPOS tag (the usual English conversion; a few UD choices depend on the word, e.g. "that" as SCONJ). */
const UPOS_OF: Record<Tag, string> = {
  NN: 'NOUN',
  NNS: 'NOUN',
  NNP: 'PROPN',
  NNPS: 'PROPN',
  IN: 'ADP',
  DT: 'DET',
  PDT: 'DET',
  WDT: 'PRON',
  JJ: 'ADJ',
  JJR: 'ADJ',
  JJS: 'ADJ',
  ',': 'PUNCT',
  '.': 'PUNCT',
  ':': 'PUNCT',
  '-LRB-': 'PUNCT',
  '-RRB-': 'PUNCT',
  HYPH: 'PUNCT',
  "''": 'PUNCT',
  '``': 'PUNCT',
  NFP: 'PUNCT',
  PRP: 'PRON',
  PRP$: 'PRON',
  WP: 'PRON',
  WP$: 'PRON',
  EX: 'PRON',
  RB: 'ADV',
  RBR: 'ADV',
  RBS: 'ADV',
  WRB: 'ADV',
  VB: 'VERB',
  VBD: 'VERB',
  VBP: 'VERB',
  VBZ: 'VERB',
  VBN: 'VERB',
  VBG: 'VERB',
  MD: 'AUX',
  CC: 'CCONJ',
  CD: 'NUM',
  TO: 'PART',
  POS: 'PART',
  RP: 'ADP',
  UH: 'INTJ',
  FW: 'X',
  SYM: 'SYM',
  LS: 'X',
  $: 'SYM',
  GW: 'X',
  ADD: 'X',
  AFX: 'ADJ',
  XX: 'X',
};

/** The UPOS tag of a tag code. */
export function uposOf(code: number): string {
  return UPOS_OF[TAGS[code] as Tag] ?? 'X';
}

/**
 * Coarse classes of the tags, for features of other models: a small alphabet that
 * generalises (a verb is a verb whether past or present) next to the fine tag.
 */
export const COARSE = {
  other: 0,
  noun: 1,
  name: 2,
  pronoun: 3,
  determiner: 4,
  adjective: 5,
  adverb: 6,
  verbPast: 7,
  verbPresent: 8,
  verbBase: 9,
  participle: 10,
  gerund: 11,
  modal: 12,
  preposition: 13,
  to: 14,
  conjunction: 15,
  wh: 16,
  punctuation: 17,
  possessive: 18,
  number: 19,
} as const;

const COARSE_OF: Partial<Record<Tag, number>> = {
  NN: COARSE.noun,
  NNS: COARSE.noun,
  NNP: COARSE.name,
  NNPS: COARSE.name,
  PRP: COARSE.pronoun,
  EX: COARSE.pronoun,
  DT: COARSE.determiner,
  PDT: COARSE.determiner,
  PRP$: COARSE.possessive,
  POS: COARSE.possessive,
  JJ: COARSE.adjective,
  JJR: COARSE.adjective,
  JJS: COARSE.adjective,
  RB: COARSE.adverb,
  RBR: COARSE.adverb,
  RBS: COARSE.adverb,
  VBD: COARSE.verbPast,
  VBZ: COARSE.verbPresent,
  VBP: COARSE.verbPresent,
  VB: COARSE.verbBase,
  VBN: COARSE.participle,
  VBG: COARSE.gerund,
  MD: COARSE.modal,
  IN: COARSE.preposition,
  RP: COARSE.preposition,
  TO: COARSE.to,
  CC: COARSE.conjunction,
  WDT: COARSE.wh,
  WP: COARSE.wh,
  WP$: COARSE.wh,
  WRB: COARSE.wh,
  ',': COARSE.punctuation,
  '.': COARSE.punctuation,
  ':': COARSE.punctuation,
  '-LRB-': COARSE.punctuation,
  '-RRB-': COARSE.punctuation,
  HYPH: COARSE.punctuation,
  "''": COARSE.punctuation,
  '``': COARSE.punctuation,
  NFP: COARSE.punctuation,
  CD: COARSE.number,
};

/** Coarse class by tag code. */
export const COARSE_BY_CODE: Uint8Array = Uint8Array.from(TAGS, (t) => COARSE_OF[t] ?? COARSE.other);

/** True for a finite or non-finite verb tag (VB, VBD, VBG, VBN, VBP, VBZ). */
export function isVerbCode(code: number): boolean {
  const c = COARSE_BY_CODE[code]!;
  return c >= COARSE.verbPast && c <= COARSE.gerund;
}
