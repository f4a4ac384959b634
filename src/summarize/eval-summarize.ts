/**
 * `eval summarize`: mean ROUGE F of extractive highlights against reference ones.
 * Records are `{id, article, highlights}` (highlights newline-separated), JSONL or
 * JSONL.gz; a record without `article` is read from `text`, whose first line is
 * left out when it looks like a title (see ./article-body.ts). Sentences come from
 * the text stage's splitter; the chosen ones are joined by newlines, as rouge-score's
 * ROUGE-Lsum expects.
 */
import { SCHEMA_VERSION } from '../article/schema.js';
import type { Article, Quote, Span } from '../article/types.js';
import { NewsdigestError } from '../errors.js';
import { readJsonl } from '../eval/data.js';
import { type EvalTask, round } from '../eval/report.js';
import { quotesStage } from '../quotes/index.js';
import { sentenceSpans } from '../text/sentences.js';
import { bodyOfRecord } from './article-body.js';
import { METHODS, parseMethod, summarizeSpans } from './extract.js';
import { loadSummarizer } from './model.js';
import { ROUGE_TYPES, rougeScores } from './rouge.js';

interface SummaryRecord {
  id?: unknown;
  article?: unknown;
  text?: unknown;
  highlights?: unknown;
}

/** The quotes stage's layer over a record's text and sentences (no entities: speakers stay spans). */
export async function quotesOf(text: string, sentences: readonly Span[]): Promise<Quote[]> {
  const article: Article = {
    schemaVersion: SCHEMA_VERSION,
    id: 'record',
    text,
    source: { format: 'text' },
    sentences: sentences.map((s) => ({ start: s.start, end: s.end })),
  };
  return (await quotesStage.run(article, {})).quotes ?? [];
}

export const summarizeTask: EvalTask = {
  name: 'summarize',
  summary: 'ROUGE-1/2/L/Lsum (mean F) of extractive highlights against reference highlights',
  defaultData: 'cnndm/validation.jsonl.gz',
  flags: {
    method: `${METHODS.join(' | ')} (default: model, the learned summarizer)`,
    model: 'folder of another summarizer model (default: the shipped one)',
  },
  async run(args) {
    const method = parseMethod(args.flags['method']);
    const modelDir = typeof args.flags['model'] === 'string' ? args.flags['model'] : undefined;
    const model = method === 'model' ? loadSummarizer(modelDir) : undefined;
    const sums = Object.fromEntries(ROUGE_TYPES.map((t) => [t, 0])) as Record<
      (typeof ROUGE_TYPES)[number],
      number
    >;
    let articles = 0;
    let chosenTotal = 0;
    let line = 0;
    for await (const rec of readJsonl<SummaryRecord>(args.data, args.limit)) {
      line++;
      const where = `${args.data}: record ${typeof rec.id === 'string' ? rec.id : line}`;
      const body = bodyOfRecord(rec);
      if (body === undefined || typeof rec.highlights !== 'string') {
        throw new NewsdigestError(
          'E_BAD_RECORD',
          where,
          'expecting a string article (or text) and highlights',
        );
      }
      const spans = sentenceSpans(body);
      // The model reads the quotes layer, as in digest(), where the quotes stage runs first.
      const quotes = method === 'model' ? await quotesOf(body, spans) : undefined;
      const chosen = summarizeSpans(body, spans, method, model, quotes);
      for (const item of chosen) chosenTotal += item.last - item.first + 1;
      // One line per highlight item (an item may hold a quote and its attribution).
      const prediction = chosen
        .map((item) => body.slice(spans[item.first]!.start, spans[item.last]!.end).replace(/\s*\n\s*/g, ' '))
        .join('\n');
      const scores = rougeScores(rec.highlights, prediction);
      for (const t of ROUGE_TYPES) sums[t] += scores[t].fmeasure;
      articles++;
      args.progress?.(articles);
    }
    const mean = (t: (typeof ROUGE_TYPES)[number]) => (articles ? sums[t] / articles : 0);
    const methodName = method === 'model' ? (modelDir ? `model:${modelDir}` : 'model') : method;
    return {
      figures: {
        task: 'summarize',
        articles,
        method: methodName,
        rouge1: round(mean('rouge1')),
        rouge2: round(mean('rouge2')),
        rougeL: round(mean('rougeL')),
        rougeLsum: round(mean('rougeLsum')),
      },
      columns: ['method', 'articles', 'R-1', 'R-2', 'R-L', 'R-Lsum', 'sentences/article'],
      rows: [
        [
          methodName,
          articles,
          ...ROUGE_TYPES.map((t) => Math.round(mean(t) * 10000) / 100),
          Math.round((chosenTotal / Math.max(articles, 1)) * 100) / 100,
        ],
      ],
      notes: [
        `mean F x100 over ${articles} articles of ${args.data}; ROUGE as rouge-score (Porter stemmer on)`,
      ],
    };
  },
};
