import { describe, expect, it } from 'vitest';
import { HINT, hintBits } from '../../../src/layout/html/class-hints.js';
import { isRegexSpace } from '../../../src/layout/patterns.js';
import { seededRandom as random } from '../../../src/seeded-random.js';

// The specification: one case-insensitive regex per category, tested on the whole
// class/id string (what render.ts did before the one-pass matcher).
const SPEC: [number, RegExp][] = [
  [HINT.positive, /article|body|content|entry|main|page|post|text|blog|story|prose|rich-?text/i],
  [
    HINT.negative,
    /comment|combx|contact|foot|masthead|outbrain|taboola|promo|related|sidebar|sponsor|shopping|widget|share|sharing|social|newsletter|subscri|signup|sign-up|nav|menu|breadcrumb|cookie|consent|banner|advert|\bads?\b|ad-|-ad\b|popup|modal|recommend|trending|popular|most-read|disclaimer|tags?\b|toolbar|pagination|paywall|rating|jump-?link/i,
  ],
  [
    HINT.junk,
    /comment|disqus|share|sharing|social|newsletter|subscri|signup|sign-up|advert|\bads?\b|ad-slot|ad-container|adunit|dfp|outbrain|taboola|promo|recommend|trending|popular|most-read|breadcrumb|cookie|consent|paywall|related|read-?more|more-stories|jump-?link|toolbar|rating|sidebar|modal|popup/i,
  ],
  [HINT.embed, /embed|tweet|instagram-media|tiktok-embed/i],
  [HINT.caption, /caption|credit|wp-caption|photo-?desc|image-?desc|media-?desc/i],
  [
    HINT.byline,
    /byline|author|writer|contributor|dateline|timestamp|publish|posted|article-?date|post-?date|\bdate\b|\bmeta\b/i,
  ],
  [HINT.related, /related|read-?more|more-stories|also-?read|see-?also|recirc/i],
  [HINT.comment, /(?:^|[\s_-])(?:comments?|disqus|respond|replies)(?:$|[\s_-])/i],
  [HINT.highlights, /highlights|key-?points|takeaways|tldr/i],
  [HINT.dateline, /dateline/i],
];

const JUNK = SPEC.find(([bit]) => bit === HINT.junk)![1];
const POSITIVE = SPEC.find(([bit]) => bit === HINT.positive)![1];
const EMBED = SPEC.find(([bit]) => bit === HINT.embed)![1];

/** Readability's rule, name by name: some name is junk-like only and none is content-like only. */
function junkByNames(hint: string): boolean {
  let junk = false;
  for (const token of hint.split(/\s+/)) {
    if (!token) continue;
    const j = JUNK.test(token);
    const p = POSITIVE.test(token) || EMBED.test(token);
    if (p && !j) return false;
    if (j && !p) junk = true;
  }
  return junk;
}

function specBits(hint: string): number {
  let bits = 0;
  for (const [bit, re] of SPEC) if (re.test(hint)) bits |= bit;
  if (bits & HINT.junk && junkByNames(hint)) bits |= HINT.junkName;
  return bits;
}

// Pieces of the vocabulary (whole, cut, in other cases), separators of every kind the
// patterns care about, and characters that fold to ASCII letters only with the `u` flag.
const WORDS = SPEC.flatMap(([, re]) => re.source.replace(/\\[bs]/g, ' ').match(/[a-z][a-z-]*/g) ?? []);
const PIECES = [
  ...WORDS,
  ...WORDS.map((w) => w.toUpperCase()),
  ...WORDS.map((w) => w.slice(0, Math.ceil(w.length / 2))),
  ...WORDS.map((w) => w.slice(Math.floor(w.length / 2))),
  'ad',
  'ads',
  'Ad',
  'tag',
  'tags',
  'date',
  'meta',
  'x',
  'col',
  'md',
  '8',
  '0',
  'é',
  'ſ',
  '\u212a',
  'İ',
  'ı',
  's',
];
const SEPARATORS = [' ', ' ', '-', '_', '', '', '', '\t', '\n', '\u00a0', '\u2003', '\u3000', '.', ':', '/'];

function generated(count: number, seed: number): string[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let s = next() < 0.2 ? pick(SEPARATORS) : '';
    const parts = 1 + Math.floor(next() * 6);
    for (let p = 0; p < parts; p++) s += pick(PIECES) + pick(SEPARATORS);
    out.push(s);
  }
  return out;
}

describe('class/id hints', () => {
  it('reads the names a page writes', () => {
    expect(hintBits('article-body')).toBe(HINT.positive);
    expect(hintBits('sidebar')).toBe(HINT.negative | HINT.junk | HINT.junkName);
    expect(hintBits('content-with-sidebar') & HINT.junkName).toBe(0);
    expect(hintBits('share-bar') & HINT.junkName).toBe(HINT.junkName);
    expect(hintBits('article share-bar') & HINT.junkName).toBe(0);
    expect(hintBits('ad slot')).toBe(HINT.negative | HINT.junk | HINT.junkName);
    expect(hintBits('header')).toBe(0); // "ad" inside a word is not an ad
    expect(hintBits('post_comments')).toBe(
      HINT.positive | HINT.negative | HINT.junk | HINT.comment, // "post" and "comment" in one name: not junk by name
    );
    expect(hintBits('comments-count') & HINT.comment).toBe(HINT.comment);
    expect(hintBits('commentary') & HINT.comment).toBe(0);
    expect(hintBits('STORY-DATELINE')).toBe(HINT.positive | HINT.byline | HINT.dateline);
    expect(hintBits('')).toBe(0);
    expect(hintBits('  ')).toBe(0);
  });

  it('agrees with the regexes it replaces on 40,000 generated class strings', () => {
    const strings = generated(40_000, 7);
    let matched = 0;
    for (const s of strings) {
      const want = specBits(s);
      if (want) matched++;
      if (hintBits(s) !== want) expect({ s, got: hintBits(s) }).toEqual({ s, got: want });
    }
    // The generator reaches both outcomes (and every category, below).
    expect(matched).toBeGreaterThan(20_000);
    expect(matched).toBeLessThan(40_000);
    for (const [bit] of SPEC) expect(strings.some((s) => hintBits(s) & bit)).toBe(true);
    expect(strings.some((s) => hintBits(s) & HINT.junkName)).toBe(true);
  });

  it('splits names on exactly what \\s matches', () => {
    for (let c = 0; c <= 0xffff; c++) {
      if (isRegexSpace(c) !== /\s/.test(String.fromCharCode(c)))
        expect({ c, got: isRegexSpace(c) }).toBe(null);
    }
  });
});
