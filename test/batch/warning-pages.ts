/**
 * A folder of two HTML pages written for the ingest-warnings tests: a site's front page that is
 * only navigation (no story: its Article carries E_NO_ARTICLE) and a story page (no warning).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const FRONT_PAGE = `<!doctype html>
<html><head><title>Harbour Gazette — Home</title></head>
<body>
<nav><ul>
<li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/business">Business</a></li><li><a href="/weather">Weather</a></li>
<li><a href="/contact">Contact us</a></li>
</ul></nav>
<footer><a href="/privacy">Privacy</a> · <a href="/terms">Terms</a></footer>
</body></html>
`;

export const STORY_PAGE = `<!doctype html>
<html><head><title>Ferry timetable changes from Monday</title></head>
<body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>Ferry timetable changes from Monday</h1>
<p>The harbour ferry will run every twenty minutes from Monday, the operator said on Tuesday, after a month of complaints about crowded morning crossings.</p>
<p>"We have listened to the people who use the boat every day," said Ines Marlow, the operator's director. The later evening sailings will stay as they are.</p>
<p>The council, which pays part of the cost, agreed to the change at its meeting last week. Fares will not rise this year.</p>
</article>
</body></html>
`;

/** A new temporary folder `pages/` holding front.html and story.html; returns its parent and the folder. */
export function warningPages(): { dir: string; pages: string; front: string; story: string } {
  const dir = mkdtempSync(join(tmpdir(), 'nd-ingest-warn-'));
  const pages = join(dir, 'pages');
  mkdirSync(pages);
  const front = join(pages, 'front.html');
  const story = join(pages, 'story.html');
  writeFileSync(front, FRONT_PAGE);
  writeFileSync(story, STORY_PAGE);
  return { dir, pages, front, story };
}
