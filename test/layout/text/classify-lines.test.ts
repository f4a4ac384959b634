import { describe, expect, it } from 'vitest';
import { classifyTextLines, DEFAULT_TEXT_PARAMS } from '../../../src/layout/text/classify-lines.js';
import { LINE_FEATURE_NAMES } from '../../../src/layout/text/line-features.js';
import type { LineModel } from '../../../src/layout/text/line-model.js';
import { fixture } from '../helpers.js';

/** A model without trees: every line gets its side of the rules' run's base log-odds. */
const flat = (inRun: number, outside: number): LineModel => ({
  kind: 'gbdt-lines',
  features: [...LINE_FEATURE_NAMES],
  baseInRun: inRun,
  baseOutside: outside,
  trees: [],
  threshold: 0.5,
  switchCost: 20,
});

const kinds = (text: string, model: LineModel | null) =>
  classifyTextLines(text, { ...DEFAULT_TEXT_PARAMS, model }).map((l) => [l.kind, text.slice(l.start, l.end)]);
const story = (text: string, model: LineModel | null) =>
  kinds(text, model)
    .filter(([k]) => k === 'paragraph' || k === 'subheading' || k === 'list')
    .map(([, t]) => t);

describe('text path: the line model and the rules', () => {
  const page = fixture('text-dump.txt'); // a whole page: menus, story, footer (23 lines)

  it('takes the story the model decodes on a whole page', () => {
    const everything = story(page, flat(5, 5));
    // Lines named by wording keep their kinds; the rest follows the model.
    expect(everything).toContain('News');
    expect(everything).toContain('Terms of use');
    const rules = story(page, null);
    expect(rules).not.toContain('News');
    expect(story(page, flat(3, -3))).toEqual(rules);
  });

  it("falls back to the rules' run when the model finds no story at all", () => {
    expect(story(page, flat(-5, -5))).toEqual(story(page, null));
    expect(story(page, null).length).toBeGreaterThan(3);
  });

  it('leaves short texts to the rules', () => {
    const short = [
      'Council approves new bridge',
      'The town council voted on Tuesday to build a footbridge over the river, ending a ten-year dispute over the crossing.',
      'Work will start in the spring and should take eighteen months, the council said in a statement.',
      'Share this',
    ].join('\n\n');
    expect(kinds(short, flat(5, 5))).toEqual(kinds(short, null));
  });

  it('never takes readers comments as story, whatever the model says', () => {
    const post =
      'This is our open thread for the season: ask us anything about the research or the grants, and we will answer every question below.';
    const reply =
      'I read the report twice and still think the committee has not answered the question about the cost, which matters to all of us here.';
    const lines = ['Home', 'About', 'Blog', 'Open thread', post, '3 comments'];
    for (let i = 0; i < 12; i++) lines.push(`Reader ${i} on March ${i + 1}, 2026 at 9:12 am said:`, reply);
    const text = lines.join('\n\n');
    const s = story(text, flat(5, 5));
    expect(s).toContain(post);
    expect(s).not.toContain(reply);
  });

  it('reads a bare "Comments" share button above the story as a button, not the start of a thread', () => {
    const standfirst =
      'A small river town spent ten years arguing about a bridge, and the vote that ended it took less than an hour.';
    const paragraphs = [
      'The council met on Tuesday evening in the old school hall, where the plans had hung on the wall since the spring.',
      'Nine members voted for the footbridge and two against it, after a short debate about the cost of the steel.',
      'The engineers expect the work to start in March and to take eighteen months, with the towpath closed for six.',
      'Residents who had campaigned for the crossing gathered outside and cheered when the result was read to them.',
      'The mayor said the town had waited long enough and thanked the families who had kept the campaign going.',
    ];
    const lines = ['Home', 'News', 'Sport', 'Weather', 'Bridge vote ends ten-year dispute', standfirst];
    lines.push(
      'By Jo Smith',
      'Tweet',
      'Share',
      'Comments',
      'Print',
      ...paragraphs,
      'About us',
      'Contact',
      'Terms of use',
    );
    const text = lines.join('\n\n');
    for (const model of [null, flat(3, -3)]) {
      const s = story(text, model);
      for (const p of paragraphs) expect(s).toContain(p);
    }
    // After a story, the same bare word does open the thread.
    const thread = [
      ...lines.slice(0, 6),
      ...paragraphs,
      'Comments',
      'Sam on May 2, 2026 at 8:01 am said:',
      paragraphs[0]!,
    ];
    expect(story(thread.join('\n\n'), null)).toEqual([standfirst, ...paragraphs]);
  });
});

describe('text path: the ends of the story', () => {
  const menu = ['Home', 'News', 'Sport', 'Weather', 'Markets', 'Deals'];
  const footer = ['Privacy policy', 'Terms of use', 'Contact us', 'About us'];
  const paragraphs = [
    'The harbour reopened on Monday after a week of repairs to the quay wall, the port authority said in a statement.',
    'Ferries will run a reduced timetable until Friday, when the last of the damaged moorings should be replaced.',
    'Fishing crews said the closure had cost them a week of catches at the busiest time of the year for the market.',
  ];

  it('leaves a call to action at either end of the story out of the body, and keeps one inside it', () => {
    const before =
      'Let our news meet your inbox. The stories that matter, delivered to your inbox every morning.';
    const after =
      'Enjoyed this? Sign up for our free daily newsletter and never miss a story from the harbour.';
    const inside =
      'Harbour users can sign up for text alerts about sailings, and the authority says most crews already have.';
    const text = [
      ...menu,
      before,
      paragraphs[0]!,
      inside,
      paragraphs[1]!,
      paragraphs[2]!,
      after,
      ...footer,
    ].join('\n\n');
    for (const model of [null, flat(3, -3)]) {
      const s = story(text, model);
      expect(s).toEqual([paragraphs[0], inside, paragraphs[1], paragraphs[2]]);
    }
  });

  it('takes the list a story announces with a colon as list items, up to the next named line', () => {
    const leadIn =
      'We went through hundreds of discounts this week to find the kitchen gadgets that are really worth having:';
    const items = [
      '1) A stand mixer with a glass bowl',
      '2) A cast iron pan, 26 cm',
      '3) A set of four chef knives',
    ];
    const text = [
      ...menu,
      'Best kitchen deals this week',
      ...paragraphs,
      leadIn,
      ...items,
      'Related stories',
      'Ten recipes for a rainy day',
      ...footer,
    ].join('\n\n');
    // The model here calls every line outside the rules' run furniture, the one-line items included.
    for (const model of [null, flat(3, -3)]) {
      const s = story(text, model);
      expect(s).toEqual([...paragraphs, leadIn, ...items]);
      const listed = kinds(text, model).filter(([k]) => k === 'list');
      expect(listed.map(([, t]) => t)).toEqual(items);
    }
    // Without the colon the items are not announced, and stay out.
    const plain = text.replace(leadIn, leadIn.replace(/:$/, '.'));
    expect(story(plain, flat(3, -3))).toEqual([...paragraphs, leadIn.replace(/:$/, '.')]);
  });
});

describe('text path: a short text with no line of ten words', () => {
  it('keeps two short paragraphs as the story, not as a page without one', () => {
    const text =
      'The mayor said the bridge would open in May.\n\nThe council will vote on the budget next week.\n';
    expect(story(text, null)).toEqual([
      'The mayor said the bridge would open in May.',
      'The council will vote on the budget next week.',
    ]);
  });

  it('still finds no story in a few lines of menu words and link titles', () => {
    const text = 'Home\nNews\nSport\nWeather\nSign in to your account\nContact us\n';
    expect(story(text, null)).toEqual([]);
  });
});
