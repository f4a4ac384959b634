/** A story whose one speaker says, believes, wants, sees and pledges, and a report as evidence (written for the project). */
import { SCHEMA_VERSION } from '../../src/article/schema.js';
import type { Article, Quote } from '../../src/article/types.js';

export const TEXT = [
  'Harbour vote',
  'The quay will reopen in May, Mayor Ana Costa said.',
  'Costa believes the ferry will return.',
  'Costa wants a second pier.',
  'Costa saw the old pier fall.',
  'Costa pledged to reopen it by June.',
  'Half the boats have left, according to a report by the harbour board.',
].join('\n\n');

/** A quote of TEXT by its content, cue and speaker words (each the first occurrence after the last). */
function quote(
  kind: Quote['kind'],
  content: string,
  cue: string,
  speaker: string,
  mode?: Quote['mode'],
): Quote {
  const start = TEXT.indexOf(content);
  const cueStart = TEXT.indexOf(cue, start - 80);
  const spk = TEXT.indexOf(speaker, start - 80);
  return {
    kind,
    ...(mode ? { mode } : {}),
    start,
    end: start + content.length,
    cue: { start: cueStart, end: cueStart + cue.length },
    speaker: { start: spk, end: spk + speaker.length },
  };
}

/** The Article as a 1.1 quotes stage wrote it, or (`withModes` false) as one written before Quote.mode. */
export function harbourArticle(withModes: boolean): Article {
  const m = <T extends Quote['mode']>(mode: T) => (withModes ? mode : undefined);
  return {
    schemaVersion: SCHEMA_VERSION,
    id: 'harbour-vote',
    text: TEXT,
    source: { format: 'text' },
    quotes: [
      quote('reported', 'The quay will reopen in May', 'said', 'Mayor Ana Costa', m('speech')),
      quote('reported', 'the ferry will return', 'believes', 'Costa', m('belief')),
      quote('reported', 'a second pier', 'wants', 'Costa', m('intention')),
      quote('reported', 'the old pier fall', 'saw', 'Costa', m('perception')),
      quote('reported', 'to reopen it by June', 'pledged', 'Costa', m('intention')),
      quote(
        'according-to',
        'Half the boats have left',
        'according to',
        'a report by the harbour board',
        m('evidence'),
      ),
    ],
  };
}

export const EXPECTED = [
  ['said', 'speech'],
  ['believes', 'belief'],
  ['wants', 'intention'],
  ['saw', 'perception'],
  ['pledged', 'intention'],
  ['according to', 'evidence'],
];
