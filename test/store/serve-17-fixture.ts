/**
 * Serve-17's corpus, written for its tests: 30 short harbour stories. Each names its town and a
 * witness, who is quoted; Zoë Ødegård, the harbour master, speaks in 24 of them and is reported
 * to believe something in the other 6; a few more names carry letters that do not decompose
 * (Ł, Đ, ı, Æ, Þ, ß).
 */
import type { FixtureStory } from './fixture-articles.js';

const TOWNS = ['Kellport', 'Ashford', 'Brindle'];

export const FOLDED_NAMES: { name: string; type: 'PER' | 'ORG'; typed: string }[] = [
  { name: 'Łukasz Wróbel', type: 'PER', typed: 'lukasz wrobel' },
  { name: 'Nikola Đurić', type: 'PER', typed: 'duric' },
  { name: 'Emre Kılıç', type: 'PER', typed: 'kilic' },
  { name: 'Ægir Þórsson', type: 'PER', typed: 'aegir thorsson' },
  { name: 'Großmann Shipping', type: 'ORG', typed: 'grossmann' },
];

export function harbourStories(): FixtureStory[] {
  return Array.from({ length: 30 }, (_, i) => {
    const town = TOWNS[i % 3]!;
    const witness = `Witness ${i}`;
    const believes = i % 5 === 4;
    const extra = i < FOLDED_NAMES.length ? FOLDED_NAMES[i]! : undefined;
    const master = believes
      ? 'Zoë Ødegård believes the harbour wall will hold.'
      : `"The tide was high," said Zoë Ødegård.`;
    const story: FixtureStory = {
      id: `harbour-${i}`,
      title: `${town} harbour report ${i}`,
      publisher: i % 2 === 0 ? 'Straße Zeitung' : 'The Kellport Ledger',
      published: `2026-0${(i % 9) + 1}-${String((i % 28) + 1).padStart(2, '0')}`,
      paragraphs: [
        `A boat came in late at ${town} on Tuesday.`,
        `"It was a long night," said ${witness}.`,
        master,
        ...(extra ? [`${extra.name} was there as well.`] : []),
      ],
      entities: [
        { id: 'e1', type: 'LOC', name: town, aliases: [], mentions: [town] },
        { id: 'e2', type: 'PER', name: witness, aliases: [], mentions: [witness] },
        { id: 'e3', type: 'PER', name: 'Zoë Ødegård', aliases: [], mentions: ['Zoë Ødegård'] },
        ...(extra
          ? [{ id: 'e4', type: extra.type, name: extra.name, aliases: [], mentions: [extra.name] }]
          : []),
      ],
      quotes: [
        { kind: 'direct', content: 'It was a long night,', cue: 'said', speaker: witness, entity: 'e2' },
        believes
          ? {
              kind: 'reported',
              content: 'the harbour wall will hold',
              cue: 'believes',
              speaker: 'Zoë Ødegård',
              entity: 'e3',
            }
          : {
              kind: 'direct',
              content: 'The tide was high,',
              cue: 'said',
              speaker: 'Zoë Ødegård',
              entity: 'e3',
            },
      ],
    };
    return story;
  });
}
