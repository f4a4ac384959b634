/** Entities and speaker resolution over literal texts, for the speaker tests. */
import type { Entity, EntityType } from '../../src/article/types.js';
import { mentionIndex, resolveSpeaker } from '../../src/quotes/resolve-speakers.js';

/** Entities for `text`, each named by a literal that occurs in it (every occurrence is a mention). */
export function entitiesOf(text: string, named: ReadonlyArray<[string, EntityType]>): Entity[] {
  return named.map(([name, type], i) => {
    const mentions = [];
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
      mentions.push({ start: at, end: at + name.length });
    }
    return { id: `e${i}`, type, name, aliases: [], mentions };
  });
}

/** The name of the entity the phrase `phrase` (its `nth` occurrence in `text`, from 0) resolves to. */
export function speakerOf(
  text: string,
  phrase: string,
  named: ReadonlyArray<[string, EntityType]>,
  nth = 0,
): string | undefined {
  const entities = entitiesOf(text, named);
  let start = text.indexOf(phrase);
  for (let i = 0; i < nth; i++) start = text.indexOf(phrase, start + 1);
  const i = resolveSpeaker(
    text,
    { start, end: start + phrase.length },
    mentionIndex(text, entities),
    entities,
  );
  return i === undefined ? undefined : entities[i]!.name;
}
