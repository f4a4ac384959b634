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
 * in the head, then the last mention at all. Mentions of whom a role belongs to are
 * skipped ("lawyers for Acme", "Mr Blair's spokesman").
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

/** The entity index a source phrase refers to, or undefined. */
export function resolveSpeaker(
  text: string,
  span: Span,
  mentions: readonly Mention[],
  entities: readonly Entity[],
): number | undefined {
  const inside = entityInside(text, span, mentions, entities);
  if (inside !== undefined) return inside;
  const word = text.slice(span.start, span.end).toLowerCase();
  const relative = RELATIVE_PRONOUN_TYPES[word];
  if (relative) return resolveRelative(text, span, mentions, entities, relative);
  const types = PERSONAL_PRONOUN_TYPES[word];
  if (!types) return undefined;
  if (word === 'it' || word === 'its') return resolveIt(text, span, mentions, entities, types);
  let best: Mention | undefined;
  for (const m of mentions) {
    if (m.end > span.start) break;
    if (types.includes(entities[m.entity]!.type)) best = m;
  }
  return best?.entity;
}
