/**
 * `newsdigest bench entities`: our NER tagger against compromise (the JavaScript
 * NER a user would otherwise pick) on the same CoNLL-format sentences in the same
 * run: speed (sentences/s and tokens/s, ours on one thread in this process; the
 * peer as one process fed JSONL, start-up included) and, for context, both
 * taggers' exact-span F1 on PER/ORG/LOC (compromise has no MISC), scored the way
 * ../shared/peers/eval/ner-f1.py scores it: sentences joined by single spaces,
 * character spans compared on start, end and type.
 *
 * Two figures for us: tagging alone (the CoNLL tokens given, as a tagger is
 * usually measured) and the stage's path from text (our tokenizer, then tagging).
 *
 * Given a JSONL file instead (records with "text" or "article", plain or .gz: news
 * articles), it times the entities stage on them (layout and text stages run
 * first, untimed) against compromise on the same article texts: ms per article,
 * wall and CPU. `--limit` articles are timed (default 400) after the stage warms
 * up on as many others of the file, and it meets each timed article once, so their
 * new words cost what they cost in a real batch (a cache that only helps on
 * repeated text does not show here); repeated passes are reported beside.
 */

import { relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Article } from '../src/article/types.js';
import { chunksOf, conllDocuments, readConll } from '../src/entities/conll.js';
import { findMentions, spansToTag } from '../src/entities/mentions.js';
import { shippedTagger } from '../src/entities/shipped-tagger.js';
import { TAGS } from '../src/entities/tags.js';
import { defaultDataDir, readJsonl } from '../src/eval/data.js';
import type { EvalReport } from '../src/eval/report.js';
import { prf, round } from '../src/eval/report.js';
import { tokenSpans } from '../src/text/tokens.js';
import { makeTiming, peerAvailable, runPeer, speedReport, type Timing } from './harness.js';
import type { BenchTask } from './registry.js';

type Span3 = { type: string; start: number; end: number };

/** A sentence as the peers see it: tokens joined by single spaces, with token offsets. */
function joined(words: readonly string[]) {
  const starts: number[] = [];
  const ends: number[] = [];
  let text = '';
  for (const w of words) {
    if (text) text += ' ';
    starts.push(text.length);
    text += w;
    ends.push(text.length);
  }
  return { text, starts, ends };
}

function score(gold: Span3[][], predicted: Span3[][], types: Set<string>) {
  let tp = 0;
  let np = 0;
  let ng = 0;
  gold.forEach((g, k) => {
    const gs = new Set(g.filter((e) => types.has(e.type)).map((e) => `${e.type}:${e.start}:${e.end}`));
    const ps = new Set(
      (predicted[k] ?? []).filter((e) => types.has(e.type)).map((e) => `${e.type}:${e.start}:${e.end}`),
    );
    ng += gs.size;
    np += ps.size;
    for (const p of ps) if (gs.has(p)) tp++;
  });
  return prf(tp, np, ng);
}

/**
 * Times `fn` over the whole input: one warm-up pass, then passes for at least
 * `minSeconds`. Returns wall-clock and CPU seconds per pass: on a shared machine
 * the CPU time is the steadier measure of our own cost.
 */
function timePasses(fn: () => void, minSeconds = 3): { wall: number; cpu: number } {
  fn();
  let passes = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let elapsed = 0;
  do {
    fn();
    passes++;
    elapsed = (performance.now() - t0) / 1000;
  } while (elapsed < minSeconds);
  const c = process.cpuUsage(c0);
  return { wall: elapsed / passes, cpu: (c.user + c.system) / 1e6 / passes };
}

/** Our entities stage and compromise on news articles: ms per article (see the module comment). */
async function newsReport(path: string, count: number): Promise<EvalReport> {
  const { pageToArticle } = await import('../src/ingest/page.js');
  const { layoutStage } = await import('../src/layout/index.js');
  const { textStage } = await import('../src/text/index.js');
  const { entitiesStage } = await import('../src/entities/index.js');
  const articles: Article[] = [];
  for await (const r of readJsonl(path, 2 * count)) {
    const text = typeof r['text'] === 'string' ? r['text'] : r['article'];
    if (typeof text !== 'string' || !text.trim()) continue;
    articles.push(await textStage.run(await layoutStage.run(pageToArticle({ text }), {}), {}));
  }
  const timed = articles.slice(0, count);
  const warm = articles.slice(count);
  // The stage is synchronous (Stage.run may return a promise; this one never does).
  const run = (a: Article) => entitiesStage.run(a, {});
  for (const a of warm) run(a);
  const tokens = timed.reduce(
    (n, a) => n + spansToTag(a).reduce((m, s) => m + tokenSpans(a.text, s.start, s.end).length, 0),
    0,
  );
  const bytes = timed.reduce((n, a) => n + Buffer.byteLength(a.text, 'utf8'), 0);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (const a of timed) run(a);
  const firstWall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const firstCpu = (c.user + c.system) / 1e6;
  const repeated = timePasses(() => {
    for (const a of timed) run(a);
  }, 2);
  const n = timed.length;
  const ms = (seconds: number) => round((1000 * seconds) / n, 3);
  const figures: Record<string, unknown> = {
    // Relative to the working folder: the JSON line names no one machine's absolute path.
    file: relative(process.cwd(), path),
    articles: n,
    warmUpArticles: warm.length,
    tokensPerArticle: round(tokens / n, 1),
    msPerArticle: ms(firstWall),
    cpuMsPerArticle: ms(firstCpu),
    tokensPerCpuSecond: round(tokens / firstCpu, 0),
    repeatedPass: { msPerArticle: ms(repeated.wall), cpuMsPerArticle: ms(repeated.cpu) },
  };
  const ours: Timing = {
    label: 'newsdigest entities stage',
    items: n,
    bytes,
    seconds: firstWall,
    rate: n / firstWall,
    mbPerSecond: bytes / 1e6 / firstWall,
  };
  const peers: Timing[] = [];
  const notes = [
    `data: ${path}; ${n} articles timed once each after a warm-up on ${warm.length} others; ${round(tokens / n, 1)} tokens an article`,
    `ours: ${ms(firstWall)} ms an article wall, ${ms(firstCpu)} ms CPU (process.cpuUsage); repeated passes over the same articles: ${ms(repeated.wall)} wall, ${ms(repeated.cpu)} CPU`,
  ];
  if (peerAvailable('ner-compromise')) {
    const peer = await runPeer(
      'ner-compromise',
      timed.map((a, i) => ({ id: String(i), text: a.text })),
      bytes,
    );
    peers.push(peer.timing);
    figures['compromise'] = { msPerArticle: ms(peer.timing.seconds) };
    notes.push(`ner-compromise: ${ms(peer.timing.seconds)} ms an article (one process, start-up included)`);
  } else {
    notes.push('peer ner-compromise not installed (bash ../shared/peers/setup): skipped');
  }
  const report = speedReport('entities', ours, peers, figures);
  report.notes = [...notes, ...(report.notes ?? [])];
  return report;
}

export const entitiesBench: BenchTask = {
  name: 'entities',
  summary: 'NER tagging speed (tokens/s) and PER/ORG/LOC F1 vs compromise on CoNLL-format data',
  defaultData: 'conll2003/eng.testa',
  flags: { window: 'sentences per document when the file has no -DOCSTART- lines (default 40)' },
  async run({ data, limit, flags }): Promise<EvalReport> {
    const path = resolve(data || resolve(defaultDataDir(), 'conll2003/eng.testa'));
    if (/\.jsonl(\.gz)?$/.test(path)) return newsReport(path, limit ?? 400);
    let sentences = readConll(path);
    if (limit !== undefined) sentences = sentences.slice(0, limit);
    const window = Number(flags['window'] ?? 40);
    const docs = conllDocuments(sentences, window);
    const docWords = docs.map((d) => d.map((s) => s.words));
    const joinedSentences = sentences.map((s) => joined(s.words));
    const docTexts = docs.map((d) => d.map((s) => joined(s.words).text).join('\n'));
    const tokens = sentences.reduce((n, s) => n + s.words.length, 0);
    const bytes = joinedSentences.reduce((n, j) => n + Buffer.byteLength(j.text, 'utf8') + 1, 0);
    const tagger = shippedTagger();

    const tagTime = timePasses(() => {
      for (const d of docWords) tagger.tagDocument(d);
    });
    const textTime = timePasses(() => {
      for (const t of docTexts) {
        const spans = [];
        let from = 0;
        for (const line of t.split('\n')) {
          spans.push({ start: from, end: from + line.length });
          from += line.length + 1;
        }
        findMentions(t, spans, tagger);
      }
    });
    const tagSeconds = tagTime.wall;
    const textSeconds = textTime.wall;
    const timingOf = (label: string, seconds: number, extra: Record<string, number>): Timing => ({
      ...makeTiming(label, sentences.length, bytes, seconds),
      extra,
    });
    const ours = timingOf('newsdigest tagger', tagSeconds, {
      tokensPerSecond: round(tokens / tagSeconds, 0),
    });
    const oursText = timingOf('newsdigest text→mentions', textSeconds, {
      tokensPerSecond: round(tokens / textSeconds, 0),
    });

    // Quality on the same sentences, as the peers' scripts score it.
    const gold: Span3[][] = sentences.map((s, k) =>
      chunksOf(s.tags).map((c) => ({
        type: c.type,
        start: joinedSentences[k]!.starts[c.start]!,
        end: joinedSentences[k]!.ends[c.end - 1]!,
      })),
    );
    const oursPred: Span3[][] = [];
    let k = 0;
    for (const d of docWords) {
      for (const tags of tagger.tagDocument(d)) {
        const j = joinedSentences[k++]!;
        oursPred.push(
          chunksOf(Array.from(tags, (t) => TAGS[t]!)).map((c) => ({
            type: c.type,
            start: j.starts[c.start]!,
            end: j.ends[c.end - 1]!,
          })),
        );
      }
    }
    const three = new Set(['PER', 'ORG', 'LOC']);
    const oursF1 = score(gold, oursPred, three);
    const f = (s: { precision: number; recall: number; f1: number }) => ({
      precision: round(s.precision, 4),
      recall: round(s.recall, 4),
      f1: round(s.f1, 4),
    });
    const figures: Record<string, unknown> = {
      sentences: sentences.length,
      tokens,
      tokensPerSecond: round(tokens / tagSeconds, 0),
      textTokensPerSecond: round(tokens / textSeconds, 0),
      tokensPerCpuSecond: round(tokens / tagTime.cpu, 0),
      textTokensPerCpuSecond: round(tokens / textTime.cpu, 0),
      f1PerOrgLoc: f(oursF1),
    };
    const peers: Timing[] = [oursText];
    const notes = [
      `data: ${path}; ${sentences.length} sentences, ${tokens} tokens`,
      `ours per CPU-second (process.cpuUsage): tagger ${Math.round(tokens / tagTime.cpu)} tokens/s, text→mentions ${Math.round(tokens / textTime.cpu)} tokens/s`,
    ];
    if (peerAvailable('ner-compromise')) {
      const records = joinedSentences.map((j, i) => ({ id: String(i), text: j.text }));
      const run = await runPeer('ner-compromise', records, bytes);
      const pred: Span3[][] = run.outputs.map((o) =>
        Array.isArray(o['entities']) ? (o['entities'] as Span3[]) : [],
      );
      const peerF1 = score(gold, pred, three);
      run.timing.extra = { ...run.timing.extra, tokensPerSecond: round(tokens / run.timing.seconds, 0) };
      peers.push(run.timing);
      figures['compromise'] = {
        tokensPerSecond: round(tokens / run.timing.seconds, 0),
        f1PerOrgLoc: f(peerF1),
      };
      notes.push(
        `PER/ORG/LOC exact-span F1 on these sentences: ours ${oursF1.f1.toFixed(4)}, compromise ${peerF1.f1.toFixed(4)}`,
      );
    } else {
      notes.push('peer ner-compromise not installed (bash ../shared/peers/setup): skipped');
    }
    const report = speedReport('entities', ours, peers, figures);
    report.columns = [...report.columns, 'tokens/s'];
    report.rows = report.rows.map((r, i) => [...r, [ours, ...peers][i]!.extra?.['tokensPerSecond'] ?? '']);

    report.notes = [...notes, ...(report.notes ?? [])];
    return report;
  },
};
