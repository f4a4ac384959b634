/**
 * The furniture a single line can be recognised as from its wording alone (the
 * same on HTML pages and in text dumps): byline, dateline, credit, related-story
 * link, boilerplate. Returns undefined for a line that reads like body text.
 */
import type { BlockKind } from '../article/types.js';
import {
  BOILERPLATE_LINE,
  BYLINE,
  CREDIT,
  DATE_LINE,
  DATELINE_ONLY,
  isDateLine,
  PHOTO_CREDIT,
  PROMO_LINE,
  RELATED_HEADING,
  RELATED_PREFIX,
  RELATIVE_DATE,
} from './patterns.js';

/** Lines longer than this are never taken for a byline or a date. */
const MAX_BYLINE = 120;

export function furnitureKind(line: string): BlockKind | undefined {
  const len = line.length;
  if (len <= 60 && DATELINE_ONLY.test(line)) return 'dateline';
  if (
    len <= MAX_BYLINE &&
    (BYLINE.test(line) || DATE_LINE.test(line) || isDateLine(line) || RELATIVE_DATE.test(line))
  )
    return 'byline';
  if (len <= 60 && BOILERPLATE_LINE.test(line)) return 'boilerplate';
  if (len <= 250 && PHOTO_CREDIT.test(line)) return 'caption';
  if (len <= 250 && PROMO_LINE.test(line)) return 'boilerplate';
  if (len <= 300 && CREDIT.test(line)) return 'credit';
  if (len <= 200 && RELATED_PREFIX.test(line)) return 'related';
  if (len <= 60 && RELATED_HEADING.test(line)) return 'related';
  return undefined;
}
