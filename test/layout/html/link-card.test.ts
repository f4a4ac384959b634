import { describe, expect, it } from 'vitest';
import { digest } from '../../../src/digest.js';
import { renderHtml } from '../../../src/layout/html/render.js';
import { textsOfKind } from '../helpers.js';

/** A person's name with the card a site shows on hover: full name, latest stories, "MORE". */
const card = (name: string, full: string) =>
  `<span class="person"><a href="/people/x">${name}</a><span class="card"><span><img src="x.jpg" alt=""><a class="name" href="/people/x">${full}</a><a href="/a">Harbour board names new chair</a> <a href="/b">Ferry fares frozen for a year</a> <a href="/more">MORE</a></span></span></span>`;

describe('link cards inside a line of prose', () => {
  it('cuts a hover card of links from the sentence and keeps the name', () => {
    const page = renderHtml(
      `<article><p>Harbour master ${card('Ines Moreau', 'Inès Claire Moreau')} (Ind.) said the lock gates would be repainted in May.</p></article>`,
    );
    expect(page.text).toBe(
      'Harbour master Ines Moreau (Ind.) said the lock gates would be repainted in May.',
    );
    expect(page.blocks[0]!.linkShare).toBeCloseTo('Ines Moreau'.length / page.text.length, 1);
  });

  it('keeps the card out of the story and its highlights', async () => {
    const a = await digest({
      html: `<html><body><article><h1>Lock gates to be repainted</h1><p>Harbour master ${card('Ines Moreau', 'Inès Claire Moreau')} said on Monday that the lock gates would be repainted in May, the first time in twenty years.</p><p>The work will close the canal to boats for a fortnight, the harbour board said.</p></article></body></html>`,
    });
    const body = textsOfKind(a, 'paragraph').join('\n');
    expect(body).toContain('Harbour master Ines Moreau said on Monday');
    expect(body).not.toContain('MORE');
    expect(body).not.toContain('Ferry fares frozen');
  });

  it('keeps links with words between them, and a line made only of links', () => {
    const prose = renderHtml(
      '<p>The plan was backed by <span><a href="/a">Ana Costa</a>, <a href="/b">Raymond Teague</a> and <a href="/c">Ellen Marsh</a></span> at the meeting.</p>',
    );
    expect(prose.text).toBe(
      'The plan was backed by Ana Costa, Raymond Teague and Ellen Marsh at the meeting.',
    );
    const menu = renderHtml(
      '<div><span><a href="/a">News</a> <a href="/b">Sport</a> <a href="/c">Weather</a></span></div>',
    );
    expect(menu.text).toBe('News Sport Weather');
  });

  it('keeps two links in a row inside a sentence', () => {
    const page = renderHtml(
      '<p>See the <span><a href="/a">timetable</a> <a href="/b">map</a></span> for the new stops.</p>',
    );
    expect(page.text).toBe('See the timetable map for the new stops.');
  });
});
