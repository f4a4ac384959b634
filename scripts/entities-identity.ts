/**
 * Output-identity check of the NER tagger and the entities stage against another
 * build: the tag sequences of a CoNLL file (cased, and all lower-cased, so that the
 * truecasing path runs), their emission scores bit for bit (cased and lower-cased: a
 * faster scorer must give the same floats, not only the same best paths), and the
 * entities the stage returns on news articles (JSONL,
 * "text" or "article" field, plain or .gz). Each build's output is hashed (SHA-256)
 * and the first differing item, if any, is named.
 *
 *   node dist/scripts/entities-identity.js [--other DIR] [--conll FILE] [--news FILE,FILE]
 *     [--limit N]   (articles per news file; default 1800)
 *
 * With --other, the same runs on DIR's build (a `git archive` of an older commit built
 * into DIR/dist), in the same process, one build after the other.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Article } from '../src/article/types.js';
import { conllDocuments, readConll } from '../src/entities/conll.js';
import { readJsonl } from '../src/eval/data.js';
import { pageToArticle } from '../src/ingest/page.js';
import { layoutStage } from '../src/layout/index.js';
import type { Stage } from '../src/pipeline.js';
import { textStage } from '../src/text/index.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const conll = arg('conll', '../shared/data/conll2003/eng.testa');
const news = arg(
  'news',
  '../shared/data/bbc-news-summary/bbc-news-summary.jsonl,../shared/data/cnndm/test.jsonl.gz',
).split(',');
const limit = Number(arg('limit', '1800'));
const other = process.argv.includes('--other') ? resolve(arg('other', '')) : undefined;

interface Build {
  label: string;
  tagDocument(words: readonly (readonly string[])[]): Int32Array[];
  scoreDocument(words: readonly (readonly string[])[]): Float32Array[];
  stage: Stage;
}

async function buildAt(root: string | undefined): Promise<Build> {
  const base = root
    ? pathToFileURL(`${root}/dist/src/entities/`).href
    : new URL('../src/entities/', import.meta.url).href;
  // shipped-tagger.js since the compiled model; tagger.js in earlier builds.
  const tagger = (await import(`${base}shipped-tagger.js`).catch(() => import(`${base}tagger.js`))) as {
    shippedTagger(): Build;
  };
  const index = (await import(`${base}index.js`)) as { entitiesStage: Stage };
  const t = tagger.shippedTagger();
  return {
    label: root ?? 'this build',
    tagDocument: (w) => t.tagDocument(w),
    scoreDocument: (w) => t.scoreDocument(w),
    stage: index.entitiesStage,
  };
}

async function main(): Promise<void> {
  const docs = conllDocuments(readConll(conll), 40).map((d) => d.map((s) => s.words));
  const lowerDocs = docs.map((d) => d.map((s) => s.map((w) => w.toLowerCase())));
  const prepared: { file: string; articles: Article[] }[] = [];
  for (const file of news) {
    const articles: Article[] = [];
    for await (const r of readJsonl<{ text?: string; article?: string }>(file, limit)) {
      const text = r.text ?? r.article;
      if (typeof text !== 'string') continue;
      articles.push(await textStage.run(await layoutStage.run(pageToArticle({ text }), {}), {}));
    }
    prepared.push({ file, articles });
  }
  const results: Record<string, Record<string, string>> = {};
  const items: Record<string, string[]>[] = [];
  for (const root of other ? [undefined, other] : [undefined]) {
    const b = await buildAt(root);
    const out: Record<string, string[]> = {};
    out[`${conll} cased`] = docs.map((d) => JSON.stringify(b.tagDocument(d).map((t) => Array.from(t))));
    out[`${conll} lower-cased`] = lowerDocs.map((d) =>
      JSON.stringify(b.tagDocument(d).map((t) => Array.from(t))),
    );
    // The scores' bytes as hex, one line per document (the documents as tagDocument sees them:
    // scoreDocument does not truecase, so the lower-cased run scores the lower-case words).
    const bytes = (scores: Float32Array[]) =>
      scores.map((s) => Buffer.from(s.buffer, s.byteOffset, s.byteLength).toString('hex')).join(' ');
    out[`${conll} cased scores`] = docs.map((d) => bytes(b.scoreDocument(d)));
    out[`${conll} lower-cased scores`] = lowerDocs.map((d) => bytes(b.scoreDocument(d)));
    for (const { file, articles } of prepared) {
      const lines: string[] = [];
      for (const a of articles) lines.push(JSON.stringify((await b.stage.run(a, {})).entities ?? null));
      out[`${file} entities (${articles.length} articles)`] = lines;
    }
    results[b.label] = Object.fromEntries(
      Object.entries(out).map(([k, v]) => [
        k,
        createHash('sha256').update(v.join('\n')).digest('hex').slice(0, 16),
      ]),
    );
    items.push(out);
  }
  const differences: Record<string, string> = {};
  if (items.length === 2) {
    for (const k of Object.keys(items[0]!)) {
      const a = items[0]![k]!;
      const b = items[1]![k]!;
      const n = a.filter((x, i) => x !== b[i]).length;
      const first = a.findIndex((x, i) => x !== b[i]);
      differences[k] = n === 0 ? 'identical' : `${n} of ${a.length} differ (first: item ${first})`;
      console.log(`${k}: ${differences[k]}`);
    }
  }
  console.log(JSON.stringify({ results, differences }));
}

await main();
