/**
 * The story text of an evaluation record: `article` when present; else `text`, less
 * a first line that looks like a title (a short line with no closing sentence mark,
 * followed by a blank line), since a headline is not a highlight candidate and the
 * layout stage would have told it apart from the body.
 */

const MAX_TITLE_WORDS = 25;

export function withoutTitleLine(text: string): string {
  const m = /^[ \t]*([^\n]+)\n[ \t]*\n/.exec(text);
  if (!m) return text;
  const first = m[1]!.trim();
  const words = first.split(/\s+/).length;
  if (words > MAX_TITLE_WORDS || /[.!?]["'\u201d\u2019)]*$/.test(first)) return text;
  return text.slice(m[0].length);
}

export function bodyOfRecord(rec: { article?: unknown; text?: unknown }): string | undefined {
  if (typeof rec.article === 'string') return rec.article;
  if (typeof rec.text === 'string') return withoutTitleLine(rec.text);
  return undefined;
}
