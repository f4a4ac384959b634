/**
 * Speaker resolution: the entity a source phrase names, when the entities layer
 * has one. A phrase resolves to an entity mentioned inside it (see entityInside:
 * a person in the phrase's head first). "he" and "she" resolve to the nearest person mentioned before them,
 * "they" to the nearest organisation (a group) before them. Entities without
 * mentions are found by their name and aliases in the text.
 */
import type { Entity, EntityType, Span } from '../article/types.js';

interface Mention extends Span {
  entity: number;
}

const PRONOUN_TYPES: Record<string, readonly EntityType[]> = {
  he: ['PER'],
  she: ['PER'],
  they: ['ORG'],
};

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
 * The entity a phrase names. A person named in the phrase's head wins (the last one:
 * the head of "Chairman of the Joint Chiefs Gen. Joseph Dunford" comes last); then a
 * person anywhere in it ("Acme's chief executive, Jane Roe"); then the last mention
 * in the head, then the last mention at all.
 */
function entityInside(
  text: string,
  span: Span,
  mentions: readonly Mention[],
  entities: readonly Entity[],
): number | undefined {
  const head = headEnd(text, span);
  let lastInHead: Mention | undefined;
  let personInHead: Mention | undefined;
  let firstPerson: Mention | undefined;
  let last: Mention | undefined;
  for (const m of mentions) {
    if (m.start >= span.end) break;
    if (m.start < span.start || m.end > span.end) continue;
    const person = entities[m.entity]!.type === 'PER';
    last = m;
    if (person && !firstPerson) firstPerson = m;
    if (m.end <= head) {
      lastInHead = m;
      if (person) personInHead = m;
    }
  }
  return (personInHead ?? firstPerson ?? lastInHead ?? last)?.entity;
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
  const types = PRONOUN_TYPES[text.slice(span.start, span.end).toLowerCase()];
  if (!types) return undefined;
  let best: Mention | undefined;
  for (const m of mentions) {
    if (m.end > span.start) break;
    if (types.includes(entities[m.entity]!.type)) best = m;
  }
  return best?.entity;
}
