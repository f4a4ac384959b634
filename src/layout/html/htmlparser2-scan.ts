/**
 * htmlparser2's streaming Parser behind the same handler as our scanner, as the
 * layout stage used it before scanner.ts: kept to compare the two on the same
 * pages (scripts/layout-parsers.ts, scripts/layout-scan-diff.ts and
 * test/layout/html/scanner.test.ts). The layout stage itself does not load it.
 */
import { Parser } from 'htmlparser2';
import { linearStack, restoreStack } from './parser-stack.js';
import { knownTagId, type ScanHandler, TAG_ATTRIBUTE_NAMES, type TagAttributes } from './scanner.js';
import { installFastSkip } from './tokenizer-skip.js';

/** The attributes our scanner reports, from htmlparser2's record. */
function toAttributes(attribs: Record<string, string>): TagAttributes {
  const out = {} as TagAttributes;
  for (const k of TAG_ATTRIBUTE_NAMES) out[k] = attribs[k];
  return out;
}

export function scanWithHtmlparser2(html: string, handler: ScanHandler): void {
  const parser = new Parser(
    {
      onopentag: (name, attribs) => handler.open(name, toAttributes(attribs), knownTagId(name)),
      ontext: (data) => handler.text(data),
      onclosetag: (name) => handler.close(name),
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  // Linear in nesting depth (see parser-stack.ts); only when the parser has the field we expect.
  const internals = parser as unknown as { stack?: unknown };
  if (Array.isArray(internals.stack) && internals.stack.length === 0) internals.stack = linearStack();
  installFastSkip(parser);
  parser.write(html);
  restoreStack(internals);
  parser.end();
}
