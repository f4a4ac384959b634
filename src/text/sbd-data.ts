/**
 * The two sentence-boundary data formats `eval sbd` reads, turned into raw text
 * with gold sentence ends:
 * - golden rules: a JSON array of `{text, sentences: [...]}` cases;
 * - CoNLL-U: each document (`# newdoc`) becomes its sentences' `# text` lines
 *   joined by a space, with a blank line where a paragraph starts (`# newpar`);
 *   the gold boundaries are the sentence ends.
 */
import { readFileSync } from 'node:fs';
import { NewsdigestError } from '../errors.js';

export interface GoldenCase {
  text: string;
  sentences: string[];
}

export interface SbdDocument {
  id: string;
  text: string;
  /** Offsets where each gold sentence ends (exclusive), ascending. */
  ends: number[];
  /** Offsets where each gold sentence starts. */
  starts: number[];
}

export type SbdData = { format: 'golden'; cases: GoldenCase[] } | { format: 'conllu'; docs: SbdDocument[] };

/** Reads either format, telling them apart by the content. */
export function readSbdData(path: string, form: ConlluForm = 'text'): SbdData {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new NewsdigestError(
      code === 'ENOENT' ? 'E_NOT_FOUND' : 'E_IO',
      path,
      code === 'ENOENT' ? 'no such file or directory' : (e as Error).message,
    );
  }
  const head = raw.trimStart();
  if (head.startsWith('[')) return { format: 'golden', cases: parseGolden(raw, path) };
  if (/^# (?:newdoc|sent_id|text) /m.test(raw.slice(0, 10_000)))
    return { format: 'conllu', docs: parseConllu(raw, form) };
  throw new NewsdigestError(
    'E_BAD_RECORD',
    path,
    'expecting golden-rules JSON (an array of {text, sentences}) or CoNLL-U (# text lines), instead found neither',
  );
}

function parseGolden(raw: string, path: string): GoldenCase[] {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (e) {
    throw new NewsdigestError('E_BAD_JSON', path, `not valid JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(value))
    throw new NewsdigestError('E_BAD_RECORD', path, 'expecting a JSON array of cases');
  return value.map((c, n) => {
    const ok =
      typeof c === 'object' &&
      c !== null &&
      typeof (c as GoldenCase).text === 'string' &&
      Array.isArray((c as GoldenCase).sentences) &&
      (c as GoldenCase).sentences.every((s) => typeof s === 'string');
    if (!ok)
      throw new NewsdigestError(
        'E_BAD_RECORD',
        `${path}[${n}]`,
        'expecting {text: string, sentences: string[]}',
      );
    return c as GoldenCase;
  });
}

/**
 * How a CoNLL-U sentence becomes text: its `# text` line (default), its tokens
 * joined by spaces (tokenized copy, as CNN/DM's), or those tokens lower-cased
 * (as CNN/DM's exactly: lower-cased and tokenized).
 */
export type ConlluForm = 'text' | 'tokens' | 'lower-tokens';

/** Documents of a CoNLL-U file, built as described above. */
export function parseConllu(raw: string, form: ConlluForm = 'text'): SbdDocument[] {
  const docs: SbdDocument[] = [];
  let doc: { id: string; parts: string[]; newpar: boolean[]; tokens: string[][] } | undefined;
  let newpar = false;
  const finish = () => {
    if (!doc || doc.parts.length === 0) return;
    let text = '';
    const ends: number[] = [];
    const starts: number[] = [];
    doc.parts.forEach((line, k) => {
      let s = line;
      const toks = doc!.tokens[k]!;
      if (form !== 'text' && toks.length > 0) s = toks.join(' ');
      if (form === 'lower-tokens') s = s.toLowerCase();
      if (k > 0) text += doc!.newpar[k] ? '\n\n' : ' ';
      starts.push(text.length);
      text += s;
      ends.push(text.length);
    });
    docs.push({ id: doc.id, text, ends, starts });
  };
  const newDoc = (id: string) => ({ id, parts: [], newpar: [], tokens: [] });
  for (const line of raw.split('\n')) {
    if (!line.startsWith('#')) {
      // A token line: ID (a whole number; not a range or an empty node), FORM, ...
      if (form === 'text' || !doc || doc.tokens.length === 0) continue;
      const tab = line.indexOf('\t');
      if (tab <= 0 || !/^\d+$/.test(line.slice(0, tab))) continue;
      const end = line.indexOf('\t', tab + 1);
      doc.tokens[doc.tokens.length - 1]!.push(line.slice(tab + 1, end < 0 ? undefined : end));
      continue;
    }
    const l = line.trimEnd();
    if (l.startsWith('# newdoc')) {
      finish();
      const m = /id\s*=\s*(\S+)/.exec(l);
      doc = newDoc(m?.[1] ?? `doc-${docs.length + 1}`);
      newpar = true;
    } else if (l === '# newpar' || l.startsWith('# newpar ')) {
      newpar = true;
    } else if (l.startsWith('# text = ')) {
      if (!doc) doc = newDoc(`doc-${docs.length + 1}`);
      const s = l.slice(9).trim();
      if (s === '') continue;
      doc.parts.push(s);
      doc.newpar.push(newpar);
      doc.tokens.push([]);
      newpar = false;
    }
  }
  finish();
  return docs;
}
