/**
 * What a word ending in a period is, for sentence boundaries and tokens.
 *
 * The lists are facts of English and of news style (AP abbreviations for titles,
 * months and states), not learned from any evaluation set. Keys are lower case,
 * without the final period, internal periods kept ("u.s", "a.m").
 *
 * Classes, by what the period means before the next word:
 * - `title`: always followed by a name or a number ("Gen.", "Sen.", "Mt.", "Rev.")
 *   so the period never ends a sentence.
 * - `numeric`: followed by a number ("No. 3", "p. 55", "Jan. 15"); before
 *   anything else the word is read as an ordinary word ("he said no. The ...").
 * - `prenominal`: usually stands before a noun ("U.S. Government", "Calif. Gov.")
 *   but can end a sentence: the period ends one only before a word that
 *   typically starts sentences ("... in the U.S. How about you?").
 * - `terminal`: usually ends a phrase ("Inc.", "Co.", "a.m.", "Jr.", "etc."): the
 *   period ends a sentence before a capitalised word unless that word is a day,
 *   month or time zone ("5 p.m. Tuesday").
 * - `never`: never ends a sentence before more text ("e.g.", "i.e.", "vs.").
 */

export type AbbreviationClass = 'title' | 'numeric' | 'prenominal' | 'terminal' | 'never';

/** Month abbreviations: they take a number after them ("Jan. 15") and are calendar words. */
const MONTH_ABBREVIATIONS = [
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
];

const TITLE = [
  'mr',
  'mrs',
  'ms',
  'messrs',
  'mmes',
  'mme',
  'mlle',
  'dr',
  'drs',
  'prof',
  'profs',
  'gen',
  'gens',
  'sen',
  'sens',
  'rep',
  'reps',
  'gov',
  'govs',
  'lt',
  'col',
  'maj',
  'capt',
  'cmdr',
  'cdr',
  'comdr',
  'sgt',
  'cpl',
  'pvt',
  'pfc',
  'spc',
  'adm',
  'brig',
  'ens',
  'rev',
  'revs',
  'msgr',
  'hon',
  'pres',
  'supt',
  'insp',
  'det',
  'atty',
  'amb',
  'sec',
  'mt',
  'ft',
  'fr',
  'sra',
  'srta',
  'st',
  'ste',
];

const NUMERIC = [
  'no',
  'nos',
  'nr',
  'n°',
  'vol',
  'vols',
  'p',
  'pp',
  'fig',
  'figs',
  'art',
  'arts',
  'ch',
  'chap',
  'para',
  'eq',
  'eqs',
  'ref',
  'refs',
  'op',
  'tel',
  'ext',
  'rt',
  'pg',
  ...MONTH_ABBREVIATIONS,
  'approx',
  'ca',
  'c',
  'est',
  'ed',
  'eds',
  'ver',
];

/** US state abbreviations in AP style ("Calif.", "N.Y." is covered by the letter-dot rule). */
const STATES = [
  'ala',
  'ariz',
  'ark',
  'calif',
  'colo',
  'conn',
  'del',
  'fla',
  'ga',
  'ill',
  'ind',
  'kan',
  'kans',
  'ky',
  'la',
  'md',
  'mass',
  'mich',
  'minn',
  'miss',
  'mo',
  'mont',
  'neb',
  'nev',
  'okla',
  'ore',
  'pa',
  'penn',
  'tenn',
  'tex',
  'va',
  'vt',
  'wash',
  'wis',
  'wisc',
  'wyo',
];

const PRENOMINAL = [
  ...STATES,
  'dept',
  'depts',
  'univ',
  'assn',
  'assoc',
  'govt',
  'intl',
  'natl',
  'gov’t',
  "gov't",
  'ave',
  'blvd',
  'rd',
  'hwy',
  'sq',
  'bldg',
  'ln',
  'pl',
];

const TERMINAL = [
  'inc',
  'co',
  'cos',
  'corp',
  'ltd',
  'plc',
  'bros',
  'jr',
  'sr',
  'esq',
  'etc',
  'al',
  'mfg',
  'a.m',
  'p.m',
  'ph.d',
  'm.d',
  'b.a',
  'm.a',
  'b.s',
  'm.s',
  'hrs',
  'mins',
  'yrs',
  'lbs',
  'oz',
  'km',
  'cm',
  'mm',
  'kg',
];

const NEVER = ['e.g', 'i.e', 'p.s', 'p.p.s', 'cf', 'vs', 'v', 'viz', 'ibid', 'resp', 'incl', 'excl', 'w/o'];

const STATE_SET = new Set(STATES);

function isCapital(c: number): boolean {
  return c >= 65 && c <= 90;
}

const CLASSES = new Map<string, AbbreviationClass>();
for (const w of TERMINAL) CLASSES.set(w, 'terminal');
for (const w of PRENOMINAL) CLASSES.set(w, 'prenominal');
for (const w of NUMERIC) CLASSES.set(w, 'numeric');
for (const w of TITLE) CLASSES.set(w, 'title');
for (const w of NEVER) CLASSES.set(w, 'never');

/**
 * Words that typically begin a sentence and seldom stand capitalised inside one:
 * pronouns, determiners, conjunctions, wh-words, auxiliaries and sentence
 * adverbs. After an ambiguous abbreviation they decide that the period ended
 * the sentence.
 */
const STARTERS = new Set([
  'a',
  'an',
  'the',
  'this',
  'that',
  'these',
  'those',
  'there',
  'here',
  'it',
  'its',
  'he',
  'she',
  'his',
  'her',
  'they',
  'their',
  'them',
  'we',
  'our',
  'you',
  'your',
  'i',
  'my',
  'me',
  'us',
  'him',
  'but',
  'and',
  'or',
  'so',
  'yet',
  'nor',
  'however',
  'meanwhile',
  'moreover',
  'also',
  'still',
  'then',
  'now',
  'thus',
  'hence',
  'instead',
  'indeed',
  'in',
  'on',
  'at',
  'by',
  'with',
  'from',
  'after',
  'before',
  'since',
  'during',
  'while',
  'when',
  'where',
  'what',
  'why',
  'how',
  'who',
  'whom',
  'whose',
  'which',
  'if',
  'as',
  'although',
  'though',
  'because',
  'unless',
  'until',
  'once',
  'is',
  'are',
  'was',
  'were',
  'do',
  'does',
  'did',
  'can',
  'could',
  'will',
  'would',
  'should',
  'may',
  'might',
  'must',
  'has',
  'have',
  'had',
  'no',
  'not',
  'some',
  'many',
  'most',
  'all',
  'both',
  'each',
  'every',
  'one',
  'two',
  'three',
  'yes',
  'oh',
  'well',
  'for',
  'to',
  'of',
  'other',
  'another',
  'such',
  'few',
  'several',
  'more',
  'last',
  'next',
  'even',
  'only',
  'just',
  'nothing',
  'none',
  'everyone',
  'someone',
  'nobody',
  'everything',
  'something',
  'let',
  'please',
  'today',
  'yesterday',
  'tomorrow',
  'later',
  'earlier',
]);

/**
 * In lower-cased text a starter cannot be told by its capital, so only words
 * that almost never follow an abbreviation inside a sentence count: pronouns,
 * wh-words and sentence adverbs (not prepositions, "the", "when" or "where":
 * "5 p.m. on Friday", "4:30 p.m. where it was met").
 */
const STRONG_STARTERS = new Set([
  'he',
  'she',
  'it',
  'they',
  'we',
  'i',
  'you',
  'this',
  'these',
  'those',
  'there',
  'but',
  'however',
  'meanwhile',
  'what',
  'why',
  'how',
  'who',
  'moreover',
]);

/** Capitalised words that follow "p.m.", "Inc." and the like inside a sentence. */
const CALENDAR = new Set([
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'mon',
  'tue',
  'tues',
  'wed',
  'thu',
  'thurs',
  'fri',
  'sat',
  'sun',
  'january',
  'february',
  'march',
  'april',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  ...MONTH_ABBREVIATIONS,
  'et',
  'est',
  'edt',
  'ct',
  'cst',
  'cdt',
  'mt',
  'mst',
  'mdt',
  'pt',
  'pst',
  'pdt',
  'gmt',
  'utc',
  'bst',
  'cet',
  'local',
  'time',
]);

/** Prepositions that open a fronted phrase ("At 5 a.m. Mr. Smith ..."). */
const PREPOSITIONS = new Set([
  'at',
  'by',
  'in',
  'on',
  'from',
  'until',
  'till',
  'before',
  'after',
  'around',
  'about',
  'since',
  'for',
  'near',
  'during',
  'through',
  'between',
  'until',
  'like',
  'under',
]);

const LETTER_DOTS = /^(?:\p{L}{1,2}\.)+\p{L}{1,2}$/u;

/**
 * The class of `word` (the characters before a period, any case), or undefined
 * when it is not a known abbreviation. Letter-dot sequences ("U.S", "N.Y") are
 * prenominal unless listed; "D-Calif" (party-state) takes the class of its state.
 */
export function abbreviationClass(word: string): AbbreviationClass | undefined {
  const key = word.toLowerCase();
  const known = CLASSES.get(key);
  if (known) {
    // A state is written with a capital ("Ore.", not the word "ore."); a title is
    // not written in capitals ("SEC." is an acronym, not "Sec.").
    if (STATE_SET.has(key) && !isCapital(word.charCodeAt(0))) return undefined;
    if (known === 'title' && word.length >= 2 && word === word.toUpperCase()) return undefined;
    return known;
  }
  if (LETTER_DOTS.test(key)) return 'prenominal';
  const dash = key.lastIndexOf('-');
  if (dash > 0 && dash < key.length - 1) {
    if (abbreviationClass(word.slice(dash + 1)) === 'prenominal') return 'prenominal';
  }
  return undefined;
}

export function isSentenceStarter(word: string, lowercased = false): boolean {
  return (lowercased ? STRONG_STARTERS : STARTERS).has(word.toLowerCase());
}

/** Verbs of saying that follow a quotation and its speaker ("..." I asked). */
const SPEECH_VERBS = new Set([
  'said',
  'says',
  'say',
  'asked',
  'asks',
  'ask',
  'replied',
  'replies',
  'cried',
  'shouted',
  'yelled',
  'called',
  'added',
  'adds',
  'whispered',
  'answered',
  'told',
  'wrote',
  'writes',
  'continued',
  'exclaimed',
  'muttered',
  'insisted',
  'recalled',
  'explained',
  'screamed',
  'howled',
  'started',
  'laughed',
  'sighed',
]);

export function isSpeechVerb(word: string): boolean {
  return SPEECH_VERBS.has(word.toLowerCase());
}

export function isCalendarWord(word: string): boolean {
  return CALENDAR.has(word.toLowerCase());
}

export function isPreposition(word: string): boolean {
  return PREPOSITIONS.has(word.toLowerCase());
}

/** True for abbreviations whose period a token keeps ("U.S.", "Gen.", "D-Calif."). */
export function keepsPeriod(word: string): boolean {
  return abbreviationClass(word) !== undefined;
}
