import { describe, expect, it } from 'vitest';
import { checkLanguage, NOT_ENGLISH } from '../../src/article/language.js';
import { SCHEMA_VERSION } from '../../src/article/schema.js';
import type { Article } from '../../src/article/types.js';
import { checkArticle } from '../../src/article/validate.js';
import { digest } from '../../src/digest.js';
import {
  ENGLISH,
  GERMAN,
  htmlPage,
  INDONESIAN,
  JAPANESE,
  PORTUGUESE,
  RUSSIAN,
  SCORES,
} from './fixtures/pages.js';

/** A plain-text Article (no blocks: the whole text is read), its language declared or not. */
function plain(text: string, language?: string): Pick<Article, 'text' | 'blocks' | 'meta'> {
  return { text, ...(language ? { meta: { authors: [], contributors: [], language } } : {}) };
}

describe('checkLanguage', () => {
  it('reads English as English, declared or not', () => {
    expect(checkLanguage(plain(ENGLISH))).toMatchObject({ english: true, language: 'en', by: 'words' });
    expect(checkLanguage(plain(ENGLISH, 'en'))).toMatchObject({ english: true, language: 'en' });
  });

  it('tells a non-Latin script, and names the language the script names', () => {
    expect(checkLanguage(plain(JAPANESE))).toMatchObject({ english: false, language: 'ja', by: 'script' });
    // Cyrillic names no one language: the page's declaration does, or "unknown".
    expect(checkLanguage(plain(RUSSIAN))).toMatchObject({
      english: false,
      language: 'unknown',
      by: 'script',
    });
    expect(checkLanguage(plain(RUSSIAN, 'ru-RU'))).toMatchObject({ english: false, language: 'ru' });
  });

  it('tells Latin-script languages by their function words, even when the page declares English', () => {
    expect(checkLanguage(plain(GERMAN, 'en'))).toMatchObject({ english: false, language: 'de', by: 'words' });
    expect(checkLanguage(plain(PORTUGUESE))).toMatchObject({ english: false, language: 'pt' });
    expect(checkLanguage(plain(INDONESIAN))).toMatchObject({ english: false, language: 'id' });
    // The declaration names the language when there is one.
    expect(checkLanguage(plain(PORTUGUESE, 'pt-BR'))).toMatchObject({ english: false, language: 'pt' });
  });

  it('believes the text over a declaration of another language', () => {
    expect(checkLanguage(plain(ENGLISH, 'de'))).toMatchObject({ english: true, language: 'en', by: 'words' });
  });

  it('does not take an English table of scores (few function words of any language) for another language', () => {
    const check = checkLanguage(plain(SCORES, 'en'));
    expect(check.englishShare).toBeLessThan(0.06);
    expect(check.english).toBe(true);
    // Undeclared, the same: no language is read in it, and English is the default.
    expect(checkLanguage(plain(SCORES)).english).toBe(true);
  });

  it('lets the declaration decide a text too short to tell', () => {
    expect(checkLanguage(plain('Brücke beschlossen', 'de'))).toMatchObject({
      english: false,
      by: 'declared',
    });
    expect(checkLanguage(plain('Bridge approved'))).toMatchObject({ english: true, by: 'default' });
  });

  it('reads the body blocks when there are some, not the page furniture', () => {
    const text = `Startseite Nachrichten Sport Wetter Impressum Kontakt Datenschutz Über uns Anmelden\n${ENGLISH}`;
    const nav = text.indexOf('\n');
    const blocks: Article['blocks'] = [
      { kind: 'boilerplate', start: 0, end: nav },
      { kind: 'paragraph', start: nav + 1, end: text.length },
    ];
    expect(checkLanguage({ text, blocks }).english).toBe(true);
  });
});

describe('digest() on a page not in English', () => {
  it('warns W_NOT_ENGLISH with the language, leaves entities and quotes empty, and still lays out and summarizes', async () => {
    const a = await digest(htmlPage('Новый мост через залив', RUSSIAN, 'ru'));
    const warning = a.warnings?.find((w) => w.code === NOT_ENGLISH);
    expect(warning).toMatchObject({ stage: 'language' });
    expect(warning?.message).toMatch(/^not English \(language: ru; \d+% of its letters in Cyrillic script\)/);
    expect(warning?.message).toContain('English-only stages skipped: entities, quotes');
    expect(a.entities).toEqual([]);
    expect(a.quotes).toEqual([]);
    expect(a.blocks.some((b) => b.kind === 'paragraph')).toBe(true);
    expect(a.sentences.length).toBeGreaterThan(3);
    // The summarize stage ran (its choice on this short all-Cyrillic story is its own: no item).
    expect(a.highlights.origin).toBe('extractive');
    expect(a.meta.language).toBe('ru');
    expect(checkArticle(a).ok).toBe(true);
    expect(a.schemaVersion).toBe(SCHEMA_VERSION);
  });

  it('finds the entities and quotes of the same story in English (no warning)', async () => {
    const a = await digest(htmlPage('Portwell votes for a bridge', ENGLISH, 'en'));
    expect(a.warnings ?? []).toEqual([]);
    expect(a.entities.map((e) => e.name)).toContain('Ellen Marsh');
    expect(a.quotes.length).toBeGreaterThan(0);
  });

  it('flags a German page that declares English, and a Japanese text page', async () => {
    const de = await digest(htmlPage('Neue Brücke', GERMAN, 'en'));
    expect(de.warnings?.map((w) => w.code)).toContain(NOT_ENGLISH);
    expect(de.warnings?.find((w) => w.code === NOT_ENGLISH)?.message).toContain('language: de;');
    expect(de.quotes).toEqual([]);
    expect(de.highlights.items.map((i) => i.text)).toContain(
      'Der Stadtrat von Hafenstedt hat am Donnerstag den Bau einer neuen Brücke über die Bucht beschlossen.',
    );
    const ja = await digest(JAPANESE);
    expect(ja.warnings?.find((w) => w.code === NOT_ENGLISH)?.message).toContain('language: ja;');
    expect(ja.entities).toEqual([]);
  });

  it('runs every stage when told not to check the language', async () => {
    const a = await digest(htmlPage('Neue Brücke', GERMAN, 'de'), { language: { skip: true } });
    expect(a.warnings ?? []).toEqual([]);
    expect(a.entities.length).toBeGreaterThan(0);
  });

  it('keeps a skipped stage skipped (its layer absent) and says only what was skipped for the language', async () => {
    const a = await digest(htmlPage('Neue Brücke', GERMAN, 'de'), { entities: { skip: true } });
    expect(a.entities).toBeUndefined();
    expect(a.quotes).toEqual([]);
    expect(a.warnings?.[0]?.message).toMatch(/English-only stages skipped: quotes$/);
  });
});

describe('the schema after the new warning code', () => {
  it('is 1.1 and still accepts a 1.0 Article', async () => {
    expect(SCHEMA_VERSION).toBe('1.1');
    const a = await digest(ENGLISH);
    expect(checkArticle({ ...a, schemaVersion: '1.0' }).ok).toBe(true);
    expect(checkArticle({ ...a, schemaVersion: '0.9' }).ok).toBe(false);
  });
});
