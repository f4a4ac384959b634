/**
 * Photo captions in a text dump. A caption is a sentence like the story's own,
 * so the line model often takes it for story text; what gives it away is the
 * way news sites open or close it: "In this 2006 file photo, ...", "FILE PHOTO:",
 * "Image caption ...", or a credit at the end ("(AP Photo/Jane Doe)", "(NASA via
 * AP, File)", "REUTERS/Jane Doe", "Jane Doe / AP file", "Credit: Getty"). Credits
 * the shared furniture patterns already name (a parenthesised "(Photo: ...)",
 * "/ Getty Images") never reach this test; these are the forms they miss.
 */

/** Captions are a sentence or two; a longer line is a paragraph whatever its end says. */
const MAX_CAPTION_CHARS = 300;

/** The longest credit the patterns below read: "(" + 60 + an agency + 40 + ")". */
const CREDIT_TAIL = 120;

/** Agencies that close a caption, as they are written (case counts: "(ePA)" is an abbreviation in a sentence). */
const AGENCY = `(?:AP|AFP|EPA|Reuters|REUTERS|Getty(?: Images)?|GETTY(?: IMAGES)?|Shutterstock|Bloomberg|Xinhua|Alamy|NASA)`;

const CAPTION_OPENING =
  /^(?:in this\b[^.]{0,100}?\b(?:file )?(?:photo|photograph|image|picture)\b|file (?:photo|image)\s*[:—–-]|image caption\b|photo caption\b)/i;

const CAPTION_CREDIT = new RegExp(
  [
    // "(AP Photo/Jane Doe)", "(NASA via AP, File)", "(Jane Doe/Reuters)", "(AP)"
    String.raw`\([^()]{0,60}\b${AGENCY}\b[^()]{0,40}\)`,
    // "REUTERS/Jane Doe", "Jane Doe / AP", "/ AP file"
    String.raw`\b${AGENCY}\s*\/\s*[\p{L}][\p{L} .'’-]{1,40}`,
    String.raw`\/\s*${AGENCY}(?: file)?`,
    // "Credit: Getty - Contributor", "...a rabbitCredit: EPA"
    String.raw`[Cc]redit\s*:\s*[^.:]{1,50}`,
    // "... holding a joint. Getty": the agency alone after the caption's last sentence
    String.raw`[.!?]\s+${AGENCY}`,
  ]
    .map((p) => `(?:${p})`)
    .join('|')
    // A gallery's "less" / "hide caption" toggle may follow the credit.
    .replace(/^/, '(?:')
    .concat(String.raw`)\s*(?:less|hide caption|file)?\s*$`),
  'u',
);

/** A line that reads as a photo caption by its opening or its closing credit. */
export function readsAsCaption(line: string): boolean {
  if (line.length > MAX_CAPTION_CHARS) return false;
  // The credit closes the line: its last CREDIT_TAIL characters hold it, and an end-anchored
  // pattern tried on a whole line would start at every position of it.
  return (
    CAPTION_OPENING.test(line) ||
    CAPTION_CREDIT.test(line.length > CREDIT_TAIL ? line.slice(-CREDIT_TAIL) : line)
  );
}
