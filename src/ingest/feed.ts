/**
 * RSS 2.0, RSS 1.0 (RDF) and Atom feeds: each item is an article. Its title and
 * content (content:encoded, else description for RSS; content, else summary for
 * Atom) make the page: HTML when the content is markup, plain text otherwise.
 * link → url, guid/id → id, pubDate/published/dc:date/updated → published (an RSS
 * pubDate as ISO 8601 with its time and zone), Atom updated → updated; dc:creator,
 * RSS author ("mail (Name)") and Atom author/name (the feed's when the entry has
 * none) → authors; the channel's or feed's title → publisher. An Atom title of
 * type html or xhtml is read as text (its tags dropped, its entities decoded).
 *
 * The feed is parsed with htmlparser2 in XML mode, fed in pieces; items are
 * handed on as they close.
 */
import { escapeText } from 'entities';
import { Parser } from 'htmlparser2';
import { NewsdigestError } from '../errors.js';
import type { PageInput } from './page.js';
import type { PageResult } from './read.js';

interface Item {
  fields: Map<string, string>;
  link?: string;
  contentType?: string;
  /** The title's Atom type (text, html, xhtml). */
  titleType?: string;
  authors: string[];
}

/** Item children we keep, by lower-cased element name. */
const FIELDS = new Set([
  'title',
  'link',
  'guid',
  'id',
  'pubdate',
  'published',
  'updated',
  'dc:date',
  'description',
  'content:encoded',
  'content',
  'summary',
  'dc:creator',
  'author',
]);

/** Fields an item may hold several of: each element's text is kept. */
const LISTED = new Set(['dc:creator', 'author', 'name']);

const MARKUP = /<\/?[a-z][\w:-]*[\s/>]|&lt;\/?[a-z]/i;

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** Parses a feed's text; an incremental parser so items are ready as they close. */
export class FeedReader {
  private readonly parser: Parser;
  private readonly origin: string;
  private root: string | undefined;
  private item: Item | undefined;
  private itemDepth = -1;
  private field: string | undefined;
  private fieldDepth = -1;
  private fieldText: string[] = [];
  /** Inside Atom `type="xhtml"` content: its markup is rebuilt as HTML. */
  private xhtml = false;
  private depth = 0;
  private count = 0;
  private readonly ready: PageResult[] = [];
  private failed: NewsdigestError | undefined;
  /** Set while the parser ends the document: an element it closes then was never closed by the feed. */
  private ending = false;
  /** The elements the feed left open (innermost first), and whether an item was among them. */
  private unclosed: string[] = [];
  private cutItem = false;
  /** What the feed says of itself: its title (the items' publisher), and Atom's feed-level authors. */
  private readonly feed: Item = { fields: new Map(), authors: [] };
  /** Depth of the RSS/RDF <channel>, of an Atom <author> being read (-1: none). */
  private channelDepth = -1;
  private authorDepth = -1;
  /** Where the field being read goes: the item, or the feed itself. */
  private target: Item | undefined;

  constructor(origin: string) {
    this.origin = origin;
    this.parser = new Parser(
      {
        onopentag: (name, attrs) => this.open(name.toLowerCase(), attrs),
        onclosetag: (name, isImplied) => this.close(name.toLowerCase(), isImplied),
        ontext: (text) => {
          if (this.field) this.fieldText.push(this.xhtml ? escapeText(text) : text);
        },
      },
      { xmlMode: true, decodeEntities: true, recognizeCDATA: true },
    );
  }

  /** Feeds a piece of the document; returns the items completed so far. */
  write(text: string): PageResult[] {
    if (!this.failed) this.parser.write(text);
    return this.drain();
  }

  /** Ends the document; returns the last items and any error about the whole feed. */
  end(): PageResult[] {
    if (!this.failed) {
      this.ending = true;
      this.parser.end();
      this.ending = false;
    }
    if (!this.failed && this.root === undefined) {
      this.fail('not RSS or Atom (no root element)');
    } else if (!this.failed && this.unclosed.length > 0) {
      // Cut short, like a truncated WARC record: the items that closed were handed on; the one
      // the text ends inside is left out, and the file is named with what is wrong.
      // Innermost first, as the parser closes them: "<description> in <item> in <channel> in <rss>".
      const open = this.unclosed.map((n) => `<${n}>`).join(' in ');
      const items = `${this.count} complete item${this.count === 1 ? '' : 's'} read`;
      this.fail(
        this.cutItem
          ? `is truncated: the ${this.kind()} feed ends inside item ${this.count + 1} (${open} not closed); that item is left out, ${items}`
          : `is truncated: the ${this.kind()} feed ends before its ${open} closes; ${items}`,
      );
    } else if (!this.failed && this.count === 0) {
      this.ready.push({
        ok: false,
        error: new NewsdigestError('E_EMPTY', this.origin, `is a ${this.kind()} feed with no items`),
      });
    }
    return this.drain();
  }

  private kind(): string {
    return this.root === 'feed' ? 'Atom' : 'RSS';
  }

  private drain(): PageResult[] {
    return this.ready.splice(0);
  }

  private fail(message: string): void {
    this.failed = new NewsdigestError('E_BAD_FEED', this.origin, message);
    this.ready.push({ ok: false, error: this.failed });
    this.parser.pause();
  }

  private open(name: string, attrs: Record<string, string>): void {
    this.depth++;
    if (this.root === undefined) {
      this.root = name;
      if (name !== 'rss' && name !== 'feed' && name !== 'rdf:rdf') {
        this.fail(`not RSS or Atom (root element is <${name}>)`);
      }
      return;
    }
    if (this.field && this.xhtml) {
      const attributes = Object.entries(attrs)
        .map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`)
        .join('');
      this.fieldText.push(`<${name}${attributes}>`);
      return;
    }
    if (!this.item) {
      if (name === 'item' || name === 'entry') {
        this.item = { fields: new Map(), authors: [] };
        this.itemDepth = this.depth;
        return;
      }
      // The channel's (RSS, RDF) or the feed's (Atom) own children: its title, Atom's authors.
      if (name === 'channel' && this.depth === 2) this.channelDepth = this.depth;
      const parent = this.root === 'feed' ? 1 : this.channelDepth;
      if (this.field || parent < 0) return;
      if (this.depth === parent + 1 && (name === 'title' || (name === 'author' && this.root === 'feed'))) {
        this.begin(this.feed, name, attrs);
      } else if (name === 'name' && this.authorDepth >= 0 && this.depth === this.authorDepth + 1) {
        this.begin(this.feed, name, attrs);
      }
      return;
    }
    if (this.field) return;
    if (name === 'name' && this.authorDepth >= 0 && this.depth === this.authorDepth + 1) {
      this.begin(this.item, name, attrs);
      return;
    }
    if (this.depth !== this.itemDepth + 1) return;
    if (name === 'link' && attrs['href'] !== undefined) {
      // Atom: the alternate link is the article's address.
      const rel = attrs['rel'] ?? 'alternate';
      if (rel === 'alternate' && this.item.link === undefined) this.item.link = attrs['href'];
      return;
    }
    if (!FIELDS.has(name)) return;
    this.begin(this.item, name, attrs);
  }

  /** Starts reading a field of the item (or the feed); an Atom <author> is a container of <name>. */
  private begin(target: Item, name: string, attrs: Record<string, string>): void {
    if (name === 'author' && this.root === 'feed') {
      this.authorDepth = this.depth;
      return;
    }
    this.target = target;
    this.field = name;
    this.fieldDepth = this.depth;
    this.fieldText = [];
    const type = attrs['type']?.toLowerCase();
    if ((name === 'content' || name === 'summary') && type) target.contentType = type;
    if (name === 'title' && type) target.titleType = type;
    this.xhtml = type === 'xhtml';
  }

  private close(name: string, isImplied = false): void {
    const depth = this.depth--;
    if (this.ending && isImplied) {
      this.unclosed.push(name);
      if (this.item && depth === this.itemDepth) {
        this.cutItem = true;
        this.item = undefined;
        this.field = undefined;
        return;
      }
    }
    if (this.field && this.xhtml && depth > this.fieldDepth) {
      this.fieldText.push(`</${name}>`);
      return;
    }
    if (this.field && depth === this.fieldDepth) {
      const value = this.fieldText.join('').trim();
      const target = this.target;
      if (value && target) {
        if (LISTED.has(this.field)) {
          const author = this.field === 'author' ? rssAuthorName(value) : value.replace(/\s+/g, ' ');
          if (author && !target.authors.includes(author)) target.authors.push(author);
        } else if (!target.fields.has(this.field)) target.fields.set(this.field, value);
      }
      this.field = undefined;
      this.target = undefined;
      this.xhtml = false;
      return;
    }
    if (depth === this.authorDepth) {
      this.authorDepth = -1;
      return;
    }
    if (depth === this.channelDepth) this.channelDepth = -1;
    if (this.item && depth === this.itemDepth) {
      this.count++;
      this.ready.push(this.toPage(this.item, `${this.origin}#${this.count}`));
      this.item = undefined;
    }
  }

  private toPage(item: Item, where: string): PageResult {
    const f = item.fields;
    const atom = this.root === 'feed';
    const title = titleText(f.get('title'), item.titleType);
    const content = atom
      ? (f.get('content') ?? f.get('summary'))
      : (f.get('content:encoded') ?? f.get('description'));
    if (!title && !content) {
      return {
        ok: false,
        error: new NewsdigestError('E_EMPTY', where, 'feed item has neither title nor content'),
      };
    }
    const type = item.contentType;
    const isHtml = content !== undefined && (atom && type ? type !== 'text' : MARKUP.test(content));
    // An Atom entry without an author has its feed's (RFC 4287 4.2.1).
    const authors = item.authors.length > 0 ? item.authors : atom ? this.feed.authors : [];
    const publisher = titleText(this.feed.fields.get('title'), this.feed.titleType);
    const updated = f.get('updated');
    const page: PageInput = { origin: where };
    if (isHtml) {
      // The item as a web page: what the feed says of it in the head, where a page says it (the
      // layout reads author, site name and modified date there as on any page), the title as its heading.
      const head = [
        authors.length > 0 ? metaElement('name', 'author', authors.join(', ')) : '',
        publisher ? metaElement('property', 'og:site_name', publisher) : '',
        updated ? metaElement('property', 'article:modified_time', updated) : '',
      ].join('');
      page.html = `${head ? `<head>${head}</head>\n` : ''}${title ? `<h1>${escapeText(title)}</h1>\n` : ''}${content}`;
    } else {
      page.text = [title, content].filter(Boolean).join('\n\n');
      // A text page has no head: what the feed says of it goes with the page, for layout to weigh.
      if (authors.length > 0) page.authors = [...authors];
      if (publisher) page.publisher = publisher;
    }
    if (title) page.title = title;
    const id = f.get('guid') ?? f.get('id');
    if (id) page.id = id;
    const link = item.link ?? f.get('link');
    if (link) page.url = link;
    const pubDate = f.get('pubdate');
    const published =
      (pubDate ? rfc822ToIso(pubDate) : undefined) ?? f.get('published') ?? f.get('dc:date') ?? updated;
    if (published) page.published = published;
    return { ok: true, page };
  }
}

function metaElement(attribute: 'name' | 'property', key: string, content: string): string {
  return `<meta ${attribute}="${key}" content="${escapeAttribute(content)}">`;
}

/** A title as text: an Atom title of type html or xhtml is markup, whose text alone is kept. */
function titleText(title: string | undefined, type: string | undefined): string | undefined {
  if (title === undefined) return undefined;
  const text = type === 'html' || type === 'xhtml' ? htmlText(title) : title;
  return text.replace(/\s+/g, ' ').trim() || undefined;
}

/** Elements whose content is never text a reader sees. */
const HIDDEN = new Set(['script', 'style', 'template', 'noscript']);

/** The text of an HTML fragment: tags dropped (never kept as markup, nothing run), entities decoded. */
export function htmlText(html: string): string {
  const parts: string[] = [];
  let hidden = 0;
  const parser = new Parser(
    {
      onopentag: (name) => {
        if (HIDDEN.has(name)) hidden++;
        else if (name === 'br') parts.push(' ');
      },
      onclosetag: (name) => {
        if (HIDDEN.has(name) && hidden > 0) hidden--;
      },
      ontext: (text) => {
        if (hidden === 0) parts.push(text);
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.end(html);
  return parts.join('');
}

/** RSS <author> is a mail address, often with the name: "news@x.example (Tom Reyes)" → "Tom Reyes". */
export function rssAuthorName(value: string): string | undefined {
  const v = value.replace(/\s+/g, ' ').trim();
  const inParens = /^\S+@\S+\s*\((.+)\)$/.exec(v);
  if (inParens) return inParens[1]!.trim() || undefined;
  const beforeMail = /^(.+?)\s*<\S+@\S+>$/.exec(v); // "Tom Reyes <news@x.example>"
  if (beforeMail) return beforeMail[1]!.replace(/^"|"$/g, '').trim() || undefined;
  if (/^\S+@\S+$/.test(v)) return undefined; // a bare address names no one
  return v || undefined;
}

const MONTHS: Record<string, string> = {
  jan: '01',
  feb: '02',
  mar: '03',
  apr: '04',
  may: '05',
  jun: '06',
  jul: '07',
  aug: '08',
  sep: '09',
  oct: '10',
  nov: '11',
  dec: '12',
};

/** RFC 822 zone names (and a few that feeds use) as offsets; military letters are "unknown" (RFC 2822 4.3). */
const ZONES: Record<string, string> = {
  z: 'Z',
  ut: 'Z',
  utc: 'Z',
  gmt: 'Z',
  est: '-05:00',
  edt: '-04:00',
  cst: '-06:00',
  cdt: '-05:00',
  mst: '-07:00',
  mdt: '-06:00',
  pst: '-08:00',
  pdt: '-07:00',
  cet: '+01:00',
  cest: '+02:00',
};

const RFC822 =
  /^(?:[a-z]{3,9},?\s+)?(\d{1,2})\s+([a-z]{3,9})\.?\s+(\d{4}|\d{2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([+-]\d{2}:?\d{2}|[a-z]{1,5}))?)?$/i;

/**
 * An RSS pubDate (RFC 822/2822: "Tue, 03 Mar 2026 09:15:00 +0100") as ISO 8601 with its time
 * and zone ("2026-03-03T09:15:00+01:00"), as Atom gives its dates; a zone it cannot place
 * leaves the time without one. Undefined when the value is not such a date (it is then
 * handed on as it is, for the date readers to try).
 */
export function rfc822ToIso(value: string): string | undefined {
  const m = RFC822.exec(value.trim());
  if (!m) return undefined;
  const [, day, monthName, yearText, hour, minute, second, zoneText] = m;
  const month = MONTHS[monthName!.slice(0, 3).toLowerCase()];
  if (!month) return undefined;
  // Two-digit years: 00-49 are 20xx, 50-99 19xx (RFC 2822 4.3).
  const year =
    yearText!.length === 2 ? String(+yearText! < 50 ? 2000 + +yearText! : 1900 + +yearText!) : yearText!;
  const date = `${year}-${month}-${day!.padStart(2, '0')}`;
  const check = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(check.getTime()) || check.getUTCDate() !== +day!) return undefined;
  if (hour === undefined) return date;
  if (+hour > 23 || +minute! > 59 || +(second ?? 0) > 60) return undefined;
  let zone = '';
  if (zoneText) {
    if (/^[+-]/.test(zoneText)) {
      const digits = zoneText.replace(':', '');
      zone =
        digits.slice(1) === '0000' && digits[0] === '-' ? '' : `${digits.slice(0, 3)}:${digits.slice(3)}`;
    } else zone = ZONES[zoneText.toLowerCase()] ?? '';
  }
  return `${date}T${hour.padStart(2, '0')}:${minute}:${second ?? '00'}${zone}`;
}
