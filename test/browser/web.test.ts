/**
 * The web page end to end in headless Chromium (Debian's `chromium`, driven by
 * playwright-core): search, an article with its layers, entity and speaker pages,
 * and hostile pages ingested through the real batch path whose title and body
 * carry <script> and onerror= payloads, which must show as text and never run.
 * Set NEWSDIGEST_SCREENSHOTS=docs/screenshots to write a screenshot of each view.
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from '../../src/batch/run-ingest.js';
import { type RunningServer, startServer } from '../../src/serve/server.js';
import { articleRecord } from '../../src/store/record.js';
import { openStore } from '../../src/store/sqlite-store.js';
import type { CorpusStore } from '../../src/store/types.js';
import { fixtureArticles } from '../store/fixture-articles.js';

const CHROMIUM = process.env['NEWSDIGEST_CHROMIUM'] ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SHOTS = process.env['NEWSDIGEST_SCREENSHOTS'];

let store: CorpusStore;
let server: RunningServer;
let browser: Browser;
let hostileIds: string[] = [];

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** A page that records every dialog and every CSP report: neither may happen. */
async function watchedPage(): Promise<{ page: Page; dialogs: string[]; cspViolations: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 860 } });
  const dialogs: string[] = [];
  const cspViolations: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  return { page, dialogs, cspViolations };
}

describe.skipIf(!existsSync(CHROMIUM))('web page in Chromium', () => {
  beforeAll(async () => {
    store = openStore(join(mkdtempSync(join(tmpdir(), 'nd-browser-')), 'corpus.db'));
    store.putBatch(fixtureArticles().map((a) => ({ hash: `h-${a.id}`, record: articleRecord(a) })));
    const ingested = await runIngest({ inputs: ['test/fixtures/corpus/hostile'], store, workers: 0 });
    expect(ingested).toMatchObject({ stored: 2, failed: 0 });
    hostileIds = store.search({ q: 'pier OR festival' }).items.map((h) => h.id);
    server = await startServer({ store, port: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    store?.close();
  });

  it('searches and shows ranked results with marked snippets', async () => {
    const { page, dialogs } = await watchedPage();
    await page.goto(`${server.url}/`);
    await page.fill('input[name="q"]', 'ferry');
    await Promise.all([page.waitForURL(/\?q=ferry/), page.click('button[type="submit"]')]);
    const titles = await page.locator('ol.hits a.title').allTextContents();
    expect(titles).toEqual([
      'Greystone ferry cut to two sailings a day',
      'Eastfield library to open on Sundays',
    ]);
    expect(await page.locator('ol.hits mark').first().textContent()).toMatch(/ferry/i);
    await shot(page, 'search');
    await page.fill('input[name="q"]', '"unclosed');
    await Promise.all([page.waitForURL(/unclosed/), page.click('button[type="submit"]')]);
    expect(await page.locator('#search-error').textContent()).toMatch(/cannot search for/);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('shows an article with its layers: a click on a name shows its mentions, a click on a quote its speaker', async () => {
    const { page, dialogs, cspViolations } = await watchedPage();
    await page.goto(`${server.url}/articles/ferry-cuts`);
    await expect.poll(() => page.locator('#entity-e3').isVisible()).toBe(false);
    await page.locator('.text span.ent[data-entity="e3"]').last().click();
    expect(await page.locator('#entity-e3').isVisible()).toBe(true);
    expect(await page.locator('.text .active').allTextContents()).toEqual(['Martin Hale', 'Hale']);
    expect(await page.locator('#entity-e3 li').allTextContents()).toEqual(['Martin Hale', 'Hale']);
    await shot(page, 'article');

    await page.locator('.text span.qt[data-quote="1"]').first().click();
    expect(await page.locator('#entity-e3').isVisible()).toBe(false);
    expect(await page.locator('#quote-1').isVisible()).toBe(true);
    expect(await page.locator('#quote-1 a.speaker-link').textContent()).toBe('Island Residents Group');

    // Layers toggle off and on.
    await page.uncheck('input[data-layer="entities"]');
    expect(await page.locator('main.article').getAttribute('class')).toContain('hide-entities');
    await page.uncheck('input[data-layer="blocks"]');
    expect(await page.locator('.text .kind').first().isVisible()).toBe(false);
    await page.check('input[data-layer="blocks"]');
    expect(await page.locator('.text .kind').first().isVisible()).toBe(true);
    await page.check('input[data-layer="entities"]');

    // From the entity's panel to its page: mentions across the corpus.
    await page.locator('.text span.ent[data-entity="e3"]').last().click();
    await Promise.all([page.waitForURL(/\/entities\/\d+$/), page.click('#entity-e3 a')]);
    expect(await page.locator('h1').textContent()).toBe('Martin HalePER');
    expect(await page.locator('#mentions > li > a.title').allTextContents()).toEqual([
      'Eastfield library to open on Sundays',
      'Greystone ferry cut to two sailings a day',
    ]);
    await shot(page, 'entity');
    expect(dialogs).toEqual([]);
    expect(cspViolations).toEqual([]);
    await page.close();
  });

  it('shows a speaker page with their quotes', async () => {
    const { page } = await watchedPage();
    await page.goto(`${server.url}/speakers/Ana%20Costa`);
    expect(await page.locator('blockquote.quote').allTextContents()).toEqual([
      'the change followed a survey in which most members asked for weekend hours',
      '"People want to read when they are free,"',
    ]);
    await shot(page, 'speaker');
    await page.goto(`${server.url}/entities`);
    expect(await page.locator('ol.hits a.title').allTextContents()).toContain('Martin Hale');
    await shot(page, 'entities');
    await page.close();
  });

  it('never runs script from page content: hostile titles and bodies show as text', async () => {
    expect(hostileIds).toHaveLength(2);
    const { page, dialogs, cspViolations } = await watchedPage();
    await page.goto(`${server.url}/?q=${encodeURIComponent('pier OR festival')}`);
    expect(await page.locator('ol.hits a.title').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('<script>')]),
    );
    await shot(page, 'hostile-search');
    for (const id of hostileIds) {
      await page.goto(`${server.url}/articles/${encodeURIComponent(id)}`);
      const text = await page.locator('#text').textContent();
      expect(text).toMatch(/<script>window\.__pwned|onerror="window\.__pwned/);
      // Hover and click over every block, as a reader would.
      for (const block of await page.locator('#text .block').all()) {
        await block.hover();
        await block.click();
      }
      expect(await page.locator('#text script, #text img, #text svg, #text a').count()).toBe(0);
      expect(
        await page.evaluate(() => (globalThis as unknown as { __pwned?: unknown }).__pwned),
      ).toBeUndefined();
    }
    await shot(page, 'hostile-article');
    expect(dialogs).toEqual([]);
    expect(cspViolations).toEqual([]);
    await page.close();
  });
});
