/**
 * `newsdigest eval ner --data FILE`: the shipped tagger on a CoNLL-format file,
 * scored with conlleval's entity-level exact match (span and type), overall and
 * per type.
 */
import { resolve } from 'node:path';
import { defaultDataDir } from '../eval/data.js';
import type { EvalReport, EvalTask } from '../eval/report.js';
import { round } from '../eval/report.js';
import { addSentence, conllDocuments, type NerScores, newCounts, readConll, scoreCounts } from './conll.js';
import { shippedTagger } from './tagger.js';
import { TAGS } from './tags.js';

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

export const nerTask: EvalTask = {
  name: 'ner',
  summary: 'named entities on CoNLL-format data (IOB1/IOB2): conlleval entity-level P/R/F1 per type',
  defaultData: 'conll2003/eng.testa',
  flags: { window: 'sentences per document when the file has no -DOCSTART- lines (default 40)' },
  async run(args) {
    const path = resolve(args.data || resolve(defaultDataDir(), 'conll2003/eng.testa'));
    let sentences = readConll(path);
    if (args.limit !== undefined) sentences = sentences.slice(0, args.limit);
    const window = Number(args.flags['window'] ?? 40);
    const tagger = shippedTagger();
    const counts = newCounts();
    let done = 0;
    for (const doc of conllDocuments(sentences, window)) {
      const predicted = tagger.tagDocument(doc.map((s) => s.words));
      doc.forEach((s, k) => {
        addSentence(
          counts,
          s.tags,
          Array.from(predicted[k]!, (t) => TAGS[t]!),
        );
      });
      done += doc.length;
      args.progress?.(done, sentences.length);
    }
    return nerReport(scoreCounts(counts), [
      `data: ${path}`,
      `documents: blocks of ${window} sentences unless -DOCSTART- marks them`,
    ]);
  },
};
