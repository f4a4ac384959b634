import { describe, expect, it } from 'vitest';
import { bodyText } from '../../../src/article/render.js';
import { digest } from '../../../src/digest.js';

// A story whose text sits loose in its column beside a title paragraph and a date line (no <p> around
// it), and a plain footer div holding one address line with commas: the footer must not win.
const LOOSE_STORY = `<html><body>
<div class="top"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/contact">Contact</a></li></ul></div>
<div class="wrap"><div class="box"><div class="inner"><div class="row">
  <div class="col-4"><ul>
    <li><a href="/archive/january">Archive: January 2019</a></li><li><a href="/archive/february">Archive: February 2019</a></li><li><a href="/archive/march">Archive: March 2019</a></li><li><a href="/archive/april">Archive: April 2019</a></li><li><a href="/archive/may">Archive: May 2019</a></li><li><a href="/archive/june">Archive: June 2019</a></li><li><a href="/archive/july">Archive: July 2019</a></li><li><a href="/archive/august">Archive: August 2019</a></li><li><a href="/archive/september">Archive: September 2019</a></li><li><a href="/archive/october">Archive: October 2019</a></li><li><a href="/archive/november">Archive: November 2019</a></li><li><a href="/archive/december">Archive: December 2019</a></li>
  </ul></div>
  <div class="col-8">
    <p class="headline">Library opens its doors on Sundays</p>
    <small><b>03/02/2019</b> - Posted by: Ana Pereira</small><br><br>
    <img src="/library.jpg" alt="">The town library will open on Sunday afternoons from next month, the council said on Tuesday. Staff, who asked for the change, will work in two shifts, and the reading room, the children's corner and the archive will stay open until six.
    <div class="share"><a href="/s1">Facebook</a> <a href="/s2">Twitter</a></div>
  </div>
</div></div></div></div>
<div class="bottom"><div class="wrap"><div class="box"><div class="inner"><div class="row"><div>Town Hall - Main Square, 12 - Northbridge, 4400 - Post Box 21 - Phone: (044) 2106-8000, (044) 2106-8001</div></div></div></div>
</body></html>`;

describe('HTML main content: loose text beside other blocks', () => {
  it('credits story prose held loose in a column to that column, not to its grandparent', async () => {
    const a = await digest({ html: LOOSE_STORY });
    const body = bodyText(a);
    expect(body).toContain('The town library will open on Sunday afternoons');
    expect(body).toContain('will stay open until six.');
    expect(body).not.toContain('Town Hall');
    expect(body).not.toContain('Archive');
  });
});
