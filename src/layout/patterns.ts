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
  /^(?:(?:written|reported|posted|words|story|text|photos?)\s+)?by\s*[.:]?\s+(?:[A-Z\u00c0-\u024f][\w'’.,-]*|[a-z][\w'’.,-]*)(?:\s+(?:[\w'’.,:|/-]+|and|&|,)){0,12}\s*\.?$/i;

/** The Daily Mail preamble of the CNN/DM release: "by . jane doe . published : 12:00 est , 1 may 2014 . | . updated : ..." */
export const DAILY_MAIL_PREAMBLE =
  /^(?:by \. .{1,200}? \. )?(?:(?:published|last updated|updated) : .{1,80}? \. \| \. )?(?:published|updated|last updated) : .{1,80}?(?:est|bst|gmt|edt|pdt|utc)?, \d{1,2} [a-z]+ \d{4} \. /i;

/** A by-line with a date and nothing else: "Published 3:04 PM ET, Sun November 6, 2016", "Updated 2 hours ago". */
export const DATE_LINE =
  /^(?:(?:first\s+)?(?:published|posted|updated|last updated|modified)\s*(?:on|at|:)?\s*)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}\s*)?,?\s*)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s*(?:\d{4})?\s*(?:,?\s*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?)?$/i;

const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
const DATE_TOKEN = new RegExp(
  `^(?:${MONTH}|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?|\\d{1,4}(?:st|nd|rd|th)?[,.]?|\\d{1,4}[/.:-]\\d{1,2}(?:[/.:-]\\d{1,4})?(?:[ap]m)?,?|[ap]\\.?m\\.?,?|(?:e|c|m|p|ak|h)[sd]t|gmt|utc|bst|cet|cest|ist|jst|aest|et|pt|ct|published:?|updated:?|posted:?|modified:?|last|first|on|at|[|·•–—,-])$`,
  'i',
);
const DATE_ANCHOR = new RegExp(`${MONTH}|\\d{1,4}[/.-]\\d{1,2}[/.-]\\d{1,4}`, 'i');

/** A line that is nothing but a date (and time, and "Published"/"Updated"): "23 Nov 2017", "PUBLISHED: 10:48, Tue, Nov 19, 2019". */
export function isDateLine(line: string): boolean {
  if (line.length > 100 || !/\d/.test(line) || !DATE_ANCHOR.test(line)) return false;
  return line
    .split(/\s+/)
    .every((t) => t === '' || DATE_TOKEN.test(t) || DATE_TOKEN.test(t.replace(/[,.;]$/, '')));
}

/** "2 hours ago", "Updated 5 mins ago", "yesterday". */
export const RELATIVE_DATE =
  /^(?:(?:updated|posted|published)\s+)?(?:\d+\s+(?:sec|second|min|minute|hour|hr|day|week|month|year)s?\s+ago|yesterday|today|just now)$/i;

/** "Jane Doe contributed to this report.", "Reporting by ...; Editing by ...", "Additional reporting by ..." */
export const CREDIT =
  /(?:contributed (?:to )?(?:this|the) (?:report|story|article)|contributed reporting|^(?:additional )?reporting by\b|;\s*editing by\b|^editing by\b|^writing by\b|^compiled by\b|^this (?:story|article|report) (?:was|has been) (?:updated|corrected|produced)|^\(?(?:photo|image|video)s?\s*(?:credit)?\s*:)/i;

/** "Read more: ...", "Related: ...", "See also: ...", "What to know about ...", "WATCH: ..." */
export const RELATED_PREFIX =
  /^(?:read more|read also|also read|more|related(?: stories| articles| coverage)?|see also|see more|watch|listen|opinion|recommended|more from [\w ]+|click here|more on this story|latest|sign up|subscribe)\s*[:»›|-]\s*\S/i;

/** A heading over links to other stories: "Related articles", "Don't miss", "Trending". */
export const RELATED_HEADING =
  /^(?:related(?: articles| stories| posts| content| coverage| links| news| reading)?|don['’]?t miss|trending(?: now| stories| news| topics)?|most (?:read|popular|viewed|shared)(?: (?:today|this week|now|stories|articles|news))?|more (?:great |top |popular )?(?:\S+ )?(?:stories|articles|news)|you (?:may|might) also like|recommended(?: for you| stories| reading)?|more (?:from|on|in) [\w ]{1,30}|more stories|read (?:next|more)|up next|see also|also read|read also|leggi anche|lesen sie auch|à lire aussi|lire aussi|te puede interesar|leia também|baca juga)\s*[:.…]*$/i;

export const RELATED_PHRASE =
  /^(?:what to know about|what we know about|everything you need to know about|how the|why the|opinion:|analysis:)\b/i;

/** Short lines that are page chrome wherever they stand. */
export const BOILERPLATE_LINE =
  /^(?:advertisements?|advertising|advert|anzeige|werbung|publicidad|publicité|pubblicità|publicidade|реклама|iklan|광고|広告|(?:\d+ min(?:ute)?s? read|reading time:?.*|tempo de leitura:?.*|lesezeit:?.*)|sponsored(?: content)?|story continues below(?: advertisement)?|continue reading(?: below)?|sharing is caring!?|enlarge(?: (?:image|photo|this image))?|(?:view|open|back to|see) (?:the )?(?:gallery|image|photos?|slideshow)|(?:image|photo|slide|picture) \d+ of \d+|\d+\s*shares?|like this (?:story|article)\??.{0,40}|share(?: this)?(?: article| story| on \w+)?|tweet|email|print|comments?|\d+ comments?|follow us(?: on \w+)?|sign up|subscribe(?: now)?|log ?in|skip to (?:main )?content|close|menu|search|home|back to top|image|photo|video|getty images|ap photo|reuters|loading\.*|read more|show more|see more|view comments|facebook|twitter|linkedin|whatsapp|pinterest|reddit|copy link|link copied|all rights reserved\.?|©.*)$/i;

/**
 * A media player's fallback text, shown where a video or audio player would be: "Media playback is
 * unsupported on your device", "Your browser does not support the video tag." Chrome, not a caption.
 * Kept out of BOILERPLATE_LINE, which runs on most lines: there these alternatives made a fresh layout
 * process over the 121 extraction pages +26 M instructions dearer, here +12 M (valgrind, one round each).
 */
export const PLAYER_FALLBACK =
  /^(?:media playback is (?:unsupported|not supported) on your device|(?:sorry, )?your browser does(?: not|n['’]t) support (?:the )?(?:html5 )?(?:video|audio|embedded videos?)(?: (?:tag|element|player))?\.?)$/i;

/**
 * A photo's credit line under it: "Image copyright EPA", "Image copyright Getty Images",
 * "Photo credit: Jane Doe", "Picture source: Reuters". Tested on figure lines only (a `credit`, not a caption).
 */
export const FIGURE_CREDIT =
  /^(?:image|photo(?:graph)?|picture|video)\s+(?:copyright|credit|source)\b\s*:?\s*\S/i;

/** Promotion of the site itself at the end of a story: newsletters, subscriptions, apps, social accounts. */
export const PROMO_LINE =
  /^(?:(?:filed under|tags|topics|categories|category|posted in)\s*:?\s|subscribe (?:to|now|today)|sign up (?:for|to|now|today)|follow (?:us|\S+(?: \S+)? on)\b|never miss (?:an update|a story|a thing|out)|this (?:slideshow|video|page|content) requires javascript|(?:please )?enable javascript|get (?:the|our) (?:latest|free|daily)|download (?:the|our) (?:free )?app|have a (?:news )?tip|click here (?:to|for)|more great \S+ stories|join (?:the conversation|our))/i;

/** A photo credit tail: "(Photo: Ledger staff)", "Photograph: AP", "Getty Images". */
export const PHOTO_CREDIT =
  /(?:\((?:photo|image|picture|credit)s?\s*:?[^)]{0,80}\)|\b(?:photograph|photo|image)\s*:\s*[^.]{1,60}$|\/\s*(?:getty images|ap|reuters|afp|epa)\s*$|getty images\s*$)/i;

/** Where readers' comments start: "12 comments", "Leave a reply", "Jane on May 3, 2019 at 4:47 pm said:". */
export const COMMENT_MARKER =
  /^(?:(?:\d+\s+)?(?:comments?|responses?|replies)|leave a (?:reply|comment)|post a comment|add a comment|join the (?:discussion|conversation)|show comments|view comments|reply|\S.{0,80}\s(?:on|at)\s.{4,60}\ssaid:?)$/i;

// `\s` by character code lives with the other character classes; re-exported for the layout's modules.
export { isRegexSpace } from '../text/chars.js';
