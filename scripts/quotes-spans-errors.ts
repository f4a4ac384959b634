/**
 * Error study of source and content choice with the gold cues given (the `gold-cues`
 * diagnostic of `eval quotes`), by category, with examples. Read-only: it prints.
 *
 *   node dist/scripts/quotes-spans-errors.js [--data ../shared/data] [--split train] [--role source|content] [--show CATEGORY] [--n 20] [--seed 1]
 *
 * Each gold attribution with a cue is paired with the attribution extracted for that cue;
 * its source and content are then put in one category: exact, left/right/both boundary off
 * (overlapping), no overlap, missing (gold has one, we none), spurious (we have one, gold none).
 */
import { join } from 'node:path';
import { SCHEMA_VERSION } from '../src/article/schema.js';
import type { Article, Span } from '../src/article/types.js';
import { readJsonl } from '../src/eval/data.js';
import { runStages } from '../src/pipeline.js';
import { shippedLexicon } from '../src/quotes/cue-lexicon.js';
import { parseGoldArticle, type Role } from '../src/quotes/eval-quotes.js';
import { extractAttributions } from '../src/quotes/extract-attributions.js';
import { sameSpanTrimmed, shareWord, trimForScoring } from '../src/quotes/score-attributions.js';
import { textStage } from '../src/text/index.js';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const dataDir = flag('data', join('..', 'shared', 'data'));
const split = flag('split', 'train');
const role = flag('role', 'source') as Exclude<Role, 'cue'>;
const show = flag('show', '');
const n = Number(flag('n', '20'));
let seed = Number(flag('seed', '1'));
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

function category(text: string, p: Span | undefined, g: Span | undefined): string {
  if (!p && !g) return 'none-both';
  if (!p) return 'missing';
  if (!g) return 'spurious';
  if (sameSpanTrimmed(text, p, g)) return 'exact';
  if (!shareWord(text, p, g)) return 'no-overlap';
  const a = trimForScoring(text, p);
  const b = trimForScoring(text, g);
  const left = a.start < b.start ? 'left-wide' : a.start > b.start ? 'left-short' : '';
  const right = a.end > b.end ? 'right-wide' : a.end < b.end ? 'right-short' : '';
  return [left, right].filter(Boolean).join('+');
}

const counts = new Map<string, number>();
const samples = new Map<string, string[]>();
const lexicon = shippedLexicon();
for await (const record of readJsonl(join(dataDir, 'quotes-polnear', 'polnear.jsonl'))) {
  const gold = parseGoldArticle(record, 'polnear');
  if (gold.split !== split) continue;
  const article: Article = {
    schemaVersion: SCHEMA_VERSION,
    id: gold.id,
    text: gold.text,
    source: { format: 'text' },
  };
  const { sentences = [] } = await runStages(article, [textStage], {});
  const withCue = gold.attributions.filter((a) => a.cue);
  const found = extractAttributions({
    text: gold.text,
    sentences,
    lexicon,
    givenCues: withCue.map((a) => a.cue!),
  });
  for (const g of withCue) {
    const p = found.find((f) => shareWord(gold.text, f.cue, g.cue!));
    const ps = p ? (role === 'source' ? p.source : p.content) : undefined;
    const gs = g[role];
    const c = p ? category(gold.text, ps, gs) : 'cue-dropped';
    counts.set(c, (counts.get(c) ?? 0) + 1);
    if (show && c === show) {
      const list = samples.get(c) ?? [];
      const from = Math.max(0, Math.min(g.cue!.start, gs?.start ?? 1e9, ps?.start ?? 1e9) - 60);
      const to = Math.max(g.cue!.end, gs?.end ?? 0, ps?.end ?? 0) + 60;
      const cut = (s?: Span) => (s ? JSON.stringify(gold.text.slice(s.start, s.end).slice(0, 200)) : '-');
      list.push(
        `${gold.id}\n  ctx:  ${JSON.stringify(gold.text.slice(from, to))}\n  cue:  ${cut(g.cue)}\n  gold: ${cut(gs)}\n  ours: ${cut(ps)}`,
      );
      samples.set(c, list);
    }
  }
}
const total = [...counts.values()].reduce((a, b) => a + b, 0);
for (const [c, k] of [...counts].sort((a, b) => b[1] - a[1]))
  console.log(`${c.padEnd(24)} ${String(k).padStart(6)}  ${((100 * k) / total).toFixed(1)}%`);
for (const list of samples.values()) {
  const picked = [...list].sort(() => rand() - 0.5).slice(0, n);
  console.log(`\n${picked.join('\n\n')}`);
}
