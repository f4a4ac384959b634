/**
 * `eval rouge`: our ROUGE against reference scores. Each JSONL record is
 * `{id, target, prediction, scores: {rouge1|rouge2|rougeL|rougeLsum: {precision, recall, fmeasure}}}`
 * (as ../shared/rouge-vectors/cases.jsonl, made with Google's rouge-score); the figure
 * is the largest absolute difference over every precision, recall and F.
 */
import { NewsdigestError } from '../errors.js';
import { readJsonl } from '../eval/data.js';
import type { EvalTask } from '../eval/report.js';
import { ROUGE_TYPES, type RougeScore, rougeScores } from './rouge.js';

interface RougeCase {
  id?: unknown;
  target?: unknown;
  prediction?: unknown;
  scores?: Record<string, Partial<RougeScore>>;
}

const FIELDS = ['precision', 'recall', 'fmeasure'] as const;

export const rougeTask: EvalTask = {
  name: 'rouge',
  summary: 'ROUGE-1/2/L/Lsum against reference scores (largest absolute difference)',
  defaultData: '../rouge-vectors/cases.jsonl',
  async run(args) {
    let cases = 0;
    let maxAbsDiff = 0;
    let worst = '';
    const perType = new Map<string, number>(ROUGE_TYPES.map((t) => [t, 0]));
    for await (const rec of readJsonl<RougeCase>(args.data, args.limit)) {
      const where = `${args.data}: case ${String(rec.id ?? cases + 1)}`;
      if (typeof rec.target !== 'string' || typeof rec.prediction !== 'string' || !rec.scores) {
        throw new NewsdigestError('E_BAD_RECORD', where, 'expecting target, prediction and scores');
      }
      const ours = rougeScores(rec.target, rec.prediction);
      for (const type of ROUGE_TYPES) {
        const expected = rec.scores[type];
        if (!expected) throw new NewsdigestError('E_BAD_RECORD', where, `no reference score for ${type}`);
        for (const f of FIELDS) {
          const want = expected[f];
          if (typeof want !== 'number') {
            throw new NewsdigestError('E_BAD_RECORD', where, `${type}.${f} is not a number`);
          }
          const diff = Math.abs(ours[type][f] - want);
          perType.set(type, Math.max(perType.get(type)!, diff));
          if (diff > maxAbsDiff) {
            maxAbsDiff = diff;
            worst = `${String(rec.id)} ${type}.${f}`;
          }
        }
      }
      cases++;
      args.progress?.(cases);
    }
    return {
      figures: { task: 'rouge', cases, maxAbsDiff },
      columns: ['score', 'max |ours - reference|'],
      rows: ROUGE_TYPES.map((t) => [t, perType.get(t)!.toExponential(2)]),
      notes: [`${cases} cases from ${args.data}${worst ? `; largest difference at ${worst}` : ''}`],
    };
  },
};
