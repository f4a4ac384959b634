/**
 * `html` of a PageInput or of an Article's source, kept as the one-byte view of the page's
 * valid UTF-8 bytes (utf8-view.ts) and decoded the first time something reads it.
 *
 * Why: the layout reads the view (render.ts scans it and decodes only the text and attribute
 * values it keeps), and `source.html` leaves `digest` only with `keepHtml`, so a run that does
 * not keep the HTML never decodes a page whole (docs/DECISIONS.md (layout-9)). Everything else
 * sees a string property where a plain one stood (same key order): reading it, JSON.stringify,
 * object spread and structured clone (worker threads) all go through the getter, which decodes
 * once and keeps the string. Assigning `html` replaces the view with a plain property.
 */
import { decodeUtf8View } from './utf8-view.js';

/** The view behind an object's lazy `html`, while it still stands for that property. */
const views = new WeakMap<object, string>();

function setPlain(target: object, value: unknown): void {
  views.delete(target);
  Object.defineProperty(target, 'html', { value, writable: true, enumerable: true, configurable: true });
}

/** Gives `target` an `html` property that is the page `view` holds, decoded when first read. */
export function setLazyUtf8Html(target: { html?: string }, view: string): void {
  views.set(target, view);
  let decoded: string | undefined;
  Object.defineProperty(target, 'html', {
    enumerable: true,
    configurable: true,
    // The accessor stays after the first read (the string kept beside the view), so that a later
    // assignment still goes through the setter and the view never outlives the value it stands for.
    get(): string {
      decoded ??= decodeUtf8View(view);
      return decoded;
    },
    set(this: object, value: unknown): void {
      setPlain(this, value);
    },
  });
}

/**
 * The one-byte view behind `target.html` (the page's UTF-8 bytes, character i being byte i),
 * or undefined when `html` is a plain string or absent. Reading it never decodes the page.
 */
export function utf8HtmlView(target: object): string | undefined {
  return views.get(target);
}
