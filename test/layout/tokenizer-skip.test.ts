import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { installFastSkip } from '../../src/layout/html/tokenizer-skip.js';

const PAGE = [
  '<html><head><style>p > a { color: red } /* < not a tag */</style>',
  '<script>if (a < b && c > d) { x = "</scr" + "ipt>"; }</script>',
  '<!-- a comment with <b>markup</b> --><?xml-ish ?>',
  '</head><body><p class="lead">One &amp; two <a href="/x?a=1&b=2">link</a></p>',
  '<textarea>raw <i>text</i></textarea><title>T</title><div id=x>tail',
].join('');

function events(fast: boolean, chunks: string[]): string[] {
  const out: string[] = [];
  const parser = new Parser(
    {
      onopentag: (name, attribs) => out.push(`<${name} ${JSON.stringify(attribs)}`),
      ontext: (t) => out.push(`"${t}`),
      onclosetag: (name) => out.push(`</${name}`),
      oncomment: (c) => out.push(`!${c}`),
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  const before = (parser as unknown as { tokenizer: { fastForwardTo: unknown } }).tokenizer.fastForwardTo;
  if (fast) {
    installFastSkip(parser);
    // The replacement must really be in place, or this test would compare the parser with itself.
    expect((parser as unknown as { tokenizer: { fastForwardTo: unknown } }).tokenizer.fastForwardTo).not.toBe(
      before,
    );
  }
  for (const c of chunks) parser.write(c);
  parser.end();
  return out;
}

describe('native skip in the tokenizer', () => {
  it('gives the same events as the parser on its own, in one piece and in chunks', () => {
    expect(events(true, [PAGE])).toEqual(events(false, [PAGE]));
    const chunks = PAGE.match(/[\s\S]{1,7}/g)!;
    expect(events(true, chunks)).toEqual(events(false, chunks));
    expect(events(true, [PAGE])).toContain('<p {"class":"lead"}');
  });
});
