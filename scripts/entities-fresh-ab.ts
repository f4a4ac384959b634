/**
 * The tagger's first-sight data cost, without V8's warm-up: two compiled model files
 * (tagger.bin) tagged by this build's code in one process, each round a fresh tagger
 * per file (empty word caches and record pool, as in a new worker) over every article
 * of a JSONL file, then the same tagger over them again (every word seen). The two
 * files alternate, first one then the other, so that both meet the same load; the code
 * is warmed up first on both. The tags of both files are compared (hashed) each round.
 *
 *   node dist/scripts/entities-fresh-ab.js --a FILE.bin --b FILE.bin [--data FILE.jsonl] [--rounds 8]
 *
 * For example the previous commit's models/ner/tagger.bin (`git show HEAD~1:models/ner/tagger.bin`)
 * against the current one: same code, only the stored data differ.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadCompiledTagger } from '../src/entities/compiled-model.js';
import { spansToTag } from '../src/entities/mentions.js';
import { pageToArticle } from '../src/ingest/page.js';
import { layoutStage } from '../src/layout/index.js';
import { textStage } from '../src/text/index.js';
import { tokenOffsets } from '../src/text/tokens.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const file = arg('data', '../shared/data/bbc-news-summary/bbc-news-summary.jsonl');
const rounds = Number(arg('rounds', '8'));
const files = { a: resolve(arg('a', '')), b: resolve(arg('b', '')) };

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Each article's sentences as the entities stage gives them to the tagger. */
async function documents(): Promise<string[][][]> {
  const docs: string[][][] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as { text?: unknown; article?: unknown };
    const text = typeof r.text === 'string' ? r.text : r.article;
    if (typeof text !== 'string') continue;
    const a = await textStage.run(await layoutStage.run(pageToArticle({ text }), {}), {});
    const doc: string[][] = [];
    for (const s of spansToTag(a)) {
      const o = tokenOffsets(a.text, s.start, s.end);
      if (o.length === 0) continue;
      const words: string[] = [];
      for (let k = 0; k < o.length; k += 2) words.push(a.text.slice(o[k]!, o[k + 1]!));
      doc.push(words);
    }
    docs.push(doc);
  }
  return docs;
}

function tagsHash(tags: Int32Array[], h: number): number {
  for (const t of tags) for (const x of t) h = (Math.imul(h, 31) + x) | 0;
  return h;
}

async function main(): Promise<void> {
  const docs = await documents();
  const bytes = { a: readFileSync(files.a), b: readFileSync(files.b) };
  for (const k of ['a', 'b'] as const) {
    const t = loadCompiledTagger(bytes[k], files[k]);
    for (const d of docs.slice(0, 400)) t.tagDocument(d);
  }
  const fresh = { a: [] as number[], b: [] as number[] };
  const again = { a: [] as number[], b: [] as number[] };
  let differ = 0;
  for (let r = 0; r < rounds; r++) {
    const hashes = { a: 0, b: 0 };
    for (const k of r % 2 ? (['b', 'a'] as const) : (['a', 'b'] as const)) {
      const t = loadCompiledTagger(bytes[k], files[k]);
      let c = cpuMs();
      let h = 0;
      for (const d of docs) h = tagsHash(t.tagDocument(d), h);
      fresh[k].push((cpuMs() - c) / docs.length);
      hashes[k] = h;
      c = cpuMs();
      for (const d of docs) t.tagDocument(d);
      again[k].push((cpuMs() - c) / docs.length);
    }
    if (hashes.a !== hashes.b) differ++;
  }
  const mean = (xs: number[]) => Math.round((xs.reduce((s, x) => s + x, 0) / xs.length) * 1000) / 1000;
  const r3 = (xs: number[]) => xs.map((x) => Math.round(x * 1000) / 1000);
  const bLower = fresh.b.filter((x, i) => x < fresh.a[i]!).length;
  console.log(`${docs.length} articles of ${file}, ${rounds} rounds, CPU ms an article (tagDocument only)`);
  for (const k of ['a', 'b'] as const)
    console.log(
      `${k} ${files[k]}: fresh tagger ${mean(fresh[k])}, the same articles again ${mean(again[k])}`,
    );
  console.log(
    `b lower than a on a fresh tagger in ${bLower} of ${rounds} rounds; rounds whose tags differ: ${differ}`,
  );
  console.log(
    JSON.stringify({
      articles: docs.length,
      rounds,
      a: {
        file: files.a,
        fresh: r3(fresh.a),
        again: r3(again.a),
        meanFresh: mean(fresh.a),
        meanAgain: mean(again.a),
      },
      b: {
        file: files.b,
        fresh: r3(fresh.b),
        again: r3(again.b),
        meanFresh: mean(fresh.b),
        meanAgain: mean(again.b),
      },
      bLowerRounds: bLower,
      roundsWithDifferentTags: differ,
    }),
  );
}

await main();
