/** The frame of every page. hono/html escapes every interpolated value unless marked raw. */
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export function page(title: string, body: Html): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · newsdigest</title>
<link rel="stylesheet" href="/static/app.css">
<script src="/static/app.js" defer></script>
</head>
<body>
<header class="top"><a class="brand" href="/">newsdigest</a>
<nav><a href="/">Search</a><a href="/entities">Entities</a><a href="/quotes">Quotes</a></nav></header>
<div class="wrap">${body}</div>
</body>
</html>`;
}

export const articleHref = (id: string) => `/articles/${encodeURIComponent(id)}`;
export const entityHref = (id: number) => `/entities/${id}`;
export const speakerHref = (name: string) => `/speakers/${encodeURIComponent(name)}`;

/** A query string from the given parameters, skipping empty ones. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Only http(s) URLs become links: a page's "url" could be javascript: or data:. */
export function safeHref(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}
