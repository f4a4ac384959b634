/**
 * What a name's own words say of its type, whatever the tagger read from its context:
 * - a name that ends in a geographic or street head noun ("Merrow Harbour", "Calder
 *   Street", "Kestrel Bay") is a place: the tagger, meeting an unknown first word, often
 *   calls it an organisation. Only ORG and MISC are retyped (a person may be named
 *   "Bay" or "Lake"), and not a name with a lower-case or linking word inside
 *   ("Association for Relations Across the … Straits", "Port Of Alder Bay": bodies
 *   named after a place);
 * - a one-word name before a town's facility ("The Tarle public library", "the Tarle ferry") names the
 *   town, unless it reads as a nationality adjective ("the Dutch ferry");
 * - a legislator's party-and-state tag after a name ("Sen. Ann Roe, R-Maine", "(D-N.Y.)")
 *   names a state, not an organisation: the state part is the mention, a place.
 * Facts of English and of the US states, not data from any corpus.
 */
import { ENTITY_TYPES, NUM_TAGS } from './tags.js';

/**
 * Head nouns of place names. Chosen on CoNLL-2003 train's gold names ending in each word
 * (docs/DECISIONS.md (entities-16)): words whose names are mostly places. Left out as often
 * sports clubs or people there: coast, county, forest, park, hill, lane, mountain, province.
 */
const PLACE_HEADS = new Set(
  (
    'harbour harbor bay bridge river street road avenue boulevard lake mountains island islands valley ' +
    'creek canal strait gulf sea ocean peninsula highway square heights falls beach wharf pier quay ' +
    'reservoir estuary'
  ).split(' '),
);

const LONGEST_HEAD = Math.max(...[...PLACE_HEADS].map((h) => h.length));

/** US states and territories, full names and the abbreviations newspapers and the post use (lower case, no periods). */
const US_STATES = new Set(
  (
    'alabama ala al alaska ak arizona ariz az arkansas ark ar california calif ca colorado colo co connecticut conn ct ' +
    'delaware del de florida fla fl georgia ga hawaii hi idaho id illinois ill il indiana ind in iowa ia kansas kan ks ' +
    'kentucky ky louisiana la maine me maryland md massachusetts mass ma michigan mich mi minnesota minn mn ' +
    'mississippi miss ms missouri mo montana mont mt nebraska neb ne nevada nev nv ny nh nj nm nc nd ' +
    'ohio oh oklahoma okla ok oregon ore or pennsylvania pa rhode island ri sc sd tennessee tenn tn texas tex tx ' +
    'utah ut vermont vt va virginia washington wash wa wv wisconsin wis wi wyoming wyo wy dc pr guam vi ' +
    'kans wisc wva nebr nmex ndak sdak oreg ' +
    'new hampshire new jersey new mexico new york north carolina north dakota south carolina south dakota ' +
    'west virginia puerto rico'
  )
    .replace(/\b(new|north|south|west|rhode|puerto) (\w+)/g, '$1_$2')
    .split(' ')
    .map((s) => s.replace('_', ' ')),
);

/** Function words that make a name a phrase ("Port of Alder Bay", "Friends of the River"), in any case. */
const LINKS = new Set('of for the and & de du des la le to at in on'.split(' '));

/**
 * Whether a chunk's words end in a place head and hold no lower-case word and no linking word in
 * any case (a title-cased "Port Of Alder Bay" is the port's authority as much as "Port of Alder Bay").
 */
export function endsInPlaceHead(words: readonly string[], start: number, end: number): boolean {
  const last = words[end - 1]!;
  if (last.length > LONGEST_HEAD || end - start < 2) return false;
  if (!PLACE_HEADS.has(last.toLowerCase())) return false;
  for (let i = start; i < end; i++) {
    const w = words[i]!;
    const c = w.charCodeAt(0);
    if ((c >= 97 && c <= 122) || (w.length <= 3 && LINKS.has(w.toLowerCase()))) return false;
  }
  return true;
}

/**
 * Whether the chunk's words are a party-and-state tag ("R-Maine", "D-N.Y.", "I-Vt.", "D-New York")
 * right after a comma or an opening parenthesis.
 */
export function isPartyState(words: readonly string[], start: number, end: number): boolean {
  if (start === 0) return false;
  const before = words[start - 1]!;
  if (before !== ',' && before !== '(') return false;
  const first = words[start]!;
  const party = first.charCodeAt(0);
  // R, D or I, a hyphen, then a capital.
  if ((party !== 82 && party !== 68 && party !== 73) || first.charCodeAt(1) !== 45) return false;
  const c = first.charCodeAt(2);
  if (!(c >= 65 && c <= 90)) return false;
  let state = first.slice(2);
  for (let i = start + 1; i < end; i++) state += ` ${words[i]!}`;
  return US_STATES.has(state.replace(/\./g, '').toLowerCase());
}

/** Lower-case nouns of a town's own facilities, which a place's name qualifies ("the Tarle library"). */
const LOCAL_FACILITIES = new Set(
  (
    'library libraries bridge ferry harbour harbor council hall courthouse hospital airport station school schools ' +
    'museum park port prison stadium'
  ).split(' '),
);

/** Words that may stand between the name and the facility ("the Tarle public library", "the Tarle town council"). */
const LOCAL_QUALIFIERS = new Set(
  'public city county town municipal village district regional community'.split(' '),
);

/** Endings of nationality adjectives (Dutch, Sudanese, Iraqi, Thai, Greek, Swiss, Nordic, Polish…). */
const DEMONYM_ENDING = /(?:an|ese|ish|i|ic|ch|sh|ss|k|ai)$/;

/**
 * Whether a one-word chunk names the place whose facility follows: "The Tarle public library", "the
 * Tarle ferry". Nationality adjectives take the same place ("the Dutch ferry", "Sudanese police"), so
 * a word with a nationality ending is left alone, and so are markets and police, which nations have, and
 * churches, which denominations have ("the Baptist church").
 */
export function namesLocalFacility(words: readonly string[], start: number, end: number): boolean {
  if (end - start !== 1 || end >= words.length) return false;
  const name = words[start]!;
  const c0 = name.charCodeAt(0);
  const c1 = name.charCodeAt(1);
  // A capitalised word, not all capitals (an acronym).
  if (!(c0 >= 65 && c0 <= 90) || !(c1 >= 97 && c1 <= 122)) return false;
  let next = words[end]!;
  let at = end;
  if (LOCAL_QUALIFIERS.has(next) && at + 1 < words.length) next = words[++at]!;
  if (!LOCAL_FACILITIES.has(next)) return false;
  // "Olympics-accredited hospital": a compound adjective, not a name.
  return !DEMONYM_ENDING.test(name.toLowerCase()) && !/-[a-z]/.test(name);
}

/** The type a chunk of `words` should have: LOC for a place head or a party-and-state tag, else its own. */
export function retypedChunk(words: readonly string[], start: number, end: number, type: string): string {
  if ((type === 'ORG' || type === 'MISC') && endsInPlaceHead(words, start, end)) return 'LOC';
  if (type === 'MISC' && namesLocalFacility(words, start, end)) return 'LOC';
  if (type !== 'LOC' && isPartyState(words, start, end)) return 'LOC';
  return type;
}

const LOC_OFFSET = 1 + 4 * ENTITY_TYPES.indexOf('LOC');

/**
 * Tag ids (indices into TAGS) of `words` with each chunk retyped as retypedChunk says, prefixes kept:
 * how `eval ner` scores the stage's typing on CoNLL data. `chunks` are the tag ids' chunks.
 */
export function retypeTagIds(
  words: readonly string[],
  tags: ArrayLike<number>,
  chunks: readonly { type: string; start: number; end: number }[],
): number[] {
  const out = Array.from(tags);
  for (const c of chunks) {
    if (retypedChunk(words, c.start, c.end, c.type) !== 'LOC' || c.type === 'LOC') continue;
    for (let i = c.start; i < c.end; i++) {
      const t = out[i]!;
      if (t > 0 && t < NUM_TAGS) out[i] = LOC_OFFSET + ((t - 1) & 3);
    }
  }
  return out;
}
