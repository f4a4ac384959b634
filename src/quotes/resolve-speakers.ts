/**
 * Speaker resolution: the entity a source phrase names, when the entities layer
 * has one. A phrase resolves to an entity mentioned inside it (see entityInside:
 * a person in the phrase's head first), never to the entity a role belongs to ("a
 * spokeswoman for Sen. Alan Pruitt" is not the senator: ./speaker-roles.ts). "he" and
 * "she" resolve to the nearest person mentioned before them, "they" to the nearest
 * organisation (a group) before them; "it"/"its" to an organisation that is the subject of the same or the
 * previous sentence (not an impersonal "It emerged that …"); a relative pronoun ("who",
 * "which", "that") to the name it follows ("Raymond Teague, who …"). Entities without
 * mentions are found by their name and aliases in the text.
 */
import type { Entity, EntityType, Span } from '../article/types.js';
import { impersonalIt, PERSONAL_PRONOUN_TYPES, RELATIVE_PRONOUN_TYPES } from './speaker-pronouns.js';
import { governedByRole } from './speaker-roles.js';

interface Mention extends Span {
  entity: number;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Where each entity is mentioned: its mentions, or else its name and aliases found as whole words. */
export function mentionIndex(text: string, entities: readonly Entity[]): Mention[] {
  const out: Mention[] = [];
  for (const [i, e] of entities.entries()) {
    if (e.mentions.length) {
      for (const m of e.mentions) out.push({ start: m.start, end: m.end, entity: i });
      continue;
    }
    const names = [e.name, ...e.aliases].filter((n) => n.trim().length > 1);
    for (const name of new Set(names)) {
      const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, 'gu');
      for (const m of text.matchAll(re)) out.push({ start: m.index, end: m.index + m[0].length, entity: i });
    }
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * Where a source phrase's head ends: before the apposition or relative clause that follows
 * a name ("Jane Roe, who chairs the Acme board", "Jane Roe, a spokeswoman for Acme"). The
 * organisation named in that tail is where the speaker works, not who spoke.
 */
function headEnd(text: string, span: Span): number {
  const comma = text.indexOf(',', span.start);
  return comma >= 0 && comma < span.end ? comma : span.end;
}

/**
 * Where a relative clause in a source phrase's tail starts ("lawyers for Menatep, a group through which
 * Mr Khodorkovsky … controls Yukos"; "The Shadowcrew site, which has been taken over by the US Secret
 * Service"): the names inside it are what the clause says about the head, never the speaker.
 */
const RELATIVE = /\b(?:who|whom|whose|which)\b/iu;
function relativeClause(text: string, head: number, end: number): number {
  if (head >= end) return end;
  const m = RELATIVE.exec(text.slice(head, end));
  return m ? head + m.index : end;
}

/**
 * The entity a phrase names. A person named in the phrase's head wins (the last one:
 * the head of "Chairman of the Joint Chiefs Gen. Joseph Dunford" comes last); then a
 * person anywhere in it ("Acme's chief executive, Jane Roe"); then the last mention
 * in the head, then the last mention at all but a place after the head ("Pat Roe, 55, of
 * Addison" is not Addison). Mentions of whom a role belongs to are skipped ("lawyers for Acme",
 * "Mr Blair's spokesman").
 */
function entityInside(
  text: string,
  span: Span,
  mentions: readonly Mention[],
  entities: readonly Entity[],
): number | undefined {
  const head = headEnd(text, span);
  const clause = relativeClause(text, head, span.end);
  let lastInHead: Mention | undefined;
  let personInHead: Mention | undefined;
  let firstPerson: Mention | undefined;
  let last: Mention | undefined;
  for (const m of mentions) {
    if (m.start >= span.end) break;
    if (m.start < span.start || m.end > span.end || m.start >= clause) continue;
    const type = entities[m.entity]!.type;
    const person = type === 'PER';
    const author = person || type === 'ORG';
    if (governedByRole(text, span.start, m.end <= head ? head : span.end, m.start, m.end, author, person))
      continue;
    // A place in the tail says where the speaker is from ("Pat Roe, 55, of Addison"), not who spoke.
    if (m.end > head && type === 'LOC') continue;
    last = m;
    if (person && !firstPerson) firstPerson = m;
    if (m.end <= head) {
      lastInHead = m;
      if (person) personInHead = m;
    }
  }
  return (personInHead ?? firstPerson ?? lastInHead ?? last)?.entity;
}

/** Where the sentence holding `pos` starts (a rough cut: after ". " / "? " / "! " or a line break). */
function sentenceStart(text: string, pos: number, floor: number): number {
  for (let i = pos - 1; i > floor; i--) {
    const c = text.charCodeAt(i);
    if (c === 10) return i + 1;
    if ((c === 32 || c === 9) && i > 0) {
      // ". X", ".\" X", "?” X": a sentence end before the blank.
      let j = i - 1;
      while (j > floor && /["”’')]/u.test(text[j]!)) j--;
      const end = text.charCodeAt(j);
      if (end === 46 || end === 33 || end === 63) return i + 1;
    }
  }
  return floor;
}

/**
 * Whether a mention stands as its sentence's subject: after the sentence start (and one opening
 * phrase closed by a comma, "In July, Diageo …") come only a determiner, capitalised words and
 * lower-case words that describe an organisation ("telecoms firm Eircom", "US software giant
 * Microsoft"), and the name heads its phrase ("The Rosneft announcement" is an announcement).
 */
const SUBJECT_PREFIX = /^[\s"“‘'(]*(?:(?:the|The|a|A|an|An)\s+)?(?:[\p{L}\p{N}][\p{L}\p{N}.'’&-]*\s+)*$/u;
const LOWER_WORD = /(?:^|[\s"“‘'(])(\p{Ll}[\p{L}-]*)/gu;
const ORG_DESCRIPTORS: ReadonlySet<string> = new Set(
  (
    'firm giant group company maker carmaker bank operator retailer airline carrier provider regulator ' +
    'watchdog body agency organisation organization association union party club network broadcaster ' +
    'manufacturer producer chain insurer lender supplier developer publisher studio label newspaper ' +
    'magazine charity council department ministry office government board committee court'
  ).split(' '),
);
const NOT_IN_SUBJECT: ReadonlySet<string> = new Set(
  'of by to for with from in on at as than against like about told tells says said is was has had and or'.split(
    ' ',
  ),
);
const MODIFIER_AFTER =
  /^(?:['’]s?\s|\s+\p{Ll}[\p{L}-]*(?:ment|tion|sion|ers|ists|man|men|woman|women|person|people|officials?|sources?|chief|boss|bosses|shares|deal|plan|move|figures|report|data)\b)/u;
function subjectOf(text: string, sentence: number, m: Mention): boolean {
  const prefix = text.slice(sentence, m.start);
  // One opening phrase ("In July,"), not a list ("such as Symantec, McAfee, Trend Micro").
  const comma = prefix.indexOf(',');
  const rest = comma >= 0 ? prefix.slice(comma + 1) : prefix;
  if (!SUBJECT_PREFIX.test(rest)) return false;
  // Lower-case words: nouns before a descriptor ("mobile phone firm"), never a verb or a preposition ("told", "by").
  let last: string | undefined;
  for (const w of rest.matchAll(LOWER_WORD)) {
    const word = w[1]!;
    if (word === 'the' || word === 'a' || word === 'an') continue;
    if (NOT_IN_SUBJECT.has(word) || /(?:ed|ing)$/u.test(word)) return false;
    last = word;
  }
  if (last !== undefined && !ORG_DESCRIPTORS.has(last)) return false;
  // The name heads its phrase: not "Halvard's chief", not "The Rosneft announcement".
  return !MODIFIER_AFTER.test(text.slice(m.end, m.end + 40));
}

/**
 * "it"/"its": an organisation that is the subject of the same sentence (before the pronoun),
 * else of the sentence before ("Delta has been hit … It has said"). An organisation elsewhere in
 * those sentences ("… told BBC News Online that …. It said") is not taken: a wrong speaker is
 * worse than an unnamed one.
 */
function resolveIt(
  text: string,
  span: Span,
  mentions: readonly Mention[],
  entities: readonly Entity[],
  types: readonly EntityType[],
): number | undefined {
  if (impersonalIt(text, span.end)) return undefined;
  const here = sentenceStart(text, span.start, 0);
  const before = here > 0 ? sentenceStart(text, here - 1, Math.max(0, here - 2000)) : here;
  let subjectHere: Mention | undefined;
  let subjectBefore: Mention | undefined;
  for (const m of mentions) {
    if (m.end > span.start) break;
    if (m.start < before || !types.includes(entities[m.entity]!.type)) continue;
    if (m.start >= here) subjectHere ??= subjectOf(text, here, m) ? m : undefined;
    else subjectBefore ??= subjectOf(text, before, m) ? m : undefined;
  }
  return (subjectHere ?? subjectBefore)?.entity;
}

/**
 * A relative pronoun: the name it attaches to, right before it ("Raymond Teague, who"); an
 * apposition that is a role of someone else is skipped to the name it describes ("Ana Ruiz, the
 * widow of Kurt Lamb, who" is Ana Ruiz). A phrase that ends in no name ("people who",
 * "the business community, which") leaves the pronoun unresolved.
 */
function resolveRelative(
  text: string,
  span: Span,
  mentions: readonly Mention[],
  entities: readonly Entity[],
  types: readonly EntityType[],
): number | undefined {
  let at = span.start;
  for (let hop = 0; hop < 2; hop++) {
    let end = at;
    while (end > 0 && /[\s,)]/u.test(text[end - 1]!)) end--;
    if (end === 0) return undefined;
    // The name ending right there (the longest), and where the chunk it ends starts.
    let found: Mention | undefined;
    for (const m of mentions) {
      if (m.start >= end) break;
      if (m.end === end && (!found || m.start < found.start)) found = m;
    }
    if (!found) return undefined;
    const comma = text.lastIndexOf(',', found.start);
    const chunkStart = comma >= 0 && found.start - comma < 120 ? comma + 1 : Math.max(0, found.start - 120);
    if (!governedByRole(text, chunkStart, end, found.start, found.end)) {
      return types.includes(entities[found.entity]!.type) ? found.entity : undefined;
    }
    // A role of the name: the apposition describes whatever is named before its comma.
    if (comma < 0 || found.start - comma >= 120) return undefined;
    at = comma;
  }
  return undefined;
}

type Gender = 'm' | 'f';
const PRONOUN_GENDER: Readonly<Record<string, Gender>> = { he: 'm', she: 'f' };
/** How many "he"/"she" subjects a chain may go back through, and how many sentences it reads. */
const PRONOUN_DEPTH = 4;
const SENTENCES_BACK = 3;

/** Titles that tell a person's gender, read right before a mention (or at its start). */
const TITLE_GENDER = /(?:^|[^\p{L}])(Mr|Mister|Sir|Lord|Mrs|Ms|Miss|Madam|Dame|Lady)\.?\s+$/u;
const FEMALE_TITLES: ReadonlySet<string> = new Set(['mrs', 'ms', 'miss', 'madam', 'dame', 'lady']);

/**
 * A gendered noun said of the name right after it, in an apposition ("Roe, a spokeswoman for …",
 * "Roe, 55, a New York man") or after "is"/"was" ("Roe is one of the first two women …"), within
 * a few words and before any comma, stop or verb in -ed.
 */
const GENDERED_NOUN =
  /^(?:,\s+(?:\d+,\s+)?|\s+(?:is|was)\s+(?:one\s+of\s+)?)(?:(?:a|an|the|his|her|their)\s+)?(?:[\p{L}\p{N}’'-]+(?<!ed)\s+){0,4}?(women|woman|girl|spokeswoman|congresswoman|businesswoman|actress|mother|wife|daughter|sister|widow|grandmother|men|man|boy|spokesman|congressman|businessman|father|husband|son|brother|widower|grandfather)(?![\p{L}])/iu;
const FEMALE_NOUNS: ReadonlySet<string> = new Set(
  'women woman girl spokeswoman congresswoman businesswoman actress mother wife daughter sister widow grandmother'.split(
    ' ',
  ),
);

/**
 * What the article says of each person's gender: a title before any of their mentions
 * ("Mr. Vance", "Ms Okafor"), or a gendered noun said of a mention (GENDERED_NOUN); a person
 * called both ways is left unknown. Kept for the mentions array it was computed from.
 */
const genderCache = new WeakMap<readonly Mention[], Map<number, Gender | null>>();
function gendersOf(
  text: string,
  mentions: readonly Mention[],
  entities: readonly Entity[],
): Map<number, Gender | null> {
  let genders = genderCache.get(mentions);
  if (genders) return genders;
  genders = new Map();
  for (const m of mentions) {
    if (entities[m.entity]!.type !== 'PER') continue;
    const t =
      TITLE_GENDER.exec(text.slice(Math.max(0, m.start - 8), m.start)) ??
      TITLE_GENDER.exec(text.slice(m.start, Math.min(m.end, m.start + 8)).replace(/\s+\S*$/u, ' '));
    const noun = t ? undefined : GENDERED_NOUN.exec(text.slice(m.end, m.end + 80));
    if (!t && !noun) continue;
    const g: Gender = t
      ? FEMALE_TITLES.has(t[1]!.toLowerCase())
        ? 'f'
        : 'm'
      : FEMALE_NOUNS.has(noun![1]!.toLowerCase())
        ? 'f'
        : 'm';
    const known = genders.get(m.entity);
    genders.set(m.entity, known === undefined || known === g ? g : null);
  }
  genderCache.set(mentions, genders);
  return genders;
}

/** Words that mean the phrase before a name is no subject ("Police arrested …", "the call to …"). */
const NOT_BEFORE_SUBJECT =
  /(?:^|\s)(?:\p{Ll}+(?:ed|ing)|of|by|to|for|with|from|in|on|at|as|than|against|about|told|tells|says|said|is|was|has|had|and|or|that)\s/u;

/** Whether the mention (or pronoun) at [start, end) opens its sentence as its subject (after one opening phrase). */
function personSubject(text: string, sentence: number, start: number, end: number): boolean {
  const prefix = text.slice(sentence, start);
  const comma = prefix.indexOf(',');
  const rest = comma >= 0 ? prefix.slice(comma + 1) : prefix;
  if (rest.length > 60 || NOT_BEFORE_SUBJECT.test(` ${rest}`)) return false;
  // "Okafor's aide said": the name is not the head.
  return !/^['’]s?\s/u.test(text.slice(end, end + 3));
}

/**
 * The sentence opens with a name the entities layer does not know ("Carlineo faces …", with
 * "Carlineo" written capitalised inside other sentences too): a pronoun after it most likely
 * stands for that person, whom no entity names.
 */
const FIRST_WORD = /^[\s"“‘'(]*(?:[^,]{0,40},\s*)?([\p{Lu}][\p{L}’'-]+)\s+\p{Ll}/u;
function unknownNameSubject(
  text: string,
  sentence: number,
  to: number,
  mentions: readonly Mention[],
): boolean {
  const m = FIRST_WORD.exec(text.slice(sentence, Math.min(to, sentence + 80)));
  if (!m) return false;
  const word = m[1]!;
  const wordStart = text.indexOf(word, sentence + m.index);
  if (mentions.some((x) => x.start <= wordStart && wordStart < x.end)) return false;
  let names = nameCache.get(mentions);
  if (!names) {
    names = new Map();
    nameCache.set(mentions, names);
  }
  let known = names.get(word);
  if (known === undefined) {
    known = writtenAsName(text, word);
    names.set(word, known);
  }
  return known;
}

/** Whether `word` is a name by how the text writes it (unknownNameSubject), kept for the mentions array. */
const nameCache = new WeakMap<readonly Mention[], Map<string, boolean>>();
function writtenAsName(text: string, word: string): boolean {
  // Written capitalised after a lower-case word elsewhere, and never in lower case: a name, not a
  // capitalised common word ("The", "Police", "Sentencing").
  if (wholeWordAt(text, word.toLowerCase(), () => true)) return false;
  return wholeWordAt(text, word, (at) => {
    let k = at - 1;
    while (k >= 0 && /\s/u.test(text[k]!)) k--;
    if (k === at - 1) return false;
    if (text[k] === ',') k--;
    return k >= 0 && /\p{Ll}/u.test(text[k]!);
  });
}

const LETTER = /\p{L}/u;
/** Whether `word` occurs in `text` as a whole word at a place `where` accepts. */
function wholeWordAt(text: string, word: string, where: (at: number) => boolean): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (at > 0 && LETTER.test(text[at - 1]!)) continue;
    const after = text[at + word.length];
    if (after !== undefined && LETTER.test(after)) continue;
    if (where(at)) return true;
  }
  return false;
}

/** Index of the first mention starting at or after `pos` (mentions are in text order). */
/**
 * Whether a mention ending at `pos` lies inside a quotation that closes before `to` (the pronoun,
 * or the end of the sentence read): an odd number of straight double marks between them, or more
 * curly closings than openings. Counted forwards, so that a sentence cut inside a quotation does
 * not matter. A person named in the quoted words ("“Heads needed to roll the day Jeffrey Epstein
 * died,” he said") is whom the speaker talks about, not the speaker.
 */
function quotedAt(text: string, pos: number, to: number): boolean {
  let straight = 0;
  let close = 0;
  for (let i = text.indexOf('"', pos); i >= 0 && i < to; i = text.indexOf('"', i + 1)) straight++;
  for (let i = text.indexOf('\u201d', pos); i >= 0 && i < to; i = text.indexOf('\u201d', i + 1)) close++;
  if (close)
    for (let i = text.indexOf('\u201c', pos); i >= 0 && i < to; i = text.indexOf('\u201c', i + 1)) close--;
  return straight % 2 === 1 || close > 0;
}

function firstFrom(mentions: readonly Mention[], pos: number): number {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid]!.start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * "he"/"she" at `at`: the person the story is about at that point. The pronoun's own sentence
 * before it, then up to three sentences back; in each, its subject first (a person named there,
 * or the same pronoun, resolved the same way: a person already resolved as "he" stays "he"), then
 * another person named in it. Never a name after the pronoun, never a person the article titles
 * the other way (Mr./Mrs./Ms.), never a person in page furniture (`skipped`: captions and the
 * like). A sentence opened by a name the entities do not know, or by the same pronoun left
 * unresolved, ends the search: the pronoun is that unknown person, and a wrong speaker is worse
 * than an unnamed one.
 */
function resolvePerson(
  text: string,
  at: number,
  gender: Gender,
  mentions: readonly Mention[],
  entities: readonly Entity[],
  skipped: readonly Span[],
  depth: number,
): number | undefined {
  const genders = gendersOf(text, mentions, entities);
  const fits = (m: Mention) =>
    entities[m.entity]!.type === 'PER' && (genders.get(m.entity) ?? gender) === gender;
  const word = gender === 'm' ? /\b[Hh]e\b/u : /\b[Ss]he\b/u;
  // A sentence start inside a name ("Thomas R. Vance") is no start: read back to the name's own.
  const startOf = (pos: number, floor: number) => {
    let st = sentenceStart(text, pos, floor);
    for (let i = firstFrom(mentions, st) - 1; i >= 0 && st - mentions[i]!.start < 200; i--) {
      const m = mentions[i]!;
      if (m.start < st && m.end > st) st = sentenceStart(text, m.start, floor);
    }
    return st;
  };
  let end = at;
  let start = startOf(at, 0);
  for (let back = 0; back <= SENTENCES_BACK; back++) {
    if (!skipped.some((k) => k.start <= start && start < k.end)) {
      let subject: Mention | undefined;
      let other: Mention | undefined;
      for (let i = firstFrom(mentions, start); i < mentions.length; i++) {
        const m = mentions[i]!;
        if (m.end > end) break;
        if (!fits(m) || quotedAt(text, m.end, end)) continue;
        if (!subject && personSubject(text, start, m.start, m.end)) subject = m;
        other = m;
      }
      if (subject) return subject.entity;
      // The same pronoun as the sentence's subject: the chain goes on through it.
      const found = word.exec(text.slice(start, end));
      const p = found ? start + found.index : -1;
      if (found && personSubject(text, start, p, p + found[0].length)) {
        if (back === 0 && p === at) {
          // the pronoun itself opens this sentence: read on backwards
        } else {
          return depth > 0
            ? resolvePerson(text, p, gender, mentions, entities, skipped, depth - 1)
            : undefined;
        }
      } else if (unknownNameSubject(text, start, end, mentions)) return undefined;
      if (other) return other.entity;
    }
    // Back over the blanks and line breaks between the sentences.
    let e = start;
    while (e > 0 && /\s/u.test(text[e - 1]!)) e--;
    if (e === 0) break;
    end = e;
    start = startOf(e, Math.max(0, e - 2000));
  }
  return undefined;
}

/** The entity index a source phrase refers to, or undefined. */
export function resolveSpeaker(
  text: string,
  span: Span,
  mentions: readonly Mention[],
  entities: readonly Entity[],
  skipped: readonly Span[] = [],
): number | undefined {
  const inside = entityInside(text, span, mentions, entities);
  if (inside !== undefined) return inside;
  const word = text.slice(span.start, span.end).toLowerCase();
  const relative = RELATIVE_PRONOUN_TYPES[word];
  if (relative) return resolveRelative(text, span, mentions, entities, relative);
  const types = PERSONAL_PRONOUN_TYPES[word];
  if (!types) return undefined;
  if (word === 'it' || word === 'its') return resolveIt(text, span, mentions, entities, types);
  const gender = PRONOUN_GENDER[word];
  if (gender) return resolvePerson(text, span.start, gender, mentions, entities, skipped, PRONOUN_DEPTH);
  let best: Mention | undefined;
  for (const m of mentions) {
    if (m.end > span.start) break;
    if (types.includes(entities[m.entity]!.type)) best = m;
  }
  return best?.entity;
}
