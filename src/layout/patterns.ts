/**
 * What news-page furniture looks like as a line of text, shared by the HTML path
 * and the text-dump path. Every pattern works on cased and on lowercased text, and
 * on the PTB-tokenised form of the CNN/DM release ("( cnn ) --", "by . jane doe .").
 */

/** "Story highlights", "Key points", "What you need to know": the heading of a page's own highlights box. */
export const HIGHLIGHTS_HEADING =
  /^(?:story highlights|highlights|key points|key takeaways|takeaways|at a glance|the big picture|in brief|the essentials|what you need to know|tl;?dr)\s*:?$/i;

/**
 * A dateline: a place and/or an agency before a dash that opens the story.
 * "CNN —", "(CNN) —", "PORTWELL, Maine (Harbour Post) —", "LONDON (Reuters) -", "( cnn ) --".
 * Group 1 is the place when there is one.
 */
export const DATELINE_ONLY =
  /^(?:([A-Z][A-Z.' -]{1,40}(?:,\s*[A-Z][A-Za-z. ]{1,30})?|[a-z][a-z.' -]{1,40}(?:,\s*[a-z][a-z. ]{1,30})?)\s*)?(?:\(\s*[\w .&'-]{2,40}\s*\)|[A-Z][A-Za-z]{1,15})?\s*(?:—|–|--|-)\s*$/;

/** A dateline at the start of a paragraph: "LONDON (Reuters) - The ...", "( cnn ) -- the ...". */
export const DATELINE_LEAD =
  /^(?:([A-Z][A-Z.' ]{1,30}[A-Z.](?:,\s*[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?)\s*)?(\(\s*[A-Za-z][\w .&'-]{1,40}\s*\))?\s*(?:—|–|--|-)\s+/;

/** The same, in the lowercased, tokenised CNN/DM text: "( cnn ) -- ", "london , england ( cnn ) -- ". */
export const DATELINE_LEAD_LOWER =
  /^(?:([a-z][a-z.' ]{1,30}(?: , [a-z][a-z. ]{1,30})?)\s+)?\(\s*[a-z][\w .&'-]{1,30}\s*\)\s*(?:--|—|–|-)\s+/;

/** A byline: "By Jane Doe", "By Jane Doe and John Roe, CNN", "Written by ...", "by . jane doe ." */
export const BYLINE =
  /^(?:(?:written|reported|posted|words|story|text|photos?)\s+)?by\s*[.:]?\s+(?:[A-Z\u00c0-\u024f][\w'’.-]*|[a-z][\w'’.-]*)(?:\s+(?:[\w'’.-]+|and|&|,)){0,12}\s*\.?$/i;

/** The Daily Mail preamble of the CNN/DM release: "by . jane doe . published : 12:00 est , 1 may 2014 . | . updated : ..." */
export const DAILY_MAIL_PREAMBLE =
  /^(?:by \. .{1,200}? \. )?(?:(?:published|last updated|updated) : .{1,80}? \. \| \. )?(?:published|updated|last updated) : .{1,80}?(?:est|bst|gmt|edt|pdt|utc)?, \d{1,2} [a-z]+ \d{4} \. /;

/** A by-line with a date and nothing else: "Published 3:04 PM ET, Sun November 6, 2016", "Updated 2 hours ago". */
export const DATE_LINE =
  /^(?:(?:first\s+)?(?:published|posted|updated|last updated|modified)\s*(?:on|at|:)?\s*)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}\s*)?,?\s*)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s*(?:\d{4})?\s*(?:,?\s*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?)?$/i;

/** "2 hours ago", "Updated 5 mins ago", "yesterday". */
export const RELATIVE_DATE =
  /^(?:(?:updated|posted|published)\s+)?(?:\d+\s+(?:sec|second|min|minute|hour|hr|day|week|month|year)s?\s+ago|yesterday|today|just now)$/i;

/** "Jane Doe contributed to this report.", "Reporting by ...; Editing by ...", "Additional reporting by ..." */
export const CREDIT =
  /(?:contributed (?:to )?(?:this|the) (?:report|story|article)|contributed reporting|^(?:additional )?reporting by\b|;\s*editing by\b|^editing by\b|^writing by\b|^compiled by\b|^this (?:story|article|report) (?:was|has been) (?:updated|corrected|produced)|^\(?(?:photo|image|video)s?\s*(?:credit)?\s*:)/i;

/** "Read more: ...", "Related: ...", "See also: ...", "What to know about ...", "WATCH: ..." */
export const RELATED_PREFIX =
  /^(?:read more|read also|also read|more|related(?: stories| articles| coverage)?|see also|see more|watch|listen|opinion|recommended|more from [\w ]+|click here|more on this story|latest|sign up|subscribe)\s*[:»›|-]\s*\S/i;

export const RELATED_PHRASE =
  /^(?:what to know about|what we know about|everything you need to know about|how the|why the|opinion:|analysis:)\b/i;

/** Short lines that are page chrome wherever they stand. */
export const BOILERPLATE_LINE =
  /^(?:advertisements?|advertising|anzeige|werbung|publicidad|publicité|pubblicità|publicidade|реклама|iklan|광고|広告|(?:\d+ min(?:ute)?s? read|reading time:?.*|tempo de leitura:?.*|lesezeit:?.*)|sponsored(?: content)?|story continues below(?: advertisement)?|continue reading(?: below)?|share(?: this)?(?: article| story| on \w+)?|tweet|email|print|comments?|\d+ comments?|follow us(?: on \w+)?|sign up|subscribe(?: now)?|log ?in|skip to (?:main )?content|close|menu|search|home|back to top|image|photo|video|getty images|ap photo|reuters|loading\.*|read more|show more|see more|view comments|facebook|twitter|linkedin|whatsapp|pinterest|reddit|copy link|link copied|all rights reserved\.?|©.*)$/i;

/** A photo credit tail: "(Photo: Ledger staff)", "Photograph: AP", "Getty Images". */
export const PHOTO_CREDIT =
  /(?:\((?:photo|image|picture|credit)s?\s*:?[^)]{0,80}\)|\b(?:photograph|photo|image)\s*:\s*[^.]{1,60}$|\/\s*(?:getty images|ap|reuters|afp|epa)\s*$|getty images\s*$)/i;
