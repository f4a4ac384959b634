/**
 * `newsdigest eval ner --data FILE`: the shipped tagger on a CoNLL-format file,
 * scored with conlleval's entity-level exact match (span and type), overall and
 * per type.
 */
import { resolve } from 'node:path';
import { NewsdigestError } from '../errors.js';
import { defaultDataDir, readJsonl } from '../eval/data.js';
import type { EvalReport, EvalTask } from '../eval/report.js';
import { prf, round } from '../eval/report.js';
import { sentenceSpans } from '../text/sentences.js';
import { addSentence, conllDocuments, type NerScores, newCounts, readConll, scoreCounts } from './conll.js';
import { ClusterScorer, type MergeRecord, mergeGoldMentions, parseAnnotated } from './eval-merge.js';
import { findMentions } from './mentions.js';
import { mergeMentions } from './merge.js';
import { retypeTagIds } from './name-types.js';
import { shippedTagger } from './shipped-tagger.js';
import { chunksOfTagIds, TAGS } from './tags.js';

export function nerReport(scores: NerScores, notes: string[] = []): EvalReport {
  const perType: Record<string, { precision: number; recall: number; f1: number }> = {};
  const rows: (string | number)[][] = [];
  for (const [t, s] of Object.entries(scores.perType)) {
    perType[t] = { precision: round(s.precision), recall: round(s.recall), f1: round(s.f1) };
    rows.push([t, s.gold, s.predicted, s.precision, s.recall, s.f1]);
  }
  const gold = Object.values(scores.perType).reduce((a, s) => a + s.gold, 0);
  const predicted = Object.values(scores.perType).reduce((a, s) => a + s.predicted, 0);
  rows.push(['all', gold, predicted, scores.precision, scores.recall, scores.f1]);
  return {
    figures: {
      task: 'ner',
      sentences: scores.sentences,
      precision: round(scores.precision),
      recall: round(scores.recall),
      f1: round(scores.f1),
      perType,
    },
    columns: ['type', 'gold', 'predicted', 'precision', 'recall', 'F1'],
    rows,
    notes,
  };
}

/**
 * Articles annotated inline (test/fixtures/entities/merge.jsonl): mention
 * merging on the gold mentions, and the stage end to end on the plain text.
 */
async function mergeEvaluation(path: string, limit?: number): Promise<EvalReport> {
  const tagger = shippedTagger();
  const onGold = new ClusterScorer();
  const endToEnd = new ClusterScorer();
  let articles = 0;
  let tp = 0;
  let predictedCount = 0;
  let goldCount = 0;
  for await (const record of readJsonl<MergeRecord>(path, limit)) {
    const a = parseAnnotated(record, `${path}: record ${articles + 1}`);
    articles++;
    const merged = mergeGoldMentions(a);
    onGold.add(merged.gold, merged.predicted);
    // End to end: our sentences and tokens, the shipped tagger, then merging.
    const found = findMentions(a.text, sentenceSpans(a.text), tagger);
    const goldKeys = new Map(a.gold.map((m) => [`${m.start}:${m.end}:${m.type}`, m.label]));
    predictedCount += found.length;
    goldCount += a.gold.length;
    const gold = new Map<string, string>();
    const predicted = new Map<string, string>();
    for (const e of mergeMentions(a.text, found)) {
      for (const m of e.mentions) {
        const f = found.find((x) => x.start === m.start && x.end === m.end)!;
        const label = goldKeys.get(`${f.start}:${f.end}:${f.type}`);
        if (label === undefined) continue;
        tp++;
        gold.set(`${f.start}:${f.end}`, label);
        predicted.set(`${f.start}:${f.end}`, e.id);
      }
    }
    endToEnd.add(gold, predicted);
  }
  // Without a single marked mention every figure would read 1 (nothing to get wrong): say so instead.
  if (goldCount === 0)
    throw new NewsdigestError(
      'E_BAD_RECORD',
      path,
      articles === 0
        ? 'no records'
        : 'no mention marked as [name]{label} in any record: not entity-annotated data',
    );
  const g = onGold.scores();
  const e = endToEnd.scores();
  const mentions = prf(tp, predictedCount, goldCount);
  const r = (x: number) => round(x);
  return {
    figures: {
      task: 'ner',
      articles,
      merge: {
        mentions: g.mentions,
        bcubed: { precision: r(g.bcubedPrecision), recall: r(g.bcubedRecall), f1: r(g.bcubedF1) },
        pairwise: { precision: r(g.pairPrecision), recall: r(g.pairRecall), f1: r(g.pairF1) },
      },
      endToEnd: {
        mentions: { precision: r(mentions.precision), recall: r(mentions.recall), f1: r(mentions.f1) },
        bcubed: { precision: r(e.bcubedPrecision), recall: r(e.bcubedRecall), f1: r(e.bcubedF1) },
        pairwise: { precision: r(e.pairPrecision), recall: r(e.pairRecall), f1: r(e.pairF1) },
      },
    },
    columns: ['measure', 'precision', 'recall', 'F1'],
    rows: [
      ['merge on gold mentions, B-cubed', g.bcubedPrecision, g.bcubedRecall, g.bcubedF1],
      ['merge on gold mentions, pairwise', g.pairPrecision, g.pairRecall, g.pairF1],
      ['end to end: mentions (span+type)', mentions.precision, mentions.recall, mentions.f1],
      ['end to end: B-cubed on found mentions', e.bcubedPrecision, e.bcubedRecall, e.bcubedF1],
      ['end to end: pairwise on found mentions', e.pairPrecision, e.pairRecall, e.pairF1],
    ],
    notes: [`data: ${path} (${articles} articles, ${g.mentions} gold mentions)`],
  };
}

export const nerTask: EvalTask = {
  name: 'ner',
  summary:
    'named entities on CoNLL-format data (IOB1/IOB2): conlleval entity-level P/R/F1 per type; on .jsonl annotated articles: mention merging (B-cubed, pairwise)',
  defaultData: 'conll2003/eng.testa',
  flags: {
    window: 'sentences per document when the file has no -DOCSTART- lines (default 40)',
    method:
      "CoNLL: 'stage' (default: types as the entities stage gives them, place heads and party-and-state tags LOC) or 'tagger' (the tagger's own)",
  },
  async run(args) {
    const path = resolve(args.data || resolve(defaultDataDir(), 'conll2003/eng.testa'));
    if (/\.jsonl$/.test(path)) return mergeEvaluation(path, args.limit);
    let sentences = readConll(path);
    if (args.limit !== undefined) sentences = sentences.slice(0, args.limit);
    const window = Number(args.flags['window'] ?? 40);
    // `--method tagger`: the tagger's own types, as this eval scored before the stage retyped chunks.
    const method = typeof args.flags['method'] === 'string' ? args.flags['method'] : 'stage';
    if (method !== 'stage' && method !== 'tagger')
      throw new NewsdigestError(
        'E_BAD_OPTION',
        '--method',
        `expecting stage or tagger, instead found "${method}"`,
      );
    const raw = method === 'tagger';
    const tagger = shippedTagger();
    const counts = newCounts();
    let done = 0;
    for (const doc of conllDocuments(sentences, window)) {
      const predicted = tagger.tagDocument(doc.map((s) => s.words));
      doc.forEach((s, k) => {
        // Typed as the stage types them (mentions.ts): a place head or a party-and-state tag is LOC.
        const tags = raw
          ? predicted[k]!
          : retypeTagIds(s.words, predicted[k]!, chunksOfTagIds(predicted[k]!));
        addSentence(
          counts,
          s.tags,
          Array.from(tags, (t) => TAGS[t]!),
        );
      });
      done += doc.length;
      args.progress?.(done, sentences.length);
    }
    return nerReport(scoreCounts(counts), [
      `data: ${path}`,
      raw
        ? "types: the tagger's own (--method tagger)"
        : 'types: as the stage gives them (place heads, party-and-state tags)',
      `documents: blocks of ${window} sentences unless -DOCSTART- marks them`,
    ]);
  },
};
