import { describe, expect, it } from 'vitest';
import type { Span } from '../../src/article/types.js';
import { shippedLexicon } from '../../src/quotes/cue-lexicon.js';
import { tokenTable } from '../../src/quotes/extract-attributions.js';
import {
  allowed,
  decode,
  decodingUnits,
  goldLabels,
  JOINT_BUCKETS,
  JOINT_LABELS,
  type JointModel,
  joinedContents,
  jointFeatures,
  NL,
  runsOf,
  spanOf,
  tagDoc,
} from '../../src/quotes/joint-tagger.js';
import { type JointSequence, trainJoint } from '../../src/quotes/joint-train.js';
import { findQuoteRegions } from '../../src/quotes/quote-marks.js';
import { sentenceSpans } from '../../src/text/sentences.js';

function docOf(text: string) {
  const regions = findQuoteRegions(text);
  const table = tokenTable(text, regions);
  return { table, doc: jointFeatures(table, sentenceSpans(text), regions, shippedLexicon()) };
}

/** The span of the n-th occurrence (from 0) of `part` in `text`. */
function at(text: string, part: string, n = 0): Span {
  let i = -1;
  for (let k = 0; k <= n; k++) i = text.indexOf(part, i + 1);
  if (i < 0) throw new Error(`${part} not in ${text}`);
  return { start: i, end: i + part.length };
}

const words = (table: ReturnType<typeof docOf>['table'], labels: Uint8Array) =>
  Array.from(labels, (y, i) => `${table.lower[i]}/${JOINT_LABELS[y]}`);

describe('joint tagger: gold labels', () => {
  it('labels source, cue and content, the cue and source inside a content with gaps taking their own labels', () => {
    const text = '“We will win,” Smith said, “and soon.”';
    const { table } = docOf(text);
    const labels = goldLabels(table, [
      { content: { start: 0, end: text.length }, source: at(text, 'Smith'), cue: at(text, 'said') },
    ]);
    const out = words(table, labels);
    expect(out).toContain('smith/B-SOURCE');
    expect(out).toContain('said/B-CUE');
    expect(out[0]).toBe('“/B-CONTENT');
    expect(out).toContain('win/I-CONTENT');
    // The second part of the content starts a run of its own right after the cue (at its comma).
    const said = table.lower.indexOf('said');
    expect(JOINT_LABELS[labels[said + 1]!]).toBe('B-CONTENT');
    expect(JOINT_LABELS[labels[table.lower.indexOf('and')]!]).toBe('I-CONTENT');
    // Joined back, the two runs are the one content gold gives (the range covering its parts).
    const joined = joinedContents(labels, table);
    expect(joined).toHaveLength(1);
    expect(spanOf(table, joined[0]![0], joined[0]![1])).toEqual({ start: 0, end: text.length });
    expect(runsOf(labels, 3)).toHaveLength(2);
  });
});

describe('joint tagger: decoding', () => {
  it('never puts an I after anything but its own B or I, whatever the weights', () => {
    const text =
      'Officials said on Monday that the bridge would reopen. “It is safe,” the mayor told reporters.';
    const { doc } = docOf(text);
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff - 0.5;
    };
    const model: JointModel = {
      weights: Float32Array.from({ length: JOINT_BUCKETS * NL }, () => 0),
      transitions: Float32Array.from({ length: (NL + 1) * NL }, () => random() * 4),
    };
    // Random weights on the buckets the text uses only.
    for (const k of doc.feats) for (let y = 0; y < NL; y++) model.weights[k + y] = random() * 3;
    const labels = tagDoc(model, doc, 'article');
    for (let i = 0; i < labels.length; i++) expect(allowed(i ? labels[i - 1]! : NL, labels[i]!)).toBe(true);
  });

  it('gives every token a max-marginal whose best label is the Viterbi path’s, at the path’s score', () => {
    const text = 'The senator said the plan was dead. Aides disagreed.';
    const { doc } = docOf(text);
    const model: JointModel = {
      weights: new Float32Array(JOINT_BUCKETS * NL),
      transitions: new Float32Array((NL + 1) * NL),
    };
    let s = 1;
    for (const k of doc.feats)
      for (let y = 0; y < NL; y++) {
        s = (s * 48271) % 2147483647;
        model.weights[k + y] = (s % 100) / 50 - 1;
      }
    const [[from, to]] = decodingUnits(doc, 'article') as [[number, number]];
    const labels = new Uint8Array(doc.n);
    const margins = new Float64Array(doc.n * NL);
    decode(model, doc, from, to, labels, margins);
    const best = Math.max(...margins.subarray(0, NL));
    for (let i = 0; i < doc.n; i++) {
      const row = Array.from(margins.subarray(i * NL, (i + 1) * NL));
      // The same best score at every token (the best path's), reached by the path's own label.
      expect(Math.max(...row)).toBeCloseTo(best, 6);
      expect(row[labels[i]!]).toBeCloseTo(best, 6);
    }
  });
});

/** Articles written for this test: reported speech where a speech verb inside the content is no cue. */
const NAMES = ['Lee', 'Garcia', 'Novak', 'Okafor', 'Brennan', 'Ito', 'Schmidt', 'Moreau', 'Patel', 'Silva'];
const THINGS = ['the plan', 'the bill', 'the budget', 'the merger', 'the treaty', 'the proposal'];
const CRITICS = ['critics', 'economists', 'unions', 'rivals', 'analysts'];
const OUTCOMES = ['would pass', 'was doomed', 'would fail', 'had stalled', 'was popular'];

function example(i: number): { text: string; attributions: { source?: Span; cue?: Span; content?: Span }[] } {
  const name = NAMES[i % NAMES.length]!;
  const thing = THINGS[(i * 7) % THINGS.length]!;
  const critics = CRITICS[(i * 3) % CRITICS.length]!;
  const outcome = OUTCOMES[(i * 5) % OUTCOMES.length]!;
  const content = `${thing}, which ${critics} said was costly, ${outcome}`;
  const text = `${name} said ${content}.\n\n“We are ready,” ${name} told reporters.`;
  return {
    text,
    attributions: [
      { source: at(text, name), cue: at(text, 'said'), content: at(text, content) },
      { source: at(text, name, 1), cue: at(text, 'told'), content: at(text, '“We are ready,”') },
    ],
  };
}

describe('joint tagger: training', () => {
  it('learns written examples: a speech verb inside another attribution’s content is content, not a cue', () => {
    const seqs: JointSequence[] = [];
    for (let i = 0; i < 40; i++) {
      const e = example(i);
      const { table, doc } = docOf(e.text);
      const gold = goldLabels(table, e.attributions);
      for (const [from, to] of decodingUnits(doc, 'paragraph')) seqs.push({ doc, gold, from, to });
    }
    const model = trainJoint(seqs, 6, 0);
    const text =
      'Harris said the ruling, which lawyers said was flawed, would stand.\n\n“It is over,” Harris told reporters.';
    const { table, doc } = docOf(text);
    const labels = tagDoc(model, doc, 'paragraph');
    const cues = runsOf(labels, 2).map(([a, b]) => table.lower.slice(a, b).join(' '));
    expect(cues).toEqual(['said', 'told']);
    const inner = table.lower.indexOf('said', table.lower.indexOf('lawyers'));
    expect(JOINT_LABELS[labels[inner]!]).toBe('I-CONTENT');
    const sources = runsOf(labels, 1).map(([a, b]) => table.lower.slice(a, b).join(' '));
    expect(sources).toEqual(['harris', 'harris']);
  });
});
