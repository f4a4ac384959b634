import { describe, expect, it } from 'vitest';
import { bodyText } from '../../src/article/render.js';
import { digest } from '../../src/digest.js';
import { fixture, kindsOf, textsOfKind } from './helpers.js';

describe('text dumps: line classification', () => {
  it('finds the story among a whole page of menu and footer lines', async () => {
    const a = await digest({ text: fixture('text-dump.txt') });
    expect(textsOfKind(a, 'title')).toEqual(['Bakery chain to open forty shops in the north']);
    expect(textsOfKind(a, 'byline')).toEqual(['By Lena Hartmann', 'March 2, 2026']);
    expect(textsOfKind(a, 'subheading')).toEqual(['Where the new shops will be']);
    expect(textsOfKind(a, 'related')).toContain('Read more: Bread prices rise for third year running');
    expect(textsOfKind(a, 'credit')).toEqual(['Lena Hartmann contributed to this report.']);
    const body = bodyText(a);
    expect(body).toMatch(/^The Hartmann bakery chain plans/);
    expect(body).toMatch(/according to plans filed with the regional business register\.$/);
    for (const chrome of ['Subscribe', 'Most read', 'Council tax', 'Privacy policy', '©'])
      expect(body).not.toContain(chrome);
  });

  it('reads the CNN page furniture: caption, highlights, dateline, related links, subheading, credit', async () => {
    const text = [
      'A ferry leaves the terminal at Kelby in heavy rain.',
      'Story highlights',
      'The ferry operator will cut winter sailings by a third',
      'Islanders say the cuts will hurt schools and clinics',
      'CNN  —',
      'The operator of the Kelby island ferry said Wednesday it would cut winter sailings by a third, blaming a shortage of crew, in a move islanders said would leave them cut off.',
      'What to know about the island ferry dispute',
      'The company said it had failed to recruit enough licensed officers this year, despite raising wages twice, and that it could not run a full timetable safely.',
      'Reaction on the island',
      'The island council said it would ask the regional government to step in and pay for extra crossings during the school term, when most families travel.',
      'CNN’s Ruth Calder contributed to this report.',
    ].join('\n\n');
    const a = await digest({ text });
    expect(kindsOf(a).map(([k]) => k)).toEqual([
      'caption',
      'highlight',
      'highlight',
      'highlight',
      'dateline',
      'paragraph',
      'related',
      'paragraph',
      'subheading',
      'paragraph',
      'credit',
    ]);
    expect(a.meta?.publisher).toBe('CNN');
    expect(a.meta?.contributors).toEqual(['Ruth Calder']);
  });

  it('recognises the CNN/DM release furniture as byline and dateline, cased and lowercased', async () => {
    const dm = await digest({ text: fixture('cnndm-style.txt') });
    expect(kindsOf(dm)[0]).toEqual([
      'byline',
      'by . nadia brook . published : 09:12 est , 14 march 2014 . | . updated : 11:47 est , 14 march 2014 .',
    ]);
    expect(bodyText(dm)).toMatch(/^a river in the east of the county/);
    expect(dm.meta?.authors).toEqual(['nadia brook']);

    const cnn = await digest({ text: fixture('cnn-lower.txt') });
    expect(kindsOf(cnn)[0]).toEqual(['dateline', '( cnn ) --']);
    expect(bodyText(cnn)).toMatch(/^the mayor of a small town/);

    const cased = await digest({
      text: 'LONDON, England (CNN) -- The mayor of a small town resigned on Tuesday after a dispute over the budget, officials said.',
    });
    expect(kindsOf(cased)[0]).toEqual(['dateline', 'LONDON, England (CNN) --']);
    expect(cased.meta?.dateline).toBe('LONDON, England');
    expect(cased.meta?.publisher).toBe('CNN');

    const dmCased = await digest({
      text: 'By . Nadia Brook . PUBLISHED : 09:12 EST , 14 March 2014 . | . UPDATED : 11:47 EST , 14 March 2014 . A river in the east of the county burst its banks on Friday, flooding more than 200 homes.',
    });
    expect(kindsOf(dmCased)[0]?.[0]).toBe('byline');
    expect(bodyText(dmCased)).toMatch(/^A river in the east/);
  });

  it("takes a short post, not the longer thread of readers' replies under it", async () => {
    const reply =
      'I read the whole report twice and I still think the committee has not answered the question about the cost of the new timetable, which matters to everyone here.';
    const text = [
      'Home',
      'About',
      'Open thread for the spring quarter',
      'This is our quarterly open thread: ask us anything about our research, our grants or the way we pick the charities we recommend, and we will answer below.',
      '14 comments',
      'Mira Voss on March 3, 2026 at 9:12 am said:',
      reply,
      reply.replace('twice', 'three times'),
      reply.replace('everyone', 'every family'),
      'Tom Erling on March 4, 2026 at 4:40 pm said:',
      reply.replace('committee', 'board'),
      reply.replace('question', 'first question'),
      'Leave a reply',
    ].join('\n\n');
    const body = bodyText(await digest({ text }));
    expect(body).toMatch(/^This is our quarterly open thread/);
    expect(body).not.toContain('committee');
  });
});
