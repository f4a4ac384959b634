/**
 * Renders an HTML page as text: every visible block of the page on its own line,
 * furniture included (the layout stage decides later what each block is). Returns
 * the rendered blocks with the element that produced each, so that layout can use
 * the DOM without parsing the page a second time.
 *
 * First version: a streaming pass over htmlparser2's events. The layout stage owns
 * and refines it.
 */
import { Parser } from 'htmlparser2';

export interface RenderedBlock {
  start: number;
  end: number;
  /** Nearest block-level element that holds the text, lowercased ("p", "h2", "li", "td", ...). */
  tag: string;
}

export interface RenderedPage {
  text: string;
  blocks: RenderedBlock[];
  /** Contents of <title>, if any. */
  title?: string;
}

const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'iframe',
  'object',
  'head',
]);
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'br',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'html',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'td',
  'th',
  'tr',
  'ul',
  'caption',
  'option',
  'select',
]);

export function renderHtml(html: string): RenderedPage {
  const parts: string[] = [];
  const blocks: RenderedBlock[] = [];
  let length = 0;
  let current = '';
  const stack: string[] = [];
  let skipDepth = 0;
  let inTitle = false;
  let title = '';

  const blockTag = (): string => {
    for (let i = stack.length - 1; i >= 0; i--) if (BLOCK.has(stack[i]!)) return stack[i]!;
    return 'body';
  };
  const flush = (): void => {
    const line = current.replace(/\s+/g, ' ').trim();
    current = '';
    if (!line) return;
    if (length > 0) {
      parts.push('\n');
      length += 1;
    }
    blocks.push({ start: length, end: length + line.length, tag: blockTag() });
    parts.push(line);
    length += line.length;
  };

  const parser = new Parser(
    {
      onopentag(name) {
        if (name === 'title') inTitle = true;
        if (SKIPPED.has(name) || skipDepth > 0) {
          if (SKIPPED.has(name)) skipDepth++;
          stack.push(name);
          return;
        }
        if (BLOCK.has(name)) flush();
        stack.push(name);
      },
      ontext(data) {
        if (inTitle) title += data;
        if (skipDepth === 0) current += data;
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
        // htmlparser2 closes implied elements itself; pop to the matching name.
        const at = stack.lastIndexOf(name);
        if (at === -1) return;
        const popped = stack.splice(at);
        const wasSkipped = popped.filter((t) => SKIPPED.has(t)).length;
        if (skipDepth > 0) {
          skipDepth -= wasSkipped;
          return;
        }
        if (BLOCK.has(name)) flush();
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  flush();
  const cleanTitle = title.replace(/\s+/g, ' ').trim();
  return { text: parts.join(''), blocks, ...(cleanTitle ? { title: cleanTitle } : {}) };
}
