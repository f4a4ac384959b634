/**
 * RSS 2.0, RSS 1.0 (RDF) and Atom feeds: each item is an article. Its title and
 * content (content:encoded, else description for RSS; content, else summary for
 * Atom) make the page: HTML when the content is markup, plain text otherwise.
 * link → url, guid/id → id, pubDate/published/updated/dc:date → published.
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
]);

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
        this.item = { fields: new Map() };
        this.itemDepth = this.depth;
      }
      return;
    }
    if (this.field || this.depth !== this.itemDepth + 1) return;
    if (name === 'link' && attrs['href'] !== undefined) {
      // Atom: the alternate link is the article's address.
      const rel = attrs['rel'] ?? 'alternate';
      if (rel === 'alternate' && this.item.link === undefined) this.item.link = attrs['href'];
      return;
    }
    if (!FIELDS.has(name)) return;
    this.field = name;
    this.fieldDepth = this.depth;
    this.fieldText = [];
    const type = attrs['type']?.toLowerCase();
    if ((name === 'content' || name === 'summary') && type) this.item.contentType = type;
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
      if (value && this.item && !this.item.fields.has(this.field)) this.item.fields.set(this.field, value);
      this.field = undefined;
      this.xhtml = false;
      return;
    }
    if (this.item && depth === this.itemDepth) {
      this.count++;
      this.ready.push(this.toPage(this.item, `${this.origin}#${this.count}`));
      this.item = undefined;
    }
  }

  private toPage(item: Item, where: string): PageResult {
    const f = item.fields;
    const title = f.get('title');
    const atom = this.root === 'feed';
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
    const page: PageInput = { origin: where };
    if (isHtml) {
      page.html = `${title ? `<h1>${escapeText(title)}</h1>\n` : ''}${content}`;
    } else {
      page.text = [title, content].filter(Boolean).join('\n\n');
    }
    if (title) page.title = title;
    const id = f.get('guid') ?? f.get('id');
    if (id) page.id = id;
    const link = item.link ?? f.get('link');
    if (link) page.url = link;
    const published = f.get('pubdate') ?? f.get('published') ?? f.get('dc:date') ?? f.get('updated');
    if (published) page.published = published;
    return { ok: true, page };
  }
}
