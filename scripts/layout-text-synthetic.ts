/**
 * Synthetic whole-page text dumps for the text path's line model
 * (scripts/layout-text-train.ts --synthetic K): a real page's furniture around
 * another story. Each labelled page lends its lines as they stand (menus, header,
 * related links between paragraphs, footer); each stretch of its story lines is
 * replaced by paragraphs of a clean article body (BBC News, cased), shared out over
 * the stretches in proportion to their words. Labels come from the same 4-gram rule
 * as the real pages, against the inserted body. In cross-validation the pages lent
 * are the training folds' only, so fold k's model never sees fold k's furniture.
 */
import { readFileSync } from 'node:fs';
import { pageToArticle } from '../src/ingest/page.js';
import { analyseText } from '../src/layout/text/classify-lines.js';
import { lineFeatures } from '../src/layout/text/line-features.js';
import { seededRandom as random } from '../src/seeded-random.js';
import { type LabelledPage, labelLines } from './layout-text-data.js';

/** The paragraphs of each article of a bbc-news-summary JSONL file (title line dropped). */
export function readBodies(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const text = (JSON.parse(l) as { text: string }).text;
      return text
        .split(/\n\s*\n/)
        .slice(1)
        .map((p) => p.replace(/\s+/g, ' ').trim())
        .filter(Boolean);
    })
    .filter((ps) => ps.length >= 3);
}

/** The page's lines as the runtime splits them (the labels index these). */
const pageLines = (p: LabelledPage): string[] =>
  p.text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);

/** One synthetic page: `host`'s furniture, `body`'s paragraphs in place of its story stretches. */
export function transplant(host: LabelledPage, body: readonly string[], id: string): LabelledPage | null {
  const lines = pageLines(host);
  // The story stretches of the host: maximal runs of labelled story lines.
  const stretches: { from: number; to: number; words: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!host.y[i]) continue;
    const last = stretches[stretches.length - 1];
    if (last && last.to === i - 1) {
      last.to = i;
      last.words += host.words[i]!;
    } else stretches.push({ from: i, to: i, words: host.words[i]! });
  }
  if (!stretches.length) return null;
  const total = stretches.reduce((a, s) => a + s.words, 0);
  // Paragraphs shared out in order, each stretch at least one, in proportion to its words.
  const counts = stretches.map((s) => Math.max(1, Math.round((s.words / total) * body.length)));
  let given = 0;
  const out: string[] = [];
  let k = 0;
  for (let i = 0; i < lines.length; i++) {
    const s = stretches[k];
    if (s && i === s.from) {
      const take =
        k === stretches.length - 1 ? body.length - given : Math.min(counts[k]!, body.length - given);
      out.push(...body.slice(given, given + Math.max(0, take)));
      given += Math.max(0, take);
      i = s.to;
      k++;
      continue;
    }
    out.push(lines[i]!);
  }
  const inserted = body.slice(0, given).join('\n\n');
  const text = pageToArticle({ id, text: out.join('\n\n') }).text;
  const a = analyseText(text);
  return {
    id,
    truth: inserted,
    text,
    x: lineFeatures(a),
    y: labelLines(
      a.lines.map((l) => l.text),
      inserted,
    ),
    words: Float64Array.from(a.lines, (l) => l.words),
  };
}

/** `perPage` synthetic pages for each host page, bodies drawn at random (fixed seed). */
export function synthesise(
  hosts: readonly LabelledPage[],
  bodies: readonly string[][],
  perPage: number,
  seed = 1,
): LabelledPage[] {
  const rand = random(seed);
  const out: LabelledPage[] = [];
  for (const host of hosts)
    for (let r = 0; r < perPage; r++) {
      const body = bodies[Math.floor(rand() * bodies.length)]!;
      const page = transplant(host, body, `${host.id}#${r}`);
      if (page) out.push(page);
    }
  return out;
}
