/**
 * Is this page English? A cheap check, made once per article after the layout and text stages,
 * so that the stages trained on English alone (entities, quotes) are not run on a Russian or
 * Japanese page, where they find "entities" in every capitalised word and "quotes" in every
 * photo credit. The summary and the layout still run: they are not tied to English words.
 *
 * What is read: the story's body (the title, paragraphs, lists, blockquotes and subheadings of
 * the blocks layer), at most SAMPLE_CHARS of it, or the whole text when the body is too short.
 * Two signals, cheapest first:
 * - the script: when most letters are not Latin (Cyrillic, CJK, Arabic …), it is not English;
 * - in Latin script, the share of words that are English function words ("the", "of", "and" …,
 *   chosen to be rare in the other Latin-script languages): 0.285 in the median English article
 *   of CNN/DailyMail's training set, above 0.199 in 99% of them; other languages near 0. Few English
 *   words is not enough (a table of scores has none either): the text must also read as one of
 *   a few other languages by their own function words, or the page must declare another one.
 * The page's own declaration (`meta.language`, from JSON-LD, `<html lang>` or the meta tags)
 * decides only when the text is too short to tell: templates declare "en" on pages of every
 * language, and a few English pages declare their site's language.
 */
import type { Article, BlockKind } from './types.js';

/** A verdict on the article's language. */
export interface LanguageCheck {
  english: boolean;
  /**
   * The language: a BCP 47 primary tag when the page declares one or the text names one
   * ("ru", "ja", "de"), else "unknown"; "en" when English.
   */
  language: string;
  /** How it was decided, for the warning's message: "declared", "script", "words", "default". */
  by: 'declared' | 'script' | 'words' | 'default';
  /** Letters read, the share of them in Latin script, and the share of English function words. */
  letters: number;
  latinShare: number;
  englishShare: number;
  /** The main non-Latin script when it decided ("Cyrillic", "Han" …). */
  script?: string;
}

/** Characters of the body read at most: enough words for a stable share, a bounded cost. */
export const SAMPLE_CHARS = 2500;
/** Fewer letters than this: the text cannot tell, the declaration decides. */
export const MIN_LETTERS = 120;
/** Fewer Latin words than this: the word share cannot tell. */
export const MIN_WORDS = 25;
/**
 * Below this share of English function words a Latin-script text may not be English (it must also
 * read as another language, or declare one). Set before measuring; over CNN/DailyMail's first
 * 20,000 training articles the share is at least 0.074 (0.1th percentile 0.161, median 0.285),
 * and on the non-English pages of the extraction set at most 0.013 (docs/DECISIONS.md (library-15)).
 */
export const MIN_ENGLISH_SHARE = 0.06;
/** Above this share of non-Latin letters the script decides. */
const MAX_OTHER_SCRIPT = 0.5;

const BODY_KINDS: ReadonlySet<BlockKind> = new Set([
  'title',
  'subheading',
  'paragraph',
  'list',
  'blockquote',
]);

/**
 * English function words, each rare as a word of German, French, Spanish, Italian, Portuguese,
 * Dutch, Indonesian or the Scandinavian and Slavic languages written in Latin script (so no "a",
 * "in", "an", "is", "was", "die", "to", "on", "so").
 */
const ENGLISH = new Set(
  (
    'the of and that for with he she it its his her they them their this these those be been ' +
    'being are were has have had by at from which who whom whose not but or would will could ' +
    'should said says about after than then there what when where while we you your our us ' +
    'him into over also more most other some such only just like can may'
  ).split(' '),
);

/**
 * A few function words of the Latin-script languages seen most often on news pages, to name the
 * language of a page that does not declare one. A guess only: the page's declaration wins.
 */
const OTHER_LATIN: Readonly<Record<string, ReadonlySet<string>>> = {
  de: new Set(
    'der die und das ist nicht mit den von zu sich auch ein eine dem des auf für im wird ich'.split(' '),
  ),
  fr: new Set('le la les et des est une du que qui dans pour pas sur au avec il elle ce sont ne'.split(' ')),
  es: new Set('el la los las de que y en un una es por con para del se no al lo como más'.split(' ')),
  it: new Set('il la di che e è un una per non del della con sono si le gli da ma nel anche'.split(' ')),
  pt: new Set('o a os as de que e do da em um uma para com não no na por se dos mais é'.split(' ')),
  nl: new Set('de het een en van is dat niet op te zijn met voor er die ook aan maar'.split(' ')),
  id: new Set(
    'yang dan di ini itu dengan untuk tidak dari dalam akan pada ada juga ke saya kami mereka'.split(' '),
  ),
  sv: new Set('och att det som en på är av för med till den har inte om ett jag var'.split(' ')),
  da: new Set('og at det som en på er af for med til den har ikke om et jeg var'.split(' ')),
  pl: new Set('i w na z że się nie do to jest jak po od przez dla ale czy są'.split(' ')),
  cs: new Set('a v na se že je to s z do jako pro ale jsou by od po tak'.split(' ')),
  ro: new Set('și în de la cu a pe care este un o din pentru nu mai sunt au'.split(' ')),
  tr: new Set('ve bir bu da de için ile olarak çok daha ama gibi olan en ne var'.split(' ')),
  vi: new Set('và của là có không được trong cho những với người này các một đã'.split(' ')),
  hu: new Set('a az és hogy nem is egy meg van de ez volt csak mint már'.split(' ')),
  fi: new Set('ja on ei että se oli hän ovat mutta kun myös tai joka sen'.split(' ')),
};
/** Share of a language's words a text must reach to be named after it. */
const MIN_NAMED_SHARE = 0.12;

const SCRIPTS = [
  'Latin',
  'Cyrillic',
  'Greek',
  'Arabic',
  'Hebrew',
  'Indic',
  'Thai',
  'Hangul',
  'Kana',
  'Han',
  'other',
] as const;
type Script = (typeof SCRIPTS)[number];
const LATIN = 0;
const KANA = SCRIPTS.indexOf('Kana');
const OTHER = SCRIPTS.indexOf('other');

/** The index in SCRIPTS of a letter's script (a letter: the caller has checked). */
function scriptOf(c: number): number {
  if (c < 0x250 || (c >= 0x1e00 && c < 0x1f00)) return LATIN;
  if (c >= 0x370 && c < 0x400) return 2;
  if (c >= 0x400 && c < 0x530) return 1;
  if (c >= 0x590 && c < 0x600) return 4;
  if ((c >= 0x600 && c < 0x780) || (c >= 0xfb50 && c < 0xfe00)) return 3;
  if (c >= 0x900 && c < 0xe00) return 5;
  if (c >= 0xe00 && c < 0xe80) return 6;
  if ((c >= 0xac00 && c < 0xd7b0) || (c >= 0x1100 && c < 0x1200) || (c >= 0x3130 && c < 0x3190)) return 7;
  if (c >= 0x3040 && c < 0x3100) return KANA;
  if ((c >= 0x4e00 && c < 0xa000) || (c >= 0x3400 && c < 0x4dc0)) return 9;
  return OTHER;
}

/** The language a script alone names, when it names one. */
const LANGUAGE_OF_SCRIPT: Partial<Record<Script, string>> = {
  Greek: 'el',
  Hebrew: 'he',
  Thai: 'th',
  Hangul: 'ko',
  Kana: 'ja',
  Han: 'zh',
};

const LETTER = /\p{L}/u;
const WORD = /[\p{L}\p{M}']+/gu;

/** The text the check reads: the body's blocks, else the whole text, at most SAMPLE_CHARS. */
export function languageSample(article: Pick<Article, 'text' | 'blocks'>): string {
  const { text, blocks } = article;
  let sample = '';
  if (blocks) {
    for (const b of blocks) {
      if (!BODY_KINDS.has(b.kind)) continue;
      sample += `${text.slice(b.start, Math.min(b.end, b.start + SAMPLE_CHARS - sample.length))}\n`;
      if (sample.length >= SAMPLE_CHARS) break;
    }
  }
  return sample.length >= MIN_LETTERS * 2 ? sample : text.slice(0, SAMPLE_CHARS);
}

/** The primary tag of a declared language ("en-GB" → "en"), lower case, or undefined. */
function primaryTag(declared: string | undefined): string | undefined {
  const m = declared ? /^([a-z]{2,3})(?:[-_]|$)/i.exec(declared.trim()) : null;
  return m?.[1]?.toLowerCase();
}

/** Whether the article reads as English, and if not, which language it reads as. */
export function checkLanguage(article: Pick<Article, 'text' | 'blocks' | 'meta'>): LanguageCheck {
  const sample = languageSample(article);
  const declared = primaryTag(article.meta?.language);
  // ASCII letters counted apart (most pages hold little else); the others by script.
  const counts = new Int32Array(SCRIPTS.length);
  let ascii = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) ascii++;
    else if (c >= 0xc0 && LETTER.test(sample[i]!)) counts[scriptOf(c)]!++;
  }
  let letters = ascii;
  for (let s = 0; s < counts.length; s++) letters += counts[s]!;
  const latin = ascii + counts[LATIN]!;
  const latinShare = letters ? latin / letters : 0;
  const base = { letters, latinShare, englishShare: 0 };
  if (letters < MIN_LETTERS) return byDeclaration(declared, base);
  if (1 - latinShare > MAX_OTHER_SCRIPT) {
    let script = OTHER;
    for (let s = 0; s < counts.length; s++) {
      if (s !== LATIN && counts[s]! > counts[script]!) script = s;
    }
    // Japanese runs kana through its Han characters: a few percent of kana make it Japanese.
    if (SCRIPTS[script] === 'Han' && counts[KANA]! > 0.05 * letters) script = KANA;
    const name = SCRIPTS[script]!;
    const named = LANGUAGE_OF_SCRIPT[name];
    const language = declared && declared !== 'en' ? declared : (named ?? 'unknown');
    const scriptName = name === 'Kana' ? 'Japanese kana' : name;
    return { english: false, language, by: 'script', ...base, script: scriptName };
  }
  const words = sample.toLowerCase().match(WORD) ?? [];
  if (words.length < MIN_WORDS) return byDeclaration(declared, base);
  let english = 0;
  for (const w of words) if (ENGLISH.has(w)) english++;
  const englishShare = english / words.length;
  if (englishShare >= MIN_ENGLISH_SHARE) {
    return { english: true, language: 'en', by: 'words', ...base, englishShare };
  }
  // Few English words alone is no proof: a table of scores or names has none either. The text
  // must read as another language, or the page must declare one.
  const named = nameLatin(words);
  if (named === 'unknown') return byDeclaration(declared, { ...base, englishShare });
  const language = declared && declared !== 'en' ? declared : named;
  return { english: false, language, by: 'words', ...base, englishShare };
}

function byDeclaration(
  declared: string | undefined,
  base: Pick<LanguageCheck, 'letters' | 'latinShare' | 'englishShare'>,
): LanguageCheck {
  if (declared && declared !== 'en') return { english: false, language: declared, by: 'declared', ...base };
  return { english: true, language: 'en', by: declared ? 'declared' : 'default', ...base };
}

/** The Latin-script language whose function words the text uses most, or "unknown". */
function nameLatin(words: readonly string[]): string {
  let best = 'unknown';
  let bestShare = MIN_NAMED_SHARE;
  for (const [language, list] of Object.entries(OTHER_LATIN)) {
    let n = 0;
    for (const w of words) if (list.has(w)) n++;
    const share = n / words.length;
    if (share > bestShare) [best, bestShare] = [language, share];
  }
  return best;
}

/** The warning code an article not in English carries. */
export const NOT_ENGLISH = 'W_NOT_ENGLISH';

/** The warning's message: the language, how it was told, and what was skipped. */
export function notEnglishMessage(check: LanguageCheck, skipped: readonly string[]): string {
  const evidence =
    check.by === 'script'
      ? `${Math.round((1 - check.latinShare) * 100)}% of its letters in ${check.script ?? 'a non-Latin'} script`
      : check.by === 'words'
        ? `${(check.englishShare * 100).toFixed(1)}% English function words`
        : 'declared by the page, too little text to tell';
  const what = skipped.length ? `; English-only stages skipped: ${skipped.join(', ')}` : '';
  return `not English (language: ${check.language}; ${evidence})${what}`;
}
