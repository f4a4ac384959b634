/**
 * Content extents on the train folds: the cues the shipped pipeline keeps on each held-out fold
 * of PolNeAR train (written by `quotes-source-folds.js cues`; dev is never read) are given back
 * to the extractor, so that a change to the content (or source) rules is scored in a second on
 * the same cues, with content exact beside the three target figures; and the content-exact
 * errors whose spans overlap are sorted by where they differ, with the words that differ.
 *
 *   node dist/scripts/quotes-content-folds.js [--data DIR] --cues FILE [--save F | --base F]
 *     [--errors] [--top N] [--samples N] [--gold]
 *
 * `--save F` writes the per-fold figures, `--base F` prints the change against such a file
 * (mean and folds up/down for content exact, content overlap, source overlap, cue exact).
 * `--errors`: each gold content is paired with the predicted content of the attribution whose
 * cue shares a word with its cue and whose content overlaps it; pairs that
 * overlap but are not the same once trimmed are sorted: the start early (words we take in
 * before gold's start) or late, the end late (words past gold's end) or early; each class with
 * its commonest first (or last) words.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Span } from '../src/article/types.js';
import { readJsonl } from '../src/eval/data.js';
import { shippedLexicon } from '../src/quotes/cue-lexicon.js';
import { fold } from '../src/quotes/cue-train.js';
import {
  emptyRoleCounts,
  figuresOf,
  type GoldArticle,
  parseGoldArticle,
  type RoleCounts,
  rolesOf,
  scoreArticle,
} from '../src/quotes/eval-quotes.js';
import { extractAttributions } from '../src/quotes/extract-attributions.js';
import { sameSpanTrimmed, shareWord, trimForScoring } from '../src/quotes/score-attributions.js';
import { sentenceSpans } from '../src/text/sentences.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    cues: { type: 'string' },
    save: { type: 'string' },
    base: { type: 'string' },
    errors: { type: 'boolean' },
    top: { type: 'string' },
    samples: { type: 'string' },
    gold: { type: 'boolean' },
    commas: { type: 'boolean' },
  },
});

const path = join(resolve(values.data ?? '../shared/data'), 'quotes-polnear', 'polnear.jsonl');
const train: GoldArticle[] = [];
let n = 0;
for await (const r of readJsonl(path)) {
  const g = parseGoldArticle(r, `${path}: record ${++n}`);
  if (g.split === 'train') train.push(g);
}
if (!values.cues && !values.gold) throw new Error('--cues FILE (from quotes-source-folds.js cues) or --gold');
const { cues } = values.cues
  ? (JSON.parse(readFileSync(values.cues, 'utf8')) as { cues: Record<string, Span[]> })
  : { cues: {} as Record<string, Span[]> };
const lexicon = shippedLexicon();
const perFold = Array.from({ length: 5 }, () => emptyRoleCounts());
const pooled = emptyRoleCounts();
const classes = new Map<string, number>();
const samples = new Map<string, string[]>();
const every = Number(values.samples ?? 0);
let pairs = 0;
let exactPairs = 0;
const commaTable = new Map<string, [number, number, number]>();

const words = (t: string) => t.toLowerCase().match(/[\p{L}\p{N}’']+|[,;:—–]/gu) ?? [];
function note(key: string, text: string, g: Span, p: Span): void {
  const c = (classes.get(key) ?? 0) + 1;
  classes.set(key, c);
  if (!every || c > every) return;
  const a = Math.max(0, Math.min(g.start, p.start) - 60);
  const b = Math.min(text.length, Math.max(g.end, p.end) + 30);
  const marks: [number, number, string][] = [
    [g.start, 1, '['],
    [g.end, 0, ']'],
    [p.start, 1, '{'],
    [p.end, 0, '}'],
  ];
  marks.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  let s = '';
  let at = a;
  for (const [pos, , sign] of marks) {
    s += text.slice(at, pos) + sign;
    at = pos;
  }
  s += text.slice(at, b);
  const list = samples.get(key) ?? [];
  list.push(s.replace(/\s+/g, ' '));
  samples.set(key, list);
}

for (const g of train) {
  const given = values.gold ? g.attributions.flatMap((a) => (a.cue ? [a.cue] : [])) : (cues[g.id] ?? []);
  const found = extractAttributions({
    text: g.text,
    sentences: sentenceSpans(g.text),
    lexicon,
    givenCues: given,
  });
  const predicted = rolesOf(found);
  scoreArticle(perFold[fold(g.id)]!, g, predicted);
  scoreArticle(pooled, g, predicted);
  if (!values.errors) continue;
  const t = g.text;
  for (const a of g.attributions) {
    if (!a.content) continue;
    const byCue = a.cue
      ? found.find((f) => shareWord(t, f.cue, a.cue!) && shareWord(t, f.content, a.content!))
      : undefined;
    const p = byCue;
    if (!p) continue;
    pairs++;
    if (values.commas) commaStops(t, a.content, p.content);
    if (sameSpanTrimmed(t, p.content, a.content)) {
      exactPairs++;
      continue;
    }
    const gs = trimForScoring(t, a.content);
    const ps = trimForScoring(t, p.content);
    if (ps.start < gs.start) {
      const w = words(t.slice(ps.start, gs.start));
      note(
        `start early · ${w.slice(0, 3).join(' ')}${w.length > 3 ? ' …' : ''}${w.length > 1 ? ` (${w.length})` : ''}`,
        t,
        a.content,
        p.content,
      );
      note(`start early (all)`, t, a.content, p.content);
      note(`start early, first word · ${w[0]}`, t, a.content, p.content);
      note(`start early, last word · ${w.at(-1)}`, t, a.content, p.content);
    } else if (ps.start > gs.start) {
      const w = words(t.slice(gs.start, ps.start));
      note(`start late · ${w.slice(0, 3).join(' ')}${w.length > 3 ? ' …' : ''}`, t, a.content, p.content);
      note(`start late (all)`, t, a.content, p.content);
      note(`start late, first word · ${w[0]}`, t, a.content, p.content);
    }
    if (ps.end > gs.end) {
      const w = words(t.slice(gs.end, ps.end));
      const more = t.slice(gs.end, ps.end).match(/[.!?]["”’]?\s+\S/) ? ' [sentence+]' : '';
      note(
        `end late${more} · ${w.slice(0, 3).join(' ')}${w.length > 3 ? ' …' : ''}`,
        t,
        a.content,
        p.content,
      );
      note(`end late (all)${more}`, t, a.content, p.content);
      note(`end late, first word${more} · ${w[0]}`, t, a.content, p.content);
    } else if (ps.end < gs.end) {
      const w = words(t.slice(ps.end, gs.end));
      const more = t.slice(ps.end, gs.end).match(/[.!?]["”’]?\s+\S/) ? ' [sentence+]' : '';
      note(
        `end early${more} · ${w.slice(0, 3).join(' ')}${w.length > 3 ? ' …' : ''}`,
        t,
        a.content,
        p.content,
      );
      note(`end early (all)${more}`, t, a.content, p.content);
      note(`end early, first word${more} · ${w[0]}`, t, a.content, p.content);
    }
  }
}

/**
 * For each word W, the pairs whose predicted content holds ", W" (W after a comma, dash or
 * semicolon, outside quotation marks): does gold's content end at that first ", W" (stop), run on
 * past it (on), or end earlier (before)?
 */
function commaStops(t: string, g: Span, p: Span): void {
  const gs = trimForScoring(t, g);
  const ps = trimForScoring(t, p);
  let quoted = false;
  const seen = new Set<string>();
  for (let i = ps.start; i < ps.end; i++) {
    const ch = t[i]!;
    if (ch === '“' || ch === '”' || ch === '"') quoted = ch === '“' ? true : ch === '”' ? false : !quoted;
    if (quoted || !(ch === ',' || ch === ';' || ch === '—' || ch === '–')) continue;
    const m = /^\s*([\p{L}’']+)/u.exec(t.slice(i + 1, i + 30));
    if (!m) continue;
    const w = `${ch === ',' ? ',' : ch} ${m[1]!.toLowerCase()}`;
    if (seen.has(w)) continue;
    seen.add(w);
    const row = commaTable.get(w) ?? [0, 0, 0];
    const k = gs.end <= i + 1 && gs.end >= i - 1 ? 0 : gs.end > i ? 1 : 2;
    row[k]++;
    commaTable.set(w, row);
  }
}

function line(c: RoleCounts): string {
  const f = figuresOf(c);
  return `content exact ${f.content.exact.f1.toFixed(4)} overlap ${f.content.overlap.f1.toFixed(4)} / source overlap ${f.source.overlap.f1.toFixed(4)} exact ${f.source.exact.f1.toFixed(4)} / cue exact ${f.cue.exact.f1.toFixed(4)}`;
}
for (let k = 0; k < 5; k++) console.log(`fold ${k}: ${line(perFold[k]!)}`);
console.log(`pooled: ${line(pooled)}`);
const mine = perFold.map((c) => {
  const f = figuresOf(c);
  return [f.content.exact.f1, f.content.overlap.f1, f.source.overlap.f1, f.cue.exact.f1, f.source.exact.f1];
});
const names = ['content exact', 'content overlap', 'source overlap', 'cue exact', 'source exact'];
console.log(
  `mean: ${names.map((name, k) => `${name} ${(mine.reduce((s, m) => s + m[k]!, 0) / 5).toFixed(4)}`).join(', ')}`,
);
if (values.save) writeFileSync(values.save, JSON.stringify(mine));
if (values.base && existsSync(values.base)) {
  const base = JSON.parse(readFileSync(values.base, 'utf8')) as number[][];
  for (const [k, name] of names.entries()) {
    const d = mine.map((m, i) => m[k]! - base[i]![k]!);
    const mean = d.reduce((x, y) => x + y, 0) / d.length;
    console.log(
      `vs base ${name}: mean ${mean >= 0 ? '+' : ''}${mean.toFixed(4)}, folds up ${d.filter((x) => x > 1e-9).length}, down ${d.filter((x) => x < -1e-9).length}`,
    );
  }
}
if (values.errors) {
  console.log(
    `\ncontent pairs (gold content with an overlapping predicted one): ${pairs}, exact ${exactPairs}`,
  );
  const top = [...classes].sort((x, y) => y[1] - x[1]);
  for (const [k, v] of top.slice(0, Number(values.top ?? 60))) console.log(`${v}\t${k}`);
  if (values.commas) {
    console.log('\n| after | stop | on | before |');
    for (const [w, r] of [...commaTable].sort((x, y) => y[1][0] + y[1][1] - x[1][0] - x[1][1]).slice(0, 80))
      console.log(`| ${w} | ${r[0]} | ${r[1]} | ${r[2]} |`);
  }
  for (const [k, list] of [...samples].sort()) {
    if (!k.includes('(all)')) continue;
    console.log(`\n## ${k}`);
    for (const s of list) console.log(`- ${s}`);
  }
}
