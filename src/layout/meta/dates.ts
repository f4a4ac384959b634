/**
 * Dates as ISO 8601, from the forms pages use: ISO strings (with or without
 * time and zone), "November 18, 2019", "18 Nov 2019", "11/18/2019" (US order),
 * "2019-11-18" in a URL, "20191118" as a whole meta value. Relative forms ("2 hours ago") are never turned into
 * dates: without the fetch time they would be invented.
 */

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

const pad = (n: number): string => String(n).padStart(2, '0');

function validDay(y: number, m: number, d: number): boolean {
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?/;

/** An ISO 8601 date or date-time for a date string, or undefined when it is not a date we can read. */
export function toIsoDate(value: string): string | undefined {
  const v = value.trim();
  const iso = ISO.exec(v);
  if (iso) {
    const [, y, mo, d, h, mi, s, zone] = iso;
    if (!validDay(+y!, +mo!, +d!)) return undefined;
    if (h === undefined) return `${y}-${mo}-${d}`;
    const z = zone
      ? zone === 'Z'
        ? 'Z'
        : zone.includes(':')
          ? zone
          : `${zone.slice(0, 3)}:${zone.slice(3)}`
      : '';
    const out = `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${z}`;
    return Number.isNaN(Date.parse(out)) ? undefined : out;
  }
  // "20191119": the compact calendar date some meta tags carry (NYT's `pdate`), the whole value only.
  const compact = COMPACT.exec(v);
  if (compact)
    return validDay(+compact[1]!, +compact[2]!, +compact[3]!)
      ? `${compact[1]}-${compact[2]}-${compact[3]}`
      : undefined;
  return dateFromText(v);
}

const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

const MONTH_DAY_YEAR =
  /\b(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/i;
const DAY_MONTH_YEAR =
  /\b(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})\b/i;
const NUMERIC_US = /\b(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})\b/;
const ISO_IN_TEXT = /\b(\d{4})-(\d{2})-(\d{2})\b/;

/** A calendar date written in running text ("Published November 18, 2019 4:10pm"), as YYYY-MM-DD. */
export function dateFromText(text: string | undefined): string | undefined {
  if (!text) return undefined;
  let m = MONTH_DAY_YEAR.exec(text);
  if (m) {
    const mo = MONTHS[m[1]!.toLowerCase().slice(0, 3)]!;
    if (validDay(+m[3]!, mo, +m[2]!)) return `${m[3]}-${pad(mo)}-${pad(+m[2]!)}`;
  }
  m = DAY_MONTH_YEAR.exec(text);
  if (m) {
    const mo = MONTHS[m[2]!.toLowerCase().slice(0, 3)]!;
    if (validDay(+m[3]!, mo, +m[1]!)) return `${m[3]}-${pad(mo)}-${pad(+m[1]!)}`;
  }
  m = ISO_IN_TEXT.exec(text);
  if (m && validDay(+m[1]!, +m[2]!, +m[3]!)) return `${m[1]}-${m[2]}-${m[3]}`;
  m = NUMERIC_US.exec(text);
  if (m) {
    const y = m[3]!.length === 2 ? 2000 + +m[3]! : +m[3]!;
    if (validDay(y, +m[1]!, +m[2]!)) return `${y}-${pad(+m[1]!)}-${pad(+m[2]!)}`;
  }
  return undefined;
}

const URL_DATE = /\/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:[/-]|$)/;

/** The date a URL carries in its path ("/2019/11/18/slug"). */
export function dateFromUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const m = URL_DATE.exec(url);
  if (!m || !validDay(+m[1]!, +m[2]!, +m[3]!)) return undefined;
  return `${m[1]}-${pad(+m[2]!)}-${pad(+m[3]!)}`;
}
