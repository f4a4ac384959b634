/** What the web and API tests over one app share: fetch a page or JSON (status 200 asserted), read the count line. */
import { expect } from 'vitest';

interface App {
  request(path: string): Response | Promise<Response>;
}

/** `page` and `json` over the app `getApp` returns when called (set in a test file's beforeAll). */
export function appReader(getApp: () => App) {
  return {
    async page(path: string): Promise<string> {
      const res = await getApp().request(path);
      expect(res.status).toBe(200);
      return res.text();
    },
    async json<T>(path: string): Promise<T> {
      const res = await getApp().request(path);
      expect(res.status).toBe(200);
      return (await res.json()) as T;
    },
  };
}

/** The list's count line ("Articles 1–20 of 46"), or undefined where the page has none. */
export function countLine(html: string): string | undefined {
  return /<p class="muted" id="result-count">([^<]*)<\/p>/.exec(html)?.[1];
}
