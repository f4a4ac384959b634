/**
 * PolNeAR's brat standoff annotation (`.ann`) → our PolNeAR-format JSONL, one record per
 * (article, annotator), so that any annotator's version of an article can be scored with
 * `eval quotes` (as gold, or as `--predictions`).
 *
 *   node dist/scripts/quotes-brat-to-jsonl.js --ann DIR [--ann DIR …] [--data polnear.jsonl]
 *        [--only-data] [--out FILE]
 *
 * A file is named `<article id>_<annotator>.ann` (the annotator is the part after the last
 * "_"). The article's text comes from the `--data` record of that id when there is one (its
 * metadata is copied too), else from `<id>.txt` beside the `.ann`, in `text/` beside it, or in
 * `../text/` (PolNeAR's layout). `--only-data` skips the articles that `--data` does not hold.
 *
 * The brat conventions PolNeAR uses (docs/DECISIONS.md (agreement-15)):
 * - `T<n>\t<Type> <start> <end>[;<start> <end>…]\t<text>`: a text span; types Source, Cue,
 *   Content (the roles), Attribution / Attribution-no-source (the event's trigger, on the
 *   cue's words), Discuss / Discard (notes, not attributions). Fragments are `;`-separated.
 * - `E<n>\t<Trigger type>:T<a> <Role>:T<b> …`: one attribution. Arguments may come in any order
 *   and may name a T line written later; one Source may serve several events; a second
 *   part of a role is `Content2:T<c>` (numbered argument).
 * - A T line no event names is not an attribution and is left out.
 *
 * An attribution is written as polnear.jsonl writes it: `id` = the event's id, the roles in
 * the event's argument order, a span with gaps as `spans` with `start`/`end` the first
 * part's start and the last part's end and `text` the parts joined by a space, and `direct`
 * when the content's text (trimmed) opens and closes with a double quotation mark. A
 * numbered second part (`Content2`) is added to the role's `spans`.
 */
import { createWriteStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';

export interface BratSpan {
  start: number;
  end: number;
  text: string;
  spans?: { start: number; end: number; text: string }[];
}

export type Role = 'source' | 'cue' | 'content';

export interface BratAttribution {
  id: string;
  source?: BratSpan;
  cue?: BratSpan;
  content?: BratSpan;
  direct: boolean;
}

interface TextBound {
  type: string;
  fragments: [number, number][];
}

const ROLE_OF: Record<string, Role> = { Source: 'source', Cue: 'cue', Content: 'content' };

/** A problem with one line of a `.ann` file: where and what. */
export class BratError extends Error {}

/** Parses the T and E lines of one `.ann` file (other line kinds — R, A, #, * — are skipped). */
export function parseAnn(
  ann: string,
  where = '.ann',
): { bounds: Map<string, TextBound>; events: { id: string; args: [string, string][] }[] } {
  const bounds = new Map<string, TextBound>();
  const events: { id: string; args: [string, string][] }[] = [];
  for (const [i, raw] of ann.split('\n').entries()) {
    const line = raw.replace(/\r$/, '');
    if (!line.trim()) continue;
    const [id = '', body = ''] = line.split('\t');
    const at = `${where}:${i + 1}`;
    if (id.startsWith('T')) {
      const space = body.indexOf(' ');
      if (space < 0) throw new BratError(`${at}: expecting "Type start end", instead found "${body}"`);
      const type = body.slice(0, space);
      const fragments = body
        .slice(space + 1)
        .split(';')
        .map((f): [number, number] => {
          const [s, e] = f.trim().split(/\s+/).map(Number);
          if (!Number.isInteger(s) || !Number.isInteger(e)) {
            throw new BratError(`${at}: expecting "start end" offsets, instead found "${f}"`);
          }
          return [s!, e!];
        });
      bounds.set(id, { type, fragments });
    } else if (id.startsWith('E')) {
      const args = body
        .trim()
        .split(/\s+/)
        .map((a): [string, string] => {
          const colon = a.lastIndexOf(':');
          if (colon < 0) throw new BratError(`${at}: expecting "Role:T<n>", instead found "${a}"`);
          return [a.slice(0, colon), a.slice(colon + 1)];
        });
      events.push({ id, args });
    }
  }
  return { bounds, events };
}

/** Double quotation marks, as polnear.jsonl's `direct` reads them. */
const OPEN = new Set(['"', '“']);
const CLOSE = new Set(['"', '”']);

function spanOf(text: string, fragments: [number, number][], where: string): BratSpan {
  for (const [s, e] of fragments) {
    if (s < 0 || e > text.length || s > e) {
      throw new BratError(`${where}: span ${s}–${e} lies outside the article (${text.length} characters)`);
    }
  }
  const parts = fragments.map(([s, e]) => ({ start: s, end: e, text: text.slice(s, e) }));
  const joined = parts.map((p) => p.text).join(' ');
  const span: BratSpan = { start: parts[0]!.start, end: parts.at(-1)!.end, text: joined };
  if (parts.length > 1) span.spans = parts;
  return span;
}

/** One annotator's attributions of one article, in the order of its E lines. */
export function attributionsOf(ann: string, text: string, where = '.ann'): BratAttribution[] {
  const { bounds, events } = parseAnn(ann, where);
  const out: BratAttribution[] = [];
  for (const event of events) {
    const attribution: BratAttribution = { id: event.id, direct: false };
    const fragments: Partial<Record<Role, [number, number][]>> = {};
    const order: Role[] = [];
    for (const [name, ref] of event.args) {
      // "Content2", "Source2": a numbered further part of the same role.
      const role = ROLE_OF[name.replace(/\d+$/, '')];
      if (!role) continue; // the trigger (Attribution, Attribution-no-source)
      const bound = bounds.get(ref);
      if (!bound) throw new BratError(`${where}: ${event.id} names ${ref}, which no T line defines`);
      if (!fragments[role]) order.push(role);
      fragments[role] = [...(fragments[role] ?? []), ...bound.fragments];
    }
    for (const role of order) attribution[role] = spanOf(text, fragments[role]!, `${where} ${event.id}`);
    const content = attribution.content?.text.trim() ?? '';
    attribution.direct = content.length >= 2 && OPEN.has(content[0]!) && CLOSE.has(content.at(-1)!);
    // Keep the roles in the event's order, then id and direct where polnear.jsonl has them.
    const ordered: BratAttribution = { id: attribution.id } as BratAttribution;
    for (const role of order) ordered[role] = attribution[role];
    ordered.direct = attribution.direct;
    out.push(ordered);
  }
  return out;
}

/** `<article id>_<annotator>.ann` → [id, annotator]. */
export function splitName(file: string): [string, string] {
  const stem = basename(file).replace(/\.ann$/, '');
  const cut = stem.lastIndexOf('_');
  if (cut < 0) throw new BratError(`${file}: expecting "<article id>_<annotator>.ann"`);
  return [stem.slice(0, cut), stem.slice(cut + 1)];
}

function annFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...annFiles(path));
    else if (name.endsWith('.ann')) out.push(path);
  }
  return out;
}

function textBeside(file: string, id: string): string | undefined {
  const dir = dirname(file);
  for (const candidate of [
    join(dir, `${id}.txt`),
    join(dir, 'text', `${id}.txt`),
    join(dir, '..', 'text', `${id}.txt`),
  ]) {
    if (existsSync(candidate)) return readFileSync(candidate, 'utf8');
  }
  return undefined;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      ann: { type: 'string', multiple: true },
      data: { type: 'string' },
      'only-data': { type: 'boolean' },
      out: { type: 'string' },
    },
  });
  if (!values.ann?.length) {
    process.stderr.write(
      'usage: quotes-brat-to-jsonl --ann DIR [--ann DIR …] [--data polnear.jsonl] [--only-data] [--out FILE]\n',
    );
    process.exit(2);
  }
  const records = new Map<string, Record<string, unknown>>();
  if (values.data) {
    for (const line of readFileSync(values.data, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const r = JSON.parse(line) as Record<string, unknown>;
      records.set(String(r['id']), r);
    }
  }
  const files = values.ann.flatMap(annFiles);
  const perArticle = new Map<string, number>();
  for (const f of files) {
    const [id] = splitName(f);
    perArticle.set(id, (perArticle.get(id) ?? 0) + 1);
  }
  const out = values.out ? createWriteStream(values.out) : process.stdout;
  let written = 0;
  let skipped = 0;
  for (const file of files) {
    const [id, annotator] = splitName(file);
    const known = records.get(id);
    if (!known && values['only-data']) {
      skipped++;
      continue;
    }
    const text = known ? String(known['text']) : textBeside(file, id);
    if (text === undefined)
      throw new BratError(`${file}: no text (no --data record "${id}", no ${id}.txt beside)`);
    const attributions = attributionsOf(readFileSync(file, 'utf8'), text, file);
    const meta: Record<string, unknown> = known
      ? Object.fromEntries(Object.entries(known).filter(([k]) => k !== 'attributions'))
      : { id, text };
    const record = {
      ...meta,
      annotator,
      n_annotators: known?.['n_annotators'] ?? perArticle.get(id),
      attributions,
    };
    out.write(`${JSON.stringify(record)}\n`);
    written++;
  }
  if (out !== process.stdout) (out as ReturnType<typeof createWriteStream>).end();
  process.stderr.write(
    `${written} records from ${files.length} .ann files (${perArticle.size} articles)${skipped ? `, ${skipped} skipped (not in --data)` : ''}\n`,
  );
}

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
