import { describe, expect, it } from 'vitest';
import { compact } from '../../src/layout/meta/extract-meta.js';
import { readsAsPromo } from '../../src/layout/text/promo-lines.js';

/** The definitions the fast paths stand for: they must give the same answers on every input. */
const compactFull = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');

describe('compact (title names compared by letters and digits)', () => {
  it('gives what NFKC, lower case and the Unicode pattern give, for every character the fast path reads', () => {
    const marks = [0xa0, 0xab, 0xb7, 0xbb, 0x2013, 0x2014, 0x2018, 0x2019, 0x201c, 0x201d, 0x2026];
    const codes = [...Array.from({ length: 0x80 }, (_, i) => i), ...marks];
    for (const c of codes) {
      const ch = String.fromCharCode(c);
      for (const s of [ch, `Ab${ch}9z`, `${ch}${ch}X`]) expect(compact(s)).toBe(compactFull(s));
    }
  });

  it('falls back to the full reading for other letters and compatibility forms', () => {
    for (const s of [
      'Die Zeit – Gesundheitswesen',
      'Ärzte Zeitung',
      'ﬁnance · Ｆｕｌｌ Width',
      'Le Monde.fr » Économie',
      'İstanbul Haber',
      'The Hill — “Opinion”…',
      'sportsnet.ca',
      'KELVIN \u212a and long \u017f',
    ])
      expect(compact(s)).toBe(compactFull(s));
    expect(compact('The Hill')).toBe('thehill');
    expect(compact('Ärzte Zeitung')).toBe('ärztezeitung');
  });
});

const PROMO_FULL =
  /\b(?:sign up (?:for|to|now|today|here)|subscribe (?:to|now|today|here)|get a subscription|(?:free|daily|weekly) newsletter|our newsletter|(?:delivered|straight) to your inbox|meet your inbox|delivered (?:through|to) your (?:letterbox|door)|click here (?:to|for)|follow (?:us|[\p{Lu}][\p{L}]*(?: [\p{Lu}][\p{L}]*){0,5}(?: section)?) on (?:facebook|twitter|instagram))/iu;

describe('readsAsPromo (calls to action), with its cheap word check first', () => {
  it('answers as the full pattern does', () => {
    const lines = [
      'Sign up for our free daily newsletter.',
      'SUBSCRIBE NOW and save.',
      'Get a subscription to the Courier.',
      'Let our news meet your inbox.',
      'The Courier, delivered to your door every morning.',
      'Click here to read more.',
      'Follow the Opinion section on Facebook, Twitter and Instagram.',
      'Follow us on Twitter.',
      // Unicode case folding: a long s and the Kelvin sign read as s and k under `iu`.
      '\u017fign up for the bulletin',
      'Clic\u212a here for the archive',
      'The council met on Tuesday to vote on the harbour plan.',
      'She said she would follow the vote closely on Friday.',
      'Readers who subscribed last year were delivered nothing.',
      `${'A long paragraph. '.repeat(20)}Sign up for our newsletter.`,
    ];
    let promos = 0;
    for (const l of lines) {
      const full = l.length <= 300 && PROMO_FULL.test(l);
      expect(readsAsPromo(l)).toBe(full);
      if (full) promos++;
    }
    expect(promos).toBe(10);
  });
});
